# kpi dashboard takes --period COL for the input's period column and --at for the reporting period: at 2017 the page says so and the tile's latest is 2017's 100, not 2018's 110.
printf 'indicator,area,Year,value\nknife,London,2016,90\nknife,London,2017,100\nknife,London,2018,110\n' > in.csv
"$KPI" dashboard in.csv --period Year --at 2017 -o out.html || exit 1
grep -o 'Reporting period: 2017' out.html
grep -o 'aria-label="Sparkline of knife, 2016 to 2017: [^"]*"' out.html
