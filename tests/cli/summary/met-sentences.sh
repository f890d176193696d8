# --sentences for four Met indicators: changes with thousands separators and the previous year's increase (286 / 4,446 = +6.4%), and the call answer times against their targets (30.2 - 30 = 0.2 over; 5.2 <= 10); the rows hold two periods (2018-19 and January 2019), so each sentence names its own.
M="$ROOT/datasets/met-business-plan"
grep -E '^(indicator|homicide|knife_injury|calls_101_answer_seconds|calls_999_answer_seconds),' "$M/figures.csv" >in.csv
"$KPI" summary in.csv --meta "$M/meta.csv" --sentences
