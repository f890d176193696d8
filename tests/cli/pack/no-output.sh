# A pack needs -o OUT.pdf: a PDF is never written to a terminal.
printf 'indicator,area,period,value\nhomicide,London,2018-19,122\n' > in.csv
"$KPI" pack in.csv
