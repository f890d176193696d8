# --template fills kpi report's placeholders into the cover's introduction, its wrapped lines joined (the sentence is one line of the page); --at picks the reporting period and the cover says so.
met=$ROOT/datasets/met-business-plan
printf 'There were {{homicide.value|thousands}} homicides\nin {{homicide.period}}, against {{homicide.base_value}} the year before.\n\nKnife crime changed by {{knife_crime.pct_change|signed}}%%.\n' > intro.md
"$KPI" pack "$met/figures.csv" --meta "$met/meta.csv" --template intro.md --at 2018-19 --date 2026-12-01 -o out.pdf || exit 1
pdftotext -f 1 -l 1 out.pdf p1
grep -o 'Reporting period: 2018-19' p1
grep -x 'There were 122 homicides in 2018-19, against 163 the year before.' p1
grep -o 'Knife crime changed by +0.6%.' p1
