# Exactly one of -o and --all is needed.
printf 'indicator,period,value\nk,2019-01,5\n' > in.csv
"$KPI" chart in.csv
