# --period names the input's period column and --at the reporting period, together: robbery in November 2025 is 30 against 40 in November 2024, -10, -25.0%, a decrease and good (better down); the exact test of 30 against 40 is 2 x P(X <= 30) for X ~ Binomial(70, 1/2) = 0.281979, not significant.
printf 'indicator,Month,value\nrobbery,2024-11,40\nrobbery,2025-10,35\nrobbery,2025-11,30\nrobbery,2025-12,50\n' >in.csv
printf 'indicator,label,unit,better\nrobbery,Robbery,offences,down\n' >meta.csv
"$KPI" summary in.csv --period "Month" --at 2025-11 --meta meta.csv --format csv | cut -d, -f1-11,19-20
