# A financial year whose second year does not follow the first (2018-20) is an error in a named period column.
printf '%s\n' \
    'Indicator,When,Value' \
    'a,2017-18,1' \
    'a,2018-20,2' \
    >in.csv
"$KPI" validate --quiet --period when in.csv
