# A tab-delimited file is detected, and commas inside its fields are data, quoted on output.
printf 'indicator\tarea\tperiod\tvalue\nviolence, with injury\tHackney\t2019Q1\t12\nviolence, with injury\tHackney\t2019Q2\t15\n' >in.csv
"$KPI" show in.csv
