# A quote inside an unquoted field is a syntax error at the quote itself.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,Lon"don,2019,1' \
    >in.csv
"$KPI" validate --quiet in.csv
