# A pandas export's 0.30000000000000004 (issue 10's assertion abort) is rounded to 15 significant digits, as spreadsheets do, and counts with its one decimal: the series is not padded to 17.
printf 'indicator,period,value\nx,2018,0.30000000000000004\nx,2019,1\nx,2020,123.57452728304442\n' >in.csv
"$KPI" show in.csv
"$KPI" change in.csv
