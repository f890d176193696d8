# A bad value is an error at its line and column, and no page (nor a temporary file) is left behind.
printf 'indicator,area,period,value\nknife,London,2017,100\nknife,London,2018,1x0\n' > in.csv
"$KPI" dashboard in.csv -o out.html
echo "exit $?"
ls
