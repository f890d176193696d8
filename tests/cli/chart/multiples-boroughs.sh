# Small multiples of the 32 boroughs' possession of weapons (recent24 file, default size): every panel has its own time axis naming its first and last month (32 "Dec" over "2023", 32 "Nov" over "2025"), every row's value axis reads the one shared scale (0, 50, 100: the largest value is Westminster's 52 in one month), and no name is cut: those too long for one line wrap at a space ("Barking and" over "Dagenham") and nothing ends in an ellipsis.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
"$KPI" chart "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --indicator 'POSSESSION OF WEAPONS' --where 'BoroughName!=Unknown' --where 'BoroughName!=London Heathrow and London City Airports' --type multiples -o b.pdf
echo "exit $?"
pdftotext -raw b.pdf t.txt
echo "first: $(grep -c '^Dec$' t.txt) Dec, $(grep -c '^2023$' t.txt) 2023; last: $(grep -c 'Nov$' t.txt) Nov, $(grep -c '^2025$' t.txt) 2025"
echo "value axes: $(grep -E '^[0-9]+$' t.txt | grep -v -e '^2023$' -e '^2025$' | tr '\n' ' ')"
echo "cut: $(grep -c '…' t.txt)"
grep -A1 -e '^Barking and$' -e '^Kensington and$' -e '^Richmond upon$' t.txt | tr '\n' '|'
echo
