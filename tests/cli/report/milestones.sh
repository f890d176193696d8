# Milestone placeholders fill in from --milestones at the report's period (2018-19 holds Q3 and Q4 of the register: Q4 is used), and the chart is written beside the output.
printf 'indicator,area,period,value\nhomicide,London,2017-18,163\nhomicide,London,2018-19,122\n' > in.csv
printf 'milestone,title,theme,due,period,status,note\na,Alpha,People,,2018-19 Q3,on track,\na,,,,2018-19 Q4,delivered,\nb,Beta,Estates,2018-19 Q3,2018-19 Q4,delayed,\n' > reg.csv
mkdir out
cat > t.md <<'TEMPLATE'
{{homicide.value}} homicides; {{milestones.delivered}} of {{milestones.total}} milestones delivered in {{milestones.period}}.
{{milestones.sentence}}
{{milestones.overdue_sentence}}
{{milestones:table}}
![]({{milestones:chart}})
TEMPLATE
"$KPI" report in.csv --milestones reg.csv --at 2018-19 --template t.md -o out/r.md
echo "exit $?"
cat out/r.md
ls out
