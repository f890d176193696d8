# The shipped Q4 template fills in from the Met figures (knife crime 14,766 -> 14,852 is +0.6%, homicide 163 -> 122 is -25.2%) and the milestone register (38 milestones at 2018-19 Q4, 4 delivered).
set -e
mkdir report
"$KPI" report "$ROOT/datasets/met-business-plan/figures.csv" --meta "$ROOT/datasets/met-business-plan/meta.csv" --template "$ROOT/datasets/met-business-plan/report-template.md" --milestones "$ROOT/datasets/met-business-plan/milestones.csv" -o report/met-q4.md
grep -F -e '14,766 to 14,852' -e 'from 163 to 122' -e 'homicides in' -e 'fewer knife injuries' -e '| knife_crime |' -e '(target' -e 'Of 38 milestones' -e '| All |' report/met-q4.md
ls report
