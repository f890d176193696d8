# On bad input -o leaves no file behind (neither OUT nor a temporary file beside it), and an existing OUT is left as it was.
printf 'indicator,area,period,value\nburglary,Hackney,2019-01,12\nburglary,Hackney,2019-13,13\n' >in.csv
"$KPI" show in.csv -o out.csv
echo "exit $?"
ls -A
printf 'old\n' >old.csv
"$KPI" show in.csv --output old.csv 2>/dev/null
echo "exit $?"
ls -A
cat old.csv
