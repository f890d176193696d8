# --vs prev on the Met figures: for financial years the previous period is the year before, and prev_pct_change steps back once more.
"$KPI" change --vs prev "$ROOT/datasets/met-business-plan/figures.csv" | grep -E '^(knife_injury|cds_users),'
