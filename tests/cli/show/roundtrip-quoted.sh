# Quoted fields holding commas, doubled quotes and embedded newlines (blank line included) come back from show byte for byte.
set -e
printf '%s\n' \
    'indicator,area,period,value' \
    '"violence, with injury","Barking and Dagenham, East",2019-03,4' \
    '"say ""hi""",Camden,2019-03,1' \
    '"two' \
    'lines","a' \
    '' \
    'b",2019-03,3' \
    >in.csv
"$KPI" show in.csv >out.csv
cmp in.csv out.csv
