# A day/month/year date is refused without --dayfirst, never guessed, at its line and column, with the option that reads it named.
cd "$ROOT/datasets/london" || exit 9
"$KPI" show crime-rates-eu.csv --area Borough --period Year --value Value --decimal-comma
