# xlsx is not a format kpi writes yet: a usage error, nothing written.
"$KPI" milestones reg.csv --format xlsx
