# The bundled register at 2018-19 Q4 (38 milestones: 4 delivered, 4 on track, 1 delayed, 29 with no status) and at 2017-18 Q1 (30: 6, 6, 1, 17), counted from the seed reports.
"$KPI" milestones "$ROOT/datasets/met-business-plan/milestones.csv" --sentences | head -1
"$KPI" milestones "$ROOT/datasets/met-business-plan/milestones.csv" --at '2017-18 Q1' --sentences | head -1
