# A --tz that names no zone is a usage error before any file is read, as is a path or an empty name; nothing is written to stdout.
"$KPI" show missing.csv --tz Europe/Londres
"$KPI" show missing.csv --tz /etc/localtime
"$KPI" show missing.csv --tz ''
