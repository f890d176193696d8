# Offences per 1,000 population from the publisher's own populations: Barking and Dagenham 2016-17 is 70.90 (published rate 70.8999...), 2015-16 86.53.
"$KPI" change "$ROOT/datasets/london/recorded-offences.csv" --area Borough --period Year --value Value --freq fy --per "$ROOT/datasets/london/population-fy.csv" --latest 2>/dev/null | grep '^Value,Barking and Dagenham,'
