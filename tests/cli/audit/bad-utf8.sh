# A report that is not UTF-8 is refused at the bad byte's line and column (the byte 0xFF at line 2, column 3), and nothing is written.
printf 'ok\nab\377\n' > r.txt
"$KPI" audit r.txt
