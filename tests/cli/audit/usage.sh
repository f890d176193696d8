# --data needs --meta, a REPORT is required, and --format takes text, csv, json or md: usage errors, exit 2.
printf 'x\n' > r.txt
"$KPI" audit r.txt --data d.csv; echo "exit $?"
"$KPI" audit; echo "exit $?"
"$KPI" audit r.txt --format xml; echo "exit $?"
