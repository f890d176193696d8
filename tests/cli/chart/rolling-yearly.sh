# A rolling chart of yearly figures is refused with a reason (a usage error, exit 2).
"$KPI" chart "$ROOT/datasets/met-business-plan/figures.csv" --type rolling --indicator homicide -o out.png
