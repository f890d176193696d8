# The bundled crime rates (1999-12-31 standing for FY 1999-00), read as its README says: 666 rows, 37 areas, 25 n/a cells missing.
"$KPI" validate --quiet --area Borough --period Year --value Value --freq fy "$ROOT/datasets/london/crime-rates.csv"
