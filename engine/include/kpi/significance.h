/* kpi significance: is a change in a count more than chance?
 *
 * Two counts of events, x over an exposure t (a period, or a population)
 * and base_x over base_t, compared by the exact conditional test for two
 * Poisson rates: given n = x + base_x events in all, x is binomial with
 * n trials and probability t / (t + base_t) when the rates are equal.
 * The numbers are those of R's poisson.test(c(x, base_x), T = c(t, base_t))
 * and of SciPy's binomtest(x, n, t / (t + base_t)):
 *   rate ratio  (x / t) / (base_x / base_t);
 *   interval    the Clopper-Pearson interval of the binomial proportion,
 *               turned into a rate ratio through pi / (1 - pi) * base_t / t;
 *   p-value     two-sided, the sum of the probabilities of every outcome
 *               no more likely than the one observed (with R's and SciPy's
 *               relative tolerance of 1e-7 on "no more likely").
 * Tails and quantiles come from the incomplete beta function (GSL), so a
 * test on counts of hundreds of thousands costs a few dozen evaluations,
 * never a sum over every term.
 *
 * Two layers, as in kpi/trend.h: kpi_significance_poisson fails with
 * KPI_EDOMAIN on input no test can take; kpi_significance_change never
 * fails and says why a test is empty (values that are averages, not
 * counts, have no valid test from the totals alone). */
#ifndef KPI_SIGNIFICANCE_H
#define KPI_SIGNIFICANCE_H

#include <stdbool.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The default level of the decision, and the interval's confidence. */
#define KPI_SIGNIFICANCE_ALPHA 0.05
#define KPI_SIGNIFICANCE_CONFIDENCE 0.95

/* Significant digits of the p-values and rate ratios tables print. */
#define KPI_SIGNIFICANCE_DIGITS 6

typedef enum kpi_significance {
    KPI_SIGNIFICANCE_NONE = 0, /* no test */
    KPI_SIGNIFICANCE_INCREASE, /* p < alpha and the rate went up */
    KPI_SIGNIFICANCE_DECREASE, /* p < alpha and the rate went down */
    KPI_SIGNIFICANCE_NO_CHANGE /* p >= alpha */
} kpi_significance;

typedef struct kpi_rate_test {
    bool has_test; /* false: every field below is empty, and reason says why */
    double p;      /* two-sided exact p-value, in [0, 1] */
    kpi_significance significance;
    /* The rate ratio is infinite when base_x is 0: no ratio and no upper
     * end (the lower end stays). */
    bool has_ratio;
    double rate_ratio;
    double rr_low;
    bool has_high;
    double rr_high;
    const char *reason; /* a fixed English phrase, or "" */
} kpi_rate_test;

/* Test x events over exposure t against base_x events over base_t, with a
 * confidence-level interval (0.95 for 95%) and the decision at alpha.
 * Fails with KPI_EDOMAIN when a count is not a whole number >= 0 (or
 * beyond 2^31), an exposure is not a finite number > 0, both counts are 0,
 * or confidence or alpha is outside (0, 1); out is then untouched. */
KPI_API kpi_status kpi_significance_poisson(double x, double t, double base_x, double base_t,
                                            double confidence, double alpha, kpi_rate_test *out,
                                            kpi_error *err);

/* Whether values of an indicator are counts that the test applies to:
 * NULL when they are, otherwise the reason they are not (the metadata
 * aggregates them by mean or last value, the unit is a percentage or a
 * currency, or the metadata's unit is a time: seconds, minutes, hours).
 * m may be NULL.  Whether the values themselves are whole numbers is
 * checked by kpi_significance_change. */
KPI_API const char *kpi_significance_not_counts(kpi_unit unit, const kpi_indicator_meta *m);

/* The test of a change from base_x to x, at the 95% level and alpha, with
 * empty fields and a reason when the values are not counts (see
 * kpi_significance_not_counts; also values written with decimals > 0,
 * as "2.0", and values that are not whole numbers >= 0), when both are 0,
 * or when an exposure is missing (NaN) or not positive.  Never fails. */
KPI_API void kpi_significance_change(double x, double t, double base_x, double base_t,
                                     kpi_unit unit, int decimals, const kpi_indicator_meta *m,
                                     double alpha, kpi_rate_test *out);

/* "significant increase", "significant decrease", "no significant
 * change", or "" for KPI_SIGNIFICANCE_NONE. */
KPI_API const char *kpi_significance_name(kpi_significance s);

#ifdef __cplusplus
}
#endif

#endif
