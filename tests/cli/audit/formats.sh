# --format csv, json and md give one row per claim: -25% of 163 -> 122 (-25.15%) is right, "decrease of 39" is not (41), "rose 4%" has nothing to check against.
printf 'Homicide: -25%% (decrease of 39, from 163 to 122).\nRobbery rose 4%%.\n' > r.txt
"$KPI" audit r.txt --format csv
"$KPI" audit r.txt --format json
"$KPI" audit r.txt --format md
