# --milestones adds a milestones section after the indicators: three pages for the Met register at 2018-19 Q4, an outline entry, the register's sentences, the counts by status with their shares (4, 4, 1 and 29 of 38: 11%, 11%, 3%, 76%), the chart, and one row per milestone not delivered (34: 29 with no status, 4 on track, 1 delayed), the overdue one marked.
met=$ROOT/datasets/met-business-plan
"$KPI" pack "$met/figures.csv" --meta "$met/meta.csv" --date 2026-12-01 -o plain.pdf || exit 1
"$KPI" pack "$met/figures.csv" --meta "$met/meta.csv" --date 2026-12-01 --milestones "$met/milestones.csv" -o ms.pdf || exit 1
plain=$(pdfinfo plain.pdf | sed -n 's/^Pages: *//p')
pages=$(pdfinfo ms.pdf | sed -n 's/^Pages: *//p')
echo "pages added: $((pages - plain))"
echo "outline entries: $(grep -a -A1 '^<< /Title' ms.pdf | grep -c '/Parent')"
grep -a -q '/Title (Milestones)' ms.pdf && echo "bookmark: Milestones"
first=$((plain + 1))
pdftotext -f $first -l $first ms.pdf - | tr '\n' ' ' | tr -s ' ' > first
grep -oF "Of 38 milestones, 4 delivered, 4 on track, 1 with some delay, 29 with no status given." first
grep -oF "1 milestone is past its due period and not delivered: Award the PEQF education and accreditation contract (due 2018-19 Q3, 1 quarter late)." first
pdftotext -layout -f $first -l $first ms.pdf - | sed 's/  */ /g; s/^ //' > counts
for row in "Delivered 4 11%" "On track but not fully delivered 4 11%" "Some delay 1 3%" "No status given 29 76%" "All milestones 38 100%"; do
    grep -qx "$row" counts && echo "count row: $row"
done
# Each status word stands once in the counts table and once in the chart's legend; the rest are rows.
pdftotext -layout -f $first -l "$pages" ms.pdf section
for word in "No status given" "On track but not" "Some delay"; do
    echo "rows $word: $(($(grep -o "$word" section | wc -l) - 2))"
done
grep -A1 "^Award the PEQF" section | sed "s/  */ /g"
