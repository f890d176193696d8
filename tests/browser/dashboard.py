#!/usr/bin/env python3
"""kpi dashboard in a real browser: headless Chromium through Selenium.

Writes two dashboards with the kpi program (the Met business-plan figures
with their milestones, under a label that must print literally, and the
London borough data), opens each at 1280 and 390 px wide and checks: no
console errors, no request leaves the page (and no URL in the file), every
chart's SVG has a rendered size, nothing scrolls sideways, sorting the
summary table by a column orders its rows by that column's numbers, the
page's accessibility basics, and text contrast of at least 4.5:1.  A
screenshot of each page at each width is written to OUT_DIR.

usage: dashboard.py KPI ROOT OUT_DIR
"""
import base64
import os
import re
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

KPI, ROOT, OUT = (os.path.abspath(a) for a in sys.argv[1:4])
LABEL = '<b>Knife & "crime"'
WIDTHS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def kpi(*args):
    subprocess.run([KPI, *args], check=True)


def make_pages(tmp):
    met = os.path.join(ROOT, "datasets", "met-business-plan")
    # The Met figures, with knife crime's label replaced by one full of
    # HTML's special characters.
    meta = os.path.join(tmp, "meta.csv")
    with open(os.path.join(met, "meta.csv"), encoding="utf-8") as f:
        text = f.read()
    old = "knife_crime,Knife crime (offences involving a knife or sharp instrument),"
    assert old in text
    label = '"' + LABEL.replace('"', '""') + '"'
    with open(meta, "w", encoding="utf-8") as f:
        f.write(text.replace(old, "knife_crime," + label + ","))
    pages = {}
    pages["met"] = os.path.join(OUT, "dashboard-met.html")
    kpi("dashboard", os.path.join(met, "figures.csv"), "--meta", meta,
        "--milestones", os.path.join(met, "milestones.csv"),
        "--title", "Met business plan & <figures>", "-o", pages["met"])
    london = os.path.join(ROOT, "datasets", "london")
    pages["london"] = os.path.join(OUT, "dashboard-london.html")
    kpi("dashboard", os.path.join(london, "MPS_Borough_Level_Crime_recent24_202312-202511.csv"),
        "--indicator-column", "MinorText", "--group", "MajorText",
        "--area-column", "BoroughName", "--indicator", "ROBBERY OF PERSONAL PROPERTY",
        "--meta", os.path.join(london, "crime-meta.csv"),
        "--title", "Robbery of personal property by borough", "-o", pages["london"])
    return pages


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(\.[0-9]+)?")


def cell_number(text):
    """A cell's number as printed ("+1,234", "-25.2%", "£3.5"), or None."""
    m = NUMBER.search(text.replace("\u2212", "-"))
    return float(m.group(0).replace(",", "")) if m else None


def check_sorting(d, name, column):
    heads = d.find_elements(By.CSS_SELECTOR, "#summary thead th")
    titles = [h.text.strip(" \u25b2\u25bc") for h in heads]
    check(column in titles, f"{name}: the summary table has a '{column}' column")
    if column not in titles:
        return
    i = titles.index(column)
    for order in ("ascending", "descending"):
        d.execute_script("arguments[0].scrollIntoView()", heads[i])
        heads[i].find_element(By.TAG_NAME, "button").click()
        check(heads[i].get_attribute("aria-sort") == order, f"{name}: {column} sorts {order}")
        cells = d.execute_script(
            "return Array.from(document.querySelectorAll('#summary tbody tr'))"
            ".map(r => r.cells[arguments[0]].textContent)", i)
        nums = [cell_number(c) for c in cells]
        present = [x for x in nums if x is not None]
        check(len(present) >= 2, f"{name}: {column} has numbers to sort")
        want = sorted(present, reverse=order == "descending")
        check(nums[:len(present)] == want,
              f"{name}: rows {order} by {column}'s numbers, found {nums[:12]}")


CONTRAST = """
function lum(c){var m=c.match(/[\\d.]+/g).map(Number);
 var f=function(v){v/=255;return v<=0.03928?v/12.92:Math.pow((v+0.055)/1.055,2.4)};
 return 0.2126*f(m[0])+0.7152*f(m[1])+0.0722*f(m[2])}
function bg(e){for(;e;e=e.parentElement){var c=getComputedStyle(e).backgroundColor;
 var m=c.match(/[\\d.]+/g);if(m&&(m.length<4||Number(m[3])>0))return c}return 'rgb(255,255,255)'}
var bad=[];
document.querySelectorAll('body *').forEach(function(e){
 var own=Array.from(e.childNodes).some(function(n){return n.nodeType===3&&n.textContent.trim()});
 if(!own||e.offsetParent===null)return;
 var a=lum(getComputedStyle(e).color),b=lum(bg(e));
 var r=(Math.max(a,b)+0.05)/(Math.min(a,b)+0.05);
 if(r<4.5)bad.push(e.tagName+' '+r.toFixed(2)+' '+e.textContent.trim().slice(0,40))});
return bad;
"""


def check_page(d, name, path, width, height, mobile):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1,
                       "mobile": mobile})
    d.get("file://" + path)
    what = f"{name} at {width} px"
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    check(not errors, f"{what}: console errors {errors}")
    requests = d.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    check(requests == [], f"{what}: requests left the page: {requests}")
    sizes = d.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart, svg.spark'))"
        ".map(s => {var r = s.getBoundingClientRect(); return [r.width, r.height]})")
    check(len(sizes) > 0, f"{what}: the page has charts")
    check(all(w > 0 and h > 0 for w, h in sizes), f"{what}: a chart has no size: {sizes}")
    scroll = d.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    check(scroll[0] <= scroll[1], f"{what}: the page scrolls sideways ({scroll[0]} > {scroll[1]})")
    # A table's words stay whole: a narrow screen scrolls the table in its
    # box rather than setting one letter to a line.
    narrow = d.execute_script(
        "return Array.from(document.querySelectorAll('#summary tbody th, #milestones tbody th'))"
        ".filter(c => c.getBoundingClientRect().width < 100)"
        ".map(c => c.textContent.slice(0, 30))")
    check(narrow == [], f"{what}: table row headings squeezed under 100 px: {narrow[:5]}")
    # Accessibility basics.
    check(d.title != "", f"{what}: a <title>")
    check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", f"{what}: lang")
    levels = d.execute_script(
        "return Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))"
        ".map(h => Number(h.tagName[1]))")
    check(levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])),
          f"{what}: headings in order {levels[:20]}")
    alts = d.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart, svg.spark'))"
        ".map(s => [s.getAttribute('role'), s.getAttribute('aria-label') || ''])")
    check(all(r == "img" and re.search(r"[0-9]", a) for r, a in alts),
          f"{what}: every chart has a text alternative with its figures")
    check(d.execute_script("return document.querySelectorAll('thead th[scope=col]').length") > 0,
          f"{what}: table headers are marked")
    low = d.execute_script(CONTRAST)
    check(low == [], f"{what}: text below 4.5:1 contrast: {low[:5]}")
    check_sorting(d, what, "Value")
    check_sorting(d, what, "% change")
    # The page from its top, up to 10,000 px of it, through the DevTools
    # protocol: chromedriver's own screenshot gives up on a long page.
    total = d.execute_script("return document.documentElement.scrollHeight")
    png = d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(total, 10000), "scale": 1}})
    shot = os.path.join(OUT, f"dashboard-{name}-{width}.png")
    with open(shot, "wb") as f:
        f.write(base64.b64decode(png["data"]))
    check(os.path.getsize(shot) > 10000, f"{what}: screenshot {shot}")
    print("screenshot:", shot)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pages = make_pages(tmp)
    for name, path in pages.items():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        urls = re.findall(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]*", text)
        check(urls == [], f"{name}: URLs in the file: {urls[:5]}")
        check(not re.search(r"\b(src|srcset|action)=", text), f"{name}: no src attributes")
    d = browser()
    try:
        for name, path in pages.items():
            for width, height, mobile in WIDTHS.values():
                check_page(d, name, path, width, height, mobile)
        # The label prints literally, in its tile, section and table row.
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        d.get("file://" + pages["met"])
        texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".tile h3, .ind h3, #summary th")]
        check(texts.count(LABEL) == 3, f"the label prints literally 3 times: {texts.count(LABEL)}")
        check(d.find_elements(By.CSS_SELECTOR, "main b") == [], "no <b> element from the data")
        check(d.title == "Met business plan & <figures>", f"the title prints literally: {d.title}")
        check(len(d.find_elements(By.CSS_SELECTOR, "#milestones tbody tr")) > 0,
              "the milestones section lists milestones")
    finally:
        d.quit()
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all browser checks passed")
    return 0


sys.exit(main())
