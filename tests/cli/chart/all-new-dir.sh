# chart --all DIR makes DIR when its parent exists (it failed with "cannot create a file next to it"), and says plainly when it cannot.
cd "$ROOT/datasets/london"
"$KPI" chart ew_homicides_financial_year.csv --period year --value homicides --freq fy \
    --type line --all "$OLDPWD/charts" && ls "$OLDPWD/charts"
"$KPI" chart ew_homicides_financial_year.csv --period year --value homicides --freq fy \
    --type line --all "$OLDPWD/no/such"; echo "exit $?"
