# A wide file (YYYYMM period headers) becomes long rows, series in file order, an empty cell missing, '*' suppressed.
printf '%s\n' \
    'indicator,area,201901,201902,201903' \
    'burglary,Hackney,10,,12' \
    'burglary,Camden,5,6,*' \
    'robbery,Hackney,"1,001",2,3' \
    >in.csv
"$KPI" show in.csv
