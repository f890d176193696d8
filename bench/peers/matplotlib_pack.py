#!/usr/bin/env python3
"""matplotlib_pack.py DATA META OUT.pdf: the peer of `kpi pack` for bench/pack.
The same document with matplotlib's PdfPages: an A4 cover with the summary
table of every indicator (latest value, a year earlier, change, % change),
then two indicators a page, each a heading, a sentence and its line chart
with the latest value labelled.  Reads the CSVs that pack_gen.py writes."""
import csv
import sys
from collections import OrderedDict

import matplotlib

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

A4 = (8.27, 11.69)


def main():
    data, meta_path, out = sys.argv[1:4]
    series = OrderedDict()
    with open(data, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            series.setdefault(row["indicator"], []).append((row["period"], float(row["value"])))
    with open(meta_path, encoding="utf-8") as f:
        labels = {r["indicator"]: r["label"] for r in csv.DictReader(f)}
    rows = []
    for ind, pts in series.items():
        v, b = pts[-1][1], pts[-13][1]
        rows.append((labels[ind][:40], pts[-1][0], f"{v:,.0f}", f"{b:,.0f}", f"{v - b:+,.0f}",
                     f"{100 * (v - b) / abs(b):+.1f}%"))
    with PdfPages(out) as pdf:
        fig = plt.figure(figsize=A4)
        fig.text(0.08, 0.95, "Performance pack", fontsize=22, weight="bold")
        ax = fig.add_axes([0.08, 0.05, 0.84, 0.85])
        ax.axis("off")
        t = ax.table(cellText=rows, colLabels=["Indicator", "Period", "Value", "Base", "Change",
                                               "% change"], loc="upper center")
        t.auto_set_font_size(False)
        t.set_fontsize(6)
        pdf.savefig(fig)
        plt.close(fig)
        items = list(series.items())
        for k in range(0, len(items), 2):
            fig = plt.figure(figsize=A4)
            for j, (ind, pts) in enumerate(items[k:k + 2]):
                top = 0.95 - 0.47 * j
                v, b = pts[-1][1], pts[-13][1]
                fig.text(0.08, top, labels[ind], fontsize=13, weight="bold")
                fig.text(0.08, top - 0.025, f"{labels[ind]}: {100 * (v - b) / abs(b):+.1f}% "
                         f"(from {b:,.0f} to {v:,.0f}).", fontsize=9)
                ax = fig.add_axes([0.1, top - 0.35, 0.8, 0.28])
                x = list(range(len(pts)))
                ax.plot(x, [p[1] for p in pts], color="#0072B2")
                ax.annotate(f"{v:,.0f}", (x[-1], v), xytext=(4, 0), textcoords="offset points")
                ax.set_xticks(x[::12])
                ax.set_xticklabels([p[0] for p in pts[::12]], fontsize=7)
                ax.tick_params(labelsize=7)
                ax.spines[["top", "right"]].set_visible(False)
            pdf.savefig(fig)
            plt.close(fig)


if __name__ == "__main__":
    main()
