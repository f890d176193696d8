# {{chart:ID:TYPE:AREA}} draws a PNG beside the output and inserts its file name.
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\ncalls,London,2019-01,30.2\n' > in.csv
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nburglary,Burglary,offences,down,sum,,,0\ncalls,101 answer time,seconds,down,mean,30,<=,1\n' > meta.csv
mkdir out
printf '![Burglary]({{chart:burglary:line:Barnet}})\n![]({{chart:all:yoy}})\n' > t.md
"$KPI" report in.csv --meta meta.csv --template t.md -o out/r.md
echo "exit $?"
cat out/r.md
ls out
head -c 4 out/burglary-line-barnet.png | tail -c 3; echo
head -c 4 out/all-yoy.png | tail -c 3; echo
