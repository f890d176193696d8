# --threads takes a whole number from 1 to 64.
printf 'indicator,period,value\nk,2019-01,5\n' > in.csv
"$KPI" show in.csv --threads 0
