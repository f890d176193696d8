#!/bin/sh
# Rebuild the seed corpus in tests/fuzz/corpus/ from the bundled datasets
# and from the inputs the CLI cases write: each case runs with a KPI that
# does nothing, so only its printf'd files remain.  Reader seeds start
# with the two option bytes fuzz_reader.c reads (0x00 0x03: detected
# layout, periods as written, April financial years, strict) and the
# byte that picks the output, each seed the next of the five.
#
#   sh tests/fuzz/make-corpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/corpus"
# Only what this script makes is replaced: a seed written by hand (a
# fuzzing find, such as audit/verdict-before-value) has a name of its own
# and stays.
mkdir -p "$out"
find "$out" -regextype posix-extended -type f -regex '.*/([0-9a-f]{16}|[pv][0-9]+)' -delete
mkdir -p "$out/reader" "$out/value" "$out/period" "$out/template" "$out/sheet" "$out/audit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# seed DIR FILE: copy FILE into DIR under the name of its content's hash,
# so that repeated inputs are kept once.
seed() {
    name=$(sha1sum "$2" | cut -c1-16)
    cp "$2" "$1/$name"
}
picks=0
reader_seed() {
    { printf '\000\003\%03o' $((picks % 5)); cat "$1"; } >"$work/r"
    picks=$((picks + 1))
    seed "$out/reader" "$work/r"
}

for f in "$root"/datasets/*/*.csv; do
    head -n 60 "$f" >"$work/head.csv"
    reader_seed "$work/head.csv"
done
seed "$out/template" "$root/datasets/met-business-plan/report-template.md"

for case in "$root"/tests/cli/*/*.sh; do
    rm -rf "$work/case"
    mkdir "$work/case"
    (cd "$work/case" && KPI=true ROOT="$root" timeout 10 sh "$case" </dev/null >/dev/null 2>&1) || true
    for f in "$work"/case/*.csv; do
        [ -f "$f" ] && [ "$(wc -c <"$f")" -le 4096 ] && reader_seed "$f"
    done
    for f in "$work"/case/*.md "$work"/case/*.tex "$work"/case/*.html; do
        [ -f "$f" ] && seed "$out/template" "$f"
    done
done

# Sheets: the XML of every workbook fixture's sheets (LibreOffice's .xlsx
# and .ods), behind fuzz_sheet.c's option byte (bit 0: 0 .xlsx, 1 .ods).
for f in "$root"/tests/data/sheets/*.xlsx "$root"/tests/data/sheets/*.ods; do
    python3 - "$f" "$work/s" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ods = sys.argv[1].endswith('.ods')
part = 'content.xml' if ods else 'xl/worksheets/sheet1.xml'
open(sys.argv[2], 'wb').write(bytes([1 if ods else 0]) + z.read(part))
PY
    seed "$out/sheet" "$work/s"
done

# Audits: the shipped reports cut at blank lines into pieces of at most
# 4,000 bytes, and every report the CLI cases write, behind fuzz_audit.c's
# option byte (0x03: checked against its data, with a reporting period).
for f in "$root"/datasets/met-business-plan/*.txt; do
    python3 - "$f" "$work/a" <<'PY'
import sys
text = open(sys.argv[1], 'rb').read()
pieces, cur = [], b''
for para in text.split(b'\n\n'):
    if cur and len(cur) + len(para) + 2 > 4000:
        pieces.append(cur)
        cur = b''
    cur = cur + b'\n\n' + para if cur else para
pieces.append(cur)
for i, p in enumerate(pieces):
    open('%s.%d' % (sys.argv[2], i), 'wb').write(b'\x03' + p[:4000])
PY
    for p in "$work"/a.*; do
        seed "$out/audit" "$p"
        rm "$p"
    done
done
for case in "$root"/tests/cli/audit/*.sh; do
    rm -rf "$work/case"
    mkdir "$work/case"
    (cd "$work/case" && KPI=true ROOT="$root" timeout 10 sh "$case" </dev/null >/dev/null 2>&1) || true
    for f in "$work"/case/*.txt "$work"/case/*.md "$work"/case/*.html; do
        [ -f "$f" ] && [ "$(wc -c <"$f")" -le 4000 ] && { printf '\003'; cat "$f"; } >"$work/a" &&
            seed "$out/audit" "$work/a"
    done
done

# Values and periods: every notation the README lists, the range's edges
# and one step beyond them.
n=0
for v in 14766 '14,766' '-25.2' '+3' '9.6%' '£101' '$5' '€3.50' '1,234.50' NA 'N/A' '..' '-' ':' '*' \
    '0.4297E-03' '999999999999999' '-999,999,999,999,999' '0.000000000000001' '1e15' '1e-16' \
    '0.30000000000000004' '123.57452728304442' '99999999999999.99' '1.7e308' ' 12 '; do
    printf '%s' "$v" >"$out/value/v$n"
    n=$((n + 1))
done
n=0
for p in 2019-03-31 '2016-05-31T23:01:00+00:00' 2019-03 201903 'Mar 2019' 'March 2019' '03/2019' \
    Mar-19 2019Q1 '2019 Q1' 'Q1 2019' 2018-19 2018/19 FY2018-19 'FY 2018/19' fy18-19 \
    '2018-19 Q4' 'Q4 2018-19' 2019 2011-12 2019-13 2019-02-29 2020-02-29; do
    printf '\000%s' "$p" >"$out/period/p$n"
    n=$((n + 1))
done
echo "corpus: $(ls "$out/reader" | wc -l) reader, $(ls "$out/template" | wc -l) template," \
    "$(ls "$out/value" | wc -l) value, $(ls "$out/period" | wc -l) period," \
    "$(ls "$out/sheet" | wc -l) sheet, $(ls "$out/audit" | wc -l) audit seeds"
