#!/bin/sh
# Every public function that takes a kpi_error * is called in
# tests/unit/test_contracts.c, whose cases run each call on a failing input
# once with an error record and once with err == NULL (kpi/error.h: err
# may be NULL).  Prints each public function the program never calls and
# exits 1 if there is any; with -l, lists them all, one a line.
top=${1:-$(dirname "$0")/../..}
cd "$top" || exit 2
# A declaration runs to its ';': join the lines, keep those with a
# kpi_error * parameter, and print the name before the '('.
names=$(for h in engine/include/kpi/*.h plots/include/kpi/*.h publish/include/kpi/*.h; do
    sed 's://.*$::' "$h" | tr '\n' ' ' | sed 's:/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/::g' | tr ';{}' '\n\n\n' |
        grep 'kpi_error[[:space:]]*\*[[:space:]]*err[[:space:]]*)' | grep -v typedef |
        sed -n 's/^[^(]*[^A-Za-z0-9_]\(kpi_[A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p'
done | sort -u)
if [ "$1" = -l ] || [ "$2" = -l ]; then echo "$names"; exit 0; fi
tests=tests/unit/test_contracts.c
bad=0
for n in $names; do
    # Called, or handed to a call as its callback (kpi_report_resolve).
    grep -qw "$n" "$tests" || { echo "$n: takes a kpi_error * and $tests never calls it"; bad=1; }
done
exit $bad
