# A report that fails in its writing pass (its second chart's file cannot be written) leaves the first chart and the report of the run before as they were, byte for byte, and no temporary file.
set -e
printf 'indicator,label,unit,better,aggregation,target,target_op,decimals\nburglary,Burglary,offences,down,sum,,,0\n' > meta.csv
printf '# Burglary\n![Barnet]({{chart:burglary:line:Barnet}})\n![Camden]({{chart:burglary:line:Camden}})\n{{burglary@Barnet.value}}\n' > t.md
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,90\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\n' > in.csv
mkdir out
"$KPI" report in.csv --meta meta.csv --template t.md -o out/r.md
mkdir before
cp out/r.md out/burglary-line-barnet.png before/
# New figures for Barnet would change the first chart and the report.
printf 'indicator,area,period,value\nburglary,Barnet,2017-18,100\nburglary,Barnet,2018-19,70\nburglary,Camden,2017-18,50\nburglary,Camden,2018-19,60\n' > in.csv
rm out/burglary-line-camden.png
mkdir out/burglary-line-camden.png
if "$KPI" report in.csv --meta meta.csv --template t.md -o out/r.md; then exit 1; fi
cmp before/r.md out/r.md
cmp before/burglary-line-barnet.png out/burglary-line-barnet.png
ls -A out
