# With --partial a parent with children missing is added up over the children there, marked partial, and never compared: London's violent disorder is 3 in November 2025 and 8 a year earlier, both from a subset of boroughs.
cd "$ROOT/datasets/london"
"$KPI" change MPS_Borough_Level_Crime_recent24_202312-202511.csv --indicator MinorText \
    --area BoroughName --rollup bcu-map.csv --latest --partial 2>/dev/null |
    grep -e '^indicator' -e '^VIOLENT DISORDER,London' -e '^VIOLENT DISORDER,Central West'
