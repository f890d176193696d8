# A semicolon-delimited file is detected; an unquoted "14,852" there is a thousands-separated number.
printf 'indicator;area;period;value\nknife_crime;London;2017-18;14,766\nknife_crime;London;2018-19;14,852\n' >in.csv
"$KPI" show in.csv
