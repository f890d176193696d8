# --period with a period for its value (the reporting period's spelling before --at) finds no such column: an error at the header, exit 1, and a hint that names --at.
printf 'indicator,Month,value\nrobbery,2024-11,40\nrobbery,2025-11,30\n' >in.csv
printf 'indicator,label,unit,better\nrobbery,Robbery,offences,down\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --period 2025-11
