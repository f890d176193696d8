# An unknown or repeated statistic in --stats is a usage error.
printf 'indicator,period,value\nk,2019,10\n' > in.csv
"$KPI" trend --stats ols,median in.csv
