#!/bin/sh
# Formatting: every C file the repository tracks is as clang-format
# formats it with the committed .clang-format.  Prints each file that
# differs (and how, with -v) and exits 1 if there is any; exits 77 (a
# skip for ctest) when clang-format is not installed.
#   sh tests/format/check.sh [-v] [TOP]
verbose=
[ "$1" = -v ] && { verbose=1; shift; }
top=${1:-$(dirname "$0")/../..}
cd "$top" || exit 2
command -v clang-format >/dev/null 2>&1 || { echo "clang-format is not installed"; exit 77; }
bad=0
for f in $(git ls-files '*.c' '*.h'); do
    if ! clang-format --style=file "$f" | cmp -s "$f" -; then
        echo "$f: not formatted (clang-format -i $f)"
        [ -n "$verbose" ] && clang-format --style=file "$f" | diff -u "$f" - | head -40
        bad=1
    fi
done
exit $bad
