#!/usr/bin/python3
"""T3 trend with pandas: per series, the OLS slope and intercept of value on the month index
(0 at the series' first month; gaps keep their width) and R², from centred sums."""
import sys
import pandas as pd

KEYS = ["indicator", "area"]
df = pd.read_csv(sys.argv[1], dtype={"indicator": str, "area": str, "period": str, "value": "float64"})
t = df["period"].str[:4].astype(int) * 12 + df["period"].str[5:7].astype(int) - 1
g = df.assign(t=t).groupby(KEYS, sort=False)
x = (t - g["t"].transform("min")).astype("float64")
mx, my = x.groupby([df[k] for k in KEYS], sort=False).transform("mean"), g["value"].transform("mean")
dx, dy = x - mx, df["value"] - my
s = pd.DataFrame({"n": 1, "sxx": dx * dx, "sxy": dx * dy, "syy": dy * dy, "mx": mx, "my": my}).join(df[KEYS])
s = s.groupby(KEYS, sort=False).agg(n=("n", "sum"), sxx=("sxx", "sum"), sxy=("sxy", "sum"), syy=("syy", "sum"),
                                    mx=("mx", "first"), my=("my", "first")).reset_index()
s["slope"] = s["sxy"] / s["sxx"]
s["intercept"] = s["my"] - s["slope"] * s["mx"]
s["r2"] = s["sxy"] ** 2 / (s["sxx"] * s["syy"])
s[KEYS + ["n", "slope", "intercept", "r2"]].to_csv(sys.stdout, index=False)
