# --dpi outside 10-2400 is a usage error naming the option, not an error placed at the input file.
printf 'indicator,period,value\nx,2019,1\nx,2020,2\n' > in.csv
"$KPI" chart in.csv --dpi 1 -o a.png
echo "exit $?"
"$KPI" chart in.csv --dpi 2401 -o a.png
echo "exit $?"
"$KPI" chart in.csv --dpi 10 --width 200 --height 100 -o a.png
echo "exit $?"
ls
