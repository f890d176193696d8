# kpi report takes --period COL for the input's period column and --at for the reporting period: burglary in Camden in 2017-18 was 50.
printf 'indicator,area,Year,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\n' > in.csv
printf '{{burglary@Camden.value}} in {{burglary@Camden.period}}\n' > t.md
"$KPI" report in.csv --period Year --template t.md --at 2017-18
