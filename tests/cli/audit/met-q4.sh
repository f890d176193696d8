# The Met's 2018-19 Q4 update: four sentences with five wrong figures (homicide 39 is 41; knife crime +0.5% is +0.58%; moped 52.3% is 52.51% and 12,506 is 12,596; PTW theft 32.4% is 27.97%), each at its line and column; exit 1.
cd "$ROOT/datasets/met-business-plan"
"$KPI" audit --quiet met-business-plan-2018-19-q4.txt
