# --all writes one chart per series into the folder, named from indicator and area, and nothing else.
printf 'indicator,area,period,value\nKnife crime,Barnet,2019-01,5\nKnife crime,Barnet,2019-02,7\nKnife crime,Barnet,2019-03,6\nKnife crime,Camden & Islington,2019-01,9\nKnife crime,Camden & Islington,2019-02,8\nKnife crime,Camden & Islington,2019-03,10\n' > in.csv
mkdir charts
"$KPI" chart in.csv --all charts --format svg
echo "exit $?"
ls charts
