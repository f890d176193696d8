"""kpi.parallel on a real Dask cluster: a LocalCluster of two worker processes computes
`kpi change` over a generated file partitioned by series, and the joined result is, byte for
byte, what one `kpi change` over the whole file writes.

The file is written month by month (every series in each month), so the series interleave
and a partition of whole series needs the shuffle; it has groups, quoted names with commas,
missing and suppressed values."""
import os
import random
import subprocess
import sys
import tempfile
import unittest

import kpi

CLI = os.environ["KPI_CLI"]

try:
    from dask.distributed import Client, LocalCluster
    import kpi.parallel
except ImportError:  # python3-dask and python3-distributed are test packages
    Client = None


def generate(path, n_areas=23, n_indicators=3, months=40):
    rng = random.Random(17)
    areas = [f"Area {i}" if i % 5 else f'"Area {i}, North"' for i in range(n_areas)]
    with open(path, "w") as f:
        f.write("indicator,area,kind,period,value\n")
        for t in range(months):
            period = f"{2019 + t // 12}-{t % 12 + 1:02d}"
            for i in range(n_indicators):
                for a in areas:
                    cell = str(rng.randint(0, 500))
                    if rng.random() < 0.03:
                        cell = rng.choice(["", ".."])
                    f.write(f"crime_{i},{a},{'violent' if i else 'property'},{period},{cell}\n")


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


@unittest.skipIf(Client is None, "python3-dask and python3-distributed are not installed")
class ChangeBySeries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "crimes.csv")
        generate(cls.path)
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", local_directory=cls.tmp.name)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        cls.tmp.cleanup()

    def test_same_rows_as_one_kpi_change(self):
        read = {"groups": ["kind"]}
        whole = cli("change", self.path, "--group", "kind")
        got = kpi.parallel.change_by_series(self.client, self.path, 5, read=read,
                                            blocksize=20000)
        self.assertEqual(got, whole)
        # 69 series of 40 months, one row per period; the file's first series first.
        lines = whole.splitlines()
        self.assertEqual(len(lines), 1 + 69 * 40)
        self.assertTrue(lines[1].startswith('crime_0,"Area 0, North",property,2019-01,'), lines[1])
        # Every worker took part.
        self.assertEqual(len(self.client.scheduler_info()["workers"]), 2)

    def test_rolling_latest_and_test(self):
        read = {"groups": ["kind"]}
        whole = cli("change", self.path, "--group", "kind", "--rolling", "12", "--latest",
                    "--test")
        got = kpi.parallel.change_by_series(self.client, self.path, 3, read=read,
                                            blocksize=30000, rolling=12, latest=True,
                                            test=True)
        self.assertEqual(got, whole)

    def test_documented_example_on_a_running_scheduler(self):
        example = os.path.join(os.environ["KPI_SOURCE_DIR"], "docs/examples/dask_change.py")
        out = os.path.join(self.tmp.name, "changes.csv")
        subprocess.run([sys.executable, example, self.path, "--scheduler",
                        self.cluster.scheduler_address, "--partitions", "4", "--group", "kind",
                        "--vs", "prev", "--latest", "-o", out], check=True)
        with open(out) as f:
            self.assertEqual(f.read(), cli("change", self.path, "--group", "kind", "--vs",
                                           "prev", "--latest"))

    def test_rollup_refused(self):
        with self.assertRaises(kpi.Error):
            kpi.parallel.change_by_series(self.client, self.path, 2, rollup="map.csv")


if __name__ == "__main__":
    unittest.main()
