# --sort orders the panels of small multiples, read at each series' last complete point (November 2025), ties by name and a series with no figure last: possession of weapons in nine areas of the recent24 file. latest: Lambeth and Lewisham 29 (a tie, by name), Westminster 28, Waltham Forest 15, Camden and Haringey 13, Harrow and Kingston upon Thames 7, the airports 0. change on November 2024: Westminster 28/17 +64.7%, Lambeth 29/20 +45.0%, Harrow 7/5 and Kingston 7/5 +40.0% (tie), Lewisham 29/22 +31.8%, Camden 13/11 +18.2%, Haringey 13/13 and Waltham Forest 15/15 0.0% (tie), the airports 0 on 0 (no change) last. name: byte order. The airports' name, too long for two lines, ends after a whole word. --sort on another type, or an unknown order, is a usage error.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
set -- "$L" --indicator-column MinorText --group MajorText --area-column BoroughName --indicator 'POSSESSION OF WEAPONS' --type multiples --area Westminster --area Lewisham --area Lambeth --area Haringey --area 'Waltham Forest' --area Harrow --area 'Kingston upon Thames' --area 'London Heathrow and London City Airports' --area Camden
for order in latest change name; do
    "$KPI" chart "$@" --sort $order -o $order.pdf
    echo "$order: exit $?"
    pdftotext -raw $order.pdf - | grep -v -e '^[0-9]' -e '^Dec$' -e '^Nov$' -e '^POSSESSION' | tr -d '\f' | tr '\n' '|'
    echo
done
"$KPI" chart "$@" --sort size -o bad.pdf 2>&1
echo "exit $?"
"$KPI" chart "$L" --indicator-column MinorText --area-column BoroughName --indicator 'POSSESSION OF WEAPONS' --area Westminster --sort latest -o line.pdf 2>&1
echo "exit $?"
ls
