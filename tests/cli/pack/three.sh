# Three charted indicators: the cover and summary on page 1, two blocks on page 2, the third on page 3; figures, sentences and significance as worked out by hand.
printf 'indicator,area,period,value\n' > in.csv
for id in burglary robbery theft; do
    for y in 2015 2016 2017 2018 2019; do
        case $id in burglary) v=$((200 - (y - 2015) * 25)) ;; robbery) v=$((100 + (y - 2015) * 10)) ;; theft) v=400 ;; esac
        printf '%s,London,%s,%s\n' "$id" "$y" "$v" >> in.csv
    done
done
printf 'indicator,label,unit,better\nburglary,Burglary,offences,down\nrobbery,Robbery,offences,down\ntheft,Theft,offences,down\n' > meta.csv
"$KPI" pack in.csv --meta meta.csv --date 2026-01-31 -o out.pdf || exit 1
pdfinfo out.pdf | sed -n -e 's/^Pages: *//p' -e 's/^Title: *//p'
pdftotext -f 1 -l 1 out.pdf - | tr '\n' ' ' | tr -s ' ' > p1
pdftotext -f 2 -l 2 out.pdf - | tr '\n' ' ' | tr -s ' ' > p2
pdftotext -f 3 -l 3 out.pdf - | tr '\n' ' ' | tr -s ' ' > p3
grep -o 'Produced on 31 January 2026' p1 | head -1
grep -o 'Page [0-9] of [0-9]' p1 p2 p3
grep -o 'Burglary: -20.0% (decrease of 25 offences, from 125 to 100), within normal variation. The decrease had been -16.7% the previous year.' p2
grep -o 'Robbery: +7.7% (increase of 10 offences, from 130 to 140), within normal variation. The increase had been +8.3% the previous year.' p2
grep -o 'Theft: no change (400 offences in both 2018 and 2019). There had been no change the previous year.' p3
# 100 against 125 and 140 against 130 are within chance: the exact binomial test
# (n = 225 and 270, probability 1/2, summed by hand in Python) gives p = 0.10939 and 0.58396.
grep -o 'no significant change (p = 0.109)' p2
grep -o 'no significant change (p = 0.584)' p2
