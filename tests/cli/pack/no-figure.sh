# A period no series has a figure for is bad input, exit 1 (not a usage error), and leaves no PDF behind.
printf 'indicator,area,period,value\nknife,London,2017,100\nknife,London,2018,110\n' > in.csv
"$KPI" pack in.csv --at 2030 -o out.pdf
echo "exit $?"
ls
