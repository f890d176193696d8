# An unknown chart type is a usage error.
printf 'indicator,period,value\nk,2019-01,5\n' > in.csv
"$KPI" chart in.csv --type pie -o out.png
