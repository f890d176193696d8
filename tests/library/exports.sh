#!/bin/sh
# The shared libraries export exactly the functions their public headers
# mark KPI_API: nothing internal leaks, and nothing declared is missing.
# libkpi also exports the allocator and thread helper that core's private
# headers mark KPI_API, because libkpi_plots and libkpi_publish share them,
# and libkpi_plots the surface writer it shares with libkpi_publish.
# Usage: exports.sh SOURCE_DIR BUILD_DIR
src=$1 build=$2
status=0
check() { # library, header folder, more headers
    # __bss_start, _edata and _end are the linker's, not kpi's: ld exports
    # them too when a library linked against exports them (libxlsxwriter).
    nm -D --defined-only "$1" | awk '$2 ~ /^[TDBR]$/ && $3 !~ /^(__bss_start|_edata|_end)$/ {print $3}' |
        sort >exported.$$
    sed -n 's/.*KPI_API[^(]*[^a-z_0-9]\(kpi_[a-z_0-9]*\)[[:space:]]*(.*/\1/p' "$2"/kpi/*.h $3 | sort -u >declared.$$
    if ! cmp -s exported.$$ declared.$$; then
        echo "$1: exported symbols differ from the KPI_API declarations in $2 (< exported only, > declared only):"
        diff exported.$$ declared.$$ | grep '^[<>]'
        status=1
    elif [ ! -s exported.$$ ]; then
        echo "$1: exports nothing"; status=1
    fi
    rm -f exported.$$ declared.$$
}
check "$build/engine/libkpi.so" "$src/engine/include" "$src/engine/core/*_private.h"
check "$build/plots/libkpi_plots.so" "$src/plots/include" "$src/plots/surface_private.h"
check "$build/publish/libkpi_publish.so" "$src/publish/include"
for lib in kpi plots/kpi_plots publish/kpi_publish; do
    so=$build/$(dirname "$lib")/lib$(basename "$lib").so
    [ "$(dirname "$lib")" = . ] && so=$build/engine/libkpi.so
    soname=$(objdump -p "$so" | awk '$1 == "SONAME" {print $2}')
    case $soname in
    lib*.so.0) ;;
    *) echo "$so: soname '$soname', expected lib<name>.so.0"; status=1 ;;
    esac
done
exit $status
