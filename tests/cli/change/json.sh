# --format json: numbers bare, periods and direction as strings, empty fields as null.
printf '%s\n' \
    'indicator,area,period,value' \
    'rate,London,2018,12.5%' \
    'rate,London,2019,10%' \
    'rate,London,2020,' \
    >in.csv
"$KPI" change --format json in.csv >out.json
cat out.json
# A real JSON parser must accept it.
python3 -m json.tool out.json >/dev/null || echo "invalid JSON"
