# A rolling window with a missing month is left out, never summed as if whole, and reported.
printf 'indicator,period,value\nk,2019-01,1\nk,2019-02,2\nk,2019-03,NA\nk,2019-04,4\nk,2019-05,5\nk,2019-06,6\n' > in.csv
"$KPI" change in.csv --rolling 2 --vs prev
