# A binary file (a NUL byte at line 1, column 3) is refused, naming it.
printf 'ab\000cd' > r.bin
"$KPI" audit r.bin
