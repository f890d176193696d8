# RAG words read as statuses when --status-word says what they mean; 'Complete' and 'delayed' are built in.
printf 'milestone,period,status\na,2019-06,Green\nb,2019-06,amber\nc,2019-06,RED\nd,2019-06,Complete\ne,2019-06,delayed\n' > reg.csv
"$KPI" milestones reg.csv --status-word green=delivered --status-word 'amber=on track' --status-word 'red=some delay' --sentences
