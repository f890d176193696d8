# A quarter's sentences: 4 milestones at 2018-19 Q4 (1 delivered, 1 on track, 1 some delay, 1 with none), a forward and a back move since Q3, one due in Q2 and 2 quarters late.
printf 'milestone,title,theme,due,period,status,note\na,Alpha,People,2018-19 Q4,2018-19 Q3,on track,\nb,Beta,People,,2018-19 Q3,on track,\na,,,,2018-19 Q4,delivered,Signed off\nb,,,,2018-19 Q4,some delay,Supplier late\nc,Gamma,Estates,2018-19 Q2,2018-19 Q1,on track,\nc,,,,2018-19 Q3,on track,\nc,,,,2018-19 Q4,on track,\nd,Delta,Estates,,2018-19 Q4,,\n' > reg.csv
"$KPI" milestones reg.csv --sentences
