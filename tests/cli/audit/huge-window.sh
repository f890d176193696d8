# A window of "12999999999999999 months" (a fuzzing find: it overflowed an int, undefined behaviour) or of 2.5 months is no 12-month window; the sentences' figures are still checked: 163 to 122 is a decrease of 41, not 39.
printf 'In the 12999999999999999 months to 31 March 2019, homicide: -25%% (decrease of 39 offences, from 163 to 122).\nIn the 2.5 months to 31 March 2019, robbery rose 10%%, from 100 to 110.\n' > r.txt
"$KPI" audit r.txt
