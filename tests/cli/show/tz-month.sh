# --tz Europe/London on police.uk stop-and-search rows, whose times are UTC: the 13 searches at 23:01-23:38 UTC on 31 May 2016 happened on 1 June in London (BST, UTC+1), so June holds all 30 searches of the excerpt. Without --tz they fall on 31 May, May is a month with one day of data (left out, with a warning), and June holds 7 + 10 = 17.
cp "$ROOT/datasets/police-uk/stop-and-search-2016-06-excerpt.csv" .
E=stop-and-search-2016-06-excerpt.csv
"$KPI" show "$E" --layout events --count --period Date --name searches --freq month
"$KPI" show "$E" --layout events --count --period Date --name searches --freq month --tz Europe/London
