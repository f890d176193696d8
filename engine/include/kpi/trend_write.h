/* kpi trend tables: one row of trend statistics per series, as CSV, JSON
 * or Markdown.  Computing is kpi/trend.h's; this header only writes. */
#ifndef KPI_TREND_WRITE_H
#define KPI_TREND_WRITE_H

#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/store.h"
#include "kpi/table.h"
#include "kpi/trend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Significant digits of the numbers kpi_trend_write prints. */
#define KPI_TREND_DIGITS 6

/* Write one row per series of s, in order of first appearance, with the
 * header
 *   indicator,area[,groups],frequency,from,to,n,slope,intercept,
 *   slope_ci_low,slope_ci_high,slope_p,r2,theil_sen_slope,mk_s,mk_tau,
 *   mk_z,mk_p,mk_trend,seasonal_slope,seasonal_ci_low,seasonal_ci_high,
 *   seasonal_p,note
 * when opt->stats asks for every statistic.  Otherwise only the columns of
 * those asked for appear (slope to r2 for KPI_TREND_OLS, theil_sen_slope,
 * mk_s to mk_trend), and the seasonal ones only when opt->seasonal is on.
 * from and to are the first and last periods used; slope, intercept,
 * the interval and the seasonal columns are per period (ols and
 * seasonal at 95%); mk_trend is increasing, decreasing or no trend at 5%.
 * Integers (n, mk_s) print exactly; every other number is rounded half
 * away from zero to KPI_TREND_DIGITS (6) significant digits and printed
 * in its shortest form ("3.2", "0.0171281", "1.5e-7"), so float noise
 * such as 1.9999999999999998 prints as 2.  An empty field is empty in CSV
 * and Markdown and null in JSON, and note says why.  Fails like
 * kpi_trend_series on the first series that fails, and on write errors. */
KPI_API kpi_status kpi_trend_write(const kpi_store *s, const kpi_trend_options *opt, FILE *out,
                                   kpi_format format, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
