"""The Python module against the command line: the same options give the same text, byte
for byte, and the parsed rows hold the figures the CLI tests assert on datasets/.

Run by ctest (python.module) with PYTHONPATH at the build tree's python/ folder, KPI_CLI the
kpi program and KPI_SOURCE_DIR the repository."""
import json
import os
import subprocess
import tempfile
import unittest
import warnings

import kpi

ROOT = os.environ["KPI_SOURCE_DIR"]
CLI = os.environ["KPI_CLI"]
MET = os.path.join(ROOT, "datasets/met-business-plan/figures.csv")
MET_META = os.path.join(ROOT, "datasets/met-business-plan/meta.csv")
LONDON = os.path.join(ROOT, "datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv")
LONDON_COLUMNS = dict(indicator="MinorText", groups=["MajorText"], area="BoroughName")
LONDON_ARGS = ["--indicator", "MinorText", "--group", "MajorText", "--area", "BoroughName"]
BCU = os.path.join(ROOT, "datasets/london/bcu-map.csv")


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def row(rows, **key):
    found = [r for r in rows if all(r[k] == v for k, v in key.items())]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} rows match {key}")
    return found[0]


class SameAsCli(unittest.TestCase):
    """Every function's text equals the command's; the rows are its JSON, parsed."""

    def test_change_met(self):
        data = kpi.read(MET)
        self.assertEqual(kpi.change(data, format="csv"), cli("change", MET))
        rows = kpi.change(data)
        self.assertEqual(rows, json.loads(cli("change", MET, "--format", "json")))
        # Knife crime 2018-19: 14852 against 14766, +86, +0.58% printed 0.6.
        knife = row(rows, indicator="knife_crime", period="2018-19")
        self.assertEqual((knife["value"], knife["base_value"], knife["change"]), (14852, 14766, 86))
        self.assertEqual(knife["pct_change"], 0.6)
        self.assertEqual(knife["direction"], "increase")
        # The first year has no base: empty, never zero.
        first = row(rows, indicator="knife_crime", period="2017-18")
        self.assertIsNone(first["change"])
        self.assertIsNone(first["pct_change"])

    def test_change_test_with_meta(self):
        data = kpi.read(MET, meta=MET_META)
        args = ["change", MET, "--meta", MET_META, "--test", "--latest"]
        self.assertEqual(kpi.change(data, test=True, latest=True, format="csv"), cli(*args))
        homicide = row(kpi.change(data, test=True, latest=True), indicator="homicide")
        # R's poisson.test(c(122, 163)): p = 0.0176628, rate ratio 0.748466 (0.587011 to
        # 0.952238), as tests/cli/change/test-met.sh asserts.
        self.assertEqual(homicide["p_value"], 0.0176628)
        self.assertEqual((homicide["rate_ratio"], homicide["rr_low"], homicide["rr_high"]),
                         (0.748466, 0.587011, 0.952238))
        self.assertEqual(homicide["significance"], "significant decrease")
        self.assertEqual(kpi.change(MET, test=True, latest=True, alpha=0.01, format="csv"),
                         cli("change", MET, "--test", "--latest", "--alpha", "0.01"))

    def test_rolling_rollup_london(self):
        data = kpi.read(LONDON, **LONDON_COLUMNS)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            text = kpi.change(data, rollup=BCU, rolling=12, latest=True, format="csv")
        self.assertEqual(text, cli("change", LONDON, *LONDON_ARGS, "--rollup", BCU,
                                   "--rolling", "12", "--latest"))
        # Heathrow and "Unknown" are not boroughs of the map: left out, and said so.
        self.assertTrue(any("London Heathrow and London City Airports" in str(w.message)
                            for w in caught))
        cw = row(kpi.change(data, rollup=BCU, rolling=12, latest=True),
                 indicator="ROBBERY OF PERSONAL PROPERTY", area="Central West")
        self.assertEqual((cw["period"], cw["value"], cw["base_value"], cw["pct_change"]),
                         ("2025-11", 3794, 4481, -15.3))
        westminster = row(kpi.change(data, rolling=12, latest=True),
                          indicator="ROBBERY OF PERSONAL PROPERTY", area="Westminster")
        self.assertEqual((westminster["value"], westminster["change"]), (2883, -543))

    def test_freq_to_and_vs(self):
        data = kpi.read(LONDON, freq="fy", **LONDON_COLUMNS)
        self.assertEqual(kpi.change(data, partial=True, vs="prev", format="md"),
                         cli("change", LONDON, *LONDON_ARGS, "--freq", "fy", "--partial",
                             "--vs", "prev", "--format", "md"))
        monthly = kpi.read(LONDON, **LONDON_COLUMNS)
        self.assertEqual(kpi.change(monthly, to="quarter", vs="2024Q1", format="csv"),
                         cli("change", LONDON, *LONDON_ARGS, "--to", "quarter", "--vs", "2024Q1"))

    def test_per_population(self):
        path = os.path.join(ROOT, "datasets/london/recorded-offences.csv")
        pop = os.path.join(ROOT, "datasets/london/population-fy.csv")
        data = kpi.read(path, area="Borough", period="Year", value="Value", freq="fy")
        rows = kpi.change(data, per=pop, latest=True)
        # Barking and Dagenham 2016-17: 70.90 offences per 1,000 (published 70.8999...).
        bd = row(rows, area="Barking and Dagenham")
        self.assertEqual((bd["value"], bd["base_value"], bd["pct_change"]), (70.9, 86.53, -18.1))
        self.assertEqual(kpi.change(data, per=pop, latest=True, format="csv"),
                         cli("change", path, "--area", "Borough", "--period", "Year", "--value",
                             "Value", "--freq", "fy", "--per", pop, "--latest"))

    def test_trend(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write(tmp, "in.csv",
                         "indicator,period,value\nk,2019,10\nk,2020,12\nk,2021,14\nk,2022,15\n")
            self.assertEqual(kpi.trend(path, format="csv"), cli("trend", path))
            k = kpi.trend(path)[0]
            # OLS by hand: slope 1.7, intercept 10.2; Theil-Sen 11/6; Mann-Kendall S = 6.
            self.assertEqual((k["slope"], k["intercept"], k["theil_sen_slope"], k["mk_s"]),
                             (1.7, 10.2, 1.83333, 6))
            self.assertEqual(kpi.trend(path, stats=["ols"], start="2020", format="csv"),
                             cli("trend", path, "--stats", "ols", "--from", "2020"))
        data = kpi.read(LONDON, **LONDON_COLUMNS)
        self.assertEqual(kpi.trend(data, seasonal=True, end="2025-06", format="csv"),
                         cli("trend", LONDON, *LONDON_ARGS, "--seasonal", "--to", "2025-06"))

    def test_spc(self):
        with tempfile.TemporaryDirectory() as tmp:
            meta = write(tmp, "meta.csv", "indicator,better,target,target_op\n"
                         "ROBBERY OF PERSONAL PROPERTY,down,100,<=\n")
            data = kpi.read(LONDON, meta=meta, **LONDON_COLUMNS)
            self.assertEqual(kpi.spc(data, format="csv"),
                             cli("spc", LONDON, *LONDON_ARGS, "--meta", meta))
            self.assertEqual(kpi.spc(data, latest=True, baseline=12, rebase="2024-06",
                                     screen=True, format="md"),
                             cli("spc", LONDON, *LONDON_ARGS, "--meta", meta, "--latest",
                                 "--baseline", "12", "--rebase", "2024-06", "--screen",
                                 "--format", "md"))
            camden = [r for r in kpi.spc(data) if r["area"] == "Camden"
                      and r["indicator"] == "ROBBERY OF PERSONAL PROPERTY"]
            # tests/cli/spc/london-camden-robbery.sh: mean 108.04, limits 66.64 to 149.45.
            self.assertEqual((camden[0]["period"], camden[0]["value"]), ("2023-12", 94))
            self.assertEqual((camden[0]["mean"], camden[0]["lpl"], camden[0]["upl"]),
                             (108.04, 66.64, 149.45))

    def test_summary_and_sentences(self):
        data = kpi.read(MET, meta=MET_META)
        self.assertEqual(kpi.summary(data, format="csv"),
                         cli("summary", MET, "--meta", MET_META, "--format", "csv"))
        self.assertEqual(kpi.summary(data, sentences=True),
                         cli("summary", MET, "--meta", MET_META, "--sentences"))
        self.assertEqual(kpi.summary(data, at="2018-19", format="md"),
                         cli("summary", MET, "--meta", MET_META, "--at", "2018-19"))
        homicide = row(kpi.summary(data), indicator="homicide")
        self.assertEqual((homicide["value"], homicide["base_value"], homicide["pct_change"]),
                         (122, 163, -25.2))
        self.assertEqual(homicide["assessment"], "good")
        with self.assertRaises(kpi.Error) as e:
            kpi.summary(kpi.read(MET))
        self.assertEqual(e.exception.status, "invalid argument")

    def test_show_where_and_several_files(self):
        path = os.path.join(ROOT, "datasets/london/knife-crime-westminster.csv")
        opts = dict(indicator="crime_subtype", groups=["measure"], period="month_year",
                    value="count", freq="fy")
        data = kpi.read(path, where={"area_type": "Borough", "measure": "Offences"}, **opts)
        self.assertEqual(kpi.change(data, format="csv"),
                         cli("change", path, "--indicator", "crime_subtype", "--group",
                             "measure", "--period", "month_year", "--value", "count",
                             "--freq", "fy", "--where", "area_type=Borough",
                             "--where", "measure=Offences"))
        # tests/cli/change/where.sh: 911 offences in 2023-24 against 823, +10.7%.
        r = row(kpi.change(data), period="2023-24")
        self.assertEqual((r["value"], r["base_value"], r["pct_change"]), (911, 823, 10.7))
        old = os.path.join(ROOT, "datasets/london/MPS_Borough_Level_Crime_Historical_201004-202311.csv")
        both = kpi.read([old, LONDON], **LONDON_COLUMNS)
        self.assertEqual(kpi.show(both, format="csv"),
                         cli("show", old, LONDON, *LONDON_ARGS))


class Errors(unittest.TestCase):
    def test_bad_cell_located(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write(tmp, "bad.csv", "indicator,period,value\nk,2019,10\nk,2020,1x2\n")
            with self.assertRaises(kpi.Error) as e:
                kpi.read(path)
            err = e.exception
            self.assertEqual((err.file, err.line, err.column), (path, 3, 8))
            self.assertEqual(err.status, "bad value")
            self.assertEqual(err.code, 5)
            self.assertTrue(str(err).startswith(f"{path}:3:8: "), str(err))
            # The command line says the same, in the same shape.
            run = subprocess.run([CLI, "change", path], capture_output=True, text=True)
            self.assertEqual(run.returncode, 1)
            self.assertIn(str(err), run.stderr)

    def test_bad_options(self):
        with self.assertRaises(kpi.Error) as e:
            kpi.change(MET, vs="2019-13")
        self.assertEqual(e.exception.status, "bad period")
        with self.assertRaises(kpi.Error):
            kpi.change(MET, to="fortnight")
        with self.assertRaises(kpi.Error):
            kpi.read(MET, duplicates="average")
        with self.assertRaises(kpi.Error) as e:
            kpi.read(os.path.join(ROOT, "no-such-file.csv"))
        self.assertEqual(e.exception.status, "input/output error")
        with self.assertRaises(TypeError):
            kpi.change(MET, rolling_window=12)

    def test_skip_bad_warns(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write(tmp, "bad.csv", "indicator,period,value\nk,2019,10\nk,2020,x\nk,2021,12\n")
            with self.assertWarns(kpi.KpiWarning) as w:
                data = kpi.read(path, skip_bad=True)
            self.assertIn("skipped 1 of 3 rows", str(w.warning))
            self.assertEqual([r["value"] for r in data.rows()], [10, 12])


class Pandas(unittest.TestCase):
    def setUp(self):
        try:
            import pandas
        except ImportError:
            self.skipTest("python3-pandas is not installed")
        self.pd = pandas

    def test_frame_in_frame_out(self):
        frame = self.pd.read_csv(MET, dtype=str, keep_default_na=False)
        result = kpi.change(frame, latest=True)
        self.assertIsInstance(result, self.pd.DataFrame)
        expected = self.pd.DataFrame(json.loads(cli("change", MET, "--latest", "--format",
                                                     "json")))
        self.pd.testing.assert_frame_equal(result, expected)
        knife = result[result.indicator == "knife_crime"].iloc[0]
        self.assertEqual((knife["value"], knife["pct_change"]), (14852, 0.6))


class Charts(unittest.TestCase):
    def test_png_and_bad_selection(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "knife.png")
            data = kpi.read(MET, meta=MET_META)
            kpi.chart(data, out, indicator="knife_crime", y_zero=True)
            ref = os.path.join(tmp, "ref.png")
            cli("chart", MET, "--meta", MET_META, "--indicator", "knife_crime", "--y-zero",
                "-o", ref)
            with open(out, "rb") as a, open(ref, "rb") as b:
                png = a.read()
                self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
                self.assertEqual(png, b.read())
            with self.assertRaises(kpi.Error) as e:
                kpi.chart(data, os.path.join(tmp, "none.png"), indicator="no_such_indicator")
            self.assertEqual(e.exception.status, "invalid argument")
            self.assertFalse(os.path.exists(os.path.join(tmp, "none.png")))

    def test_multiples_sorted(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write(tmp, "k.csv", "indicator,area,period,value\nk,Barnet,2019,1\n"
                         "k,Barnet,2020,2\nk,Camden,2019,3\nk,Camden,2020,9\n"
                         "k,Hackney,2019,5\nk,Hackney,2020,4\n")
            out, ref, plain = (os.path.join(tmp, n) for n in ("k.svg", "ref.svg", "plain.svg"))
            kpi.chart(kpi.read(path), out, type="multiples", sort="latest")
            cli("chart", path, "--type", "multiples", "--sort", "latest", "-o", ref)
            kpi.chart(kpi.read(path), plain, type="multiples")
            with open(out, "rb") as a, open(ref, "rb") as b, open(plain, "rb") as c:
                svg = a.read()
                self.assertEqual(svg, b.read())
                # Camden (9), Hackney (4), Barnet (2): not the order they came in.
                self.assertNotEqual(svg, c.read())
            with self.assertRaises(ValueError):
                kpi.chart(kpi.read(path), out, sort="latest")
            with self.assertRaises(kpi.Error):
                kpi.chart(kpi.read(path), out, type="multiples", sort="size")

if __name__ == "__main__":
    unittest.main()
