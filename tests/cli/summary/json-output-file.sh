# --format json -o FILE: numbers bare, empty fields null, nothing on stdout.
printf 'indicator,area,period,value\nwait,North,2019,30.2\n' >in.csv
printf 'indicator,label,unit,target,target_op,decimals\nwait,Answer time,seconds,30,<=,1\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --format json -o out.json || exit 1
cat out.json >&2
python3 -m json.tool out.json >/dev/null || echo "invalid JSON"
