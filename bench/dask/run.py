#!/usr/bin/python3
"""kpi change on one process against a two-worker Dask cluster, on the same file.

Usage: /usr/bin/python3 bench/dask/run.py [ROWS]   (default 10000000: gen.py's L, 9,999,360 rows)

Builds kpi in Release into $BENCH_WORK/build/kpi (the folder bench/run uses, /tmp/kpi-bench by
default) unless it is there, generates $BENCH_WORK/data/<rows>.csv with bench/gen.py, then times:

  cli      `kpi change FILE --threads 1`, the program, output to a file;
  module   kpi.change(path, format="csv", threads=1) in this Python process;
  cluster  kpi.parallel.change_by_series on a LocalCluster of 2 worker processes of one
           thread each, BENCH_PARTITIONS partitions (default 8): read with dask.dataframe,
           shuffled into partitions of whole series, kpi.change on each, joined; the
           cluster's start is timed apart.

All three outputs must be byte-identical (their SHA-256 are compared) or the run fails.  The
Markdown report goes to stdout and to bench/results/dask.md (BENCH_RESULTS to change it).
Needs python3-dask, python3-distributed and python3-pandas.  Never run by ctest.
"""
import hashlib
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.environ.get("BENCH_WORK", "/tmp/kpi-bench")
BUILD = os.environ.get("BENCH_BUILD", os.path.join(WORK, "build", "kpi"))
PARTITIONS = int(os.environ.get("BENCH_PARTITIONS", "8"))


def build():
    if not os.path.exists(os.path.join(BUILD, "python", "kpi", "__init__.py")):
        subprocess.run(["cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release",
                        "-DKPI_BUILD_TESTS=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", BUILD, "-j2"], check=True, stdout=subprocess.DEVNULL)
    sys.path.insert(0, os.path.join(BUILD, "python"))


def data(rows):
    path = os.path.join(WORK, "data", f"{rows}.csv")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), path + ".tmp",
                        str(rows)], check=True)
        os.rename(path + ".tmp", path)
    return path


def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def timed(fn, who=resource.RUSAGE_SELF):
    """Wall and CPU seconds of fn() (CPU of this process, or of its children), and its value."""
    start, start_cpu = time.perf_counter(), cpu(who)
    out = fn()
    return time.perf_counter() - start, cpu(who) - start_cpu, out


def worker_cpu():
    return cpu(resource.RUSAGE_SELF)


def build_type():
    with open(os.path.join(BUILD, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith("CMAKE_BUILD_TYPE:"):
                return line.split("=", 1)[1].strip()
    return "?"


def digest(text):
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    build()
    import kpi
    import kpi.parallel
    from dask.distributed import Client, LocalCluster

    path = data(rows)
    out = os.path.join(WORK, "dask-cli.csv")
    cli = os.path.join(BUILD, "kpi")
    t_cli, c_cli, _ = timed(lambda: subprocess.run([cli, "change", path, "--threads", "1", "-o",
                                                    out], check=True), resource.RUSAGE_CHILDREN)
    with open(out, "rb") as f:
        want = digest(f.read())
    os.remove(out)
    t_module, c_module, text = timed(lambda: kpi.change(path, format="csv", threads=1))
    got_module = digest(text)
    n_out = text.count("\n") - 1
    del text
    rss_module = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

    t_start, _, (cluster, client) = timed(lambda: (lambda c: (c, Client(c)))(
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                     dashboard_address=":0", local_directory=WORK)))
    try:
        before = sum(client.run(worker_cpu).values())
        t_cluster, c_cluster, text = timed(
            lambda: kpi.parallel.change_by_series(client, path, PARTITIONS))
        c_cluster += sum(client.run(worker_cpu).values()) - before
        got_cluster = digest(text)
        del text
    finally:
        client.close()
        cluster.close()
    if not want == got_module == got_cluster:
        sys.exit(f"outputs differ: cli {want}, module {got_module}, cluster {got_cluster}")

    size = os.path.getsize(path) / 1e6
    report = f"""# kpi change: one process against a two-worker Dask cluster

`bench/dask/run.py {rows}` on {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end),
kpi built {build_type()}: `{os.path.basename(path)}`, {size:.0f} MB from `bench/gen.py`, {n_out:,}
output rows; the three outputs are byte-identical (SHA-256 `{want[:16]}...`).  CPU is user +
system time of every process of the run (the cluster's: the client's and both workers'), the
steadier figure on a shared machine.

| run | wall (s) | CPU (s) | CPU vs `kpi change` |
|---|---|---|---|
| `kpi change --threads 1` (the program) | {t_cli:.2f} | {c_cli:.2f} | 1.0 |
| `kpi.change(path, format="csv")` (one Python process) | {t_module:.2f} | {c_module:.2f} | {c_module / c_cli:.1f} |
| `kpi.parallel.change_by_series`, 2 workers, {PARTITIONS} partitions | {t_cluster:.2f} | {c_cluster:.2f} | {c_cluster / c_cli:.1f} |
| (starting the LocalCluster, not in the row above) | {t_start:.2f} | | |

Peak RSS of the Python process that ran `kpi.change`: {rss_module} MB.
"""
    print(report)
    dest = os.environ.get("BENCH_RESULTS", os.path.join(ROOT, "bench", "results", "dask.md"))
    with open(dest, "w") as f:
        f.write(report)


if __name__ == "__main__":
    main()
