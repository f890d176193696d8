# A line chart of one Met series is a PNG of the asked size (800 x 450 pixels, read from the IHDR chunk), written whole.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv"
"$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --indicator 'ROBBERY OF PERSONAL PROPERTY' --area Westminster --trend --width 800 --height 450 -o out.png
echo "exit $?"
od -An -tx1 -j1 -N3 out.png | tr -d ' \n'; echo
od -An -tu1 -j16 -N8 out.png | awk '{print $3*256+$4, $7*256+$8}'
ls -A
