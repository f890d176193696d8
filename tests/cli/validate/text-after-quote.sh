# Text after a closing quote is a syntax error at that text.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,"London"x,2019,1' \
    >in.csv
"$KPI" validate --quiet in.csv
