# Month, quarter, day and year notations print canonically (2019-03, 2019Q1, 2019-03-31, 2019); a series of 1sts is monthly.
printf '%s\n' \
    'indicator,area,period,value' \
    'm1,London,2019-03,1' \
    'm2,London,201903,2' \
    'm3,London,Mar 2019,3' \
    'm4,London,March 2019,4' \
    'm5,London,03/2019,5' \
    'm6,London,Mar-19,6' \
    'm7,London,2019-03-01,7' \
    'm7,London,2019-04-01,8' \
    'q1,London,2019Q1,9' \
    'q2,London,2019 Q1,10' \
    'q3,London,Q1 2019,11' \
    'd1,London,2019-03-31,12' \
    'd2,London,2016-05-31T23:01:00+00:00,13' \
    'y1,London,2019,14' \
    >in.csv
"$KPI" show in.csv
