# The London borough history (177,776 observations) written as .xlsx by kpi: its 54 MB sheet XML is over the 8 MB from which a sheet is read in two halves on two threads.  It reads back to the same long table as the CSV, on two threads and on one.
set -e
L="$ROOT/datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv"
"$KPI" show "$L" --indicator MinorText --group MajorText --area BoroughName > csv.csv
"$KPI" show "$L" --indicator MinorText --group MajorText --area BoroughName -o book.xlsx
"$KPI" show --threads 2 book.xlsx --group MajorText > halves.csv
"$KPI" show --threads 1 book.xlsx --group MajorText > whole.csv
cmp csv.csv halves.csv
cmp csv.csv whole.csv
python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet1.xml").file_size > 8 << 20)' book.xlsx
wc -l < halves.csv
sed -n '2p;88889p;177777p' halves.csv
