# --format that disagrees with -o's extension is a usage error and writes nothing; one that agrees (in any case) is fine.
printf 'indicator,period,value\nx,2019,1\nx,2020,2\n' > in.csv
"$KPI" chart in.csv --format svg -o y.png
echo "exit $?"
"$KPI" chart in.csv --format svg -o y.SVG
echo "exit $?"
head -c 5 y.SVG; echo
ls
