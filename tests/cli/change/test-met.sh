# The exact test of the Met's 2018-19 changes (issue 11, SciPy's binomtest): homicide 122 against 163 is a significant fall (p 0.0176628, rate ratio 0.748466, 95% 0.587011-0.952238); knife crime 14,852 against 14,766 is not (p 0.621376); an average answer time is no count
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" --meta "$ROOT/datasets/met-business-plan/meta.csv" --test --latest |
    grep -E '^(indicator|homicide|knife_crime|calls_101_answer_seconds),'
"$KPI" change "$ROOT/datasets/met-business-plan/figures.csv" --test --latest --alpha 0.01 | grep '^homicide,'
