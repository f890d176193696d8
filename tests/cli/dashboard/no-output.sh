# A dashboard needs -o OUT.html: a page is never written to a terminal.
printf 'indicator,area,period,value\nhomicide,London,2018-19,122\n' > in.csv
"$KPI" dashboard in.csv
