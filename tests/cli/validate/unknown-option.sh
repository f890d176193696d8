# An unknown option is a usage error: exit 2 with a pointer to --help.
printf 'indicator,area,period,value\na,London,2019,1\n' >in.csv
"$KPI" validate --bogus in.csv
