# Knife injury over three years: -455 / 4732 = -9.62% -> -9.6, and the previous year's +286 / 4446 = +6.43% -> 6.4.
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" | grep '^knife_injury,'
