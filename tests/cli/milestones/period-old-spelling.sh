# A register's columns are fixed, so --period on kpi milestones (the reporting period's spelling before --at) is a usage error that names --at, rather than ignored.
printf 'milestone,title,theme,due,period,status,note\nM1,Open the hub,Estate,2018-19 Q4,2018-19 Q3,on track,\n' >reg.csv
"$KPI" milestones reg.csv --period '2018-19 Q3'
