# --at names a period the --milestones register does not report: an error naming the register's range, exit 1 (bad input, not usage), and no output.
printf 'indicator,area,period,value\nknife,London,2017-18,100\nknife,London,2018-19,90\n' > in.csv
printf 'milestone,period,status\na,2018-19 Q3,\na,2018-19 Q4,\n' > reg.csv
printf '{{milestones.total}}\n' > t.md
"$KPI" report in.csv --milestones reg.csv --at 2019-20 --template t.md -o out.md
echo "exit $?"
ls
