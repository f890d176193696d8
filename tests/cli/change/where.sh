# --where picks one file's borough rows without its neighbourhood-team rows, which would otherwise add into the same series (here a duplicate error); --where COL!=VALUE leaves rows out, and values for one column are alternatives.
cd "$ROOT/datasets/london"
"$KPI" change knife-crime-westminster.csv --indicator crime_subtype --group measure \
    --period month_year --value count --freq fy --where area_type=Borough --where measure=Offences
"$KPI" show knife-crime-westminster.csv --indicator crime_subtype --area borough_snt \
    --period month_year --value count --where measure!=Offences \
    --where borough_snt=Westminster --where "borough_snt=Westminster St Jamess" | sed 1d | wc -l
"$KPI" show knife-crime-westminster.csv --indicator crime_subtype --area borough_snt \
    --period month_year --value count --where measure!=Offences --where borough_snt=Westminster |
    sed 1d | wc -l
"$KPI" show knife-crime-westminster.csv --where nosuch=1 --period month_year --value count
