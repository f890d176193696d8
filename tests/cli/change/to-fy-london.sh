# Resampled to financial years: 2024-25 is whole (3,265), 2023-24 and 2025-26 lack months and are left out and reported.
"$KPI" change "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText --area BoroughName --to fy 2>err.txt | grep '^ROBBERY OF PERSONAL PROPERTY,Westminster,'
grep -c 'had observations missing' err.txt
