# kpi report applies --rollup and --rolling: on a long extract of robbery by borough, Central West (a Basic Command Unit of three boroughs) had 3,794 robberies in the 12 months to November 2025 against 4,481 (-15.3%), as kpi change gives, and the unmapped areas are reported.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
"$KPI" show "$L" --indicator MinorText --area BoroughName 2>/dev/null |
    grep -e '^indicator' -e '^ROBBERY OF PERSONAL PROPERTY,' | sed 's/^ROBBERY OF PERSONAL PROPERTY,/robbery,/' >long.csv
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nrobbery,Robbery,offences,down,sum,,,0\n' >meta.csv
printf '{{robbery@Central West.value|thousands}} in the {{robbery@Central West.period}} window against {{robbery@Central West.base_value|thousands}}: {{robbery@Central West.pct_change|signed|percent}}\n' >t.md
"$KPI" report long.csv --meta meta.csv --template t.md --rollup "$ROOT/datasets/london/bcu-map.csv" --rolling 12 2>err.txt
grep -o 'left out: .*' err.txt
