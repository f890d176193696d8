# An error later in a record whose first field holds a CRLF is on the second physical line, column counted from it.
printf 'indicator,area,period,value\r\n"knife\r\ncrime",London,2018-19,bad\r\n' >in.csv
"$KPI" validate --quiet in.csv
