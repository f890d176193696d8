# An .xlsx report needs a table placeholder: without one it is an error, and no file is written.
printf 'indicator,area,period,value\nknife,Kent,2019-20,110\n' > in.csv
printf 'Knife crime: {{knife.value}}\n' > report.md
"$KPI" report in.csv --template report.md -o out.xlsx
echo "exit $?"
ls
