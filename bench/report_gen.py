#!/usr/bin/env python3
"""report_gen.py N OUT.md: a kpi report template of N placeholders for
the London borough history (datasets/london/MPS_Borough_Level_Crime_
Historical_201004-202311.csv: 1,084 monthly series of 164 months), ten to
a line.  They name five series of one indicator, each by its area, and go
through the figures of the summary row in turn, with a sentence, a table
and a chart among them, as a long written report does: every series is
named about N / 5 times.  Stdlib only; the same N gives the same bytes."""
import sys

AREAS = ["Westminster", "Camden", "Hackney", "Barnet", "Brent"]
FIELDS = [
    "value", "period", "base_value", "change", "pct_change|signed", "direction",
    "assessment", "prev_pct_change", "trend", "trend_p", "label", "unit",
    "significance", "p_value|decimals:3", "variation", "value|thousands", "sentence",
]
ID = "ROBBERY OF PERSONAL PROPERTY"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            if i % 250 == 100:
                f.write("{{table:summary:%s}}\n" % ID)
            elif i % 250 == 200:
                f.write("{{chart:%s:line:%s}}\n" % (ID, AREAS[i // 250 % len(AREAS)]))
            else:
                area = AREAS[i % len(AREAS)]
                f.write("{{%s@%s.%s}}%s" % (ID, area, FIELDS[i % len(FIELDS)],
                                            "\n" if i % 10 == 9 else " "))


if __name__ == "__main__":
    main()
