# A quoted value with a misplaced thousands separator is reported at the opening quote, with the hint.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,"14,7660"' \
    >in.csv
"$KPI" validate --quiet in.csv
