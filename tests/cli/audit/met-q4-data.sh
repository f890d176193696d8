# Against the bundled data, the Q4 update's overview sentence "rose only 0.5% in 2018-19 (86 more offences)" is wrong too (the data's +0.58%), and 16 printed levels are checked and right: 45 claims, 6 errors.
cd "$ROOT/datasets/met-business-plan"
"$KPI" audit met-business-plan-2018-19-q4.txt --data figures.csv --meta meta.csv --quiet
