# The bundled recorded offences (CRLF), read as its README says: 666 rows, 37 areas x 18 fy, 659 values, 7 n/a cells missing.
"$KPI" validate --quiet --area Borough --period Year --value Value --freq fy "$ROOT/datasets/london/recorded-offences.csv"
