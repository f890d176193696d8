# --fill zero reads a month with no row, inside the file's span, as zero (a long file made from events: no victim that month); without it the quarter with an absent month is incomplete and left out, and a missing marker stays missing either way.
printf 'offence,month,victims\nMurder,2019-04,2\nMurder,2019-06,1\nManslaughter,2019-05,1\nManslaughter,2019-06,NA\n' >v.csv
"$KPI" change v.csv --indicator offence --period month --value victims --to fquarter --vs prev
"$KPI" change v.csv --indicator offence --period month --value victims --to fquarter --vs prev \
    --fill zero
