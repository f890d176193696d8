# "2011-12" alone is December 2011; a run of consecutive YYYY-YY years is financial-yearly; --freq fy forces fy.
printf '%s\n' \
    'indicator,area,period,value' \
    'alone,London,2011-12,1' \
    'run,London,2009-10,2' \
    'run,London,2010-11,3' \
    'run,London,2011-12,4' \
    'mixed,London,2011-12,5' \
    'mixed,London,2012-13,6' \
    >in.csv
"$KPI" validate in.csv
"$KPI" validate --freq fy in.csv
