# A period the register does not report is an error naming the register's range, exit 1: the period is well formed, the register lacks it.
printf 'milestone,period,status\na,2018-19 Q3,\na,2018-19 Q4,\n' > reg.csv
"$KPI" milestones reg.csv --at '2019-20 Q1'
