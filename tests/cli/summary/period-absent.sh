# A period no series holds: a warning and an empty table, exit 0.
printf 'indicator,period,value\na,2018,1\na,2019,2\n' >in.csv
printf 'indicator\na\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --at 2030 --format csv
