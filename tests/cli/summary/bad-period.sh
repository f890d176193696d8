# An --at that is no period is a usage error naming it.
printf 'indicator,period,value\na,2019,1\n' >in.csv
printf 'indicator\na\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --at 2019-13
