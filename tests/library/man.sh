#!/bin/sh
# Every command that 'kpi --help' lists has a man page, kpi-COMMAND(1), and
# every option its --help names appears in that page.
# Usage: man.sh KPI MANDIR
kpi=$1 dir=$2
status=0
[ -s "$dir/kpi.1" ] || { echo "no kpi.1 in $dir"; exit 1; }
commands=$("$kpi" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "kpi --help lists no commands"; exit 1; }
for c in $commands; do
    page=$dir/kpi-$c.1
    if [ ! -s "$page" ]; then
        echo "kpi $c: no man page $page"; status=1; continue
    fi
    # roff escapes '-' as '\-'.
    text=$(sed 's/\\-/-/g' "$page")
    for opt in $("$kpi" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        case $text in
        *"$opt"*) ;;
        *) echo "kpi $c: $opt is in --help but not in $page"; status=1 ;;
        esac
    done
done
exit $status
