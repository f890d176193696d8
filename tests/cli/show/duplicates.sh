# --duplicates sum adds repeated (indicator, area, period) values, first keeps the first, last the last.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-03,1' \
    'a,London,Mar 2019,3' \
    'a,London,2019-04,' \
    'a,London,2019-04,4' \
    >in.csv
for p in sum first last; do "$KPI" show --duplicates $p in.csv; done
