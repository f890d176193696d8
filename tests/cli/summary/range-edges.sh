# The edges of kpi's range (15 nines, one unit in the 15th decimal) print the same in change, summary, sentences, templates and JSON; a change beyond 1e15 takes the exponent form everywhere.
printf 'indicator,period,value\nbig,2018,999999999999999\nbig,2019,-999999999999999\nsmall,2018,0.000000000000001\nsmall,2019,0.000000000000002\n' >in.csv
printf 'indicator\nbig\nsmall\n' >meta.csv
"$KPI" change in.csv
"$KPI" summary in.csv --meta meta.csv --sentences
printf '{{big.value|thousands}} {{big.change}} {{small.value}} {{small.change|decimals:15}}\n' >t.md
"$KPI" report in.csv --meta meta.csv --template t.md -o r.md && cat r.md
"$KPI" summary in.csv --meta meta.csv --format json >s.json
python3 -c 'import json, sys; r = json.load(open("s.json")); print(r[0]["change"], r[1]["value"], r[1]["change"])'
