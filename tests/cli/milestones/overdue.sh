# Overdue: due 2018-19 Q3, first reported (delayed) in Q4 is 1 quarter late and first reported late; due 2019-20 Q1 is neither.
printf 'milestone,title,theme,due,period,status,note\npeqf,PEQF contract,People,2018-19 Q3,2018-19 Q4,delayed,\nschools,Schools project,Hate crime,2019-20 Q1,2018-19 Q4,on track,\n' > reg.csv
"$KPI" milestones reg.csv --table overdue --format json
