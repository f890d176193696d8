# A row with more fields than the header is reported at its first extra field.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,1' \
    'a,London,2020,2,extra' \
    >in.csv
"$KPI" validate --quiet in.csv
