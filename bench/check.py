#!/usr/bin/python3
"""Check that two tools' outputs for one bench task agree.

    check.py TASK REF.csv OTHER.csv [--pct-tol X] [--rel-tol X]

TASK is yoy or roll12 (rows keyed by indicator, area, period; compares value, base_value, change,
pct_change) or trend (rows keyed by indicator, area; compares slope, intercept, r2). Columns are
found by header name, so extra columns (kpi's base_period, direction, ...) are ignored. An empty
cell is a missing number; missing must match missing.

Tolerances: 1e-9 absolute for every number, except
  --pct-tol X  for pct_change (kpi rounds percentages to --decimals D: pass 0.5 * 10^-D)
  --rel-tol X  relative, for trend (kpi trend writes 6 significant digits: pass 5e-6)
Prints one line: rows compared, the largest difference per column, and the verdict; the first few
differences go to stderr. Exit status 0 when they agree, 1 when not.
"""
import csv
import math
import sys

KEYS = {"yoy": ("indicator", "area", "period"), "roll12": ("indicator", "area", "period"),
        "trend": ("indicator", "area")}
COLS = {"yoy": ("value", "base_value", "change", "pct_change"),
        "roll12": ("value", "base_value", "change", "pct_change"),
        "trend": ("slope", "intercept", "r2")}


def load(path, keys, cols):
    with open(path, newline="") as f:
        r = csv.reader(f)
        head = next(r)
        try:
            ki = [head.index(k) for k in keys]
            ci = [head.index(c) for c in cols]
        except ValueError as e:
            sys.exit(f"check.py: {path}: {e} (header: {','.join(head)})")
        rows, dups = {}, 0
        for row in r:
            k = tuple(row[i] for i in ki)
            if k in rows:
                dups += 1
            rows[k] = tuple(float(row[i]) if row[i] != "" else None for i in ci)
    return rows, dups


def main():
    args = sys.argv[1:]
    pct_tol, rel_tol = 1e-9, 0.0
    for opt in ("--pct-tol", "--rel-tol"):
        if opt in args:
            i = args.index(opt)
            val = float(args[i + 1])
            del args[i:i + 2]
            if opt == "--pct-tol":
                pct_tol = val + 1e-9
            else:
                rel_tol = val
    if len(args) != 3 or args[0] not in KEYS:
        sys.exit(__doc__)
    task, a_path, b_path = args
    keys, cols = KEYS[task], COLS[task]
    a, a_dups = load(a_path, keys, cols)
    b, b_dups = load(b_path, keys, cols)
    problems = []
    only_a = a.keys() - b.keys()
    only_b = b.keys() - a.keys()
    for k in list(only_a)[:3]:
        problems.append(f"row {k} only in {a_path}")
    for k in list(only_b)[:3]:
        problems.append(f"row {k} only in {b_path}")
    worst = [0.0] * len(cols)
    bad = 0
    for k in a.keys() & b.keys():
        for j, (x, y) in enumerate(zip(a[k], b[k])):
            if x is None or y is None:
                if x is not y:
                    bad += 1
                    if len(problems) < 10:
                        problems.append(f"{k} {cols[j]}: {x} vs {y}")
                continue
            d = abs(x - y)
            worst[j] = max(worst[j], d)
            tol = (pct_tol if cols[j] == "pct_change" else 1e-9) + rel_tol * max(abs(x), abs(y))
            if not d <= tol or math.isnan(d):
                bad += 1
                if len(problems) < 10:
                    problems.append(f"{k} {cols[j]}: {x!r} vs {y!r} (differ by {d:.3g})")
    ok = not only_a and not only_b and bad == 0 and a_dups == 0 and b_dups == 0
    for p in problems:
        print("  " + p, file=sys.stderr)
    diffs = ", ".join(f"{c} {w:.2g}" for c, w in zip(cols, worst))
    print(f"{task}: {len(a)} vs {len(b)} rows, {len(a.keys() & b.keys())} compared; "
          f"only in one: {len(only_a)} + {len(only_b)}; duplicates: {a_dups} + {b_dups}; "
          f"differing cells: {bad}; largest differences: {diffs}; {'AGREE' if ok else 'DISAGREE'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
