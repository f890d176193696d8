# kpi audit reads --data with --period COL for its period column and checks sentences that name no period at --at: at 2018-19 "fell 25.2%, from 163 to 122" is right (122/163 - 1 = -25.15%) and "rose 8.7%" is wrong; at 2017-18 it is the other way round (163/150 - 1 = +8.67%).
printf 'indicator,area,Year,value\nhomicide,London,2016-17,150\nhomicide,London,2017-18,163\nhomicide,London,2018-19,122\n' > h.csv
printf 'indicator,label,unit,better\nhomicide,Homicide,offences,down\n' > meta.csv
printf 'Homicide fell 25.2%%, from 163 to 122.\nHomicide rose 8.7%%.\n' > r.txt
"$KPI" audit r.txt --data h.csv --meta meta.csv --period Year --at 2018-19
echo "exit $?"
"$KPI" audit r.txt --data h.csv --meta meta.csv --period Year --at 2017-18
echo "exit $?"
