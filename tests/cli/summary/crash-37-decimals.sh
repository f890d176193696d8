# The fuzzer's stack overflow in sentences (issue 10): 37 decimals and -1e308 are refused where they stand; in range, the same shapes print.
printf 'indicator\nx\n' >meta.csv
printf 'indicator,period,value\nx,2018,0.0000000000000000000000000000000000001\nx,2019,-1e308\n' >in.csv
"$KPI" summary in.csv --meta meta.csv --sentences
echo "exit $?"
printf 'indicator,period,value\nx,2019,-1e15\n' >in.csv
"$KPI" summary in.csv --meta meta.csv --sentences
echo "exit $?"
