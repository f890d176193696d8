# The same (indicator, area, period), even in another notation, is an error naming the earlier line.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-03,1' \
    'b,London,2019-03,2' \
    'a,London,March 2019,3' \
    >in.csv
"$KPI" validate --quiet in.csv
