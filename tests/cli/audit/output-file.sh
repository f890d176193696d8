# -o writes the findings to a file whole (stdout stays empty) and the exit status still says an error was found.
set +e
printf 'Crime fell 10%%, from 200 to 170.\n' > r.txt
"$KPI" audit r.txt -o out.txt
echo "exit $?"
cat out.txt
