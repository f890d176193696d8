# Under --skip-bad a runaway row is skipped with a warning at its first extra field, and the rows after it are read.
{
    printf 'indicator,period,value\nx,2019,1\nx,2020,2'
    head -c 1000000 /dev/zero | tr '\0' ','
    printf '\nx,2021,3\n'
} >in.csv
"$KPI" show --skip-bad in.csv
