# The bundled wide borough file 2017-01..2018-12 (CRLF) is valid: 1050 series, 1050 x 24 = 25200 values, none missing.
"$KPI" validate --quiet --indicator 'Minor Category' --area Borough --group 'Major Category' \
    "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_201701-201812.csv"
