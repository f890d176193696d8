# show takes exactly one FILE and a known --format; anything else is a usage error (exit 2).
printf 'indicator,area,period,value\na,X,2019,1\n' >in.csv
"$KPI" show in.csv in.csv; echo "exit $?"
"$KPI" show --format xml in.csv; echo "exit $?"
"$KPI" show in.csv --format; echo "exit $?"
