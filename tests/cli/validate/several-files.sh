# Several files: each valid one gets its summary, an invalid one its error, and the exit code is 1 if any failed.
printf 'indicator,area,period,value\na,London,2019,1\na,London,2021,3\n' >good.csv
printf 'indicator,area,period,value\na,London,2019,one\n' >bad.csv
"$KPI" validate good.csv bad.csv
