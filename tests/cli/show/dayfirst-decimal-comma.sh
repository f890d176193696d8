# A European export of the crime-rates file (';' between fields, 31/12/2016 dates, 171,29079938937215) reads with --dayfirst --decimal-comma into exactly the series the original file gives, figures kept to 15 significant digits.
set -e
d="$ROOT/datasets/london"
"$KPI" show "$d/crime-rates-eu.csv" --area Borough --period Year --value Value --freq fy \
    --dayfirst --decimal-comma >eu.csv
"$KPI" show "$d/crime-rates.csv" --area Borough --period Year --value Value --freq fy >point.csv
cmp eu.csv point.csv
grep -e '^indicator' -e ',Westminster,2016-17,' eu.csv
