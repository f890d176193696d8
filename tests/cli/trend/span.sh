# --from and --to restrict the span: 12, 14, 15 over 2020..2022 has OLS slope 1.5 and Theil-Sen slope 1.5.
printf 'indicator,period,value\nk,2019,10\nk,2020,12\nk,2021,14\nk,2022,15\nk,2023,30\n' > in.csv
"$KPI" trend in.csv --from 2020 --to 2022 | cut -d, -f1,4-7,13
