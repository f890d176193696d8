# The Met pack: A4 pages numbered "Page N of M" to the last, the title in the metadata, every indicator's sentence in the text, the significance of homicide's fall (p = 0.017663 by R's poisson.test, issue 11) and of knife crime's rise (p = 0.62), and an outline entry per indicator plus the summary.
met=$ROOT/datasets/met-business-plan
"$KPI" pack "$met/figures.csv" --meta "$met/meta.csv" --title "MPS business plan: Q4 2018-19" --date 2026-12-01 -o met.pdf || exit 1
pages=$(pdfinfo met.pdf | sed -n 's/^Pages: *//p')
pdfinfo -f 1 -l "$pages" met.pdf | grep -c "^Page *[0-9]* size: *595.276 x 841.89 pts (A4)" | sed "s/^$pages\$/every page A4/"
pdfinfo met.pdf | sed -n 's/^Title: *//p'
pdftotext met.pdf - | tr '\n' ' ' | tr -s ' ' > text
grep -qF "Page 1 of $pages " text && grep -qF "Page $pages of $pages" text && echo "numbered to the last page"
# Every series' sentence, as kpi summary --sentences writes it for that indicator alone (a
# page names its period and area in its heading, so the sentence does not).
tail -n +2 "$met/figures.csv" | cut -d, -f1 | sort -u > indicators
indicators=$(wc -l < indicators)
while IFS= read -r i; do
    "$KPI" summary "$met/figures.csv" --meta "$met/meta.csv" --where "indicator=$i" --sentences
done < indicators > sentences
found=0
while IFS= read -r s; do grep -qF -- "$s" text && found=$((found + 1)); done < sentences
echo "sentences found: $found of $indicators"
grep -oF "Homicide 2018-19 · London, compared with 2017-18 · significant decrease (p = 0.018)" text
grep -oF "sharp instrument) 2018-19 · London, compared with 2017-18 · no significant change (p = 0.621)" text
echo "outline entries: $(grep -a -A1 '^<< /Title' met.pdf | grep -c '/Parent')"
grep -a -q '/Title (Homicide)' met.pdf && echo "bookmark: Homicide"
