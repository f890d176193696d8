# kpi chart --to fy draws financial years: Westminster robbery's year-on-year bars from the monthly file are byte for byte those drawn from kpi show --to fy's output; the part year 2023-24 (April to November) is left out and reported, leaving 13 whole years from 2010-11, with 2022-23 summed by hand to 3,267.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv"
"$KPI" show "$L" --indicator MinorText --group MajorText --area BoroughName --to fy 2>/dev/null |
    grep -e '^indicator' -e '^ROBBERY OF PERSONAL PROPERTY,Westminster,' >fy.csv
"$KPI" chart fy.csv --group MajorText --type yoy --indicator 'ROBBERY OF PERSONAL PROPERTY' --area Westminster -o shown.png
"$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --to fy \
    --type yoy --indicator 'ROBBERY OF PERSONAL PROPERTY' --area Westminster -o direct.png 2>err.txt
echo "exit $?"
cmp shown.png direct.png && echo same
grep -c 'had observations missing' err.txt
grep -c ',ROBBERY,20' fy.csv
grep -c ',ROBBERY,2023-24,' fy.csv
grep ',ROBBERY,2022-23,' fy.csv
