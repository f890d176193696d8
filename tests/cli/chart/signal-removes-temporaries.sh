# SIGTERM while charts are being written removes the unfinished file, keeps the finished ones, and ends the run by the signal.
awk 'BEGIN { print "indicator,period,value"
             for (s = 0; s < 40; s++) for (d = 0; d < 20000; d++)
                 printf "s%02d,%d\n", s, d, (d * 7 + s) % 101 }' /dev/null |
    awk -F, 'NR == 1 { print; next } { printf "%s,%s,%s\n", $1, strftime("%Y-%m-%d", 86400 * $2, 1), $3 }' > in.csv
mkdir charts
"$KPI" chart in.csv --all charts --format png &
pid=$!
# Wait for the first unfinished chart, then stop the run.
tries=0
while ! ls charts | grep -q '\.tmp'; do
    tries=$((tries + 1))
    [ $tries -lt 3000 ] || { echo "no temporary file seen"; break; }
    sleep 0.01
done
kill -TERM $pid
wait $pid
echo "exit $?"
# Unfinished files left, other files: none.
ls charts | awk '/\.tmp/ { t++ } !/\.png$/ { o++ } END { print t + 0, o + 0 }'
