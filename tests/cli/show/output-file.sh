# -o OUT writes the output to OUT (nothing on stdout) and leaves no temporary file behind.
set -e
printf 'indicator,area,period,value\nburglary,Hackney,2019-01,"1,200"\n' >in.csv
"$KPI" show in.csv -o out.csv
printf 'indicator,area,period,value\nburglary,Hackney,2019-01,1200\n' >expected.csv
cmp expected.csv out.csv
ls -A >&2
