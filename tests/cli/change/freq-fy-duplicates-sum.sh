# --freq fy with --duplicates sum on a long file goes through the same completeness check as --to: Westminster's April-November 2025 is not a financial year, so 2025-26 is left out and named instead of reading -21.3% against 2024-25.
"$KPI" show "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" \
    --indicator MinorText --area BoroughName |
    grep -e '^indicator' -e '^POSSESSION OF WEAPONS,Westminster,' >long.csv
"$KPI" change long.csv --freq fy --duplicates sum
