# --format json of a file with a header and no rows is an empty array.
printf 'indicator,area,period,value\n' >in.csv
"$KPI" show --format json in.csv >out.json
cat out.json
# A real JSON parser must accept it.
python3 -m json.tool out.json >/dev/null || echo "invalid JSON"
