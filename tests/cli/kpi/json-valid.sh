# Every command's JSON output, on the bundled data with its transforms and on the edges of kpi's range, is accepted by a real JSON parser (python3's json); text JSON cannot hold is refused with nothing written.
M="$ROOT/datasets/met-business-plan"
L="$ROOT/datasets/london"
printf 'indicator,period,value\nbig,2017,999999999999999\nbig,2018,-999999999999999\nbig,2019,0.000000000000001\nsmall,2018,0.000000000000001\nsmall,2019,0\n' >edge.csv
printf 'indicator\nbig\nsmall\n' >edge-meta.csv
check() {
    name=$1
    shift
    if "$KPI" "$@" --format json -o out.json; then
        python3 -c 'import json, sys; d = json.load(open("out.json")); print(sys.argv[1], "valid" if d else "empty")' "$name"
    else
        echo "$name failed"
    fi
}
check show-met show "$M/figures.csv"
check change-met change "$M/figures.csv"
check trend-met trend "$M/figures.csv"
check summary-met summary "$M/figures.csv" --meta "$M/meta.csv"
check change-rates change --area Borough --period Year --value Value --freq fy "$L/crime-rates.csv" --latest
R="$L/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
check change-bcu change "$R" --indicator MinorText --group MajorText --area BoroughName --rollup "$L/bcu-map.csv" --rolling 12 --latest
check change-ytd change "$R" --indicator MinorText --group MajorText --area BoroughName --ytd --latest
check trend-seasonal trend "$R" --indicator MinorText --group MajorText --area BoroughName --seasonal
check show-edge show edge.csv
check change-edge change edge.csv --cagr
check trend-edge trend edge.csv
check summary-edge summary edge.csv --meta edge-meta.csv
printf 'indicator,period,value\ncaf\351,2019,1\n' >latin1.csv
"$KPI" show latin1.csv --format json -o out2.json
echo "latin1 exit $?"
if [ -e out2.json ]; then echo "out2.json left behind"; fi
