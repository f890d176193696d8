# kpi --help exits 0 and lists every command (validate, show, change) on stdout, nothing on stderr.
"$KPI" --help
