# A chart of one area draws that area's target from the metadata's area row: Westminster's line chart with a 3,000 target for Westminster alone is byte for byte the chart drawn when 3,000 is the indicator's own target, and differs from the chart of the indicator's 1,000.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
h='indicator,area,label,unit,better,aggregation,target,target_op,decimals'
printf '%s\nR,,Robbery,offences,down,sum,1000,<=,0\nR,Westminster,,,,,3000,<=,\n' "$h" | sed 's/^R,/ROBBERY OF PERSONAL PROPERTY,/' >area.csv
printf '%s\nR,,Robbery,offences,down,sum,3000,<=,0\n' "$h" | sed 's/^R,/ROBBERY OF PERSONAL PROPERTY,/' >3000.csv
printf '%s\nR,,Robbery,offences,down,sum,1000,<=,0\n' "$h" | sed 's/^R,/ROBBERY OF PERSONAL PROPERTY,/' >1000.csv
for m in area 3000 1000; do
    "$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --rolling 12 \
        --indicator 'ROBBERY OF PERSONAL PROPERTY' --area Westminster --meta $m.csv -o $m.png 2>/dev/null
done
cmp area.png 3000.png && echo same as 3000
cmp -s area.png 1000.png || echo not 1000
