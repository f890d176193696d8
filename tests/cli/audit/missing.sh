# A report that cannot be opened is named; the reports before it give no partial output.
printf 'Crime fell 10%%, from 200 to 180.\n' > ok.txt
"$KPI" audit ok.txt nope.txt
