# --all charts only the series --indicator and --area select (issue 10: it drew every series), and a selection of nothing is a usage error with no file written.
printf 'indicator,area,period,value\nk,Barnet,2019,1\nk,Barnet,2020,2\nk,Camden,2019,3\nk,Camden,2020,4\nr,Barnet,2019,5\nr,Barnet,2020,6\n' >in.csv
mkdir a b c
"$KPI" chart in.csv --all a --indicator k --format svg && ls a
"$KPI" chart in.csv --all b --area Barnet --format svg && ls b
"$KPI" chart in.csv --all c --indicator nosuch --format svg
echo "exit $?"
ls c
