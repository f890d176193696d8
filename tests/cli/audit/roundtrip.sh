# A report written by kpi report from the bundled data audits clean against that data: all 35 claims of the filled template (changes, levels, targets) are consistent.
set -e
D="$ROOT/datasets/met-business-plan"
"$KPI" report "$D/figures.csv" --meta "$D/meta.csv" --template "$D/report-template.md" -o q4.md
"$KPI" audit q4.md --data "$D/figures.csv" --meta "$D/meta.csv"
