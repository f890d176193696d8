# --stats theil-sen with --seasonal: the Theil-Sen column and the seasonal ones, whose empty fields the note explains; median of slopes {1, 1.5, 1.667, 2, 2, 2} = 1.83333.
printf 'indicator,period,value\nk,2019,10\nk,2020,12\nk,2021,14\nk,2022,15\n' > in.csv
"$KPI" trend --stats theil-sen --seasonal in.csv
