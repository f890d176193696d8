# --vs 2016-17 on a file that also has monthly series: the financial-year series compare with 2016-17, the monthly rows get empty base fields, and the run succeeds.
"$KPI" change --vs 2016-17 "$ROOT/datasets/met-business-plan/figures.csv" -o out.csv
echo "exit $?"
grep -E '^(knife_injury,London,2018-19|calls_101_answer_seconds,)' out.csv
