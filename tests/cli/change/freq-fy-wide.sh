# --freq fy on a wide monthly file adds months up into financial years (it printed months before), and the years the file only partly covers (2023-24 from December, 2025-26 to November) are left out and named, so Westminster's 2025-26 is never set against the whole of 2024-25 (it read -21.3%).
cd "$ROOT/datasets/london"
"$KPI" change MPS_Borough_Level_Crime_recent24_202312-202511.csv \
    --indicator MinorText --group MajorText --area BoroughName --freq fy |
    grep -e '^indicator' -e '^POSSESSION OF WEAPONS,Westminster,'
