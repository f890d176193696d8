# --at picks the reporting period; a series without it is an error at its placeholder.
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\ncalls,London,2019-01,30.2\n' > in.csv
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nburglary,Burglary,offences,down,sum,,,0\ncalls,101 answer time,seconds,down,mean,30,<=,1\n' > meta.csv
printf '{{burglary@Camden.value}} in {{burglary@Camden.period}}\n' > t.md
"$KPI" report in.csv --meta meta.csv --template t.md --at 2017-18
printf '{{calls.value}}\n' > t2.md
"$KPI" report in.csv --meta meta.csv --template t2.md --at 2017-18
echo "exit $?"
