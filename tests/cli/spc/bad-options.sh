# A month 13 in --rebase is a usage error (exit 2) that names the option and the bad period
"$KPI" spc data.csv --rebase 2024-06,2024-13
