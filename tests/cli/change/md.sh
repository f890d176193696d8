# --format md: a pipe table with the number columns right-aligned.
printf 'indicator,area,period,value\na,X,2018,4\na,X,2019,5\n' >in.csv
"$KPI" change --format md in.csv
