# Year-on-year for a gappy monthly series: 2019-04's base 2018-04 lies before the series, so the change fields are empty.
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" | grep -E '^(cds_users_female_pct|calls_101_answer_seconds),'
