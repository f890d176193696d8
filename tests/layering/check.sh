#!/bin/sh
# The layering rule of docs/ARCHITECTURE.md, checked on the includes:
# an engine stage may include its own stage and the stages before it
# (core, model, ingest, analysis, output); plots/ sees only the engine's
# public headers; report/ sees plots/ and the engine's public headers; no
# library includes cairo or pango below plots/.  Prints each violation and
# exits 1 if there is any.
top=${1:-$(dirname "$0")/../..}
cd "$top" || exit 2
stages="core model ingest analysis output"
rank() { n=0; for s in $stages; do [ "$s" = "$1" ] && { echo $n; return; }; n=$((n + 1)); done; echo 99; }
# The stage that owns a header: a private header by its folder, a public
# header kpi/NAME.h by the folder that holds NAME.c (or NAME_*.c).
owner() {
    case $1 in
    kpi/kpi.h) echo core; return ;;  # declares kpi_init and kpi_version
    kpi/export.h | kpi/error.h) echo core; return ;;
    esac
    base=$(basename "$1" .h); base=${base%_private}
    f=$(ls engine/*/"$base".c engine/*/"$base"_*.c engine/*/"$base"_private.h 2>/dev/null | head -1)
    [ -n "$f" ] && basename "$(dirname "$f")" || echo unknown
}
bad=0
for f in engine/*/*.c engine/*/*.h; do
    stage=$(basename "$(dirname "$f")")
    [ "$stage" = include ] && continue
    r=$(rank "$stage")
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        o=$(owner "$inc")
        if [ "$o" = unknown ]; then
            echo "$f: includes \"$inc\", which no engine stage owns"; bad=1
        elif [ "$(rank "$o")" -gt "$r" ]; then
            echo "$f: $stage includes \"$inc\" from the later stage $o"; bad=1
        fi
    done
    if grep -Eq '#[[:space:]]*include[[:space:]]*<(cairo|pango)' "$f"; then
        echo "$f: the engine must not include cairo or pango"; bad=1
    fi
done
for f in plots/*.c plots/*.h plots/include/kpi/*.h cli/*.c cli/*.h; do
    [ -e "$f" ] || continue
    grep -n '#[[:space:]]*include[[:space:]]*"[a-z_]*_private\.h"' "$f" | while IFS= read -r line; do
        inc=$(echo "$line" | sed 's/.*"\(.*\)".*/\1/')
        case $f in
        plots/*) [ -e "plots/$inc" ] && continue ;;
        esac
        echo "$f: includes the private header \"$inc\" of another library"
    done | grep . && bad=1
done
exit $bad
