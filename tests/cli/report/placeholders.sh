# Every field kind and filter fills in from the data and metadata, with escapes and spaces inside braces.
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\ncalls,London,2019-01,30.2\n' > in.csv
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nburglary,Burglary,offences,down,sum,,,0\ncalls,101 answer time,seconds,down,mean,30,<=,1\n' > meta.csv
cat > t.md <<'TEMPLATE'
{{burglary@Barnet.value}} {{burglary@Barnet.base_value}} {{burglary@Barnet.change}} {{burglary@Barnet.pct_change}}
{{burglary@Camden.pct_change|signed|percent}} {{burglary@Camden.change|signed}} {{burglary@Barnet.change|abs}}
{{burglary@Barnet.period}} {{burglary@Barnet.base_period}} {{burglary@Barnet.direction}} {{burglary@Barnet.assessment}}
{{burglary@Barnet.label|upper}} {{burglary@Barnet.unit}} {{burglary@Barnet.area|lower}} {{calls.indicator}}
{{calls.value|decimals:2}} {{calls.target}} {{calls.target_op}} {{calls.target_status}} {{calls.target_margin}}
{{calls.pct_change}} {{calls.pct_change|default:none}} {{burglary@Barnet.trend|default:too short}} {{burglary@Barnet.target|default:no target}}
{{ burglary@Barnet . value | thousands | decimals:1 }}
\{{not a placeholder}} \\{{calls.value}}
{{burglary@Barnet.sentence}}
{{calls.sentence}}
TEMPLATE
"$KPI" report in.csv --meta meta.csv --template t.md
