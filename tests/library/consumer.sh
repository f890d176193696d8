#!/bin/sh
# A program outside the tree builds against an installed kpi, once through
# pkg-config and once through the CMake package, and runs: the example in
# docs/examples reads the Met figures, prints year-on-year changes and draws
# a chart.  Usage: consumer.sh SOURCE_DIR BUILD_DIR [CFLAGS]; CFLAGS carries
# the sanitizers of a sanitized build, whose libraries need their runtime.
set -eu
src=$1 build=$2 sanitize=${3:-}
flags="-std=c11 -Wall -Wextra -Wpedantic -Werror $sanitize"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(cd "$work/prefix" && ls -d lib lib/*-linux-gnu 2>/dev/null | while read -r d; do
    [ -e "$d/pkgconfig/kpi.pc" ] && echo "$d"; done)
[ -n "$libdir" ] || { echo "no kpi.pc installed"; exit 1; }
ls "$work/prefix/$libdir"/libkpi.so.0 "$work/prefix/$libdir"/libkpi.a \
   "$work/prefix/$libdir"/libkpi_plots.so.0 "$work/prefix/$libdir"/libkpi_plots.a >/dev/null
ls "$work/prefix/share/man/man1/kpi.1" >/dev/null

data=$src/datasets/met-business-plan/figures.csv
expect='homicide 2018-19: 122 against 163 in 2017-18, -25.2%'

# pkg-config, shared libraries.
export PKG_CONFIG_PATH=$work/prefix/$libdir/pkgconfig
cc $flags "$src/docs/examples/yoy_chart.c" $(pkg-config --cflags --libs kpi-plots) -o "$work/pc"
LD_LIBRARY_PATH=$work/prefix/$libdir "$work/pc" "$data" knife_crime "$work/pc.png" >"$work/pc.out"
grep -qxF "$expect" "$work/pc.out" || { echo "pkg-config build: no line '$expect'"; cat "$work/pc.out"; exit 1; }
[ "$(head -c 8 "$work/pc.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]

# CMake package.
cmake -S "$src/docs/examples" -B "$work/cm" -DCMAKE_PREFIX_PATH="$work/prefix" \
    -DCMAKE_C_FLAGS="$flags" >/dev/null
cmake --build "$work/cm" >/dev/null
LD_LIBRARY_PATH=$work/prefix/$libdir "$work/cm/yoy_chart" "$data" knife_crime "$work/cm.png" >"$work/cm.out"
cmp "$work/pc.out" "$work/cm.out"
cmp "$work/pc.png" "$work/cm.png"
echo "consumer: pkg-config and CMake builds agree ($(wc -l <"$work/pc.out") changes)"
