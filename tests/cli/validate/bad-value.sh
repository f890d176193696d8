# A value cell that is not a number is reported at its line and column, quoting what was found.
printf '%s\n' \
    'indicator,area,period,value' \
    'knife_crime,London,2017-18,"14,766"' \
    'knife_crime,London,2018-19,12x' \
    >in.csv
"$KPI" validate --quiet in.csv
