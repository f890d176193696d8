# --indicator and --area, repeated, pick the series shown (the columns are --indicator-column and --area-column); an indicator with several areas names its area.
printf 'ind,place,period,value\n' > in.csv
for i in a b c; do for p in North South; do
    printf '%s,%s,2017,10\n%s,%s,2018,12\n' $i $p $i $p >> in.csv
done; done
"$KPI" dashboard in.csv --indicator-column ind --area-column place --indicator a --indicator c \
    --area South -o out.html || exit 1
grep -o '<h3><a href="#s[0-9]*">[^<]*</a></h3>' out.html
grep -o '<tr data-name' out.html | wc -l
