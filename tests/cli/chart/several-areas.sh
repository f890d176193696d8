# Several --area values draw one line each (Camden, Lambeth and Westminster's possession of weapons, named in the legend); a mistyped one among them is an error naming it, and too many series say how many and the limit, writing nothing.
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"
A="--indicator-column MinorText --group MajorText --area-column BoroughName --indicator"
"$KPI" chart "$L" $A 'POSSESSION OF WEAPONS' --area Westminster --area Camden --area Lambeth -o three.pdf
echo "exit $?"
pdftotext -layout three.pdf - | head -2 | sed 's/  */ /g; s/^ //'
"$KPI" chart "$L" $A 'POSSESSION OF WEAPONS' --area Westminster --area Camdn -o typo.png 2>&1 | sed "s|$L|FILE|"
"$KPI" chart "$L" $A 'POSSESSION OF WEAPONS' -o many.png 2>&1 | sed "s|$L|FILE|"
ls
