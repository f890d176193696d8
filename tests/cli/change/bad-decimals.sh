# --decimals outside 0-6 is a usage error.
printf 'indicator,area,period,value\na,X,2018,4\n' >in.csv
"$KPI" change --decimals 7 in.csv
