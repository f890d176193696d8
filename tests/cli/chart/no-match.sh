# A selection that matches nothing is a usage error naming it (exit 2), and no file is written.
printf 'indicator,period,value\nk,2019-01,5\n' > in.csv
"$KPI" chart in.csv --indicator nope -o out.png
echo "exit $?"
ls -A
