# kpi summary takes --ytd and --per too: Westminster robbery April to November 2025 is 1,847 against 2,229 (-17.1%); Barking and Dagenham's offences per 1,000 people in 2016-17 are 14,638 / 206,460 x 1,000 = 70.90, against 17,477 / 201,979 x 1,000 = 86.53 in 2015-16 (-18.1%).
L="$ROOT/datasets/london"
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nROBBERY OF PERSONAL PROPERTY,Robbery,offences,down,sum,,,0\noffences,Offences per 1000 people,per 1000,down,sum,,,2\n' >meta.csv
"$KPI" summary "$L/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText \
    --area BoroughName --meta meta.csv --ytd --format csv |
    grep '^ROBBERY OF PERSONAL PROPERTY,Westminster,' | cut -d, -f1-11
"$KPI" summary "$L/recorded-offences.csv" --area Borough --period-column Year --value Value --freq fy --name offences \
    --per "$L/population-fy.csv" --meta meta.csv --format csv 2>/dev/null |
    grep '^offences,Barking and Dagenham,' | cut -d, -f1-10
