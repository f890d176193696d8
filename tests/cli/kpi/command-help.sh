# Each command's --help exits 0 with its own usage line on stdout.
for c in validate show change; do "$KPI" $c --help | head -n 1; done
