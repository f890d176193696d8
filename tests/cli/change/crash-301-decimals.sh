# The fuzzer's stack overflow (issue 10): 301 decimals and 1e308 in one series are out of kpi's range, refused at line 2, nothing written.
{ printf 'indicator,period,value\nx,2018,0.'; i=0; while [ $i -lt 300 ]; do printf 0; i=$((i + 1)); done; printf '1\nx,2019,1e308\n'; } >in.csv
"$KPI" change in.csv -o out.csv
echo "exit $?"
ls
