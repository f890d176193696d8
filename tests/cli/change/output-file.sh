# change -o writes the file whole, with nothing on stdout.
set -e
printf 'indicator,area,period,value\na,X,2018,4\na,X,2019,5\n' >in.csv
"$KPI" change in.csv -o out.csv
printf '%s\n' \
    'indicator,area,period,value,base_period,base_value,change,pct_change,direction,prev_pct_change' \
    'a,X,2018,4,2017,,,,,' \
    'a,X,2019,5,2018,4,1,25.0,increase,' >expected.csv
cmp expected.csv out.csv
