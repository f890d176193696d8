#!/bin/sh
# Writes kpi(1) and kpi-COMMAND(1) for every command that 'kpi --help'
# lists, with help2man from each one's --help, so that the pages always say
# what the program says.  Usage: generate.sh KPI OUTDIR VERSION
set -eu
kpi=$1 out=$2 version=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
commands=$("$kpi" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "generate.sh: '$kpi --help' lists no commands" >&2; exit 1; }
see_also=$(for c in $commands; do printf '.BR kpi-%s (1),\n' "$c"; done | sed '$ s/,$//')
printf '[SEE ALSO]\n%s\n' "$see_also" >"$work/see-also.h2m"
help2man --no-info --version-string="$version" --include="$here/kpi.h2m" \
    --include="$work/see-also.h2m" --name="time-series KPI analytics for performance reports" \
    "$kpi" >"$work/kpi.1"
mv "$work/kpi.1" "$out/kpi.1"
for c in $commands; do
    # help2man runs a program: kpi-COMMAND stands for 'kpi COMMAND'.
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$kpi" "$c" >"$work/kpi-$c"
    chmod +x "$work/kpi-$c"
    name=$("$kpi" --help | sed -n "s/^  $c  *//p")
    printf '[SEE ALSO]\n.BR kpi (1)\n' >"$work/parent.h2m"
    help2man --no-info --version-string="$version" --include="$work/parent.h2m" \
        --name="$name" "$work/kpi-$c" >"$work/kpi-$c.1"
    mv "$work/kpi-$c.1" "$out/kpi-$c.1"
done
