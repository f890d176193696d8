# A bad cell in a workbook is named by sheet and cell (the change table's direction, column I, row 3); --skip leaves a title line out.
printf 'Title row\nindicator,period,value\nk,2017-18,5\nk,2018-19,6\n' > in.csv
"$KPI" change in.csv --skip 1 --format xlsx -o t.xlsx
"$KPI" show t.xlsx --sheet 1 --value direction
