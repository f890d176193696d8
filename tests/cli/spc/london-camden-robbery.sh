# Camden's monthly robbery, Dec 2023 to Nov 2025 (London Datastore): mean 108.04 and limits 66.64-149.45 from 24 months, worked out by hand; two of three high in mid-2024 (a concern where lower is better), then 11 months below the mean (a shift, an improvement)
printf 'indicator,better,target,target_op\nROBBERY OF PERSONAL PROPERTY,down,100,<=\n' > meta.csv
data="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
"$KPI" spc "$data" --indicator MinorText --group MajorText --area BoroughName --meta meta.csv |
    grep -E '^(indicator|ROBBERY OF PERSONAL PROPERTY,Camden,)'
"$KPI" spc "$data" --indicator MinorText --group MajorText --area BoroughName --meta meta.csv \
    --latest --format md | grep -E '^\| (indicator|ROBBERY OF PERSONAL PROPERTY \| Camden) '
