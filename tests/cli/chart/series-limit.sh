# The help's limit of 8 lines is the real one: 8 series draw, a 9th is refused with the same number.
"$KPI" chart --help | grep -c 'one line per series (up to 8)'
for i in 1 2 3 4 5 6 7 8 9; do printf 's%d,2019,1\ns%d,2020,2\n' $i $i; done > rows
{ printf 'indicator,period,value\n'; head -n 16 rows; } > eight.csv
{ printf 'indicator,period,value\n'; cat rows; } > nine.csv
"$KPI" chart eight.csv -o eight.png
echo "exit $?"
"$KPI" chart nine.csv -o nine.png
echo "exit $?"
