# A .md template gets values escaped for Markdown: raw HTML and link syntax in a label are shown, not rendered; "<=" and a word's underscore stay as they are.
printf 'indicator,area,period,value\nknife_crime,London,2018,1000\nknife_crime,London,2019,1120\n' > in.csv
printf 'indicator,label,unit,better,target,target_op\nknife_crime,"<img src=x onerror=alert(1)> [click](http://x) *now*",offences,down,2000,<=\n' > meta.csv
printf '## {{knife_crime.label}}\n{{knife_crime.indicator}} {{knife_crime.target_op}} {{knife_crime.target}}\n' > t.md
"$KPI" report in.csv --meta meta.csv --template t.md || exit
