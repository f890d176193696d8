# Two lines that differ only by their --group value (the knife-crime dashboard's Offences and Positive Outcomes in Westminster) are named by it in the legend, and the title names the area they share, not "Westminster" twice.
"$KPI" chart "$ROOT/datasets/london/knife-crime-westminster.csv" --indicator-column crime_type --area-column area_name --group measure --period month_year --value count --where area_type=Borough -o out.pdf
echo "exit $?"
pdftotext -layout out.pdf - | head -2 | sed 's/  */ /g; s/^ //'
