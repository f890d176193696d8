/* What trend.c (least squares, Mann-Kendall, the series layer) and
 * theil_sen.c share: the input checks and the merge sort that counts
 * pairs out of order, which gives Mann-Kendall's S and Theil-Sen's counts
 * of falling and flat slopes alike. */
#ifndef KPI_TREND_PRIVATE_H
#define KPI_TREND_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "alloc_private.h"
#include "kpi/trend.h"

/* KPI_EDOMAIN naming the first value of x or y that is not finite. */
KPI_INTERNAL kpi_status kpi_trend_check_xy(const double *x, const double *y, size_t n,
                                           kpi_error *err);

/* True when every x[i] equals x[0]. */
KPI_INTERNAL bool kpi_trend_constant(const double *x, size_t n);

/* Sorts a[0..n) ascending by a bottom-up merge sort, with tmp as room for
 * n more, and returns the pairs i < j out of order: a[j] < a[i] when
 * strict, a[j] <= a[i] when not.  *sorted is a or tmp, whichever holds the
 * result.  O(n log n), no allocation. */
KPI_INTERNAL size_t kpi_trend_inversions(double *a, double *tmp, size_t n, bool strict,
                                         double **sorted);

/* Doubles of scratch kpi_theil_sen_fit needs for n points: O(n), never
 * less for a larger n, and at least the 2n Mann-Kendall sorts in.  0 when
 * the size would overflow. */
KPI_INTERNAL size_t kpi_theil_sen_scratch(size_t n);

/* The Theil-Sen line of n >= 2 finite points, x not constant, into out.
 * scratch holds kpi_theil_sen_scratch(n) doubles.  Allocates nothing and
 * never fails: false only when every pair ties in x. */
KPI_INTERNAL bool kpi_theil_sen_fit(const double *x, const double *y, size_t n, double *scratch,
                                    kpi_theil_sen *out);

#endif
