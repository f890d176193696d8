# An empty file is an error: a header row is expected.
: >in.csv
"$KPI" validate --quiet in.csv
