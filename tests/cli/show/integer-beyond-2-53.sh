# An integer past 2^53 cannot be held exactly (9007199254740993 printed as ...992): it is refused at its line and column, with nothing on stdout, never changed silently.
printf 'indicator,period,value\nk,2019-01,9007199254740993\n' >big.csv
"$KPI" show big.csv
