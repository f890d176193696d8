# A partial period is never judged on an XmR chart: Westminster's robberies by quarter from the historic and recent files, with --partial keeping 2025Q4 (October and November only, 429). Its limits are those of the 62 complete quarters 2010Q2-2025Q3 alone (mean 618.90, limits 337.16 to 900.65, worked out from the files' monthly cells by hand), it has no rules and no variation, and the note says why; counted as complete it would pull the mean to 615.89.
L="$ROOT/datasets/london"
cp "$L/MPS_Borough_Level_Crime_Historical_201004-202311.csv" h.csv
cp "$L/MPS_Borough_Level_Crime_recent24_202312-202511.csv" r.csv
"$KPI" spc h.csv r.csv --indicator MinorText --group MajorText --area BoroughName \
    --where BoroughName=Westminster --where "MinorText=ROBBERY OF PERSONAL PROPERTY" --to quarter \
    --partial --latest
