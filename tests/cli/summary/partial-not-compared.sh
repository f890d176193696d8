# A partial period in a summary is shown, never compared: Westminster's robberies in 2025Q4 (October and November only, 429) get no change against 2024Q4's 939 (which would read -54.3%, a "significant decrease"), no target status against the quarterly target of 500 it would "meet", and no SPC variation, and it takes no part in the trend test; the note and the sentence say why.
L="$ROOT/datasets/london"
cp "$L/MPS_Borough_Level_Crime_Historical_201004-202311.csv" h.csv
cp "$L/MPS_Borough_Level_Crime_recent24_202312-202511.csv" r.csv
printf 'indicator,label,unit,better,aggregation,decimals,singular,plural,target,target_op\nROBBERY OF PERSONAL PROPERTY,Robbery,offences,down,sum,0,offence,offences,500,<=\n' >meta.csv
set -- h.csv r.csv --indicator MinorText --group MajorText --area BoroughName \
    --where BoroughName=Westminster --where "MinorText=ROBBERY OF PERSONAL PROPERTY" --to quarter \
    --partial --meta meta.csv
"$KPI" summary "$@" --format csv 2>/dev/null | cut -d, -f5-12,16-18,20,22-
"$KPI" summary "$@" --sentences 2>/dev/null
