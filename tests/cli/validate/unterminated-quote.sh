# A quote never closed is reported at the line and column of the opening quote, not at the end of the file.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019,1' \
    'a,"London,2020,2' \
    'a,London,2021,3' \
    >in.csv
"$KPI" validate --quiet in.csv
