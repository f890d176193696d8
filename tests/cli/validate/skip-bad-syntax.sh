# --skip-bad does not skip syntax errors: an unterminated quote still fails the file.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,1' \
    'a,London,2020,"2' \
    >in.csv
"$KPI" validate --quiet --skip-bad in.csv
