# A decimal comma is refused without --decimal-comma (never read as a thousands separator), at its line and column, with the option that reads it named.
cd "$ROOT/datasets/london" || exit 9
"$KPI" show crime-rates-eu.csv --area Borough --period Year --value Value --dayfirst
