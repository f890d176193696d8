# Boroughs rolled up into Basic Command Units: Central West robbery over 12 months is Westminster, Kensington and Chelsea, and Hammersmith and Fulham together (3,794 against 4,481); unmapped areas are named.
"$KPI" change "$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv" --indicator MinorText --group MajorText --area BoroughName --rollup "$ROOT/datasets/london/bcu-map.csv" --rolling 12 --latest 2>err.txt | grep '^ROBBERY OF PERSONAL PROPERTY,Central West,'
grep -o 'left out: .*' err.txt
