#!/bin/sh
# T2 roll12 with Miller: a streaming pass with a running 12-month total per series. The window is
# by period, not by row: a month leaves the total when the month 12 later arrives, and a total is
# written only when all 12 months are there; the YoY % is against the total 12 months earlier.
# Streaming this way needs each series' rows in month order (as gen.py writes them); it stops otherwise.
exec mlr --icsv --ocsv put -q '
  begin { @last = {}; @v = {}; @r = {}; @s = {}; @c = {} }
  t = int(substr1($period, 1, 4)) * 12 + int(sub(substr1($period, 6, 7), "^0", "")) - 1;
  k = $indicator . "\t" . $area;
  if (!haskey(@last, k)) { @v[k] = {}; @r[k] = {}; @s[k] = 0; @c[k] = 0 }
  elif (t <= @last[k]) { print "miller_roll12: rows of " . k . " are not in month order"; stop }
  # months that left the window since the last row of this series
  for (i = max(@last[k] - 11, t - 23); i <= t - 12; i += 1) {
    if (haskey(@v[k], i)) { @s[k] -= @v[k][i]; @c[k] -= 1; unset @v[k][i] }
  }
  @last[k] = t;
  @v[k][t] = $value; @s[k] += $value; @c[k] += 1;
  if (@c[k] == 12) {
    s = @s[k];
    @r[k][t] = s;
    unset @r[k][t - 24];
    out = {"indicator": $indicator, "area": $area, "period": $period, "value": s};
    if (haskey(@r[k], t - 12)) {
      b = @r[k][t - 12];
      out["base_value"] = b; out["change"] = s - b;
      out["pct_change"] = b != 0 ? (s - b) / b * 100 : "";
    } else {
      out["base_value"] = ""; out["change"] = ""; out["pct_change"] = "";
    }
    emit out;
  }
' "$1"
