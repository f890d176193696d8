# A UTF-8 byte-order mark before the header is skipped: the first column is still found and the output has no BOM.
printf '\357\273\277indicator,area,period,value\nburglary,Hackney,2019-01,120\n' >in.csv
"$KPI" show in.csv
