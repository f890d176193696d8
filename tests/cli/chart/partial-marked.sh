# Financial years kept partial (--freq fy --partial on the knife-crime dashboard file: 2021-22 is March 2022 alone, 2025-26 April to February) are marked on the chart, in the legend and a footnote naming them, and never compared: the year-on-year bar of 2025-26 reads "n/a (partial)".
K="$ROOT/datasets/london/knife-crime-westminster.csv"
A="--indicator-column crime_type --area-column area_name --group measure --period month_year --value count --where area_type=Borough --where measure=Offences --freq fy --partial"
"$KPI" chart "$K" $A -o line.pdf 2>/dev/null
echo "exit $?"
pdftotext line.pdf - | grep -e 'Partial' -e 'Hollow'
pdftotext line.pdf - | grep -c '%'
"$KPI" chart "$K" $A --type yoy -o yoy.pdf 2>/dev/null
echo "exit $?"
pdftotext yoy.pdf - | grep -e 'partial' -e 'against'
