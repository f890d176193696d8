# An .html template gets every value escaped for HTML (issue 10): a <script> label is text, not a tag, in content and attributes; the chart's file name is written as it is.
printf 'indicator,area,period,value\nx,London,2018,1000\nx,London,2019,1120\n' > in.csv
printf 'indicator,label,unit,better\nx,"<script>alert(1)</script> & ""co""",offences,down\n' > meta.csv
printf '<h1 title="{{x.label}}">{{x.label}}</h1>\n<p>{{x.value|thousands}} ({{x.pct_change|signed|percent}})</p>\n<img src="{{chart:x:line}}">\n' > t.html
"$KPI" report in.csv --meta meta.csv --template t.html -o out.html || exit
cat out.html
test -s x-line.png || echo "no chart"
