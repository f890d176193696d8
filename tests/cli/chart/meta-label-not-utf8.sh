# A chart label that is not UTF-8 (a Latin-1 é in the metadata) is an error at its line and column, and no chart is written.
printf 'indicator,period,value\nx,2019,1\nx,2020,2\n' > in.csv
printf 'indicator,label\nx,Caf\351\n' > meta.csv
"$KPI" chart in.csv --meta meta.csv -o a.png
echo "exit $?"
ls
