# --encoding latin1 and --encoding cp1252 decode the file through iconv into UTF-8 (0xE3 is ã; 0x80 is € in Windows-1252), and a byte cp1252 leaves undefined (0x81) is an error at its line and column.
printf 'indicator,area,period,value\nk,S\343o Paulo,2019-01,1\n' >latin1.csv
"$KPI" show latin1.csv --encoding latin1 --format json
printf 'indicator,area,period,value\nk,\200 area,2019-01,1\nk,\201,2019-02,2\n' >cp1252.csv
"$KPI" show cp1252.csv --encoding cp1252
