# An unknown indicator is an error at its line and column, and no output is written.
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\ncalls,London,2019-01,30.2\n' > in.csv
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nburglary,Burglary,offences,down,sum,,,0\ncalls,101 answer time,seconds,down,mean,30,<=,1\n' > meta.csv
printf '# T\n\nValue: {{robbery.value}}\n' > t.md
"$KPI" report in.csv --meta meta.csv --template t.md -o out.md
echo "exit $?"
ls
