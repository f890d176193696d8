# --format md: a pipe table, the value column right-aligned, units kept, pipes and other markup (the suppressed marker *) escaped, line ends as spaces.
printf '%s\n' \
    'indicator,area,period,value' \
    'solved_pct,London,2018-19,9.6%' \
    'solved_pct,London,2019-20,' \
    'cost,"Camden, North",2019Q1,£101' \
    'a|b,London,2019,*' \
    '"two' \
    'lines",London,2019,7' \
    >in.csv
"$KPI" show --format md in.csv
