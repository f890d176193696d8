# A canonical long CSV (several frequencies, missing, suppressed, % and £ values, a gap) comes back from show byte for byte.
set -e
printf '%s\n' \
    'indicator,area,period,value' \
    'burglary,Hackney,2019-01,120' \
    'burglary,Hackney,2019-02,' \
    'burglary,Hackney,2019-03,*' \
    'burglary,Hackney,2019-04,98' \
    'burglary,Hackney,2019-06,101' \
    'burglary,Camden,2019-01,77' \
    'solved_pct,London,2018-19,9.6%' \
    'solved_pct,London,2019-20,12%' \
    'cost,London,2018-19 Q4,£101' \
    'cost,London,2019-20 Q1,-£2.5' \
    'rate,London,2019Q1,0.25' \
    'rate,London,2019Q2,-3.75' \
    'homicide,London,2018,122' \
    'homicide,London,2019,' \
    'daily,London,2019-03-31,4' \
    'daily,London,2019-04-01,0' \
    >in.csv
"$KPI" show in.csv >out.csv
cmp in.csv out.csv
