# Missing markers (NA, N/A, .., -, :, empty, and one added with --na) print as empty; '*' stays suppressed; none is zero.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2019-01,NA' \
    'a,London,2019-02,n/a' \
    'a,London,2019-03,..' \
    'a,London,2019-04,-' \
    'a,London,2019-05,:' \
    'a,London,2019-06, ' \
    'a,London,2019-07,*' \
    'a,London,2019-08,#N/A' \
    'a,London,2019-09,0' \
    >in.csv
"$KPI" show --na '#N/A' in.csv
