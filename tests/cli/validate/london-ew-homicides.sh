# The bundled E&W homicides (2003/04 style, CRLF, no final line end), read as its README says: one fy series 2003-04..2021-22 of 19 values.
cd "$ROOT/datasets/london" && "$KPI" validate --period year --value homicides --freq fy ew_homicides_financial_year.csv
