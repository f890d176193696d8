# A folder given as --template is named as a folder, not as a template too large to read.
printf 'indicator,period,value\nx,2019,1\nx,2020,2\n' > in.csv
mkdir tdir
"$KPI" report in.csv --template tdir -o out.md
echo "exit $?"
ls
