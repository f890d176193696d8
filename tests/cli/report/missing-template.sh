# Without --template the command is a usage error.
"$KPI" report in.csv
