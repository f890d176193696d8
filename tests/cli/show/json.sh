# --format json: an array of objects, numbers bare, the unit in its own field, missing as null, strings escaped.
printf '%s\n' \
    'indicator,area,period,value' \
    'solved_pct,London,2018-19,9.6%' \
    'solved_pct,London,2019-20,' \
    'cost,"Camden, North",2019Q1,£101' \
    'cost,"Camden, North",2019Q2,-£2.5' \
    '"say ""hi""' \
    'there",,2019,"1,003"' \
    >in.csv
"$KPI" show --format json in.csv >out.json
cat out.json
# A real JSON parser must accept it.
python3 -m json.tool out.json >/dev/null || echo "invalid JSON"
