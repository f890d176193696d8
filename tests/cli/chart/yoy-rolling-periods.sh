# Year-on-year bars of 12-month totals name the periods they compare, and print the change with one decimal though the metadata gives values none: Westminster's possession of weapons, 330 in the 12 months to November 2025 against 304 before, is +8.6% (not +9%).
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
printf 'indicator,label,unit,better,decimals\nPOSSESSION OF WEAPONS,Possession of weapons,offences,down,0\n' >meta.csv
"$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --indicator 'POSSESSION OF WEAPONS' --area Westminster --rolling 12 --meta meta.csv --type yoy -o out.pdf
echo "exit $?"
pdftotext out.pdf - | grep -e 'against' -e '%$' | grep -v -e '^0%' -e '^+[1-9]%$'
