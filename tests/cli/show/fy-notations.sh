# Every financial-year notation (2018-19, 2018/19, 2018-2019, 2018/2019, FY2018-19, FY 2018/19, fy18-19) prints as 2018-19, and fin. quarters as 2018-19 Q4.
printf '%s\n' \
    'indicator,area,period,value' \
    'a,London,2018-19,1' \
    'b,London,2018/19,2' \
    'c,London,2018-2019,3' \
    'd,London,2018/2019,4' \
    'e,London,FY2018-19,5' \
    'f,London,FY 2018/19,6' \
    'g,London,fy18-19,7' \
    'h,London,2018-19 Q4,8' \
    'i,London,Q4 2018-19,9' \
    'j,London,FY2018-19 Q4,10' \
    >in.csv
"$KPI" show in.csv
