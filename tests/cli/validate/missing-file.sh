# A file that does not exist is bad input: exit 1 and the system's reason.
"$KPI" validate --quiet nofile.csv
