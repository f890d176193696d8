# --meta names the sheet of a workbook after a '#': side.ods (LibreOffice's) keeps its metadata on its second sheet, "Metadata", whose target (knife crime <= 14000) the summary meets by 1000.
set -e
printf 'indicator,period,value\nknife,2019-20,13000\n' > in.csv
"$KPI" summary in.csv --meta "$ROOT/tests/data/sheets/side.ods#Metadata" --format csv > got.csv
python3 -c 'import csv
for r in csv.DictReader(open("got.csv")): print(r["label"], r["target_op"], r["target"], r["target_status"], r["target_margin"], sep="|")'
