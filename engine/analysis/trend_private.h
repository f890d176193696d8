/* What trend.c (least squares, Mann-Kendall, the series layer) and
 * theil_sen.c share: the input checks, and the Theil-Sen fit the series
 * layer runs on its own workspace. */
#ifndef KPI_TREND_PRIVATE_H
#define KPI_TREND_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "alloc_private.h"
#include "kpi/trend.h"

/* The checks every line through points shares: KPI_EDOMAIN when there are
 * fewer than min points, a value is not finite, or x is constant, the
 * message naming the line ("a least-squares line"). */
KPI_INTERNAL kpi_status kpi_trend_check_line(const double *x, const double *y, size_t n, size_t min,
                                             const char *line, kpi_error *err);

/* Doubles of scratch kpi_theil_sen_fit needs for n points: O(n), never
 * less for a larger n, and at least the 2n Mann-Kendall sorts in.  0 when
 * the size would overflow. */
KPI_INTERNAL size_t kpi_theil_sen_scratch(size_t n);

/* The Theil-Sen line of n >= 2 finite points into out.  scratch holds
 * kpi_theil_sen_scratch(n) doubles.  Allocates nothing.  False, with
 * out->reason saying why, when every pair ties in x or the values span
 * too many powers of two for exact slopes (see theil_sen.c). */
KPI_INTERNAL bool kpi_theil_sen_fit(const double *x, const double *y, size_t n, double *scratch,
                                    kpi_theil_sen *out);

#endif
