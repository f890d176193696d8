# Two releases that overlap: equal figures merge, a revised one (Westminster's possession of weapons in November 2025, 28 revised to 29) is an error naming both files and lines, with no output, unless --prefer last takes the newer release's figure.
F="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
cp "$F" old.csv
awk -F, 'BEGIN { OFS = "," } NR == 1036 { $27 = $27 + 1 } { print }' "$F" >new.csv
"$KPI" change old.csv new.csv --indicator MinorText --area BoroughName --latest; echo "exit $?"
"$KPI" change old.csv new.csv --indicator MinorText --area BoroughName --latest --prefer last |
    grep '^POSSESSION OF WEAPONS,Westminster,'
"$KPI" change old.csv old.csv --indicator MinorText --area BoroughName --latest |
    grep '^POSSESSION OF WEAPONS,Westminster,'
