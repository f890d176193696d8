# Knife crime 2018-19 against 2017-18 in the Met figures: 14852 - 14766 = 86, 86 / 14766 = +0.58% -> 0.6 (the report printed +0.5).
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" | grep '^knife_crime,'
