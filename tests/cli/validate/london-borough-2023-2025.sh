# The bundled wide borough file 2023-12..2025-11 is valid: 1056 series, 1056 x 24 = 25344 values, none missing.
"$KPI" validate --quiet --indicator MinorText --area BoroughName --group MajorText \
    "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
