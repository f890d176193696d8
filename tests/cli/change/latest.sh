# --latest writes one row per series (the Met figures have 50), each for the series' last period.
"$KPI" change --latest "$ROOT/datasets/met-business-plan/figures.csv" >out.csv
echo "rows $(($(wc -l <out.csv) - 1))"
grep -E '^(knife_injury|cds_users|homicide),' out.csv
