# --format xlsx (here picked by -o m.xlsx) writes every table on a sheet of its own; the overdue sheet reads back: the PEQF contract, due 2018-19 Q3, delayed in Q4, is 1 period late.
printf 'milestone,title,theme,due,period,status,note\npeqf,PEQF contract,People,2018-19 Q3,2018-19 Q4,delayed,\nschools,Schools project,Hate crime,2019-20 Q1,2018-19 Q4,on track,\n' > reg.csv
"$KPI" milestones reg.csv -o m.xlsx
"$KPI" show m.xlsx --sheet none
"$KPI" show m.xlsx --sheet overdue --indicator milestone --period due --value periods_late
