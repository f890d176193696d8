# --vs prev compares each month with the one before (a missing month gives empty fields); --vs year with twelve months before.
printf '%s\n' \
    'indicator,area,period,value' \
    'burglary,Hackney,2018-03,80' \
    'burglary,Hackney,2019-01,100' \
    'burglary,Hackney,2019-02,90' \
    'burglary,Hackney,2019-03,' \
    'burglary,Hackney,2019-04,99' \
    'burglary,Hackney,2019-05,132' \
    >in.csv
"$KPI" change --vs prev in.csv
"$KPI" change --latest --vs year in.csv
"$KPI" change --vs year in.csv | grep ',2019-03,'
