# --milestones adds the register at the reporting period after the summary table: the report's sentences and each milestone's status, in words.
printf 'indicator,area,period,value\nknife,London,2017-18,100\nknife,London,2018-19,90\n' > in.csv
printf 'milestone,title,theme,due,period,status,note\n' > reg.csv
printf 'm1,First <one>,People,2018-19 Q3,2018-19 Q3,on track,\n' >> reg.csv
printf 'm1,First <one>,People,2018-19 Q3,2018-19 Q4,delivered,\n' >> reg.csv
printf 'm2,Second,People,2018-19 Q3,2018-19 Q4,some delay,\n' >> reg.csv
"$KPI" dashboard in.csv --milestones reg.csv -o out.html || exit 1
grep -o '<h2 id="[^"]*">[^<]*</h2>' out.html
grep -o '<p>Of 2 milestones[^<]*</p>' out.html
grep -o '<th scope="row">First &lt;one&gt;</th>' out.html
grep -o 'Some delay</td><td>new</td><td class="num" data-v="1">1</td>' out.html
