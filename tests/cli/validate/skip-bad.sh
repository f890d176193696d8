# --skip-bad turns row errors into warnings, counts the skipped rows by reason, and exits 0 with the good rows.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-01,1' \
    'a,London,2019-13,2' \
    'a,London,2019-03,x' \
    'a,London,2019-04,4,5' \
    'a,London,2019-05,5' \
    >in.csv
"$KPI" validate --skip-bad in.csv
