# validate's per-series rows for the Met figures: a gappy monthly series and a financial-yearly one, counted by hand.
cd "$ROOT/datasets/met-business-plan" && "$KPI" validate figures.csv 2>/dev/null | grep -E '^file,|,(cds_users|knife_injury|vctf_officers|calls_999_received_millions),'
