# A row with fewer fields than the header is a ragged-row error on its line.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,1' \
    'a,London,2020' \
    >in.csv
"$KPI" validate --quiet in.csv
