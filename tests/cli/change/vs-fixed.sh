# --vs 2016-17 compares every year with 2016-17: knife injury 4277 - 4446 = -169, -3.80% -> -3.8; no prev_pct_change.
grep -E '^(indicator|knife_injury),' "$ROOT/datasets/met-business-plan/figures.csv" >in.csv
"$KPI" change --vs 2016-17 in.csv
