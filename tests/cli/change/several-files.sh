# The Met's historic and recent-24-months borough files read together make one series across the join: Westminster's possession of weapons in 2023-24 is April-November 2023 from the first (329) and December 2023-March 2024 from the second (89), 418 in all, a whole year that neither file holds alone.
cd "$ROOT/datasets/london"
"$KPI" change MPS_Borough_Level_Crime_Historical_201004-202311.csv \
    MPS_Borough_Level_Crime_recent24_202312-202511.csv --indicator MinorText --group MajorText \
    --area BoroughName --freq fy 2>/dev/null |
    grep -e '^indicator' -e '^POSSESSION OF WEAPONS,Westminster,POSSESSION OF WEAPONS,202[34]'
