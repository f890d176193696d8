# The bundled wide borough file 2010-04..2023-11 is valid: 1084 rows = 1084 series, 1084 x 164 = 177776 values, none missing.
"$KPI" validate --quiet --indicator MinorText --area BoroughName --group MajorText \
    "$ROOT/datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv"
