# Charts at the edges of kpi's range and beyond it: 15 nines, their rolling sum (1.2e16, beyond 1e15) and one unit in the 15th decimal all draw.
printf 'indicator,period,value\n' >in.csv
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do printf 'big,2019-%s,999999999999999\nsmall,2019-%s,0.00000000000000%s\n' $m $m $((${m#0} % 10)) ; done >>in.csv
"$KPI" chart in.csv --indicator big -o big.png && echo big
"$KPI" chart in.csv --indicator big --type rolling -o rolling.svg && echo rolling
"$KPI" chart in.csv --indicator small --trend -o small.png && echo small
