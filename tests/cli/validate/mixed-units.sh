# A series mixing plain numbers and percentages is an error at the value cell.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,1' \
    'a,London,2020,2%' \
    >in.csv
"$KPI" validate --quiet in.csv
