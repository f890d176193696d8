# The bundled Met business-plan figures are valid: 60 records, 50 series, 60 values, 18 missing (the cds_users* gaps).
"$KPI" validate --quiet "$ROOT/datasets/met-business-plan/figures.csv"
