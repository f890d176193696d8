# A status that is none of the words is an error at its line and column (line 3, column 17), and nothing is written.
printf 'milestone,title,theme,due,period,status,note\na,,,,2018-19 Q4,delivered,\nb,,,,2018-19 Q4,nearly,\n' > reg.csv
"$KPI" milestones reg.csv -o out.md
echo "exit $?"
ls
