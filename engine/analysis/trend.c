#include "kpi/trend.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_machine.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_vector.h>

#include "trend_private.h"

#define P_MAX KPI_TREND_SEASONAL_MAX_PARAMS

/* Fixed reasons, so that a result never points at memory it does not own. */
static const char NO_VALUES[] = "no values in the span";
static const char OLS_SHORT[] = "needs at least 3 values";
static const char TS_SHORT[] = "needs at least 2 values";
static const char MK_SHORT[] = "needs at least 3 values";
static const char CONSTANT[] = "values are constant, so there is no p-value or R^2";
static const char EXACT_FLAT[] = "values fit exactly with slope 0, so there is no p-value";
static const char ALL_EQUAL[] = "values are all equal, so there is no tau";
static const char NO_SEASONS[] = "only for monthly and quarterly series";
static const char MONTHS_TWICE[] = "needs every month present in at least 2 years";
static const char QUARTERS_TWICE[] = "needs every quarter present in at least 2 years";

/* ---- helpers ----------------------------------------------------------- */

static kpi_status
check_finite(const double *v, size_t n, const char *name, kpi_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "%s[%zu] is not a finite number",
                                 name, i);
    return KPI_OK;
}

/* KPI_EDOMAIN naming the first value of x or y that is not finite. */
static kpi_status
check_xy(const double *x, const double *y, size_t n, kpi_error *err)
{
    kpi_status st = check_finite(x, n, "x", err);
    return st != KPI_OK ? st : check_finite(y, n, "y", err);
}

static kpi_status
gsl_failed(kpi_error *err, const char *what, int gsl_status)
{
    return kpi_error_set(err, gsl_status == GSL_ENOMEM ? KPI_ENOMEM : KPI_EDOMAIN, NULL, 0, 0,
                         "%s failed: %s", what, gsl_strerror(gsl_status));
}

/* The (1 - alpha) interval est -+ t(1 - alpha/2, df) * se. */
static kpi_status
t_interval(double est, double se, size_t df, double *low, double *high, kpi_error *err)
{
    double q = gsl_cdf_tdist_Qinv(KPI_TREND_ALPHA / 2, (double)df);
    if (!isfinite(q))
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "no t quantile for %zu degrees of freedom", df);
    *low = est - q * se;
    *high = est + q * se;
    return KPI_OK;
}

static double
clamp01(double r)
{
    return r < 0 ? 0 : r > 1 ? 1 : r;
}

/* Sum of squares about the mean, two passes for accuracy. */
static double
centred_ss(const double *y, size_t n)
{
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        mean += (y[i] - mean) / (double)(i + 1);
    for (size_t i = 0; i < n; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    return ss;
}

/* ---- ordinary least squares -------------------------------------------- */

/* Residuals smaller than this fraction of the values themselves are
 * rounding, not data: the fit is exact. */
#define EXACT_REL 1e-12

/* What the straight line and the seasonal fit report about their slope. */
typedef struct slope_fit {
    double slope, se, intercept_se; /* in: as fitted; out: settled */
    double low, high, resid_sd, r2, p;
    bool has_p, has_r2;
    const char *reason;
} slope_fit;

/* Settle the slope's interval, p-value and R^2.  sse is the residual sum
 * of squares, sst the total sum of squares R^2 is measured against, yss
 * the sum of y^2 (the size of the values) and xrange the spread of x.
 *   sst = 0: every y equal (or zero, through the origin).  The slope is 0
 *     exactly, and t = 0/0 gives no p and R^2 = 0/0 none either.
 *   sqrt(sse) at rounding level (below EXACT_REL of sqrt(yss)): an
 *     exact fit.  The standard errors are 0 and the interval collapses
 *     onto the slope; p = 0, the limit as the residual variance shrinks,
 *     unless the slope moves the fit by no more than rounding over the
 *     span, when it is 0 and there is no p.  Without this, rounding noise
 *     in both the slope and its standard error would make up a p-value.
 *   otherwise: t = slope / se on df degrees of freedom, two-sided. */
static kpi_status
slope_finish(slope_fit *f, size_t n, size_t df, double sse, double sst, double yss, double xrange,
             kpi_error *err)
{
    f->reason = "";
    f->has_r2 = f->has_p = false;
    f->r2 = f->p = 0.0;
    if (sst == 0) {
        f->slope = f->se = 0.0;
        f->reason = CONSTANT;
    } else if (sqrt(sse) <= EXACT_REL * sqrt(yss)) {
        sse = 0.0;
        f->se = f->intercept_se = 0.0;
        if (fabs(f->slope) * xrange <= EXACT_REL * sqrt(yss / (double)n)) {
            f->slope = 0.0;
            f->reason = EXACT_FLAT;
        } else {
            f->has_p = true;
        }
    } else {
        double t = fabs(f->slope) / f->se;
        f->p = isfinite(t) ? 2.0 * gsl_cdf_tdist_Q(t, (double)df) : 0.0;
        if (!isfinite(f->p))
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                                 "no t-distribution p-value for t = %g on %zu degrees of freedom",
                                 t, df);
        f->p = f->p > 1.0 ? 1.0 : f->p;
        f->has_p = true;
    }
    if (sst > 0) {
        f->has_r2 = true;
        f->r2 = clamp01(1.0 - sse / sst);
    }
    f->resid_sd = sqrt(sse / (double)df);
    return t_interval(f->slope, f->se, df, &f->low, &f->high, err);
}

static void
sums(const double *v, size_t n, double *ss, double *lo, double *hi)
{
    *ss = 0;
    *lo = *hi = n ? v[0] : 0;
    for (size_t i = 0; i < n; i++) {
        *ss += v[i] * v[i];
        *lo = v[i] < *lo ? v[i] : *lo;
        *hi = v[i] > *hi ? v[i] : *hi;
    }
}

/* Fill o from a settled fit. */
static void
ols_from(kpi_ols *o, const slope_fit *f)
{
    o->slope = f->slope;
    o->slope_se = f->se;
    o->intercept_se = f->intercept_se;
    o->slope_ci_low = f->low;
    o->slope_ci_high = f->high;
    o->resid_sd = f->resid_sd;
    o->has_p = f->has_p;
    o->slope_p = f->p;
    o->has_r2 = f->has_r2;
    o->r2 = f->r2;
    o->reason = f->reason;
}

/* The fit itself, on inputs already checked: n >= 3, x not constant. */
static kpi_status
ols_fit(const double *x, const double *y, size_t n, kpi_ols *out, kpi_error *err)
{
    kpi_ols o = {.n = n, .df = n - 2};
    double cov00, cov01, cov11, sse, yss, ylo, yhi, xss, xlo, xhi;
    int gs = gsl_fit_linear(x, 1, y, 1, n, &o.intercept, &o.slope, &cov00, &cov01, &cov11, &sse);
    if (gs != GSL_SUCCESS)
        return gsl_failed(err, "gsl_fit_linear", gs);
    sums(y, n, &yss, &ylo, &yhi);
    sums(x, n, &xss, &xlo, &xhi);
    slope_fit f = {.slope = o.slope, .se = sqrt(cov11), .intercept_se = sqrt(cov00)};
    kpi_status st = slope_finish(&f, n, o.df, sse, centred_ss(y, n), yss, xhi - xlo, err);
    if (st != KPI_OK)
        return st;
    ols_from(&o, &f);
    /* An exact fit's standard errors are 0 by the rule above, and so is
     * its covariance, so that its band collapses onto the line. */
    o.cov = f.se > 0 && f.intercept_se > 0 ? cov01 : 0;
    if (f.reason == CONSTANT)
        o.intercept = y[0];
    *out = o;
    return KPI_OK;
}

void
kpi_trend_ols_band(const kpi_ols *o, double x, double *fit, double *lo, double *hi)
{
    *fit = o->intercept + o->slope * x;
    double var = o->intercept_se * o->intercept_se + 2 * x * o->cov +
                 x * x * o->slope_se * o->slope_se;
    double half = o->df > 0 ? gsl_cdf_tdist_Pinv(0.975, (double)o->df) * sqrt(var > 0 ? var : 0)
                            : 0;
    *lo = *fit - half;
    *hi = *fit + half;
}

/* True when every x[i] equals x[0]. */
static bool
constant_x(const double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] != x[0])
            return false;
    return true;
}

kpi_status
kpi_trend_check_line(const double *x, const double *y, size_t n, size_t min, const char *line,
                     kpi_error *err)
{
    kpi_status st;
    if (n < min)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "%s needs at least %zu points, got %zu",
                             line, min, n);
    if ((st = check_xy(x, y, n, err)) != KPI_OK)
        return st;
    if (constant_x(x, n))
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "x is constant, so %s has no slope",
                             line);
    return KPI_OK;
}

kpi_status
kpi_trend_ols(const double *x, const double *y, size_t n, kpi_ols *out, kpi_error *err)
{
    /* 3 points: the interval needs a degree of freedom. */
    kpi_status st = kpi_trend_check_line(x, y, n, 3, "a least-squares line", err);
    return st != KPI_OK ? st : ols_fit(x, y, n, out, err);
}

kpi_status
kpi_trend_ols_origin(const double *x, const double *y, size_t n, kpi_ols *out, kpi_error *err)
{
    kpi_status st;
    if (n < 2)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "a line through the origin needs at least 2 points, got %zu", n);
    if ((st = check_xy(x, y, n, err)) != KPI_OK)
        return st;
    if (constant_x(x, n) && x[0] == 0)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "every x is 0, so a line through the origin has no slope");
    kpi_ols o = {.n = n, .df = n - 1};
    double cov11, sse, yss, ylo, yhi, xss, xlo, xhi;
    int gs = gsl_fit_mul(x, 1, y, 1, n, &o.slope, &cov11, &sse);
    if (gs != GSL_SUCCESS)
        return gsl_failed(err, "gsl_fit_mul", gs);
    sums(y, n, &yss, &ylo, &yhi);
    sums(x, n, &xss, &xlo, &xhi);
    /* NIST's R^2 for a model without intercept is uncentred: about 0.
     * The slope's reach is measured from the origin. */
    double reach = fabs(xlo) > fabs(xhi) ? fabs(xlo) : fabs(xhi);
    slope_fit f = {.slope = o.slope, .se = sqrt(cov11)};
    if ((st = slope_finish(&f, n, o.df, sse, yss, yss, reach, err)) != KPI_OK)
        return st;
    ols_from(&o, &f);
    *out = o;
    return KPI_OK;
}

/* ---- sorting and inversion counts -------------------------------------- */

/* Sorts a[0..n) ascending by a bottom-up merge sort, with tmp as room for
 * n more, and returns the pairs i < j with a[j] < a[i].  *sorted is a or
 * tmp, whichever holds the result.  O(n log n), no allocation. */
static size_t
inversions(double *a, double *tmp, size_t n, double **sorted)
{
    size_t count = 0;
    double *src = a, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n;
            size_t hi = n - mid > width ? mid + width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (src[i] <= src[j]) {
                    dst[k++] = src[i++];
                } else {
                    count += mid - i;
                    dst[k++] = src[j++];
                }
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        double *t = src;
        src = dst;
        dst = t;
    }
    *sorted = src;
    return count;
}

/* ---- Mann-Kendall ------------------------------------------------------ */

/* S, the tie groups and their two sums.  With scratch (2n doubles): a
 * merge sort counts the discordant pairs D (i < j, y_i > y_j) and leaves
 * the values sorted, so the tie groups are its runs; with T = sum of
 * t(t-1)/2 over them, S = n(n-1)/2 - T - 2D, in O(n log n).  Without, the
 * pairs are compared one by one in O(n^2), with no memory.  The sums are
 * of whole numbers, exact in any order below 2^53. */
static void
mann_kendall_s(const double *y, size_t n, double *scratch, kpi_mann_kendall *r, double *ties,
               double *n1)
{
    if (scratch) {
        double *sorted;
        memcpy(scratch, y, n * sizeof *y);
        size_t d = inversions(scratch, scratch + n, n, &sorted);
        uint64_t tied = 0;
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && sorted[j] == sorted[i]; j++)
                ;
            double t = (double)(j - i);
            if (j - i > 1) {
                r->tie_groups++;
                *ties += t * (t - 1) * (2 * t + 5);
                *n1 += t * (t - 1) / 2;
                tied += (uint64_t)(j - i) * (j - i - 1) / 2;
            }
        }
        uint64_t all = n % 2 ? (uint64_t)n * ((n - 1) / 2) : (uint64_t)(n / 2) * (n - 1);
        r->s = (int64_t)(all - tied - d) - (int64_t)d;
        return;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            r->s += (y[j] > y[i]) - (y[j] < y[i]);
    /* Tie groups, counted from each group's first member. */
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t k = 0; k < i && first; k++)
            first = y[k] != y[i];
        if (!first)
            continue;
        double t = 0;
        for (size_t j = i; j < n; j++)
            t += y[j] == y[i];
        if (t > 1) {
            r->tie_groups++;
            *ties += t * (t - 1) * (2 * t + 5);
            *n1 += t * (t - 1) / 2;
        }
    }
}

static void
mann_kendall_fit(const double *y, size_t n, double *scratch, kpi_mann_kendall *out)
{
    kpi_mann_kendall r = {.n = n, .reason = ""};
    double ties = 0, n1 = 0;
    mann_kendall_s(y, n, scratch, &r, &ties, &n1);
    double dn = (double)n, n0 = dn * (dn - 1) / 2;
    r.var_s = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18.0;
    /* tau-b: with no ties in time, the denominator is sqrt(n0 (n0 - n1)). */
    r.has_tau = n0 - n1 > 0;
    r.tau = r.has_tau ? (double)r.s / sqrt(n0 * (n0 - n1)) : 0.0;
    if (!r.has_tau)
        r.reason = ALL_EQUAL;
    /* Continuity correction: S moves in steps of 2 (1 with ties), so the
     * normal approximation is taken at S -+ 1.  var_s > 0 whenever S != 0. */
    if (r.s > 0)
        r.z = (double)(r.s - 1) / sqrt(r.var_s);
    else if (r.s < 0)
        r.z = (double)(r.s + 1) / sqrt(r.var_s);
    r.p = r.s == 0 ? 1.0 : 2.0 * gsl_cdf_ugaussian_Q(fabs(r.z));
    if (r.p > 1.0)
        r.p = 1.0;
    r.trend = r.p >= KPI_TREND_ALPHA ? KPI_TREND_NO_TREND
              : r.s > 0              ? KPI_TREND_INCREASING
                                     : KPI_TREND_DECREASING;
    *out = r;
}

kpi_status
kpi_trend_mann_kendall(const double *y, size_t n, kpi_mann_kendall *out, kpi_error *err)
{
    kpi_status st;
    if (n < 3)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "the Mann-Kendall test needs at least 3 values, got %zu", n);
    if ((st = check_finite(y, n, "y", err)) != KPI_OK)
        return st;
    /* Room to sort a copy; without it, the O(n^2) way. */
    double *scratch = kpi_malloc(2 * n * sizeof *scratch);
    mann_kendall_fit(y, n, scratch, out);
    kpi_free(scratch);
    return KPI_OK;
}

const char *
kpi_trend_direction_name(kpi_trend_direction d)
{
    static const char *const names[] = {"", "increasing", "decreasing", "no trend"};
    return (unsigned)d < sizeof names / sizeof names[0] ? names[d] : "";
}

/* ---- multiple regression ----------------------------------------------- */

/* Least squares on checked inputs (n > p >= 1, finite).  coef, se and cov
 * are scratch of p, p and p * p doubles; r's arrays are not touched, its
 * other fields are filled on success. */
static kpi_status
regress_fit(const double *X, const double *y, size_t n, size_t p, double *coef, double *se,
            double *cov, gsl_multifit_linear_workspace *mw, kpi_regression *r, kpi_error *err)
{
    gsl_matrix_const_view Xv = gsl_matrix_const_view_array(X, n, p);
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
    gsl_vector_view cv = gsl_vector_view_array(coef, p);
    gsl_matrix_view covv = gsl_matrix_view_array(cov, p, p);
    double chisq;
    int gs = gsl_multifit_linear(&Xv.matrix, &yv.vector, &cv.vector, &covv.matrix, &chisq, mw);
    if (gs != GSL_SUCCESS)
        return gsl_failed(err, "gsl_multifit_linear", gs);
    /* gsl_multifit_linear drops singular values below GSL_DBL_EPSILON times
     * the largest; a dropped one means a column adds nothing new. */
    size_t rank = gsl_multifit_linear_rank(GSL_DBL_EPSILON, mw);
    if (rank < p)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "the %zu columns of the design matrix are linearly dependent "
                             "(rank %zu)",
                             p, rank);
    for (size_t j = 0; j < p; j++) {
        se[j] = sqrt(cov[j * p + j]);
        if (!isfinite(coef[j]) || !isfinite(se[j]))
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                                 "least squares gave no finite value for coefficient %zu", j);
    }
    /* An intercept is a constant, non-zero column; with one, R^2 is
     * measured about the mean, without one about zero (NIST). */
    bool centred = false;
    for (size_t j = 0; j < p && !centred; j++) {
        bool constant = X[j] != 0;
        for (size_t i = 1; i < n && constant; i++)
            constant = X[i * p + j] == X[j];
        centred = constant;
    }
    double sst = 0;
    if (centred) {
        sst = centred_ss(y, n);
    } else {
        for (size_t i = 0; i < n; i++)
            sst += y[i] * y[i];
    }
    r->n = n;
    r->p = p;
    r->df = n - p;
    r->sse = chisq;
    r->resid_sd = sqrt(chisq / (double)(n - p));
    r->centred = centred;
    r->has_r2 = sst > 0;
    r->r2 = r->has_r2 ? clamp01(1.0 - chisq / sst) : 0.0;
    return KPI_OK;
}

kpi_status
kpi_trend_regress(const double *X, const double *y, size_t n, size_t p, kpi_regression *out,
                  kpi_error *err)
{
    kpi_status st;
    if (p == 0)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "a regression needs at least 1 column");
    if (n <= p)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "a regression on %zu columns needs more than %zu rows, got %zu", p, p,
                             n);
    if (p > SIZE_MAX / sizeof(double) / (p + 2) || n > SIZE_MAX / p)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "a %zu x %zu regression is too large", n,
                             p);
    if ((st = check_finite(X, n * p, "X", err)) != KPI_OK ||
        (st = check_finite(y, n, "y", err)) != KPI_OK)
        return st;
    double *scratch = kpi_malloc(p * (p + 2) * sizeof *scratch);
    gsl_multifit_linear_workspace *mw = scratch ? gsl_multifit_linear_alloc(n, p) : NULL;
    if (!mw) {
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory for a %zu x %zu regression",
                           n, p);
    } else {
        kpi_regression r = *out;
        double *coef = scratch, *se = scratch + p, *cov = scratch + 2 * p;
        st = regress_fit(X, y, n, p, coef, se, cov, mw, &r, err);
        if (st == KPI_OK) {
            memcpy(out->coef, coef, p * sizeof *coef);
            memcpy(out->se, se, p * sizeof *se);
            if (out->cov)
                memcpy(out->cov, cov, p * p * sizeof *cov);
            *out = r;
        }
    }
    gsl_multifit_linear_free(mw);
    kpi_free(scratch);
    return st;
}

/* ---- workspace --------------------------------------------------------- */

struct kpi_trend_workspace {
    size_t cap;    /* values the buffers below hold */
    double *block; /* one allocation for x, y, the Theil-Sen scratch and X */
    double *x, *y;
    double *scratch;                    /* kpi_theil_sen_scratch(cap) */
    double *design;                     /* cap x P_MAX */
    gsl_multifit_linear_workspace *fit; /* made at the first seasonal fit */
    size_t fit_n;                       /* rows fit was made for */
    double coef[P_MAX], se[P_MAX], cov[P_MAX * P_MAX];
};

/* Make room for n values.  On failure w is as it was. */
static kpi_status
reserve(kpi_trend_workspace *w, size_t n, kpi_error *err)
{
    if (n <= w->cap && w->block)
        return KPI_OK;
    size_t pairs = kpi_theil_sen_scratch(n ? n : 1);
    size_t fixed = 2 + P_MAX, limit = SIZE_MAX / sizeof(double);
    if (!pairs || n > (limit - pairs) / fixed)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "a series of %zu values is too long", n);
    double *block = kpi_malloc((fixed * n + pairs) * sizeof *block);
    if (!block)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0,
                             "out of memory for the trend of %zu values", n);
    kpi_free(w->block);
    w->block = block;
    w->cap = n;
    w->x = block;
    w->y = block + n;
    w->design = block + 2 * n;
    w->scratch = block + (2 + P_MAX) * n;
    return KPI_OK;
}

kpi_trend_workspace *
kpi_trend_workspace_new(size_t max_n, kpi_error *err)
{
    kpi_trend_workspace *w = kpi_calloc(1, sizeof *w);
    if (!w) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory for a trend workspace");
        return NULL;
    }
    if (reserve(w, max_n, err) != KPI_OK) {
        kpi_free(w);
        return NULL;
    }
    return w;
}

void
kpi_trend_workspace_free(kpi_trend_workspace *w)
{
    if (!w)
        return;
    gsl_multifit_linear_free(w->fit);
    kpi_free(w->block);
    kpi_free(w);
}

/* ---- series ------------------------------------------------------------ */

kpi_status
kpi_trend_stats_parse(const char *list, unsigned *out, kpi_error *err)
{
    static const struct {
        const char *name;
        kpi_trend_stat stat;
    } names[] = {{"ols", KPI_TREND_OLS},
                 {"theil-sen", KPI_TREND_THEIL_SEN},
                 {"mann-kendall", KPI_TREND_MANN_KENDALL}};
    unsigned stats = 0;
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ","), k = 0;
        while (k < sizeof names / sizeof names[0] &&
               !(strlen(names[k].name) == len && strncmp(p, names[k].name, len) == 0))
            k++;
        if (k == sizeof names / sizeof names[0])
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                                 "unknown statistic '%.*s' (ols, theil-sen or mann-kendall)",
                                 (int)len, p);
        if (stats & names[k].stat)
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "statistic '%s' named twice",
                                 names[k].name);
        stats |= names[k].stat;
        p += len;
        if (!*p)
            break;
    }
    *out = stats;
    return KPI_OK;
}

kpi_trend_options
kpi_trend_options_default(void)
{
    return (kpi_trend_options){.seasonal = true, .stats = KPI_TREND_ALL, .threads = 1};
}

static void
add_note(kpi_trend *t, const char *stat, const char *reason)
{
    if (!reason || !*reason)
        return;
    size_t len = strlen(t->note);
    snprintf(t->note + len, sizeof t->note - len, "%s%s%s%s", len ? "; " : "", stat ? stat : "",
             stat ? ": " : "", reason);
}

/* A span far longer than its values, such as one event dated a century
 * out, is most likely a typing slip, and it costs the store a slot per
 * period.  Say so once the span holds SPARSE_RATIO periods per value and
 * at least SPARSE_MIN periods. */
#define SPARSE_RATIO 100
#define SPARSE_MIN 1000

static void
sparse_note(kpi_trend *t, double periods)
{
    if (periods < SPARSE_MIN || periods < SPARSE_RATIO * (double)t->n)
        return;
    char from[KPI_PERIOD_TEXT_MAX], to[KPI_PERIOD_TEXT_MAX], text[160];
    kpi_period_format(t->from, from, sizeof from);
    kpi_period_format(t->to, to, sizeof to);
    snprintf(text, sizeof text, "%zu values over %.0f %s periods from %s to %s: a mistyped date?",
             t->n, periods, kpi_freq_name(t->freq), from, to);
    add_note(t, NULL, text);
}

/* "left out 2 partial periods (2021-22, 2025-26): built from incomplete
 * data", when the span holds any. */
static void
partial_note(kpi_trend *t)
{
    if (t->partial == 0)
        return;
    char text[160];
    size_t len = (size_t)snprintf(text, sizeof text, "left out %zu partial period%s (", t->partial,
                                  t->partial == 1 ? "" : "s");
    size_t shown = t->partial < KPI_TREND_PARTIAL_SHOWN ? t->partial : KPI_TREND_PARTIAL_SHOWN;
    for (size_t k = 0; k < shown && len < sizeof text; k++) {
        char when[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(t->partial_periods[k], when, sizeof when);
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", k ? ", " : "", when);
    }
    if (len < sizeof text)
        snprintf(text + len, sizeof text - len, "%s): built from incomplete data",
                 t->partial > shown ? ", ..." : "");
    add_note(t, NULL, text);
}

/* Season of a period: its month (0..11) or quarter (0..3) in the year.
 * Ordinals are year * seasons + (season - 1), so this is a floor modulo. */
static size_t
season_of(int32_t ordinal, size_t seasons)
{
    int32_t s = (int32_t)seasons, m = ordinal % s;
    return (size_t)(m < 0 ? m + s : m);
}

/* The seasonal trend of the n values in w (x relative to first_ordinal).
 * Returns KPI_OK with has_seasonal set, or with a reason; an error only
 * when memory runs out or GSL fails. */
static kpi_status
seasonal_fit(kpi_trend_workspace *w, size_t n, kpi_freq freq, int32_t first_ordinal, kpi_trend *t,
             kpi_error *err)
{
    kpi_seasonal *o = &t->seasonal;
    int32_t per_year = kpi_period_per_year(freq);
    if (per_year < 2 || per_year > 12) {
        o->reason = NO_SEASONS;
        return KPI_OK;
    }
    size_t seasons = (size_t)per_year, p = seasons + 1, count[12] = {0};
    for (size_t i = 0; i < n; i++)
        count[season_of(first_ordinal + (int32_t)w->x[i], seasons)]++;
    for (size_t k = 0; k < seasons; k++) {
        if (count[k] < 2) {
            o->reason = seasons == 12 ? MONTHS_TWICE : QUARTERS_TWICE;
            return KPI_OK;
        }
    }
    /* Columns: intercept, time, then one indicator per season but the
     * first, which is the baseline the others are measured from. */
    for (size_t i = 0; i < n; i++) {
        double *row = w->design + i * p;
        size_t season = season_of(first_ordinal + (int32_t)w->x[i], seasons);
        row[0] = 1.0;
        row[1] = w->x[i];
        for (size_t k = 1; k < seasons; k++)
            row[1 + k] = season == k ? 1.0 : 0.0;
    }
    if (!w->fit || w->fit_n < n) {
        gsl_multifit_linear_free(w->fit);
        w->fit_n = 0;
        /* Rows for the whole capacity, so that the workspace serves every
         * later series; never fewer rows than columns. */
        size_t rows = w->cap > P_MAX ? w->cap : P_MAX;
        if (!(w->fit = gsl_multifit_linear_alloc(rows, P_MAX)))
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0,
                                 "out of memory for a seasonal fit of %zu values", n);
        w->fit_n = rows;
    }
    kpi_regression r = {0};
    kpi_status st = regress_fit(w->design, w->y, n, p, w->coef, w->se, w->cov, w->fit, &r, err);
    if (st != KPI_OK)
        return st;
    double yss, ylo, yhi;
    sums(w->y, n, &yss, &ylo, &yhi);
    slope_fit f = {.slope = w->coef[1], .se = w->se[1]};
    if ((st = slope_finish(&f, n, n - p, r.sse, centred_ss(w->y, n), yss, w->x[n - 1], err)) !=
        KPI_OK)
        return st;
    *o = (kpi_seasonal){.n = n,
                        .seasons = seasons,
                        .params = p,
                        .df = n - p,
                        .slope = f.slope,
                        .slope_se = f.se,
                        .slope_ci_low = f.low,
                        .slope_ci_high = f.high,
                        .has_p = f.has_p,
                        .slope_p = f.p,
                        .has_r2 = f.has_r2,
                        .r2 = f.r2,
                        .resid_sd = f.resid_sd,
                        .reason = f.reason};
    t->has_seasonal = true;
    return KPI_OK;
}

static kpi_status
check_span(const kpi_series *se, const kpi_trend_options *opt, kpi_error *err)
{
    kpi_freq freq = kpi_series_freq(se);
    const kpi_period *ends[2] = {opt->has_from ? &opt->from : NULL, opt->has_to ? &opt->to : NULL};
    static const char *const names[2] = {"from", "to"};
    for (int k = 0; k < 2; k++) {
        if (ends[k] && ends[k]->freq != freq && kpi_series_length(se) > 0) {
            char text[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(*ends[k], text, sizeof text);
            return kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                                 "%s period %s is a %s, but series '%s' has %s periods", names[k],
                                 text, kpi_freq_name(ends[k]->freq), kpi_series_indicator(se),
                                 kpi_freq_name(freq));
        }
    }
    if (ends[0] && ends[1] && ends[0]->freq == ends[1]->freq &&
        ends[0]->ordinal > ends[1]->ordinal) {
        char a[KPI_PERIOD_TEXT_MAX], b[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(opt->from, a, sizeof a);
        kpi_period_format(opt->to, b, sizeof b);
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "the span from %s to %s is empty: from is after to", a, b);
    }
    return KPI_OK;
}

/* Every statistic, with w already holding room for the span's values. */
static kpi_status
trend_compute(const kpi_series *se, const kpi_trend_options *opt, size_t lo, size_t hi,
              kpi_trend_workspace *w, kpi_trend *t, kpi_error *err)
{
    size_t n = 0, first = 0;
    for (size_t i = lo; i < hi; i++) {
        kpi_obs state = kpi_series_state(se, i);
        if (state == KPI_OBS_MISSING || state == KPI_OBS_SUPPRESSED)
            t->left_out++;
        if (state != KPI_OBS_VALUE)
            continue;
        /* A trend test compares every value with the others, and a figure
         * built from incomplete data is not comparable (as in a change or
         * an SPC chart's limits): it is left out like a missing value. */
        if (kpi_series_partial(se, i)) {
            if (t->partial < KPI_TREND_PARTIAL_SHOWN)
                t->partial_periods[t->partial] = kpi_series_period(se, i);
            t->partial++;
            continue;
        }
        if (n == 0)
            first = i;
        /* Periods since the first one used: gaps keep their width. */
        w->x[n] = (double)(i - first);
        w->y[n] = kpi_series_value(se, i);
        if (!isfinite(w->y[n])) {
            char text[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(kpi_series_period(se, i), text, sizeof text);
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                                 "series '%s' has a value at %s that is not a finite number",
                                 kpi_series_indicator(se), text);
        }
        n++;
        t->to = kpi_series_period(se, i);
    }
    t->n = n;
    partial_note(t);
    t->ols.reason = t->theil_sen.reason = t->mann_kendall.reason = t->seasonal.reason = "";
    bool ols = opt->stats & KPI_TREND_OLS, ts = opt->stats & KPI_TREND_THEIL_SEN,
         mk = opt->stats & KPI_TREND_MANN_KENDALL;
    if (n == 0) {
        t->ols.reason = ols ? NO_VALUES : "";
        t->theil_sen.reason = ts ? NO_VALUES : "";
        t->mann_kendall.reason = mk ? NO_VALUES : "";
        if (opt->seasonal)
            t->seasonal.reason = NO_VALUES;
        add_note(t, NULL, NO_VALUES);
        return KPI_OK;
    }
    t->from = kpi_series_period(se, first);
    kpi_status st;
    if (ols && n >= 3) {
        if ((st = ols_fit(w->x, w->y, n, &t->ols, err)) != KPI_OK)
            return st;
        t->has_ols = true;
    } else if (ols) {
        t->ols.reason = OLS_SHORT;
    }
    if (ts && n >= 2)
        t->has_theil_sen = kpi_theil_sen_fit(w->x, w->y, n, w->scratch, &t->theil_sen);
    else if (ts)
        t->theil_sen.reason = TS_SHORT;
    if (mk && n >= 3) {
        mann_kendall_fit(w->y, n, w->scratch, &t->mann_kendall);
        t->has_mann_kendall = true;
    } else if (mk) {
        t->mann_kendall.reason = MK_SHORT;
    }
    if (opt->seasonal && (st = seasonal_fit(w, n, t->freq, t->from.ordinal, t, err)) != KPI_OK)
        return st;

    add_note(t, "ols", t->ols.reason);
    add_note(t, "theil-sen", t->theil_sen.reason);
    add_note(t, "mann-kendall", t->mann_kendall.reason);
    add_note(t, "seasonal", t->seasonal.reason);
    sparse_note(t, w->x[n - 1] + 1);
    return KPI_OK;
}

kpi_status
kpi_trend_series(const kpi_series *se, const kpi_trend_options *opt, kpi_trend_workspace *w,
                 kpi_trend *out, kpi_error *err)
{
    kpi_status st = check_span(se, opt, err);
    if (st != KPI_OK)
        return st;
    size_t len = kpi_series_length(se), lo = 0, hi = len;
    if (len > 0) {
        kpi_period first = kpi_series_period(se, 0);
        if (opt->has_from) {
            int64_t d = kpi_period_diff(first, opt->from);
            lo = d <= 0 ? 0 : (uint64_t)d >= len ? len : (size_t)d;
        }
        if (opt->has_to) {
            int64_t d = kpi_period_diff(first, opt->to);
            hi = d < 0 ? 0 : (uint64_t)d >= len ? len : (size_t)d + 1;
        }
        if (hi < lo)
            hi = lo;
    }
    size_t need = 0;
    for (size_t i = lo; i < hi; i++)
        need += kpi_series_state(se, i) == KPI_OBS_VALUE;

    kpi_trend_workspace *own = NULL;
    if (!w && !(w = own = kpi_trend_workspace_new(need, err)))
        return KPI_ENOMEM;
    if ((st = reserve(w, need, err)) == KPI_OK) {
        kpi_trend t;
        memset(&t, 0, sizeof t);
        t.freq = kpi_series_freq(se);
        if ((st = trend_compute(se, opt, lo, hi, w, &t, err)) == KPI_OK)
            *out = t;
    }
    kpi_trend_workspace_free(own);
    return st;
}
