# A UTF-16 file (little-endian with its byte-order mark, and big-endian through a pipe) is found by its mark and read exactly as its UTF-8 original, the E&W homicides by financial year, not as a header of garbage.
set -e
F="$ROOT/datasets/london/ew_homicides_financial_year.csv"
"$KPI" show "$F" --period year --value homicides --freq fy >expected
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$F"; } >le.csv
"$KPI" show le.csv --period year --value homicides --freq fy >out
cmp expected out
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$F"; } |
    "$KPI" show - --period year --value homicides --freq fy >out
cmp expected out
head -3 out
