# An unknown command is a usage error: exit 2 and a pointer to kpi --help.
"$KPI" nope
