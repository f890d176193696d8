# Columns count characters, not bytes: two-byte letters before a bad cell count once each.
printf '%s\n' \
    'indicator,area,period,value' \
    'naïve,Zürich,2019,x' \
    >in.csv
"$KPI" validate --quiet in.csv
