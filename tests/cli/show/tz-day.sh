# --tz moves a UTC time to its London day: searches at 23:xx UTC on 31 May 2016 are on 1 June (13 + the 7 at 00:00-00:09 UTC = 20), and the last 10, up to 22:30 UTC on 30 June (23:30 BST), stay on 30 June. A time without an offset is already local time and keeps its date; --tz UTC leaves UTC times as written.
cp "$ROOT/datasets/police-uk/stop-and-search-2016-06-excerpt.csv" .
E=stop-and-search-2016-06-excerpt.csv
"$KPI" show "$E" --layout events --count --period Date --freq day --tz Europe/London | grep -v ',0$'
"$KPI" show "$E" --layout events --count --period Date --freq day --tz UTC | grep -v ',0$'
printf 'Date\n2016-05-31 23:30:00\n2016-05-31T23:30:00+00:00\n' >local.csv
"$KPI" show local.csv --layout events --count --period Date --freq day --tz Europe/London
