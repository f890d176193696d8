# The fuzzer's NUL byte (issue 10) merged series x\0a and x\0b into x; a NUL or another control character is an error at its line and column.
printf 'indicator,period,value\nx\000a,2019,1\nx\000b,2019,2\n' >in.csv
"$KPI" show in.csv
echo "exit $?"
printf 'indicator,period,value\n"x\nab\033",2019,1\n' >in.csv
"$KPI" show in.csv
echo "exit $?"
