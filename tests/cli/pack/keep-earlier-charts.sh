# A pack that cannot be written (its path is a folder) leaves the chart its introduction names as the run before wrote it, and no temporary file.
set -e
printf 'indicator,area,period,value\nhomicide,London,2016-17,150\nhomicide,London,2017-18,163\nhomicide,London,2018-19,122\n' > in.csv
printf 'There were {{homicide.value}} homicides ({{chart:homicide:line}}).\n' > t.md
mkdir out
"$KPI" pack in.csv --template t.md --date 2026-12-01 -o out/p.pdf
cp out/homicide-line.png before.png
rm out/p.pdf
mkdir out/p.pdf
printf 'indicator,area,period,value\nhomicide,London,2016-17,150\nhomicide,London,2017-18,163\nhomicide,London,2018-19,99\n' > in.csv
if "$KPI" pack in.csv --template t.md --date 2026-12-01 -o out/p.pdf; then exit 1; fi
cmp before.png out/homicide-line.png
ls -A out
