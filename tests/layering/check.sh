#!/bin/sh
# The layering rule of docs/ARCHITECTURE.md, checked on the includes:
# an engine stage may include its own stage and the stages before it
# (core, model, ingest, analysis, output); plots/ sees the engine's public
# headers and core's two shared private headers (alloc_private.h,
# parallel_private.h); publish/ sees those, plots/' public headers and
# plots' one shared private header (surface_private.h); the
# cli sees public headers only; the engine never includes cairo or pango.  Prints each violation and exits 1 if there is any.
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
# A public header sits in engine/include/kpi/ but belongs to the stage of
# its module, so it is held to that stage's rule like the module's sources.
for f in engine/*/*.c engine/*/*.h engine/include/kpi/*.h; do
    stage=$(basename "$(dirname "$f")")
    case $f in
    engine/include/kpi/kpi.h) continue ;; # the umbrella: includes every stage's header
    engine/include/kpi/*) stage=$(owner "kpi/$(basename "$f")") ;;
    esac
    [ "$stage" = unknown ] && { echo "$f: a public header that no engine stage owns"; bad=1; continue; }
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
# The public headers each library may include, by folder.
public() { for d in "$@"; do ls "$d"/include/kpi/ 2>/dev/null; done; }
engine_public=$(public engine)
plots_public=$(public plots)
publish_public=$(public publish)
shared_private="alloc_private.h parallel_private.h"
plots_shared_private="surface_private.h" # shared with publish/
allowed() { # allowed LIBRARY HEADER
    inc=$2
    case $inc in
    kpi/*) name=${inc#kpi/}
        echo "$engine_public" | grep -qx "$name" && return 0
        case $1 in
        plots) echo "$plots_public" | grep -qx "$name" ;;
        publish | cli) echo "$plots_public $publish_public" | tr ' ' '\n' | grep -qx "$name" ;;
        *) return 1 ;;
        esac
        return ;;
    *_private.h)
        [ "$1" = cli ] && return 1
        [ -e "$1/$inc" ] && return 0
        case " $shared_private " in *" $inc "*) return 0 ;; esac
        [ "$1" = publish ] && case " $plots_shared_private " in *" $inc "*) return 0 ;; esac
        return 1 ;;
    esac
    # Any other header must sit beside the source (the cli's "cli.h").
    [ -e "$1/$inc" ]
}
for lib in plots publish cli; do
    for f in $lib/*.c $lib/*.h $lib/include/kpi/*.h; do
        [ -e "$f" ] || continue
        for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
            allowed "$lib" "$inc" && continue
            echo "$f: $lib may not include \"$inc\""; bad=1
        done
    done
done
exit $bad
