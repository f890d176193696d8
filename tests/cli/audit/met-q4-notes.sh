# Without --quiet the Q4 update's 101 and 999 answer times come out as notes: "30 seconds and 10 seconds respectively" pairs 30.2 s (the sentence before) with 30 s, missed by 0.2, and 5.2 s with 10 s, met, and the report states no verdict.
cd "$ROOT/datasets/met-business-plan"
"$KPI" audit met-business-plan-2018-19-q4.txt | grep ':306:'
