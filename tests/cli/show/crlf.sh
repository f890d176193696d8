# CRLF line ends (one inside a quoted field too) are read and written back as LF in canonical output.
printf 'indicator,area,period,value\r\nburglary,Hackney,2019-01,120\r\nburglary,Hackney,2019-02,98\r\n"a\r\nb",Camden,2019-01,5\r\n' >in.csv
"$KPI" show in.csv
