# Metadata words: singular after exactly 1, the phrase opening a target sentence, no change, a missing base.
printf 'indicator,period,value\nhomicide,2018,2\nhomicide,2019,1\nburglary,2018,"1,500"\nburglary,2019,"1,500"\nrobbery,2019,"2,001"\ncalls,2019,5.2\n' >in.csv
printf 'indicator,label,unit,singular,phrase,target,target_op,decimals\nhomicide,Homicide,offences,offence,,,,\nburglary,Burglary,offences,offence,,,,\nrobbery,Robbery,offences,offence,,,,\ncalls,999 calls,seconds,second,999 calls were answered in an average of,10,<=,1\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --sentences
