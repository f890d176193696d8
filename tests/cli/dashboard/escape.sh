# Labels and titles from the data print literally: every <, >, &, " and ' is escaped, in text and attributes alike, and no tag of the data's reaches the page.
printf 'indicator,area,period,value\nknife,London,2017,100\nknife,London,2018,110\n' > in.csv
printf 'indicator,label,unit,better\nknife,"<b>Knife & ""crime""",offences,down\n' > meta.csv
"$KPI" dashboard in.csv --meta meta.csv --title "A <i>title</i> & 'more'" -o out.html || exit 1
# The label: tile (name, heading, sparkline's text), section (name, heading,
# sentence, chart's text), summary row (name, header cell).
grep -o '&lt;b&gt;Knife &amp; &quot;crime&quot;' out.html | wc -l
grep -c '<b>\|<i>' out.html
grep -o '<title>[^<]*</title>' out.html
grep -o '<h1>[^<]*</h1>' out.html
# 110 against 100 is within chance (exact binomial test, n = 210: p = 0.54).
grep -o '<p>&lt;b&gt;[^<]*</p>' out.html
