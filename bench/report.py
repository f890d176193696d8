#!/usr/bin/python3
"""Turn one bench/run's measurements into a Markdown report (called by bench/run).

    report.py OUT_DIR SIZE...

Reads, for each size and task, OUT_DIR/SIZE.TASK.json (hyperfine; absent when the size was run
once, and then the wall time of the /usr/bin/time run is used), OUT_DIR/SIZE.TASK.TOOL.time
(/usr/bin/time -v: peak RSS), OUT_DIR/SIZE.TASK.kpi-after-PEER.time (at L, kpi run right after a
peer's single run: that peer's ratio is taken against it), OUT_DIR/SIZE.TASK.skip (why a task was
skipped), OUT_DIR/SIZE.checks (the output agreement lines) and OUT_DIR/meta.txt, and writes the
report to stdout.
"""
import json
import os
import re
import statistics
import sys

TASKS = [("yoy", "T1 yoy: `kpi change`"), ("roll12", "T2 roll12: `kpi change --rolling 12`"),
         ("trend", "T3 ols: `kpi trend --stats ols`"),
         ("trendall", "T3 full: `kpi trend` (against the peers' OLS)")]
TOOLS = ["kpi", "floor", "duckdb", "polars", "pandas", "miller"]
NAMES = {"kpi": "kpi", "floor": "bare tokenizer", "duckdb": "DuckDB", "polars": "Polars",
         "pandas": "pandas", "miller": "Miller"}
# Issue 13's targets.  T1 and T2: kpi at least this many times faster than each peer, at most
# FLOOR_CPU_TARGET times the bare tokenizer's CPU time, and under RSS_TARGET_MB at L.
TARGETS = {"duckdb": 5.0, "polars": 3.0}
FLOOR_CPU_TARGET = 2.0
RSS_TARGET_MB = 200
# T3: kpi trend --stats ols faster than DuckDB and Polars at M and L; the full kpi trend within
# TREND_ALL_TARGET times DuckDB's OLS at L.
TREND_ALL_TARGET = 3.0


def wall_seconds(text):
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if not m:
        return None
    parts = [float(p) for p in m.group(1).split(":")]
    s = 0.0
    for p in parts:
        s = s * 60 + p
    return s


def peak_mb(text):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) / 1024 if m else None


def cpu_seconds(text):
    u = re.search(r"User time \(seconds\): (\S+)", text)
    s = re.search(r"System time \(seconds\): (\S+)", text)
    return float(u.group(1)) + float(s.group(1)) if u and s else None


def exit_status(text):
    m = re.search(r"Exit status: (\d+)", text)
    return int(m.group(1)) if m else None


def fmt_s(s):
    if s is None:
        return ""
    return f"{s:.3f} s" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def fmt_mb(mb):
    if mb is None:
        return ""
    return f"{mb:.0f} MB" if mb < 1024 else f"{mb / 1024:.1f} GB"


def fmt_x(r):
    return "" if r is None else f"{r:.2f}×" if r < 10 else f"{r:.1f}×"


def measure(out, size, task):
    """{tool: (median seconds, runs, peak MB, note, CPU seconds)} for one size and task."""
    res = {}
    js = os.path.join(out, f"{size}.{task}.json")
    medians = {}
    if os.path.exists(js):
        with open(js) as f:
            for r in json.load(f)["results"]:
                medians[r["command"]] = (statistics.median(r["times"]), len(r["times"]), r["user"] + r["system"])
    for tool in TOOLS:
        tf = os.path.join(out, f"{size}.{task}.{tool}.time")
        mb = wall = cpu = None
        if os.path.exists(tf):
            with open(tf) as f:
                text = f.read()
            if exit_status(text) not in (0, None):
                res[tool] = (None, 0, None, f"failed (exit {exit_status(text)})", None)
                continue
            mb, wall, cpu = peak_mb(text), wall_seconds(text), cpu_seconds(text)
        if tool in medians:
            res[tool] = (medians[tool][0], medians[tool][1], mb, "", medians[tool][2])
        elif wall is not None:
            res[tool] = (wall, 1, mb, "", cpu)
    return res


def paired_kpi(out, size, task, peer, m):
    """kpi's wall seconds to set against peer: its run right after the peer's when there is one,
    its median otherwise."""
    tf = os.path.join(out, f"{size}.{task}.kpi-after-{peer}.time")
    if os.path.exists(tf):
        with open(tf) as f:
            text = f.read()
        if exit_status(text) in (0, None) and wall_seconds(text):
            return wall_seconds(text)
    return m["kpi"][0]


def targets(size, task, title, m, floor_cpu, out):
    """Issue 13's verdicts for one size and task, as Markdown list lines."""
    lines = []
    def line(text, met):
        lines.append(f"- {size}, {title}: {text}: **{'met' if met else 'not met'}**")
    if task in ("yoy", "roll12"):
        for t, want in TARGETS.items():
            if t in m and m[t][0]:
                r = m[t][0] / paired_kpi(out, size, task, t, m)
                line(f"{fmt_x(r)} faster than {NAMES[t]} (target ≥ {want:g}×)", r >= want)
        kc = m["kpi"][4]
        if kc and floor_cpu:
            r = kc / floor_cpu
            line(f"{fmt_x(r)} the bare tokenizer's CPU time (target ≤ {FLOOR_CPU_TARGET:g}×)",
                 r <= FLOOR_CPU_TARGET)
        mb = m["kpi"][2]
        if size == "L" and mb is not None:
            line(f"peak memory {fmt_mb(mb)} (target < {RSS_TARGET_MB} MB)", mb < RSS_TARGET_MB)
    elif task == "trend" and size in ("M", "L"):
        for t in ("duckdb", "polars"):
            if t in m and m[t][0]:
                r = m[t][0] / paired_kpi(out, size, task, t, m)
                line(f"{fmt_x(r)} faster than {NAMES[t]}'s OLS (target > 1×)", r > 1)
    elif task == "trendall" and size == "L" and "duckdb" in m and m["duckdb"][0]:
        r = paired_kpi(out, size, task, "duckdb", m) / m["duckdb"][0]
        line(f"{fmt_x(r)} DuckDB's OLS time (target ≤ {TREND_ALL_TARGET:g}×)", r <= TREND_ALL_TARGET)
    return lines


def main():
    out, sizes = sys.argv[1], sys.argv[2:]
    with open(os.path.join(out, "meta.txt")) as f:
        print(f.read().rstrip())
    print()
    verdicts = []
    for size in sizes:
        info = os.path.join(out, f"{size}.info")
        print(f"### {size}: " + (open(info).read().strip() if os.path.exists(info) else ""))
        print()
        rows, ratio_rows, floor_s, floor_cpu = [], [], None, None
        for task, title in TASKS:
            skip = os.path.join(out, f"{size}.{task}.skip")
            if os.path.exists(skip):
                rows.append(f"| {title} | skipped: {open(skip).read().strip()} |" + " |" * (len(TOOLS) - 1))
                continue
            m = measure(out, size, task)
            if task == "yoy" and m.get("floor", (None,))[0] is not None:
                floor_s, floor_cpu = m["floor"][0], m["floor"][4]
            cells = []
            for tool in TOOLS:
                if tool not in m:
                    cells.append("")
                    continue
                s, runs, mb, note, _ = m[tool]
                cells.append(note or f"{fmt_s(s)}, {fmt_mb(mb)}" + (" (1 run)" if runs == 1 else ""))
            rows.append(f"| {title} | " + " | ".join(cells) + " |")
            k = m.get("kpi", (None,))[0]
            if k:
                rat = [fmt_x(m[t][0] / paired_kpi(out, size, task, t, m)) if t in m and m[t][0] else ""
                       for t in ("duckdb", "polars", "pandas", "miller")]
                rat.append(fmt_x(k / floor_s) if floor_s else "")
                kc = m["kpi"][4]
                rat.append(f"{fmt_x(kc / floor_cpu)} ({fmt_s(kc)} / {fmt_s(floor_cpu)})" if kc and floor_cpu else "")
                ratio_rows.append(f"| {title} | " + " | ".join(rat) + " |")
                verdicts += targets(size, task, title, m, floor_cpu, out)
        print("Median wall time and peak RSS, whole processes:")
        print()
        print("| task | " + " | ".join(NAMES[t] for t in TOOLS) + " |")
        print("|---" * (len(TOOLS) + 1) + "|")
        print("\n".join(rows))
        print()
        if ratio_rows:
            print("Ratios of wall time (peer / kpi: above 1 means kpi is faster; kpi / bare tokenizer: the floor is 1),")
            print("and of CPU time, user + system, kpi / bare tokenizer (kpi runs on two threads, the tokenizer on one).")
            if any(n.startswith(f"{size}.") and ".kpi-after-" in n for n in os.listdir(out)):
                print("A peer run once is set against the kpi run made right after it, not kpi's median:")
            print()
            print("| task | DuckDB/kpi | Polars/kpi | pandas/kpi | Miller/kpi | kpi/floor | kpi/floor, CPU |")
            print("|---|---|---|---|---|---|---|")
            print("\n".join(ratio_rows))
            print()
        chk = os.path.join(out, f"{size}.checks")
        if not os.path.exists(chk):
            print("Outputs not checked at this size (BENCH_CHECK=1 checks them).")
            print()
        else:
            print("Output agreement (bench/check.py, before timing):")
            print()
            print("```")
            print(open(chk).read().rstrip())
            print("```")
            print()
    if verdicts:
        print("### Targets (issue 13)")
        print()
        print("\n".join(verdicts))
        print()


if __name__ == "__main__":
    main()
