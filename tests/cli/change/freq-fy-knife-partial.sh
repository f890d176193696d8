# The knife-crime dashboard's fy21-22 holds only March 2022: with --freq fy --partial it is kept and marked partial, and neither it nor the April-February 2025-26 is compared (the 2022-23 change read +1,403.9% against one month).
cd "$ROOT/datasets/london"
"$KPI" change knife-crime-westminster.csv --indicator crime_subtype \
    --group measure --area borough_snt --period month_year --value count --freq fy --partial |
    grep -e '^indicator' -e 'Westminster,Offences'
