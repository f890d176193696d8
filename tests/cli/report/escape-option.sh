# With a template of no known extension the output's extension picks the escaping (a CSV field quoted); --escape overrides both.
printf 'indicator,area,period,value\nx,London,2018,1000\nx,London,2019,1120\n' > in.csv
printf 'indicator,label,unit,better\nx,"Burglary, ""residential""",offences,down\n' > meta.csv
printf '{{x.label}},{{x.value|thousands}}\n' > t.tmpl
"$KPI" report in.csv --meta meta.csv --template t.tmpl -o out.csv || exit
cat out.csv
printf '<b>{{x.label}}</b>\n' > t.html
"$KPI" report in.csv --meta meta.csv --template t.html --escape none
"$KPI" report in.csv --meta meta.csv --template t.tmpl --escape json
