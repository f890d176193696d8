# kpi chart applies --rollup and --rolling itself, through the same pipeline as kpi change: the chart of Central West's 12-month robbery totals (a Basic Command Unit, three boroughs added up) is byte for byte the chart of the series kpi show writes with the same options, and the unmapped areas are reported.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
M="$ROOT/datasets/london/bcu-map.csv"
"$KPI" show "$L" --indicator MinorText --group MajorText --area BoroughName --rollup "$M" --rolling 12 2>/dev/null |
    grep -e '^indicator' -e '^ROBBERY OF PERSONAL PROPERTY,Central West,' >cw.csv
"$KPI" chart cw.csv --group MajorText --indicator 'ROBBERY OF PERSONAL PROPERTY' --area 'Central West' -o shown.png
"$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --rollup "$M" \
    --rolling 12 --indicator 'ROBBERY OF PERSONAL PROPERTY' --area 'Central West' -o direct.png 2>err.txt
echo "exit $?"
cmp shown.png direct.png && echo same
grep -o 'left out: .*' err.txt
