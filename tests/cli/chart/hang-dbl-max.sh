# The fuzzer's hang (issue 10): 1.7e308 spun the tick search forever and left OUT.tmpPID.0 behind; now it is refused at its cell, and no file is left.
printf 'indicator,period,value\nx,2018,1.7e308\nx,2019,1.7e308\n' >in.csv
for type in line rolling yoy multiples sparkline; do
    timeout 20 "$KPI" chart in.csv --type $type -o out.png
    echo "$type exit $?"
done
timeout 20 "$KPI" chart in.csv --trend -o out.png
echo "trend exit $?"
ls
