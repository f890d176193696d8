# --all gives every series a file of its own (issue 10): names that coincide get -2, -3 in the input's order, letters such as é stay, and '.' or '..' becomes 'series', the same on every run.
printf 'indicator,area,period,value\n' >in.csv
for ind in 'Robbery!' 'robbery?' ROBBERY . .. é ü; do printf '"%s",l,2019,1\n"%s",l,2020,2\n' "$ind" "$ind"; done >>in.csv
mkdir charts
"$KPI" chart in.csv --all charts --format svg
echo "exit $?"
ls charts
# Each file is the chart of the series its place in the input says (cairo numbers its surfaces).
same() { "$KPI" chart in.csv --indicator "$1" -o one.svg && sed 's/surface[0-9]*/s/' one.svg >a && sed 's/surface[0-9]*/s/' "charts/$2" >b && cmp -s a b; }
same 'Robbery!' robbery--l.svg && same 'robbery?' robbery--l-2.svg && same ROBBERY robbery--l-3.svg && same .. series--l-2.svg && echo "in input order"
