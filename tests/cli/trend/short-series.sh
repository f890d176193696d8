# Series too short for a statistic get empty fields and a reason, never a made-up number (homicide has two financial years in the Met figures).
"$KPI" trend "$ROOT/datasets/met-business-plan/figures.csv" --seasonal | grep '^homicide,'
