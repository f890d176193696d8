# --dayfirst and --decimal-comma are input options of every command: kpi change reads 01/04/2019 as April 2019 (the 1st of each month makes a monthly series) and 1.358,0 as 1358.0, so April against March is +123.5, 10.0% of 1234.5.
printf 'indicator;area;date;value\nburglary;Camden;01/03/2019;1.234,5\nburglary;Camden;01/04/2019;1.358,0\n' >eu.csv
"$KPI" change eu.csv --dayfirst --decimal-comma --vs prev --latest
