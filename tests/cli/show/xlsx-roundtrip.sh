# A table written as .xlsx reads back through kpi to the same figures: numbers, a percentage, a missing value.
set -e
printf 'indicator,area,period,value\nk,London,2016-17,100\nk,London,2017-18,110.5\nk,London,2018-19,\nr,Kent,2018-19,9.6%%\n' > in.csv
"$KPI" show in.csv --format xlsx -o out.xlsx
"$KPI" show in.csv > want.csv
"$KPI" show out.xlsx > got.csv
cmp want.csv got.csv
