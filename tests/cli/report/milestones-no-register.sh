# A milestones placeholder without --milestones is an error at the placeholder, and nothing is written.
printf 'indicator,area,period,value\nhomicide,London,2018-19,122\n' > in.csv
printf 'Homicides: {{homicide.value}}\nDelivered: {{milestones.delivered}}\n' > t.md
"$KPI" report in.csv --template t.md -o r.md
echo "exit $?"
ls
