# A zero base gives the change but an empty percentage (never inf or NaN); 0 -> 0 is "no change".
printf '%s\n' \
    'indicator,area,period,value' \
    'a,X,2017,0' \
    'a,X,2018,5' \
    'b,X,2017,0' \
    'b,X,2018,0' \
    >in.csv
"$KPI" change in.csv
