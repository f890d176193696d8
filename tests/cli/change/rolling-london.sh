# 12 months to November 2025 against the 12 months before, for robbery in Westminster (2,883 against 3,426, summed by hand from the file).
"$KPI" change "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText --area BoroughName --rolling 12 --latest | grep '^ROBBERY OF PERSONAL PROPERTY,Westminster,'
