# Sentences name the area and the period when the summary holds several of each: burglary in Camden and Westminster across the Met's 2023 category change, DOMESTIC BURGLARY ending with the historic file (12 months to November 2023) and RES BURGLARY OF A HOME running to November 2025. Sums by hand from the files: Camden 1,174 -> 445 (-62.1%), 851 -> 751 (-11.8%; 463 the year before, +83.8%); Westminster 1,396 -> 549 (-60.7%), 968 -> 909 (-6.1%, z = 59 / sqrt(1,877) = 1.4, within normal variation). The target clause follows without the label again.
L="$ROOT/datasets/london"
printf 'indicator,label,unit,better,aggregation,singular,plural,target,target_op\nDOMESTIC BURGLARY,Domestic burglary,offences,down,sum,offence,offences,,\nRES BURGLARY OF A HOME,Burglary of a home,offences,down,sum,offence,offences,1000,<=\n' >meta.csv
"$KPI" summary "$L/MPS_Borough_Level_Crime_Historical_201004-202311.csv" \
    "$L/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText \
    --area BoroughName --where BoroughName=Westminster --where BoroughName=Camden \
    --where "MinorText=DOMESTIC BURGLARY" --where "MinorText=RES BURGLARY OF A HOME" --rolling 12 \
    --meta meta.csv --sentences
