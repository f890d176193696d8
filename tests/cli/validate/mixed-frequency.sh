# A series mixing months and quarters is an error located at the offending period cell.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-03,1' \
    'a,London,2019Q2,2' \
    >in.csv
"$KPI" validate --quiet in.csv
