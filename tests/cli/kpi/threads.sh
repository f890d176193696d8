# Every stage gives the same bytes on 1 and 2 threads: a 9 MB file read in two parts and its 240,000 changes formatted by two threads, trends, and a folder of charts.
set -e
awk 'BEGIN { print "indicator,area,period,value";
             for (i = 0; i < 240000; i++)
                 printf "indicator_%d,Area number %d,%d-%02d,%d\n", i % 97, i % 13,
                        1800 + int(i / (97 * 12)), 1 + int(i / 97) % 12, (i * 7) % 1000 }' > big.csv
test "$(wc -c < big.csv)" -gt 8388608
for n in 1 2; do
    "$KPI" change big.csv --threads $n > change$n.csv
    "$KPI" show big.csv --threads $n --format json > show$n.json
    "$KPI" trend "$ROOT/datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv" \
        --indicator MinorText --group MajorText --area BoroughName --threads $n > trend$n.csv
    mkdir charts$n
    "$KPI" chart "$ROOT/datasets/met-business-plan/figures.csv" --type sparkline --all charts$n \
        --threads $n
done
cmp change1.csv change2.csv
cmp show1.json show2.json
cmp trend1.csv trend2.csv
for f in charts1/*.png; do cmp "$f" "charts2/${f#charts1/}"; done
# A header and one row per observation; 50 series in the Met's figures.
wc -l < change1.csv
ls charts2 | wc -l
