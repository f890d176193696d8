# The 2017-18 Q1 update has no wrong figure: "400 more officers" has nothing to check it against, and "1,171 DWOs ... against a target of 1,258" states no verdict; exit 0.
cd "$ROOT/datasets/met-business-plan"
"$KPI" audit met-business-plan-2017-18-q1.txt
