# Per-area rows of the recorded offences: FY 1999-00..2016-17 is 18 periods; England and Wales has 7 n/a years.
cd "$ROOT/datasets/london" &&
    "$KPI" validate --area Borough --period Year --value Value --freq fy recorded-offences.csv 2>/dev/null |
    grep -E '^file,|,(Camden|England and Wales|Heathrow),'
