# kpi report applies --to fy to a count of events: the Met's homicide victims (one row per victim, year and month in two columns) counted by financial year give 111 in 2022-23 against 124 in 2021-22, -10.5%, counted by hand from the file.
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nhomicide,Homicide,victims,down,sum,,,0\n' >meta.csv
printf '{{homicide.value}} in {{homicide.period}} against {{homicide.base_value}} in {{homicide.base_period}}: {{homicide.pct_change|signed|percent}}\n' >t.md
"$KPI" report "$ROOT/datasets/met-homicide/homicide-victims.csv" --count --name homicide \
    --period-column "Recorded Year" --period-month "Recorded Month" --to fy --at 2022-23 \
    --meta meta.csv --template t.md 2>/dev/null
