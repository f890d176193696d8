/* kpi trends: is a series going up or down, and how fast?
 *
 * Four views of one span of a series, all in units of the value per
 * period (per month for a monthly series):
 *   ols          ordinary least squares: slope, intercept, the 95%
 *                confidence interval of the slope, its two-sided p-value
 *                (null hypothesis: slope 0) and R^2;
 *   theil-sen    the median of the slopes between every pair of points
 *                (Sen 1968), which a few outliers cannot drag, with the
 *                intercept median(y - slope * x);
 *   mann-kendall the rank test for a monotonic trend (Mann 1945, Kendall
 *                1975): S, Kendall's tau-b, the tie-corrected variance of
 *                S, the continuity-corrected z and its two-sided normal
 *                p-value;
 *   seasonal     least squares on a time index plus one indicator column
 *                per month (or quarter) but the first, so that a seasonal
 *                swing is not mistaken for a trend.
 *
 * Two layers.  The array functions take x and y and fail with KPI_EDOMAIN
 * when a statistic cannot mean anything for the input (too few points, a
 * constant x, a value that is not finite).  The series functions never fail
 * on short data: a statistic that cannot be computed is an empty field with
 * a reason, never 0, inf or NaN.
 *
 * In the series functions x is the number of periods since the first
 * period used, so the intercept is the fitted value at that period and a
 * gap (an absent, missing or suppressed slot) keeps its real width: values
 * for January, February and May sit at x = 0, 1 and 4. */
#ifndef KPI_TREND_H
#define KPI_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every confidence interval is at the 1 - KPI_TREND_ALPHA (95%) level, and
 * the Mann-Kendall decision is taken at KPI_TREND_ALPHA (5%). */
#define KPI_TREND_ALPHA 0.05

/* Most parameters of a seasonal fit: intercept, time, 11 months. */
#define KPI_TREND_SEASONAL_MAX_PARAMS 13

/* Size of kpi_trend.note, NUL included. */
#define KPI_TREND_NOTE_MAX 320

/* How many partial periods a trend names (kpi_trend.partial_periods). */
#define KPI_TREND_PARTIAL_SHOWN 4

typedef enum kpi_trend_direction {
    KPI_TREND_NONE = 0,   /* not computed */
    KPI_TREND_INCREASING, /* Mann-Kendall p < alpha and S > 0 */
    KPI_TREND_DECREASING, /* Mann-Kendall p < alpha and S < 0 */
    KPI_TREND_NO_TREND    /* p >= alpha */
} kpi_trend_direction;

/* A straight-line least-squares fit, y = intercept + slope * x. */
typedef struct kpi_ols {
    size_t n;            /* points fitted */
    size_t df;           /* residual degrees of freedom: n - 2, or n - 1 through the origin */
    double slope;        /* per unit of x */
    double intercept;    /* 0 for a fit through the origin */
    double slope_se;     /* standard error of the slope */
    double intercept_se; /* 0 for a fit through the origin */
    double cov;          /* covariance of intercept and slope (0 with either SE 0) */
    double slope_ci_low; /* 95% interval: slope -+ t(0.975, df) * slope_se */
    double slope_ci_high;
    double resid_sd; /* sqrt(SSE / df) */
    /* Two-sided p-value of t = slope / slope_se on df degrees of freedom.
     * An exact fit, whose residuals are rounding (their norm below 1e-12
     * of the values'), has standard errors and resid_sd 0, an interval
     * that collapses onto the slope and p = 0, the limit as the residual
     * variance goes to 0; if its slope moves the fit by no more than
     * rounding over the span, the slope is 0 and there is no p.  When
     * every y is equal (every y is 0, through the origin) the slope is 0
     * and there is neither p nor R^2. */
    bool has_p;
    double slope_p;
    /* R^2 = 1 - SSE / SST, in [0, 1].  SST is centred, sum (y - mean)^2,
     * for a fit with an intercept, and uncentred, sum y^2, through the
     * origin (NIST's definition); there is no R^2 when SST is 0. */
    bool has_r2;
    double r2;
    const char *reason; /* why a field is empty: a fixed English phrase, or "" */
} kpi_ols;

/* The fitted value of o at x and its 95% confidence band (the interval of
 * the mean response: fit -+ t(0.975, df) * sqrt(var(a) + 2 x cov(a, b) +
 * x^2 var(b))), for a chart's trend band.  Never fails. */
KPI_API void kpi_trend_ols_band(const kpi_ols *o, double x, double *fit, double *lo, double *hi);

/* The Theil-Sen line (Sen 1968). */
typedef struct kpi_theil_sen {
    size_t n;           /* points */
    size_t pairs;       /* pairs with distinct x, whose slopes give the median */
    double slope;       /* median of (y_j - y_i) / (x_j - x_i) over those pairs */
    double intercept;   /* median of y - slope * x */
    const char *reason; /* why it is empty (series functions only), or "" */
} kpi_theil_sen;

/* The Mann-Kendall test for a monotonic trend, on values in time order. */
typedef struct kpi_mann_kendall {
    size_t n;
    int64_t s;         /* sum over i < j of sign(y_j - y_i) */
    size_t tie_groups; /* groups of equal values with 2 or more members */
    double var_s;      /* [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18 */
    /* Kendall's tau-b between y and time, S / sqrt(n0 (n0 - n1)) with
     * n0 = n(n-1)/2 and n1 = sum_t t(t-1)/2 over the tie groups (time has
     * no ties).  It is tau-a, S / n0, when no values tie.  There is no tau
     * when every value is equal (0/0). */
    bool has_tau;
    double tau;
    /* z = (S - 1) / sqrt(var_s) for S > 0, 0 for S = 0, (S + 1) / sqrt(var_s)
     * for S < 0; p = 2 * Q(|z|) for the standard normal Q.  Always present:
     * every value equal gives S = 0, z = 0, p = 1. */
    double z;
    double p;
    kpi_trend_direction trend; /* at KPI_TREND_ALPHA */
    const char *reason;        /* why a field is empty, or "" */
} kpi_mann_kendall;

/* A multiple regression y = X c.  The caller points coef and se at arrays
 * of p doubles, and cov at p * p doubles or NULL, before the call; the
 * other fields are results. */
typedef struct kpi_regression {
    double *coef; /* in: where the p coefficients go */
    double *se;   /* in: where their p standard errors go */
    double *cov;  /* in: where the p x p covariance goes (row-major), or NULL */
    size_t n, p;
    size_t df;       /* n - p */
    double sse;      /* sum of squared residuals */
    double resid_sd; /* sqrt(sse / df) */
    /* R^2 = 1 - sse / SST.  SST is centred when some column of X is a
     * non-zero constant (an intercept), uncentred (sum y^2) otherwise, as
     * NIST defines it; there is no R^2 when SST is 0. */
    bool centred;
    bool has_r2;
    double r2;
} kpi_regression;

/* The trend with seasonal effects removed: least squares on the columns
 * 1, x, and one 0/1 column per season except the first (January, or the
 * first quarter).  The slope is the coefficient of x. */
typedef struct kpi_seasonal {
    size_t n;
    size_t seasons; /* 12 for months, 4 for quarters */
    size_t params;  /* seasons + 1 */
    size_t df;      /* n - params */
    double slope;
    double slope_se;
    double slope_ci_low; /* 95% */
    double slope_ci_high;
    bool has_p; /* as for kpi_ols, exact fits included */
    double slope_p;
    bool has_r2; /* centred R^2 of the whole model */
    double r2;
    double resid_sd;
    const char *reason; /* why a field is empty, or "" */
} kpi_seasonal;

/* ---- arrays ------------------------------------------------------------ */

/* Least-squares line through (x[i], y[i]), i < n (gsl_fit_linear).
 * Fails with KPI_EDOMAIN when n < 3 (the interval needs a degree of
 * freedom), when x is constant, or when a value is not finite.  out is
 * written only on success. */
KPI_API kpi_status kpi_trend_ols(const double *x, const double *y, size_t n, kpi_ols *out,
                                 kpi_error *err);

/* The same without an intercept, y = slope * x (gsl_fit_mul); R^2 is
 * uncentred.  Fails with KPI_EDOMAIN when n < 2, when every x is 0, or
 * when a value is not finite. */
KPI_API kpi_status kpi_trend_ols_origin(const double *x, const double *y, size_t n, kpi_ols *out,
                                        kpi_error *err);

/* The Theil-Sen line through (x[i], y[i]): the median of the pairwise
 * slopes (y_j - y_i) / (x_j - x_i), ranked exactly as real numbers on the
 * input doubles, each slope its exact value correctly rounded (the mean
 * of the middle two for an even count).  When every difference of x and
 * of y is exact in a double (integers, or values on a common binary
 * grid), that is bit for bit the median of the slope doubles C computes.
 * Pairs with equal x are left out.  The slopes are selected, not listed:
 * O(n log n) expected time for any data, ties included.  One allocation
 * of O(n) doubles (about 20 n), freed before returning.  Fails with
 * KPI_EDOMAIN when n < 2, when x is constant or a value is not finite,
 * or when the binary exponents of x and y together span more than about
 * 1000 powers of two (values from 1e-150 to 1e150, say), and with
 * KPI_ENOMEM. */
KPI_API kpi_status kpi_trend_theil_sen(const double *x, const double *y, size_t n,
                                       kpi_theil_sen *out, kpi_error *err);

/* The Mann-Kendall test on y[0..n) in time order.  O(n log n): S comes
 * from counting discordant pairs by merge sort, with 2n doubles of scratch
 * (the O(n^2) count when they cannot be had).  Fails with KPI_EDOMAIN when n < 3 (with two points S is +-1
 * and z is always 0) or a value is not finite.  The normal approximation
 * is rough below about 10 points; no exact table is used. */
KPI_API kpi_status kpi_trend_mann_kendall(const double *y, size_t n, kpi_mann_kendall *out,
                                          kpi_error *err);

/* Least squares y = X c for the n x p design matrix X (row-major: row i
 * is X[i*p .. i*p+p)), by gsl_multifit_linear (SVD with column scaling).
 * Before the call out->coef and out->se must point at p doubles, and
 * out->cov at p * p doubles or be NULL.  Fails with KPI_EDOMAIN when
 * p == 0, n <= p (no residual degree of freedom), a value is not finite or
 * the columns of X are linearly dependent; KPI_ENOMEM.  The arrays and
 * the result fields are written only on success. */
KPI_API kpi_status kpi_trend_regress(const double *X, const double *y, size_t n, size_t p,
                                     kpi_regression *out, kpi_error *err);

/* "increasing", "decreasing", "no trend", or "" for KPI_TREND_NONE. */
KPI_API const char *kpi_trend_direction_name(kpi_trend_direction d);

/* ---- series ------------------------------------------------------------ */

/* The statistics of a series, to ask for some (the seasonal fit has its
 * own switch). */
typedef enum kpi_trend_stat {
    KPI_TREND_OLS = 1,
    KPI_TREND_THEIL_SEN = 2,
    KPI_TREND_MANN_KENDALL = 4
} kpi_trend_stat;

#define KPI_TREND_ALL (KPI_TREND_OLS | KPI_TREND_THEIL_SEN | KPI_TREND_MANN_KENDALL)

typedef struct kpi_trend_options {
    bool has_from;   /* start the span at `from` (inclusive) */
    kpi_period from; /* must have the series' frequency */
    bool has_to;     /* end the span at `to` (inclusive) */
    kpi_period to;
    bool seasonal;        /* fit the seasonal trend of monthly and quarterly series */
    unsigned stats;       /* kpi_trend_stat flags: statistics left out are empty with no reason */
    size_t threads;       /* kpi_trend_write: rows on up to this many threads; 0 or 1: none */
    const kpi_meta *meta; /* kpi_trend_write as xlsx: metadata for the
                             workbook's metadata sheet (kpi_table_describe);
                             may be NULL */
} kpi_trend_options;

/* Parse a comma-separated list of statistics ("ols", "theil-sen",
 * "mann-kendall", each at most once) into kpi_trend_stat flags.  Fails
 * with KPI_EINVAL naming the first unknown or repeated name, or an empty
 * list; *out is written only on success. */
KPI_API kpi_status kpi_trend_stats_parse(const char *list, unsigned *out, kpi_error *err);

/* The whole series, every statistic, seasonal trend on, one thread.  Never
 * fails. */
KPI_API kpi_trend_options kpi_trend_options_default(void);

/* Every statistic of one span of one series.  A statistic whose has_ flag
 * is false is empty: its struct is zero but for `reason`, which says why.
 * Requirements, on the n values used:
 *   ols           n >= 3 (one residual degree of freedom for the interval)
 *   theil_sen     n >= 2
 *   mann_kendall  n >= 3
 *   seasonal      a monthly, quarterly or financial-quarterly series with
 *                 every month (quarter) present at least twice: two full
 *                 cycles, so each seasonal effect is told apart from the
 *                 trend.  That also means n >= 2 * seasons > params + 1. */
typedef struct kpi_trend {
    kpi_freq freq;
    size_t n;        /* values used: slots in the span holding a value */
    size_t left_out; /* missing or suppressed slots in the span */
    /* Slots in the span holding a value built from incomplete data
     * (kpi_series_partial), left out of every statistic as SPC limits and
     * comparisons leave them out, and the first of them in time order; the
     * note names them. */
    size_t partial;
    kpi_period partial_periods[KPI_TREND_PARTIAL_SHOWN];
    kpi_period from; /* the first and last period used; only when n > 0 */
    kpi_period to;
    bool has_ols;
    kpi_ols ols;
    bool has_theil_sen;
    kpi_theil_sen theil_sen;
    bool has_mann_kendall;
    kpi_mann_kendall mann_kendall;
    bool has_seasonal;
    kpi_seasonal seasonal;
    /* Every reason above, each prefixed by its statistic and joined by
     * "; " ("ols: needs at least 3 values; ..."), or "" when nothing is
     * empty.  A seasonal trend switched off in the options adds none. */
    char note[KPI_TREND_NOTE_MAX];
} kpi_trend;

/* Scratch memory for kpi_trend_series, so that a loop over many series
 * allocates once.  A workspace serves one thread at a time. */
typedef struct kpi_trend_workspace kpi_trend_workspace;

/* A workspace for series of up to max_n values (it grows if a longer one
 * comes).  Returns a workspace the caller frees with
 * kpi_trend_workspace_free(), or NULL when out of memory (err filled). */
KPI_API kpi_trend_workspace *kpi_trend_workspace_new(size_t max_n, kpi_error *err);

/* Release w.  w may be NULL. */
KPI_API void kpi_trend_workspace_free(kpi_trend_workspace *w);

/* Every statistic of the span opt->from..opt->to of se (the whole series
 * by default), leaving out absent, missing, suppressed and partial slots.  w may be
 * NULL: the call then makes and frees its own scratch memory.  Fails with
 * KPI_EFREQ when from or to has another frequency than the series,
 * KPI_EINVAL when from is after to, KPI_ENOMEM (a workspace that cannot
 * grow stays as it was).  A span that holds no values is not an error:
 * every statistic is empty with the reason "no values in the span". */
KPI_API kpi_status kpi_trend_series(const kpi_series *se, const kpi_trend_options *opt,
                                    kpi_trend_workspace *w, kpi_trend *out, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
