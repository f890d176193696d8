#!/bin/sh
# The Python module as cmake --install leaves it: installed into a temporary
# prefix, imported from there with no help from the environment (it finds
# libkpi.so.0 by its rpath), it computes the Met homicide change.
# Usage: installed.sh PYTHON SOURCE_DIR BUILD_DIR PYTHON_DIR (relative to the prefix)
set -eu
python=$1 src=$2 build=$3 pydir=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
ls "$work/prefix/$pydir/kpi/__init__.py" "$work/prefix/$pydir"/kpi/_native.*.so >/dev/null
cd "$work"
env -u LD_LIBRARY_PATH PYTHONPATH="$work/prefix/$pydir" "$python" -c '
import sys, kpi
assert kpi.__file__.startswith(sys.argv[2]), kpi.__file__
r = kpi.change(sys.argv[1], latest=True)
h = [x for x in r if x["indicator"] == "homicide"][0]
print("homicide", h["period"], h["value"], h["base_value"], h["pct_change"])
' "$src/datasets/met-business-plan/figures.csv" "$work/prefix" >out.txt
echo "homicide 2018-19 122 163 -25.2" | cmp - out.txt
