#!/usr/bin/python3
"""T2 roll12 with pandas: the 12-month rolling total per series (complete windows only: the 12
months must all be there, checked by period), and its YoY % against the total 12 months earlier."""
import sys
import pandas as pd

KEYS = ["indicator", "area"]
df = pd.read_csv(sys.argv[1], dtype={"indicator": str, "area": str, "period": str, "value": "float64"})
df["t"] = df["period"].str[:4].astype(int) * 12 + df["period"].str[5:7].astype(int) - 1
df = df.sort_values(KEYS + ["t"], kind="stable", ignore_index=True)
g = df.groupby(KEYS, sort=False)
df["roll"] = g["value"].rolling(12).sum().reset_index(level=[0, 1], drop=True)
df = df[g["t"].shift(11) == df["t"] - 11]          # the window spans exactly 12 months
base = df[KEYS + ["t", "roll"]].rename(columns={"roll": "base_value"})
base["t"] = base["t"] + 12
out = df.merge(base, on=KEYS + ["t"], how="left")
out["value"] = out["roll"]
out["change"] = out["value"] - out["base_value"]
ok = out["base_value"].fillna(0) != 0
out["pct_change"] = (out["change"] / out["base_value"] * 100).where(ok)
out[KEYS + ["period", "value", "base_value", "change", "pct_change"]].to_csv(sys.stdout, index=False)
