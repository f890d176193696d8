# A byte that is not UTF-8 (Latin-1 "São" in a quoted two-line area name) is refused at its own line and column, with a pointer to --encoding, and nothing reaches the JSON output.
printf 'indicator,area,period,value\nk,"North\nS\343o Paulo",2019-01,1\n' >latin1.csv
"$KPI" show latin1.csv --format json
