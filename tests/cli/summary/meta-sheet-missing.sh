# A sheet named after '#' that the workbook does not have is an error listing the sheets it has, not its first sheet read instead.
printf 'indicator,period,value\nknife,2019-20,13000\n' > in.csv
"$KPI" summary in.csv --meta "$ROOT/tests/data/sheets/side.ods#Meta"
