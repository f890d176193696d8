# The homicide victims file splits its period over 'Recorded Year' (2003) and 'Recorded Month' (Jan): --period-month joins them, --count counts victims, --name names the indicator, and --freq fy gives the financial years SOURCES.md lists (2015-16 113, 2016-17 114, 2017-18 165, 2018-19 123, 2019-20 152); 2002-03 (January-March 2003 only) is left out.
cd "$ROOT/datasets/met-homicide"
"$KPI" change homicide-victims.csv --count --period "Recorded Year" \
    --period-month "Recorded Month" --freq fy --name homicide |
    grep -e '^indicator' -e ',,201[5-9]-'
