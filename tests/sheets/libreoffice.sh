#!/bin/sh
# Workbooks against a real spreadsheet program, LibreOffice (headless):
#  1. tables kpi writes as .xlsx open in LibreOffice (no repair: the
#     conversion succeeds) and hold the figures of kpi's CSV output, cell
#     for cell, numbers compared as numbers;
#     The metadata sheet kpi adds (label, unit, frequency, better,
#     aggregation, target, target_op, decimals) reads in LibreOffice as
#     written, the target as a number;
#  2. kpi's own inputs (bundled real data, metadata and a milestone
#     register) converted by LibreOffice to .xlsx and .ods read through kpi
#     to the same series and tables as the CSV files.
# usage: libreoffice.sh KPI ROOT.  Exits 77 (skipped) without soffice.
set -eu
KPI=$1
ROOT=$2
command -v soffice >/dev/null 2>&1 || exit 77
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
# LibreOffice keeps its profile under HOME: a fresh one, so that no user
# setting changes what it writes.
export HOME="$dir"
london="$ROOT/datasets/london"
knife="--indicator measure --area area_name --period month_year --value count --group crime_subtype"
offences="--area Borough --period Year --value Value --name offences"

# 1. kpi writes; LibreOffice reads.
printf 'indicator,area,period,value\nk,London,2016-17,100\nk,London,2017-18,110.5\nk,London,2018-19,121\nr,Kent,2017-18,9.6%%\nr,Kent,2018-19,10.25%%\n' > in.csv
"$KPI" show in.csv -o show.xlsx
"$KPI" show in.csv > show.csv
"$KPI" change in.csv -o change.xlsx
"$KPI" change in.csv > change.csv
"$KPI" trend "$london/recorded-offences.csv" $offences -o trend.xlsx
"$KPI" trend "$london/recorded-offences.csv" $offences > trend.csv
met="$ROOT/datasets/met-business-plan"
"$KPI" summary "$met/figures.csv" --meta "$met/meta.csv" --format xlsx -o summary.xlsx
"$KPI" summary "$met/figures.csv" --meta "$met/meta.csv" --format csv > summary.csv
# A report's .xlsx output: its one {{table:summary}} is the summary's table.
printf '# Report\n{{table:summary}}\n' > report.md
"$KPI" report "$met/figures.csv" --meta "$met/meta.csv" --template report.md -o report.xlsx
cp summary.csv report.csv
"$KPI" milestones "$ROOT/datasets/met-business-plan/milestones.csv" --table register -o register.xlsx
"$KPI" milestones "$ROOT/datasets/met-business-plan/milestones.csv" --table register --format csv > register.csv
mkdir lo
# CSV filter tokens: comma, double quote, UTF-8, from line 1, default
# cell formats, US English, quoted text as text, detect special numbers,
# cell contents as stored rather than as shown.
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false' \
    --outdir lo show.xlsx change.xlsx trend.xlsx summary.xlsx register.xlsx report.xlsx >lo.log 2>&1 || { cat lo.log; exit 1; }
python3 - show change trend summary register report <<'PY'
import csv, sys

def number(s):
    s = s.strip()
    pct = s.endswith('%')
    try:
        return float(s[:-1] if pct else s), pct
    except ValueError:
        return None, pct

bad = 0
for name in sys.argv[1:]:
    want = list(csv.reader(open(name + '.csv', encoding='utf-8')))
    got = list(csv.reader(open('lo/' + name + '.csv', encoding='utf-8')))
    if len(want) != len(got):
        print(f'{name}: {len(want)} rows from kpi, {len(got)} through LibreOffice')
        bad += 1
        continue
    for r, (a, b) in enumerate(zip(want, got), 1):
        a += [''] * (len(b) - len(a))
        b += [''] * (len(a) - len(b))
        for c, (x, y) in enumerate(zip(a, b), 1):
            if x == y:
                continue
            nx, _ = number(x)
            ny, _ = number(y)
            if nx is not None and ny is not None and abs(nx - ny) <= 1e-9 * max(1, abs(nx)):
                continue
            print(f'{name}: row {r}, column {c}: kpi wrote {x!r}, LibreOffice read {y!r}')
            bad += 1
sys.exit(1 if bad else 0)
PY

# The second sheet (token 12 of the filter: the sheet's number), which
# LibreOffice writes to a file named after the sheet.
printf 'indicator,label,unit,better,target,target_op,decimals\nk,"Knife crime, all offences",offences,down,125.5,<=,1\n' > meta.csv
"$KPI" show in.csv --meta meta.csv -o described.xlsx
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,2' \
    --outdir lo described.xlsx >lo.log 2>&1 || { cat lo.log; exit 1; }
printf 'indicator,label,unit,frequency,better,aggregation,target,target_op,decimals\nk,"Knife crime, all offences",offences,fy,down,sum,125.5,<=,1\nr,,%%,fy,,,,,\n' > want-meta.csv
# (Whether the last line ends in a newline is LibreOffice's choice.)
[ "$(cat lo/described-metadata.csv)" = "$(cat want-meta.csv)" ] || {
    diff want-meta.csv lo/described-metadata.csv
    exit 1
}

# 2. LibreOffice writes; kpi reads.
cp "$london/knife-crime-westminster.csv" knife.csv
cp "$london/recorded-offences.csv" offences.csv
cp "$met/meta.csv" met-meta.csv
cp "$met/milestones.csv" milestones.csv
side="met-meta.csv milestones.csv"
soffice --headless --convert-to xlsx --outdir lo knife.csv offences.csv in.csv $side >lo.log 2>&1 || { cat lo.log; exit 1; }
soffice --headless --convert-to ods --outdir lo knife.csv offences.csv in.csv $side >lo.log 2>&1 || { cat lo.log; exit 1; }
for ext in xlsx ods; do
    "$KPI" change knife.csv $knife > want.csv
    "$KPI" change "lo/knife.$ext" $knife > got.csv
    cmp want.csv got.csv
    "$KPI" change offences.csv $offences > want.csv
    "$KPI" change "lo/offences.$ext" $offences > got.csv
    cmp want.csv got.csv
    "$KPI" show in.csv > want.csv
    "$KPI" show "lo/in.$ext" > got.csv
    cmp want.csv got.csv
    "$KPI" summary "$met/figures.csv" --meta met-meta.csv --format csv > want.csv
    "$KPI" summary "$met/figures.csv" --meta "lo/met-meta.$ext" --format csv > got.csv
    cmp want.csv got.csv
    "$KPI" milestones milestones.csv --format csv > want.csv
    "$KPI" milestones "lo/milestones.$ext" --format csv > got.csv
    cmp want.csv got.csv
done
