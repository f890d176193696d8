# A long file without a value column is a header error at 1:1 that lists the header found.
printf '%s\n' \
    'indicator,area,period,amount' \
    'a,London,2019,1' \
    >in.csv
"$KPI" validate --quiet in.csv
