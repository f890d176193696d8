# Two areas in one period: each sentence names its area but not the period, and the target clause after a change does not repeat the label: Camden's robberies 1,477 -> 1,116 (-24.4%) miss the target of 1,000 by 116, Westminster's own target of 3,000 is met by 2,883 (3,426 the year before, -15.8%). Sums of the file's 12-month windows by hand.
printf 'indicator,area,label,unit,better,aggregation,target,target_op,decimals,singular,plural\nROBBERY OF PERSONAL PROPERTY,,Robbery,offences,down,sum,1000,<=,0,offence,offences\nROBBERY OF PERSONAL PROPERTY,Westminster,,,,,3000,<=,,,\n' >meta.csv
"$KPI" summary "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" \
    --indicator MinorText --group MajorText --area BoroughName --where BoroughName=Westminster \
    --where BoroughName=Camden --where "MinorText=ROBBERY OF PERSONAL PROPERTY" --rolling 12 \
    --meta meta.csv --sentences
