# kpi with no arguments is a usage error: exit 2, the help on stderr, nothing on stdout.
"$KPI"
