# A workbook kpi writes carries the --meta labels and units on a second sheet, "metadata", which kpi reads back as a --meta file: the summary's labels come from it.
set -e
printf 'indicator,area,period,value\nknife,Kent,2018-19,100\nknife,Kent,2019-20,110\nsolved,Kent,2019-20,9.6%%\n' > in.csv
printf 'indicator,label,unit\nknife,"Knife crime, all offences",offences\n' > meta.csv
"$KPI" show in.csv --meta meta.csv -o out.xlsx
"$KPI" summary in.csv --meta out.xlsx --format csv > got.csv
python3 -c 'import csv, sys
for r in csv.DictReader(open("got.csv")): print(r["indicator"], r["label"], r["period"], r["value"], sep="|")'
