# --format json of a file with a header and no rows is an empty array.
printf 'indicator,area,period,value\n' >in.csv
"$KPI" show --format json in.csv
