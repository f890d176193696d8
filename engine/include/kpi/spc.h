/* kpi statistical process control: XmR (individuals) charts as the NHS
 * "Making Data Count" guidance draws them.
 *
 * For each segment of a series (the whole series, or the stretches
 * between rebase periods) the limits rest on its baseline points (every
 * point, or the first `baseline`):
 *   mean       the mean of the baseline values;
 *   mR         the moving ranges |x_t - x_{t-1}| between consecutive
 *              baseline points (none across a rebase);
 *   limits     mean -+ KPI_SPC_LIMIT_FACTOR * mean(mR), the process limits;
 *   near band  beyond mean -+ (2/3) KPI_SPC_LIMIT_FACTOR * mean(mR).
 * With screening, moving ranges above KPI_SPC_SCREEN_FACTOR * mean(mR)
 * are dropped and the mean of the rest is used.
 *
 * Each point is flagged with every special-cause rule it is part of,
 * judged inside its segment:
 *   outside       beyond a process limit (strictly);
 *   shift         a run of KPI_SPC_RUN or more points strictly on one side
 *                 of the mean (a point on the mean ends the run): all of it;
 *   trend         a run of KPI_SPC_RUN or more points, each strictly above
 *                 (or each strictly below) the one before (a tie ends the
 *                 run): all of it;
 *   two_of_three  2 or 3 of 3 consecutive points strictly beyond the same
 *                 near-band edge: those points.
 * A flagged point is high or low: the side of the mean it lies on for
 * outside, two_of_three and shift, else the trend's direction.  High is an
 * improvement where higher is better and a concern where lower is better;
 * with no better direction it is neutral_high (neutral_low).
 *
 * Missing, suppressed and absent periods are not points: the chart runs
 * over the present values in period order.
 *
 * A partial value (built from incomplete data: a quarter from two of its
 * months, a roll-up with a child missing, kept by --partial) is never
 * compared as if complete.  It is a point of the chart, shown against the
 * limits of its segment, but it is no part of them: it is left out of the
 * baseline and the moving ranges, and out of every rule's runs, and it is
 * not judged (no rules, no variation, a note saying why).  Whatever option
 * built it, a short month is not a signal of a fall. */
#ifndef KPI_SPC_H
#define KPI_SPC_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 3 / d2 for moving ranges of two points (d2 = 1.128), and D4. */
#define KPI_SPC_LIMIT_FACTOR 2.66
#define KPI_SPC_SCREEN_FACTOR 3.267

/* Points in a shift or a trend. */
#define KPI_SPC_RUN 7

/* Fewer baseline points than this give limits with a note that they are
 * unreliable; fewer than 2 give none. */
#define KPI_SPC_RELIABLE 12

/* The rules, as bits of kpi_spc_point.rules. */
enum {
    KPI_SPC_OUTSIDE = 1u << 0,
    KPI_SPC_SHIFT = 1u << 1,
    KPI_SPC_TREND = 1u << 2,
    KPI_SPC_TWO_OF_THREE = 1u << 3
};

typedef enum kpi_spc_variation {
    KPI_SPC_NO_LIMITS = 0, /* the segment has fewer than 2 points */
    KPI_SPC_COMMON,
    KPI_SPC_IMPROVEMENT,
    KPI_SPC_CONCERN,
    KPI_SPC_NEUTRAL_HIGH,
    KPI_SPC_NEUTRAL_LOW,
    KPI_SPC_VARIATION_LAST
} kpi_spc_variation;

typedef enum kpi_spc_assurance {
    KPI_SPC_ASSURANCE_NONE = 0, /* no target, no better direction or no limits */
    KPI_SPC_PASS,               /* every ordinary point meets the target */
    KPI_SPC_FAIL,               /* no ordinary point can meet it */
    KPI_SPC_HIT_AND_MISS        /* the target lies between the limits */
} kpi_spc_assurance;

typedef struct kpi_spc_options {
    size_t baseline;          /* limits from the first N points of each segment; 0: all */
    const kpi_period *rebase; /* series layer: a new segment from each of these periods */
    size_t n_rebase;
    bool screen;       /* drop moving ranges above KPI_SPC_SCREEN_FACTOR * mean(mR) */
    kpi_better better; /* which side of the mean is an improvement */
} kpi_spc_options;

/* Every point's own limits, no rebase, no screening, no direction.  Never
 * fails. */
KPI_API kpi_spc_options kpi_spc_options_default(void);

typedef struct kpi_spc_point {
    kpi_period period; /* series layer only */
    double value;
    size_t segment; /* 0 for the first, one more after each rebase */
    size_t basis;   /* points the segment's limits rest on */
    bool has_limits;
    double mean, lpl, upl;
    double near_low, near_high; /* edges of the near-limit bands */
    unsigned rules;             /* KPI_SPC_* bits */
    int direction;              /* of a flagged point: 1 high, -1 low; 0 unflagged */
    kpi_spc_variation variation;
    bool partial; /* built from incomplete data: shown with its segment's limits,
                     no part of them, never judged (KPI_SPC_NO_LIMITS) */
} kpi_spc_point;

/* The chart of y[0..n) with segments starting at starts[0..n_starts)
 * (strictly increasing indexes in 1..n-1; NULL when n_starts is 0).  out
 * points at n points, filled but for their periods.  Fails with
 * KPI_EDOMAIN when a value is not finite and KPI_EINVAL when starts are
 * not as described; out is then unspecified. */
KPI_API kpi_status kpi_spc_compute(const double *y, size_t n, const size_t *starts, size_t n_starts,
                                   const kpi_spc_options *opt, kpi_spc_point *out, kpi_error *err);

/* The chart of y[0..n), values at periods[0..n) (strictly increasing, one
 * frequency), a new segment at the first complete point on or after each
 * of opt->rebase of that frequency (others are ignored).  partial (NULL:
 * none) flags the values built from incomplete data, which are points
 * outside the limits' computation, as described above.  out gets n
 * points, periods included.  Fails as kpi_spc_compute, and with
 * KPI_ENOMEM. */
KPI_API kpi_status kpi_spc_periods(const kpi_period *periods, const double *y, const bool *partial,
                                   size_t n, const kpi_spc_options *opt, kpi_spc_point *out,
                                   kpi_error *err);

/* A chart of a series: its present values up to period `to` (NULL: all),
 * a new segment at the first point on or after each rebase period of the
 * series' frequency (others are ignored). */
typedef struct kpi_spc {
    kpi_spc_point *points; /* n of them, owned; release with kpi_spc_free */
    size_t n;
} kpi_spc;

/* Fills out (which the caller releases with kpi_spc_free, also after a
 * failure).  Fails with KPI_ENOMEM. */
KPI_API kpi_status kpi_spc_series(const kpi_series *se, const kpi_spc_options *opt,
                                  const kpi_period *to, kpi_spc *out, kpi_error *err);

/* Release what out holds and empty it.  out may be NULL. */
KPI_API void kpi_spc_free(kpi_spc *out);

/* The assurance of a point's limits against a target: where lower is
 * better, pass when the target is above the upper limit, fail when it is
 * below the lower one, hit_and_miss between them; mirrored where higher is
 * better.  NONE with no limits or no better direction.  Never fails. */
KPI_API kpi_spc_assurance kpi_spc_assure(const kpi_spc_point *p, double target, kpi_better better);

/* Why a point's limits deserve a caution, as a fixed English phrase:
 * "partial period: built from incomplete data, not judged", "no limits:
 * fewer than 2 points", "limits rest on fewer than 12 points", or "" when
 * there is none. */
KPI_API const char *kpi_spc_note(const kpi_spc_point *p);

/* "common", "improvement", "concern", "neutral_high", "neutral_low", or
 * "" for KPI_SPC_NO_LIMITS. */
KPI_API const char *kpi_spc_variation_name(kpi_spc_variation v);

/* "pass", "fail", "hit_and_miss", or "". */
KPI_API const char *kpi_spc_assurance_name(kpi_spc_assurance a);

/* The rules of a point joined by ';' ("outside;shift"), "" for none.
 * Writes at most size bytes, NUL included; returns the length like
 * snprintf. */
KPI_API size_t kpi_spc_rules_format(unsigned rules, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
