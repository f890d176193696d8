# With --per the test compares counts over populations (SciPy's binomtest): A's 30 of 100,000 then 45 of 150,000 is the same rate (ratio 1, p 1); B's 20 then 40 of 50,000 doubles it (95% 1.14191-3.61107, p 0.0134893)
printf 'indicator,area,period,value\nx,A,2018,30\nx,A,2019,45\nx,B,2018,20\nx,B,2019,40\n' > data.csv
printf 'area,period,population\nA,2018,100000\nA,2019,150000\nB,2018,50000\nB,2019,50000\n' > pop.csv
"$KPI" change data.csv --per pop.csv --test --latest
