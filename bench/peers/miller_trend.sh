#!/bin/sh
# T3 trend with Miller: one streaming pass accumulating centred-origin sums per series, then OLS slope,
# intercept (at the series' first month; gaps keep their width) and R² in the end block.
exec mlr --icsv --ocsv put -q '
  begin { @o = {} }
  t = int(substr1($period, 1, 4)) * 12 + int(sub(substr1($period, 6, 7), "^0", "")) - 1;
  k = $indicator . "\t" . $area;
  if (!haskey(@o, k)) { @o[k] = t; @lo[k] = 0; @n[k] = 0; @sx[k] = 0; @sy[k] = 0; @sxx[k] = 0; @sxy[k] = 0; @syy[k] = 0;
                        @ind[k] = $indicator; @area[k] = $area }
  x = t - @o[k]; y = float($value);
  @lo[k] = min(@lo[k], x);
  @n[k] += 1; @sx[k] += x; @sy[k] += y; @sxx[k] += x * x; @sxy[k] += x * y; @syy[k] += y * y;
  end {
    for (k, n in @n) {
      lo = @lo[k];
      sx = @sx[k] - n * lo; sxx = @sxx[k] - 2 * lo * @sx[k] + n * lo * lo; sxy = @sxy[k] - lo * @sy[k];
      cxx = sxx - sx * sx / n; cxy = sxy - sx * @sy[k] / n; cyy = @syy[k] - @sy[k] * @sy[k] / n;
      slope = cxy / cxx;
      out = {"indicator": @ind[k], "area": @area[k], "n": n, "slope": slope,
             "intercept": (@sy[k] - slope * sx) / n, "r2": cxy * cxy / (cxx * cyy)};
      emit out;
    }
  }
' "$1"
