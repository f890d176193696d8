# A delivered milestone reopened with a note is a warning at the status cell and counts as some delay, moved back.
printf 'milestone,title,theme,due,period,status,note\na,Alpha,,,2018-19 Q3,delivered,\na,,,,2018-19 Q4,some delay,Audit failed\n' > reg.csv
"$KPI" milestones reg.csv --table movements --format csv
