#!/usr/bin/env python3
"""pack_gen.py N DIR: N indicators of 60 monthly London figures (2021-01 to
2025-12) in DIR/pack.csv, with their metadata in DIR/pack-meta.csv: labels
of every length (and in Welsh, Polish and Urdu), units, better directions
and a target on every fifth.  Stdlib only; the same N gives the same bytes."""
import math
import sys

LABELS = [
    "Homicide",
    "Knife crime (offences involving a knife or sharp instrument)",
    "Troseddau treisgar \u2013 Caerdydd a\u2019r Fro",
    "Przest\u0119pstwa w \u0141odzi \u2013 \u015ar\u00f3dmie\u015bcie",
    "\u06a9\u0631\u0627\u0686\u06cc \u0634\u06c1\u0631 \u0645\u06cc\u06ba \u062c\u0631\u0627\u0626\u0645",
    "Robbery of personal property",
    "999 calls answered within 10 seconds",
    "Burglary of a residential dwelling, rolling 12 months",
]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with open(f"{out}/pack.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("indicator,area,period,value\n")
        for i in range(n):
            base = 200 + 137 * i
            for t in range(60):
                y, m = 2021 + t // 12, t % 12 + 1
                v = base * (1 + 0.15 * math.sin(t * 0.52 + i)) + 2.5 * t * (i % 3 - 1)
                f.write(f"ind{i:02d},London,{y}-{m:02d},{round(v)}\n")
    with open(f"{out}/pack-meta.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("indicator,label,unit,better,target,target_op\n")
        for i in range(n):
            label = f"{LABELS[i % len(LABELS)]} ({i + 1})"
            target = f"{200 + 137 * i},<=" if i % 5 == 4 else ","
            f.write(f'ind{i:02d},"{label}",offences,down,{target}\n')


if __name__ == "__main__":
    main()
