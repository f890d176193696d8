# A field past the 1 MiB limit is an error at its start that names --max-field, which raises the limit; a bad limit is a usage error.
{
    printf 'indicator,period,value,note\nx,2019,1,ok\nx,2020,2,"long\n'
    head -c 1100000 /dev/zero | tr '\0' 'a'
    printf '"\nx,2021,3,fine\n'
} >in.csv
"$KPI" validate --quiet in.csv
echo "exit $?"
"$KPI" validate --quiet --max-field 1200000 in.csv
echo "exit $?"
"$KPI" validate --quiet --max-field 1k in.csv
echo "exit $?"
