# Financial year to date, April to November 2025 against April to November 2024 (1,847 against 2,229).
"$KPI" change "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText --area BoroughName --ytd --latest | grep '^ROBBERY OF PERSONAL PROPERTY,Westminster,'
