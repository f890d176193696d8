# validate --help prints its usage and the input options on stdout and exits 0.
"$KPI" validate --help
