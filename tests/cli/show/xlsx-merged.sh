# LibreOffice's .xlsx of a published-style table: a title merged across the top (left out by --skip 1) and each indicator's name merged down its boroughs' rows, which every row of the range reads.  The merged ranges follow the rows in the sheet's XML, so the rows are read a second time with them known; --skip-bad, which reads them once after a pass for the ranges, gives the same table.
set -e
"$KPI" show --skip 1 "$ROOT/tests/data/sheets/merged.xlsx" > once.csv
"$KPI" show --skip 1 --skip-bad "$ROOT/tests/data/sheets/merged.xlsx" > twice.csv
cmp once.csv twice.csv
cat once.csv
