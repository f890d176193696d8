/* kpi changes: each period of a series compared with a base period, the
 * same period a year earlier by default.
 *
 * The change is value - base and the percentage change is
 * 100 * (value - base) / |base|.  A change that cannot be computed (the
 * value or the base is missing, or the base is zero for a percentage) is a
 * result with a reason, never 0, inf or NaN.  Values that are whole numbers
 * subtract exactly, so counts never show float drift. */
#ifndef KPI_CHANGE_H
#define KPI_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/population.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/significance.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_vs {
    KPI_VS_YEAR = 0, /* the same period one year earlier */
    KPI_VS_PREV,     /* the previous period */
    KPI_VS_FIXED     /* a fixed base period, such as 2016-17 */
} kpi_vs;

typedef struct kpi_change_options {
    kpi_vs vs;
    kpi_period base; /* for KPI_VS_FIXED; its frequency must match the series' */
    int decimals;    /* percentage decimals in written output, 0..6 */
    bool latest;     /* written output: only the last present period of each series */
    bool cagr;       /* add the compound annual growth rate column */
    /* The exact test of each change in a count (kpi/significance.h): the
     * columns rate_ratio,rr_low,rr_high,p_value,significance,test_note. */
    bool test;
    double alpha;         /* the test's level; KPI_SIGNIFICANCE_ALPHA by default */
    const kpi_meta *meta; /* which indicators are counts; may be NULL */
    /* When the values are rates per head (kpi_transform_per of `counts`
     * with `population`), the test compares the counts over the
     * populations.  NULL: the values are the counts, over equal periods. */
    const kpi_store *counts;
    const kpi_population *population;
} kpi_change_options;

/* Year-on-year, one decimal, every period, no test (alpha
 * KPI_SIGNIFICANCE_ALPHA when one is asked for).  Never fails. */
KPI_API kpi_change_options kpi_change_options_default(void);

typedef enum kpi_direction {
    KPI_DIRECTION_NONE = 0, /* not computable */
    KPI_DIRECTION_INCREASE,
    KPI_DIRECTION_DECREASE,
    KPI_DIRECTION_NO_CHANGE
} kpi_direction;

typedef struct kpi_change {
    kpi_period period;
    kpi_obs state; /* of the value */
    double value;
    bool has_base; /* the base period lies inside the series */
    kpi_period base_period;
    kpi_obs base_state;
    double base_value;
    bool has_change; /* value and base are both present */
    double change;
    bool has_pct; /* ... and the base is not zero */
    double pct_change;
    kpi_direction direction;
    bool has_prev_pct; /* the same comparison one step earlier */
    double prev_pct_change;
    bool has_cagr; /* value and base positive, periods apart */
    double cagr_pct;
    const char *reason; /* why a field is empty: a fixed English phrase, or "" */
} kpi_change;

/* The compound annual growth rate, in percent, from `from` to `to` over
 * `years` years: 100 * ((to / from)^(1 / years) - 1).  Returns false (and
 * leaves *out alone) unless both values are positive and years > 0. */
KPI_API bool kpi_change_cagr(double from, double to, double years, double *out);

/* Compare slot i of se with its base.  A fixed base of another frequency
 * than the series gives no base (base_period.freq is KPI_FREQ_NONE).
 * Never fails. */
KPI_API void kpi_change_at(const kpi_series *se, size_t i, const kpi_change_options *opt,
                           kpi_change *out);

/* The exact test of c, a change of slot i of se (see kpi_change_at), as
 * opt asks for it: the counts are se's values, or with opt->counts those
 * of the series with se's key there, over opt->population.  Never fails:
 * an empty test has a reason. */
KPI_API void kpi_change_test(const kpi_series *se, const kpi_change *c,
                             const kpi_change_options *opt, kpi_rate_test *out);

/* "increase", "decrease", "no change", or "" for KPI_DIRECTION_NONE. */
KPI_API const char *kpi_direction_name(kpi_direction d);

#ifdef __cplusplus
}
#endif

#endif
