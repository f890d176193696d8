# Trend of 10, 12, 14, 15 worked by hand: OLS slope 8.5/5 = 1.7, intercept 10.2, residual SS 0.3 so SE 0.173205 and t 9.815 on 2 df (p 0.0102217, 95% CI 1.7 +/- 4.302653 x SE), R2 14.45/14.75; Theil-Sen median of slopes {1, 1.5, 1.667, 2, 2, 2} = 1.83333; Mann-Kendall S 6, tau 1, Var(S) 4*3*13/18 so z (6-1)/2.94392 = 1.69842, p 0.0894, no trend at 5%.
printf 'indicator,period,value\nk,2019,10\nk,2020,12\nk,2021,14\nk,2022,15\n' > in.csv
"$KPI" trend in.csv
