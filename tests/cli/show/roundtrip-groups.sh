# With --group, a canonical file with a grouping column between area and period comes back byte for byte.
set -e
printf '%s\n' \
    'indicator,area,ethnicity,period,value' \
    'stops,Hackney,Black,2019-03,52' \
    'stops,Hackney,Black,2019-04,' \
    'stops,Hackney,White,2019-03,31' \
    'stops,Hackney,White,2019-04,*' \
    'stops,Camden,Black,2019-03,12' \
    'arrest_rate,Hackney,Black,2019-03,20.5%' \
    >in.csv
"$KPI" show --group ethnicity in.csv >out.csv
cmp in.csv out.csv
