# A date of production that is not a day of the calendar is a usage error, and no pack is written.
printf 'indicator,area,period,value\nhomicide,London,2017-18,163\nhomicide,London,2018-19,122\n' > in.csv
"$KPI" pack in.csv --date 2026-02-30 -o out.pdf
echo "exit $?"
ls
