# --decimals 2: 86/14766 = 0.5824% -> 0.58, -41/163 = -25.1534% -> -25.15, -12596/23986 = -52.5140% -> -52.51, -3668/13113 = -27.9722% -> -27.97.
"$KPI" change --latest --decimals 2 "$ROOT/datasets/met-business-plan/figures.csv" |
    grep -E '^(knife_crime|homicide|moped_enabled_crime|ptw_theft),'
