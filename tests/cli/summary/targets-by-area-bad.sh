# A metadata row for one area gives only a target: a label there is refused at its line and column, and nothing is written.
printf 'indicator,area,label,target,target_op\nburglary,,Burglary,100,<=\nburglary,Camden,Burglaries,90,<=\n' >meta.csv
printf 'indicator,area,period,value\nburglary,Camden,2019,95\n' >in.csv
"$KPI" summary in.csv --meta meta.csv
