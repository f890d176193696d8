# A header-only file is valid but gets a warning that it holds no records; an invalid file writes nothing at all to stdout (the table's header came out before).
printf 'indicator,period,value\n' >header.csv
"$KPI" validate header.csv; echo "exit $?"
printf 'indicator,period,value\nk,2019-13,1\n' >bad.csv
"$KPI" validate bad.csv; echo "exit $?"
