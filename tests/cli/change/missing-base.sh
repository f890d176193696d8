# A missing or suppressed base, or a base period absent from the data, leaves every change field empty, never 0.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,X,2016,' \
    'a,X,2017,5' \
    'b,X,2016,*' \
    'b,X,2017,5' \
    'c,X,2015,4' \
    'c,X,2017,5' \
    >in.csv
"$KPI" change in.csv
