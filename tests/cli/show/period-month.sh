# A year column and a month column make one period, the month as a number, an abbreviation or a full name, or a quarter; a month that is none of these is an error at its own cell.
printf 'year,month,value\n2019,1,5\n2019,Feb,6\n2019,March,7\n' >months.csv
"$KPI" show months.csv --period year --period-month month --name calls
printf 'year,quarter,value\n2019,Q1,5\n2019,Q2,6\n' >quarters.csv
"$KPI" show quarters.csv --period year --period-month quarter
printf 'year,month,value\n2019,1,5\n2019,13,6\n' >bad.csv
"$KPI" show bad.csv --period year --period-month month
