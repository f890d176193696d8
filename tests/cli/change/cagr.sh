# Compound annual growth from a fixed base: 100 to 121 over two financial years is 10.0% a year.
printf 'indicator,period,value\nk,2016-17,100\nk,2017-18,110\nk,2018-19,121\n' > in.csv
"$KPI" change in.csv --vs 2016-17 --cagr
