# An error in standard input is located at <stdin>:line:column.
printf 'indicator,area,period,value\nburglary,Hackney,2019-01,12x\n' | "$KPI" show -
