# Year-on-year bars of the Met figures as a PDF: it opens as one A-size page when pdfinfo is there, and it starts %PDF either way.
"$KPI" chart "$ROOT/datasets/met-business-plan/figures.csv" --meta "$ROOT/datasets/met-business-plan/meta.csv" --type yoy -o out.pdf
echo "exit $?"
head -c 4 out.pdf; echo
if command -v pdfinfo >/dev/null; then pdfinfo out.pdf | grep -c '^Pages: *1$'; else echo 1; fi
