# Events without an indicator column are counted as indicator "events", per day when the dates are days; Camden had none on the 3rd, inside the file's span, so zero.
printf '%s\n' \
    'ref,area,date' \
    'a,Hackney,2019-03-02' \
    'b,Hackney,2019-03-02' \
    'c,Hackney,2019-03-03' \
    'd,Camden,2019-03-02' \
    >in.csv
"$KPI" show --count in.csv
