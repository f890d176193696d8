# Line numbers are physical: a newline inside a quoted field on line 2 puts the next record's error on line 4.
printf '%s\n' \
    'indicator,area,period,value' \
    '"knife' \
    'crime",London,2018-19,5' \
    'homicide,London,2018-19,1x' \
    >in.csv
"$KPI" validate --quiet in.csv
