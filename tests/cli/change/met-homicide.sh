# Homicide 2018-19 against 2017-18: 122 - 163 = -41 (the report printed -39), -41 / 163 = -25.15% -> -25.2.
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" | grep '^homicide,'
