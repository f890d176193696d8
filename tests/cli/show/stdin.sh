# FILE '-' reads standard input.
printf 'indicator,area,period,value\nburglary,Hackney,2019-01,"1,200"\n' | "$KPI" show -
