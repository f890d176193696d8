# A --status-word that does not name a status is a usage error.
"$KPI" milestones reg.csv --status-word green=done
