# Help and version text that cannot be written (a full disk) fail with status 1 and say why.
"$KPI" --help > /dev/full
echo "exit $?"
"$KPI" chart --help > /dev/full
echo "exit $?"
"$KPI" --version > /dev/full
echo "exit $?"
