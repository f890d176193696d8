# A month that does not exist (2019-13) is an error at its cell, not a guess.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-12,1' \
    'a,London,2019-13,2' \
    >in.csv
"$KPI" validate --quiet in.csv
