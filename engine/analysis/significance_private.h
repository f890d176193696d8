/* What change.c and the change table share with significance.c: a memo of
 * finished tests, so that a table of a million changes runs the exact test
 * once for each distinct pair of counts rather than once a row. */
#ifndef KPI_SIGNIFICANCE_PRIVATE_H
#define KPI_SIGNIFICANCE_PRIVATE_H

#include "alloc_private.h"
#include "kpi/change.h"
#include "kpi/significance.h"

typedef struct kpi_significance_memo kpi_significance_memo;

/* An empty memo, for one thread at a time.  Returns one the caller frees
 * with kpi_significance_memo_free, or NULL when out of memory. */
KPI_INTERNAL kpi_significance_memo *kpi_significance_memo_new(void);

/* Release memo.  memo may be NULL. */
KPI_INTERNAL void kpi_significance_memo_free(kpi_significance_memo *memo);

/* kpi_significance_change, answered from memo when it holds the same
 * counts, exposures and alpha, and remembered there otherwise.  memo may
 * be NULL (no memo). */
KPI_INTERNAL void kpi_significance_change_memo(double x, double t, double base_x, double base_t,
                                               kpi_unit unit, int decimals,
                                               const kpi_indicator_meta *m, double alpha,
                                               kpi_significance_memo *memo, kpi_rate_test *out);

/* kpi_change_test through memo (which may be NULL). */
KPI_INTERNAL void kpi_change_test_memo(const kpi_series *se, const kpi_change *c,
                                       const kpi_change_options *opt, kpi_significance_memo *memo,
                                       kpi_rate_test *out);

#endif
