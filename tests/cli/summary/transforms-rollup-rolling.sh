# kpi summary applies --rollup and --rolling as kpi change does: Central West (Westminster, Kensington and Chelsea, Hammersmith and Fulham) had 3,794 robberies in the 12 months to November 2025 against 4,481, -15.3%, good where lower is better, a significant decrease (z = 687 / sqrt(8,275) = 7.6).
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nROBBERY OF PERSONAL PROPERTY,Robbery,offences,down,sum,,,0\n' >meta.csv
"$KPI" summary "$L" --indicator MinorText --group MajorText --area BoroughName --meta meta.csv \
    --rollup "$ROOT/datasets/london/bcu-map.csv" --rolling 12 --format csv 2>err.txt |
    grep '^ROBBERY OF PERSONAL PROPERTY,Central West,' | cut -d, -f1-12,20
grep -o 'left out: .*' err.txt
