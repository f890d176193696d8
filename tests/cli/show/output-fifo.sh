# -o onto a pipe writes through it and leaves it a pipe: the rename that keeps files whole must never replace a device or a FIFO (as -o /dev/null would be).
printf 'indicator,period,value\nk,2019-01,1\n' > in.csv
mkfifo pipe
cat pipe > got.csv &
"$KPI" show in.csv -o pipe
echo "exit $?"
wait
test -p pipe && echo "still a pipe"
cat got.csv
ls -A | sort
