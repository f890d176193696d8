# A row of a million delimiters is refused at its first extra field (the unit tests show it is never held).
{
    printf 'indicator,period,value\nx,2019,1\nx,2020,2'
    head -c 1000000 /dev/zero | tr '\0' ','
    printf '\nx,2021,3\n'
} >in.csv
"$KPI" validate --quiet in.csv
