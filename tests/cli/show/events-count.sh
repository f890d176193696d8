# Event rows counted with --count --freq month: one row per series and month with the number of incidents; a month inside the span of the file (1 March to 30 April) with no incidents counts zero.
printf '%s\n' \
    'id,offence,borough,date' \
    '1,Burglary,Hackney,2019-03-01' \
    '2,Burglary,Hackney,2019-03-15' \
    '3,Robbery,Hackney,2019-03-20' \
    '4,Burglary,Hackney,2019-04-30' \
    '5,Burglary,Camden,2019-04-11' \
    '6,Burglary,Hackney,2019-03-31' \
    '7,Robbery,Hackney,2019-04-01' \
    '8,Robbery,Hackney,2019-04-02' \
    '9,Robbery,Hackney,2019-04-03' \
    >in.csv
"$KPI" show --count --freq month --indicator offence --area borough in.csv
