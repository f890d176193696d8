# show needs at least one FILE, a known --format, and each single-valued option once; anything else is a usage error (exit 2).
printf 'indicator,area,period,value\na,X,2019,1\n' >in.csv
"$KPI" show; echo "exit $?"
"$KPI" show --format xml in.csv; echo "exit $?"
"$KPI" show in.csv --format; echo "exit $?"
"$KPI" show in.csv --format csv --format=json; echo "exit $?"
