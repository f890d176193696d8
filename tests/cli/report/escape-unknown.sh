# An unknown --escape is a usage error that lists the formats.
printf 'indicator,area,period,value\nx,London,2019,1\n' > in.csv
printf '{{x.value}}\n' > t.md
"$KPI" report in.csv --template t.md --escape rtf
