# Reopening a delivered milestone without a note saying why is an error at the status cell.
printf 'milestone,title,theme,due,period,status,note\na,Alpha,,,2018-19 Q3,delivered,\na,,,,2018-19 Q4,on track,\n' > reg.csv
"$KPI" milestones reg.csv
