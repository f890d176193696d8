# --meta is required: a usage error, exit 2, nothing on stdout.
printf 'indicator,period,value\na,2019,1\n' >in.csv
"$KPI" summary in.csv
