# Moped crime -12596 / 23986 = -52.51% -> -52.5 and PTW theft -3668 / 13113 = -27.97% -> -28.0 (the report printed -52.3 and -32.4).
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" | grep -E '^(moped_enabled_crime|ptw_theft),London,2018-19,'
