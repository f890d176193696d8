# An .xlsx report output is a workbook of the template's tables, a sheet per {{table:...}} in template order (a repeated one numbered), numbers stored as numbers, then the metadata sheet; the text and other placeholders are not written.
set -e
printf 'indicator,area,period,value\nknife,Kent,2018-19,100\nknife,Kent,2019-20,110\ncalls,Kent,2018-19,40\ncalls,Kent,2019-20,30\n' > in.csv
printf 'indicator,label,unit\nknife,Knife crime,offences\ncalls,Calls,calls\n' > meta.csv
printf '# Report\nKnife crime: {{knife.value}}\n{{table:summary}}\n{{table:summary:calls}}\n{{table:summary:calls}}\n' > report.md
"$KPI" report in.csv --meta meta.csv --template report.md -o out.xlsx
# Read the workbook with Python's own zip and XML modules: each sheet's
# name, then its rows (n: a number cell, s: a text cell) up to column F.
python3 - <<'PY'
import re, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile("out.xlsx")
book = ET.fromstring(z.read("xl/workbook.xml"))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    shared = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
              for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
for sh in book.find("m:sheets", ns):
    print("[%s]" % sh.get("name"))
    part = ET.fromstring(z.read("xl/" + rels[sh.get("{%s}id" % ns["r"])]))
    for row in part.iter("{%s}row" % ns["m"]):
        cells = []
        for c in row.findall("m:c", ns):
            if re.match(r"[A-F]\d", c.get("r")) is None:
                continue
            t = c.get("t", "n")
            if t == "inlineStr":
                cells.append("s:" + "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"])))
            elif t == "s":
                cells.append("s:" + shared[int(c.find("m:v", ns).text)])
            else:
                cells.append("n:" + c.find("m:v", ns).text)
        print(" ".join(cells))
PY
