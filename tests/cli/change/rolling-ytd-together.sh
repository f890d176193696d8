# --rolling and --ytd together are refused with a clear message.
printf 'indicator,period,value\nk,2019-01,1\n' > in.csv
"$KPI" change in.csv --rolling 12 --ytd
