# An unknown field in the introduction's template is an error at its line and column, and no pack is written.
printf 'indicator,area,period,value\nhomicide,London,2017-18,163\nhomicide,London,2018-19,122\n' > in.csv
printf 'Intro\nThere were {{homicide.valu}} homicides.\n' > t.md
"$KPI" pack in.csv --template t.md -o out.pdf
echo "exit $?"
ls
