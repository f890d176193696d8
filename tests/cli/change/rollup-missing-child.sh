# One roll-up rule: a parent is incomplete, and blank, for a period any mapped child has no value for, whether the child's row is missing or empty; a BCU none of whose boroughs has a row is blank too, not absent; the warning names the children missing.
cd "$ROOT/datasets/london"
"$KPI" change MPS_Borough_Level_Crime_recent24_202312-202511.csv --indicator MinorText \
    --area BoroughName --rollup bcu-map.csv --latest | grep '^VIOLENT DISORDER,' | sort
