/* madvise and MADV_HUGEPAGE (huge_pages) are outside POSIX: glibc
 * declares them under _DEFAULT_SOURCE. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "kpi/significance.h"

#include "significance_private.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <sys/mman.h>

/* R's binom.test and SciPy's binomtest count an outcome as "no more
 * likely" than the observed one within this relative tolerance, so that
 * outcomes of equal probability are not split by rounding. */
#define LIKELY_RELATIVE 1e-7

/* GSL's binomial functions take the trials as an unsigned int. */
#define MAX_COUNT 2147483647.0

static const char NOT_WHOLE[] = "values are not whole numbers, so they are not counts";
static const char BOTH_ZERO[] = "no events in either period";
static const char NO_EXPOSURE[] = "no population to compare rates with";
static const char AVERAGES[] = "values are averages, not counts";
static const char STOCKS[] = "values are stock levels, not counts of events";
static const char PERCENTAGES[] = "values are percentages, not counts";
static const char MONEY[] = "values are amounts of money, not counts";
static const char TIMES[] = "values are times, not counts";
static const char DECIMALS[] = "values are written with decimals, so they are not counts";

const char *
kpi_significance_name(kpi_significance s)
{
    static const char *const names[] = {"", "significant increase", "significant decrease",
                                        "no significant change"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "";
}

static bool
is_count(double x)
{
    return isfinite(x) && x >= 0 && x <= MAX_COUNT && x == floor(x);
}

/* ---- binomial probabilities to full precision -------------------------
 *
 * GSL's binomial tails go through log-gamma of the counts, which loses
 * about 1e-9 of relative precision at half a million events.  So the
 * probability of one outcome is Loader's saddle-point form (as R's dbinom
 * computes it), and a tail is that probability times the incomplete
 * beta's continued fraction; GSL's beta quantiles are the starting points
 * of a few Newton steps on that tail. */

#define LN_SQRT_2PI 0.918938533204672741780329736406
#define TWO_PI 6.283185307179586476925286766559

/* log(n!) - log(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula. */
static double
stirling_error(double n)
{
    if (n <= 15.0)
        return lgamma(n + 1.0) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
    double nn = n * n;
    if (n > 500)
        return (1.0 / 12 - 1.0 / 360 / nn) / n;
    if (n > 80)
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / nn) / nn) / n;
    if (n > 35)
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / 1680 / nn) / nn) / nn) / n;
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / nn) / nn) / nn) / nn) /
           n;
}

/* x log(x / np) + np - x, without cancellation when x is near np. */
static double
deviance_part(double x, double np)
{
    if (fabs(x - np) < 0.1 * (x + np)) {
        double v = (x - np) / (x + np), s = (x - np) * v, ej = 2 * x * v;
        v *= v;
        for (int j = 1; j < 1000; j++) {
            ej *= v;
            double s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
    }
    return x * log(x / np) + np - x;
}

/* P(X = k) for X binomial(n, p), q = 1 - p given separately. */
static double
binomial_pmf(double k, double n, double p, double q)
{
    if (k == 0)
        return n == 0 ? 1.0 : exp(p < 0.1 ? -deviance_part(n, n * q) - n * p : n * log(q));
    if (k == n)
        return exp(q < 0.1 ? -deviance_part(n, n * p) - n * q : n * log(p));
    double lc = stirling_error(n) - stirling_error(k) - stirling_error(n - k) -
                deviance_part(k, n * p) - deviance_part(n - k, n * q);
    return exp(lc) / sqrt(TWO_PI * k * (1.0 - k / n));
}

/* The continued fraction of the incomplete beta I_x(a, b),
 * 1 / (1 + d1 / (1 + d2 / (1 + ...))); it converges fast for
 * x < (a + 1) / (a + b + 2).  It is summed by the three-term recurrence
 * of its numerators and denominators (A, B: the value so far is B / A),
 * not by Lentz's method: each of Lentz's steps waits on two divisions of
 * the step before, while here a step waits only on a multiply-add, and
 * the terms' divisions do not depend on each other.  Both are as
 * accurate; this one took less than half the time (bench M: 0.15 s of
 * CPU against 0.066 s).  Fractions that do not
 * depend on each other also run side by side (beta_fractions), for the
 * processor to overlap their chains. */
typedef struct fraction {
    double a, b, x;
    double a0, b0, a1, b1; /* A and B two half-steps back and one back */
    bool done;
} fraction;

static fraction
fraction_start(double a, double b, double x)
{
    /* 1 + d1 > 0 where the fraction is used: (a + b) x < a + 1. */
    return (fraction){
        .a = a, .b = b, .x = x, .a0 = 1, .b0 = 1, .a1 = 1 - (a + b) * x / (a + 1), .b1 = 1};
}

/* A and B shrink or grow by about the same factor a step; this keeps
 * them inside the doubles' range without changing their ratio. */
#define FRACTION_BIG 0x1p500
#define FRACTION_SMALL 0x1p-500

static inline void
fraction_step(fraction *f, int m)
{
    double a = f->a, b = f->b, x = f->x;
    /* The two terms over one denominator: one division a step. */
    double lo = a - 1 + 2 * m, hi = a + 1 + 2 * m, r = x / (lo * (a + 2 * m) * hi);
    double even = m * (b - m) * hi * r, odd = -(a + m) * (a + b + m) * lo * r;
    double a2 = f->a1 + even * f->a0, b2 = f->b1 + even * f->b0;
    double a3 = a2 + odd * f->a1, b3 = b2 + odd * f->b1;
    /* Done when the odd half-step moved the value from b2 / a2 to
     * b3 / a3 by about an ulp or less, tested without dividing.  The two
     * products are each rounded by at most 2^-53 of themselves, so the
     * bound is twice their noise: the test cannot miss a fraction that
     * has converged.  (fma would round once, but without -mfma it is a
     * call into libm every step.) */
    f->done = fabs(b3 * a2 - b2 * a3) <= 0x1p-51 * fabs(b2 * a3);
    double big = fabs(a3);
    if (big > FRACTION_BIG || (big < FRACTION_SMALL && big > 0)) {
        double s = 1 / big;
        a2 *= s, b2 *= s, a3 *= s, b3 *= s;
    }
    f->a0 = a2, f->b0 = b2, f->a1 = a3, f->b1 = b3;
}

static double
fraction_value(const fraction *f)
{
    return f->b1 / f->a1;
}

/* At most this many evaluations run side by side. */
#define LANES 2

/* I_x(a, b) for whole a, b >= 1, with y = 1 - x: the lower tail of a
 * binomial, x^a (1-x)^b / (a B(a, b)) = y * P(Bin(a + b - 1, x) = a).
 * The smaller of I and 1 - I is computed directly, so it keeps its
 * relative precision: it is `scale` times the fraction.  density is the
 * beta density at x, which is that binomial probability times a / x (or,
 * on the other side, the mirrored one times b / y). */
typedef struct beta_tail {
    fraction f;
    double scale, density;
    bool upper; /* the fraction gives 1 - I */
} beta_tail;

static beta_tail
beta_tail_start(double a, double b, double x, double y)
{
    if (x < (a + 1) / (a + b + 2)) {
        double pmf = binomial_pmf(a, a + b - 1, x, y);
        return (beta_tail){.f = fraction_start(a, b, x), .scale = y * pmf, .density = a / x * pmf};
    }
    double pmf = binomial_pmf(b, a + b - 1, y, x);
    return (beta_tail){
        .f = fraction_start(b, a, y), .scale = x * pmf, .density = b / y * pmf, .upper = true};
}

/* The fractions of t[0..n), side by side. */
static void
beta_fractions(beta_tail *t, size_t n)
{
    for (int m = 1; m < 1000000; m++) {
        bool more = false;
        for (size_t k = 0; k < n; k++)
            if (!t[k].f.done) {
                fraction_step(&t[k].f, m);
                more = more || !t[k].f.done;
            }
        if (!more)
            return;
    }
}

static double
beta_tail_value(const beta_tail *t)
{
    double small = t->scale * fraction_value(&t->f);
    return t->upper ? 1 - small : small;
}

static double
incomplete_beta(double a, double b, double x, double y)
{
    beta_tail t = beta_tail_start(a, b, x, y);
    beta_fractions(&t, 1);
    return beta_tail_value(&t);
}

/* P(X <= k) and P(X >= k) for X binomial(n, p), 0 outside 0..n. */
static double
cdf_le(long k, double n, double p, double q)
{
    if (k < 0)
        return 0.0;
    return (double)k >= n ? 1.0 : incomplete_beta(n - (double)k, k + 1.0, q, p);
}

static double
cdf_ge(long k, double n, double p, double q)
{
    if (k <= 0)
        return 1.0;
    return (double)k > n ? 0.0 : incomplete_beta((double)k, n - (double)k + 1.0, p, q);
}

/* The u in (0, 1) with I_u(a, b) = target, from a close guess u. */
typedef struct beta_root {
    double a, b, target, u;
} beta_root;

/* Solve r[0..n) (n <= LANES) side by side, from their guesses: Halley's
 * method on the incomplete beta, whose derivative is the beta density
 * and whose second derivative is the density times (a - 1) / u -
 * (b - 1) / (1 - u).  The error after a step is about the cube of the
 * one before, so once a step moves u by less than 1e-8 of it, u is as
 * close as doubles get (from Abramowitz and Stegun's start that is two
 * or three steps; Newton's method took five or six). */
static void
beta_solve(beta_root *r, size_t n)
{
    size_t live[LANES], n_live = 0;
    for (size_t k = 0; k < n; k++)
        live[n_live++] = k;
    for (int i = 0; i < 60 && n_live; i++) {
        beta_tail t[LANES];
        for (size_t j = 0; j < n_live; j++) {
            const beta_root *q = &r[live[j]];
            t[j] = beta_tail_start(q->a, q->b, q->u, 1 - q->u);
        }
        beta_fractions(t, n_live);
        size_t still = 0;
        for (size_t j = 0; j < n_live; j++) {
            beta_root *q = &r[live[j]];
            double u = q->u, f = beta_tail_value(&t[j]) - q->target, density = t[j].density;
            if (!(density > 0))
                continue;
            double newton = f / density, curve = (q->a - 1) / u - (q->b - 1) / (1 - u);
            double halley = 1 - newton * curve / 2;
            /* Far from the root the correction can turn back: Newton's
             * step then. */
            double next = u - (halley > 0.5 ? newton / halley : newton);
            next = next <= 0 ? u / 2 : next >= 1 ? (1 + u) / 2 : next;
            double moved = fabs(next - u);
            q->u = next;
            if (!(moved <= 1e-8 * next))
                live[still++] = live[j];
        }
        n_live = still;
    }
}

/* Where Newton's method starts for the point of Beta(a, b), a, b >= 1,
 * with tail `tail` below it: Abramowitz and Stegun's 26.5.22 (as
 * Numerical Recipes' invbetai starts), good to a few digits, as point
 * and 1 - point, each without cancellation.  GSL's quantiles start
 * closer, but by iterating on a tail of their own, which cost two thirds
 * of a whole test; from here Newton needs a step or two more.  Where the
 * formula leaves (0, 1), GSL's quantile is the start after all. */
static void
beta_guess(double a, double b, double tail, double *pi, double *rest)
{
    double pp = tail < 0.5 ? tail : 1 - tail;
    double t = sqrt(-2 * log(pp));
    double z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (tail < 0.5)
        z = -z;
    double al = (z * z - 3) / 6, h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    double w = z * sqrt(al + h) / h -
               (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h));
    double e = exp(2 * w);
    *pi = a / (a + b * e);
    *rest = b * e / (a + b * e);
    if (!(*pi > 0 && *pi < 1 && *rest > 0 && *rest < 1)) {
        *pi = gsl_cdf_beta_Pinv(tail, a, b);
        *rest = gsl_cdf_beta_Qinv(tail, a, b);
    }
}

/* The point pi of Beta(a, b) with tail `tail` below it, as pi and
 * 1 - pi, whichever is smaller solved for directly; for n <= LANES
 * points side by side. */
typedef struct beta_quantile {
    double a, b, tail;
    double pi, rest;
} beta_quantile;

static void
beta_points(beta_quantile *bq, size_t n)
{
    beta_root r[LANES];
    bool mirrored[LANES];
    for (size_t k = 0; k < n; k++) {
        double guess, guess_rest;
        beta_guess(bq[k].a, bq[k].b, bq[k].tail, &guess, &guess_rest);
        mirrored[k] = !(guess <= 0.5);
        r[k] = mirrored[k] ? (beta_root){bq[k].b, bq[k].a, 1 - bq[k].tail, guess_rest}
                           : (beta_root){bq[k].a, bq[k].b, bq[k].tail, guess};
    }
    beta_solve(r, n);
    for (size_t k = 0; k < n; k++) {
        double u = r[k].u;
        bq[k].pi = mirrored[k] ? 1 - u : u;
        bq[k].rest = mirrored[k] ? u : 1 - u;
    }
}

/* The first of the outcomes from, from + step, ... (step +1 or -1), with
 * the probabilities falling all the way, that is no more likely than
 * limit; `end` (one past the last outcome) when none is.  The search
 * gallops out from guess and bisects, so from a close guess it takes two
 * or three probabilities instead of a bisection of every outcome. */
static long
first_unlikely(long from, long end, int step, long guess, double limit, double dn, double p,
               double q)
{
    long lo = 0, hi = (end - from) * step; /* indices: the answer lies in [lo, hi] */
    if (hi == 0)
        return from;
    long j = (guess - from) * step;
    j = j < 0 ? 0 : j >= hi ? hi - 1 : j;
    if (binomial_pmf((double)(from + step * j), dn, p, q) <= limit) {
        hi = j;
        for (long d = 1; hi - d >= lo; d *= 2) {
            if (!(binomial_pmf((double)(from + step * (hi - d)), dn, p, q) <= limit)) {
                lo = hi - d + 1;
                break;
            }
            hi -= d;
        }
    } else {
        lo = j + 1;
        for (long d = 1; lo + d - 1 < hi; d *= 2) {
            if (binomial_pmf((double)(from + step * (lo + d - 1)), dn, p, q) <= limit) {
                hi = lo + d - 1;
                break;
            }
            lo += d;
        }
    }
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (binomial_pmf((double)(from + step * mid), dn, p, q) <= limit)
            hi = mid;
        else
            lo = mid + 1;
    }
    return from + step * lo;
}

/* The two-sided p-value of x successes in n trials of probability p by
 * the minimum-likelihood rule.  The probabilities fall away from the mode
 * on either side of n p, so the far tail's boundary is one outcome,
 * searched for from its mirror image n p - (x - n p).  When p is a half
 * and the boundary is that mirror image, the two tails are one incomplete
 * beta, computed once. */
static double
binomial_two_sided(unsigned x, unsigned n, double p, double q)
{
    double m = n * p, dn = n;
    if ((double)x == m)
        return 1.0;
    double limit = binomial_pmf(x, dn, p, q) * (1.0 + LIKELY_RELATIVE);
    long mirror = lround(2 * m - x);
    double pv;
    if ((double)x < m) {
        long k = first_unlikely((long)ceil(m), (long)n + 1, 1, mirror, limit, dn, p, q);
        double low = cdf_le(x, dn, p, q);
        pv = p == q && k == (long)(n - x) ? 2 * low : low + cdf_ge(k, dn, p, q);
    } else {
        long k = first_unlikely((long)floor(m), -1, -1, mirror, limit, dn, p, q);
        double high = cdf_ge(x, dn, p, q);
        pv = p == q && k == (long)n - (long)x ? 2 * high : cdf_le(k, dn, p, q) + high;
    }
    return pv < 1.0 ? pv : 1.0;
}

/* The Clopper-Pearson ends for x successes in n trials, as the points
 * of the beta distributions that beta_points gives: low of Beta(x,
 * n - x + 1) when x > 0, high of Beta(n - x, x + 1) (the lower end of
 * 1 - pi) when x < n.  The test of n - x successes has the same two
 * points the other way round. */
typedef struct test_ends {
    double low_pi, low_rest, high_pi, high_rest;
} test_ends;

/* Both ends, found side by side. */
static test_ends
ends_solve(unsigned x, unsigned n, double tail)
{
    beta_quantile q[2];
    size_t nq = 0;
    if (x > 0)
        q[nq++] = (beta_quantile){.a = x, .b = n - x + 1.0, .tail = tail};
    if (x < n)
        q[nq++] = (beta_quantile){.a = (double)(n - x), .b = x + 1.0, .tail = tail};
    beta_points(q, nq);
    test_ends e = {0};
    if (x > 0) {
        e.low_pi = q[0].pi;
        e.low_rest = q[0].rest;
    }
    if (x < n) {
        e.high_pi = q[nq - 1].pi;
        e.high_rest = q[nq - 1].rest;
    }
    return e;
}

/* The ends of the test of n - x successes from those of x successes. */
static test_ends
ends_mirrored(test_ends e)
{
    return (test_ends){e.high_pi, e.high_rest, e.low_pi, e.low_rest};
}

/* The decision at alpha on r's p-value, for x over t against base_x over
 * base_t. */
static void
decide(kpi_rate_test *r, double x, double t, double base_x, double base_t, double alpha)
{
    if (r->p >= alpha)
        r->significance = KPI_SIGNIFICANCE_NO_CHANGE;
    else
        r->significance = x / t > base_x / base_t ? KPI_SIGNIFICANCE_INCREASE
                                                  : KPI_SIGNIFICANCE_DECREASE;
}

/* The rate ratio and its interval, for x over t against base_x over
 * base_t with the ends e; the p-value and decision are left alone. */
static void
ratio_of(kpi_rate_test *r, double x, double t, double base_x, double base_t, const test_ends *e)
{
    double scale = base_t / t; /* turns odds of an event in x's period into a rate ratio */
    r->rr_low = (x > 0 ? e->low_pi / e->low_rest : 0.0) * scale;
    r->has_ratio = base_x > 0;
    r->has_high = base_x > 0;
    if (r->has_ratio) {
        r->rate_ratio = x / base_x * scale;
        /* The upper end of pi is 1 - (the lower end of 1 - pi). */
        r->rr_high = e->high_rest / e->high_pi * scale;
    }
}

/* A test with p-value p and ends e, without the decision (which alone
 * depends on alpha). */
static kpi_rate_test
tested(double p, double x, double t, double base_x, double base_t, const test_ends *e)
{
    kpi_rate_test r = {.has_test = true, .p = p, .reason = ""};
    ratio_of(&r, x, t, base_x, base_t, e);
    return r;
}

/* The test of kpi_significance_poisson on checked input with its ends
 * e, without the decision. */
static kpi_rate_test
rate_test(double x, double t, double base_x, double base_t, const test_ends *e)
{
    unsigned k = (unsigned)x, n = (unsigned)(x + base_x);
    return tested(binomial_two_sided(k, n, t / (t + base_t), base_t / (t + base_t)), x, t, base_x,
                  base_t, e);
}

kpi_status
kpi_significance_poisson(double x, double t, double base_x, double base_t, double confidence,
                         double alpha, kpi_rate_test *out, kpi_error *err)
{
    if (!is_count(x) || !is_count(base_x) || x + base_x > MAX_COUNT)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "expected whole counts from 0 to %.0f, found %g and %g", MAX_COUNT, x,
                             base_x);
    if (!(isfinite(t) && t > 0 && isfinite(base_t) && base_t > 0))
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "expected exposures above 0, found %g and %g", t, base_t);
    if (x + base_x == 0)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "%s", BOTH_ZERO);
    if (!(confidence > 0 && confidence < 1 && alpha > 0 && alpha < 1))
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "expected a confidence level and alpha between 0 and 1, found %g "
                             "and %g",
                             confidence, alpha);
    test_ends e = ends_solve((unsigned)x, (unsigned)(x + base_x), (1.0 - confidence) / 2.0);
    *out = rate_test(x, t, base_x, base_t, &e);
    decide(out, x, t, base_x, base_t, alpha);
    return KPI_OK;
}

const char *
kpi_significance_not_counts(kpi_unit unit, const kpi_indicator_meta *m)
{
    if (m && m->aggregation == KPI_AGG_MEAN)
        return AVERAGES;
    if (m && m->aggregation == KPI_AGG_LAST)
        return STOCKS;
    if (unit == KPI_UNIT_PERCENT || (m && strcmp(m->unit, "%") == 0))
        return PERCENTAGES;
    if (unit != KPI_UNIT_PLAIN)
        return MONEY;
    static const char *const times[] = {"second", "seconds", "minute", "minutes", "hour",
                                        "hours",  "secs",    "mins",   "hrs"};
    for (size_t i = 0; m && i < sizeof times / sizeof times[0]; i++)
        if (strcmp(m->unit, times[i]) == 0)
            return TIMES;
    return NULL;
}

/* ---- the memo ------------------------------------------------------------
 *
 * Counts of one indicator sit in a narrow band, so the pairs a table meets
 * repeat: gen.py's million rows hold 117k distinct pairs.  Finished tests
 * sit densely, in the order they were first met, found through an
 * open-addressed table of their indices, and none is evicted: the
 * direct-mapped memo this replaces evicted a test for every one it kept,
 * spread over 27 MB.  Each keeps its numbers printed as tables print
 * them, so a million rows format 117k tests, not a million.  Past
 * MEMO_MAX tests (32 MB, reserved at once but touched only as tests
 * fill it), new pairs are tested without being kept.
 *
 * The threads formatting one table share the memo without a lock: a
 * test is written into an entry of its own first, and then published
 * by a compare-and-swap into a free slot of the index; a reader that
 * sees the slot taken sees the finished entry.  Two threads that meet a
 * new pair at the same moment both test it, and one of the two entries
 * stays unused. */

#define MEMO_MAX ((uint32_t)1 << 18)
#define MEMO_SLOTS ((size_t)MEMO_MAX * 2) /* at most half full */

/* A test's p-value and ends; the rest of kpi_rate_test follows from its
 * key (ratio_of, decide), and the ends also answer the mirrored test.
 * Two cache lines: the numbers, then their texts (has_text false when
 * they did not fit). */
typedef struct memo_entry {
    uint32_t x, base_x;
    double t, base_t;
    double p;
    test_ends ends;
    kpi_significance_texts text;
    bool has_text;
} memo_entry;

#define CACHE_LINE 64
_Static_assert(sizeof(memo_entry) == 2 * CACHE_LINE, "an entry fills two cache lines");

/* A huge page: the slots and the entries start on one, so that both can
 * be held in huge pages (huge_pages). */
#define HUGE_PAGE ((uintptr_t)2 << 20)

/* The slots and entries are one calloc'ed block: all-zero bytes are the
 * atomics' zero on every platform kpi builds on. */
struct kpi_significance_memo {
    void *block;            /* slot's and e's memory */
    _Atomic uint32_t *slot; /* MEMO_SLOTS of them: 1 + the index in e of a test, 0 when free */
    memo_entry *e;          /* room for MEMO_MAX tests, after the slots */
    _Atomic uint32_t n;     /* entries handed out */
};

/* Ask for p[0..size), which starts on a huge page, to be held in huge
 * pages.  A million lookups land at random over the memo's 17 MB: with
 * 4 kB pages each one missed the TLB as well as the cache, and the first
 * touch of each page was a fault of its own (4,000 of them at bench M).
 * A hint: where it is not taken nothing changes but the time. */
static void
huge_pages(void *p, size_t size)
{
#if defined(MADV_HUGEPAGE)
    (void)madvise(p, size, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

kpi_significance_memo *
kpi_significance_memo_new(void)
{
    const size_t slots = MEMO_SLOTS * sizeof(_Atomic uint32_t),
                 size = slots + MEMO_MAX * sizeof(memo_entry);
    kpi_significance_memo *memo = kpi_calloc(1, sizeof *memo);
    /* Room to start on a huge page; calloc maps a block this big fresh,
     * so the pages skipped are never touched. */
    if (memo && !(memo->block = kpi_calloc(1, size + HUGE_PAGE))) {
        kpi_free(memo);
        return NULL;
    }
    if (memo) {
        char *at = (char *)(((uintptr_t)memo->block + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
        huge_pages(at, size);
        memo->slot = (_Atomic uint32_t *)at;
        memo->e = (memo_entry *)(at + slots);
    }
    return memo;
}

void
kpi_significance_memo_free(kpi_significance_memo *memo)
{
    if (memo)
        kpi_free(memo->block);
    kpi_free(memo);
}

static uint64_t
bits_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static bool
holds(const memo_entry *e, uint32_t x, uint32_t base_x, double t, double base_t)
{
    return e->x == x && e->base_x == base_x && e->t == t && e->base_t == base_t;
}

/* The printed numbers of r into text; false when they do not fit. */
static bool
texts_of(const kpi_rate_test *r, kpi_significance_texts *text)
{
    const bool has[KPI_TEXT_NUMBERS] = {r->has_ratio, true, r->has_high, true};
    const double x[KPI_TEXT_NUMBERS] = {r->rate_ratio, r->rr_low, r->rr_high, r->p};
    size_t used = 0;
    for (size_t k = 0; k < KPI_TEXT_NUMBERS; k++) {
        char num[KPI_VALUE_TEXT_MAX] = "";
        size_t n = has[k] ? kpi_value_format_sig(x[k], KPI_SIGNIFICANCE_DIGITS, num, sizeof num)
                          : 0;
        if (n >= sizeof num || used + n + 1 > sizeof text->text)
            return false;
        text->at[k] = (uint8_t)used;
        memcpy(text->text + used, num, n + 1);
        used += n + 1;
    }
    return true;
}

/* Where the search for a test starts in memo's index. */
static size_t
memo_home(uint32_t x, uint32_t base_x, double t, double base_t)
{
    uint64_t h = (x | (uint64_t)base_x << 32) * 0x9E3779B97F4A7C15ULL;
    h = (h ^ bits_of(t) ^ (bits_of(base_t) << 1)) * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)(h >> 32) & (MEMO_SLOTS - 1);
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

void
kpi_significance_memo_prefetch(const kpi_significance_memo *memo, double x, double t, double base_x,
                               double base_t, bool entry)
{
    /* Only the conversions need checking: a count that is not whole
     * finds some other slot, which costs a fetch and nothing else. */
    if (!memo || !(x >= 0 && x <= MAX_COUNT && base_x >= 0 && base_x <= MAX_COUNT))
        return;
    size_t i = memo_home((uint32_t)x, (uint32_t)base_x, t, base_t);
    if (!entry) {
        PREFETCH(&memo->slot[i]);
        return;
    }
    uint32_t s = atomic_load_explicit(&memo->slot[i], memory_order_relaxed);
    if (s) {
        const char *e = (const char *)&memo->e[s - 1];
        PREFETCH(e);
        PREFETCH(e + CACHE_LINE);
    }
}

/* The entry of memo that holds the test, searched from its home slot;
 * NULL when there is none, with *at the free slot the search ended on. */
static const memo_entry *
memo_find(const kpi_significance_memo *memo, uint32_t x, uint32_t base_x, double t, double base_t,
          size_t *at)
{
    size_t i = memo_home(x, base_x, t, base_t);
    uint32_t s;
    for (; (s = atomic_load_explicit(&memo->slot[i], memory_order_acquire));
         i = (i + 1) & (MEMO_SLOTS - 1)) {
        const memo_entry *e = &memo->e[s - 1];
        if (holds(e, x, base_x, t, base_t))
            return e;
    }
    *at = i;
    return NULL;
}

/* The test of checked counts at the 95% level, through memo when there
 * is one; *text gets its printed numbers when memo holds them, NULL
 * otherwise. */
static void
poisson_memo(double x, double t, double base_x, double base_t, double alpha,
             kpi_significance_memo *memo, kpi_rate_test *out, const kpi_significance_texts **text)
{
    *text = NULL;
    uint32_t ux = (uint32_t)x, ub = (uint32_t)base_x;
    size_t i = 0;
    const memo_entry *found = memo ? memo_find(memo, ux, ub, t, base_t, &i) : NULL;
    if (found) {
        *out = tested(found->p, x, t, base_x, base_t, &found->ends);
        decide(out, x, t, base_x, base_t, alpha);
        *text = found->has_text ? &found->text : NULL;
        return;
    }
    /* Counts of one indicator come in both orders (this year's count is
     * next year's base), and a test's ends are those of the mirrored
     * test, the other way round: a third of the ends, at bench M. */
    size_t unused;
    const memo_entry *mirror = memo ? memo_find(memo, ub, ux, base_t, t, &unused) : NULL;
    test_ends ends = mirror ? ends_mirrored(mirror->ends)
                            : ends_solve(ux, ux + ub, (1.0 - KPI_SIGNIFICANCE_CONFIDENCE) / 2.0);
    /* With equal exposures the chance of an event falling in either
     * period is a half, and the two tails of a binomial of a half are
     * mirror images: the mirrored test has this one's p-value, computed
     * by the same calls with the counts swapped. */
    *out = mirror && t == base_t ? tested(mirror->p, x, t, base_x, base_t, &ends)
                                 : rate_test(x, t, base_x, base_t, &ends);
    decide(out, x, t, base_x, base_t, alpha);
    if (!memo || atomic_load_explicit(&memo->n, memory_order_relaxed) >= MEMO_MAX)
        return;
    uint32_t k = atomic_fetch_add_explicit(&memo->n, 1, memory_order_relaxed);
    if (k >= MEMO_MAX)
        return;
    memo_entry *e = &memo->e[k];
    *e = (memo_entry){.x = ux, .base_x = ub, .t = t, .base_t = base_t, .p = out->p, .ends = ends};
    e->has_text = texts_of(out, &e->text);
    *text = e->has_text ? &e->text : NULL;
    /* Publish from the first free slot on; one that another thread took
     * meanwhile may hold this very test, which then stays theirs. */
    for (;; i = (i + 1) & (MEMO_SLOTS - 1)) {
        uint32_t seen = 0;
        if (atomic_compare_exchange_strong_explicit(&memo->slot[i], &seen, k + 1,
                                                    memory_order_release, memory_order_acquire) ||
            holds(&memo->e[seen - 1], ux, ub, t, base_t))
            return;
    }
}

void
kpi_significance_change(double x, double t, double base_x, double base_t, kpi_unit unit,
                        int decimals, const kpi_indicator_meta *m, double alpha, kpi_rate_test *out)
{
    const kpi_significance_texts *text;
    kpi_significance_change_memo(x, t, base_x, base_t, unit, decimals, m, alpha, NULL, out, &text);
}

void
kpi_significance_change_memo(double x, double t, double base_x, double base_t, kpi_unit unit,
                             int decimals, const kpi_indicator_meta *m, double alpha,
                             kpi_significance_memo *memo, kpi_rate_test *out,
                             const kpi_significance_texts **text)
{
    memset(out, 0, sizeof *out);
    *text = NULL;
    const char *why = kpi_significance_not_counts(unit, m);
    if (!why && decimals > 0)
        why = DECIMALS;
    if (!why && !(is_count(x) && is_count(base_x) && x + base_x <= MAX_COUNT))
        why = NOT_WHOLE;
    if (!why && !(t > 0 && base_t > 0 && isfinite(t) && isfinite(base_t)))
        why = NO_EXPOSURE;
    if (!why && x + base_x == 0)
        why = BOTH_ZERO;
    if (!why && !(alpha > 0 && alpha < 1))
        why = "alpha must lie between 0 and 1";
    if (why)
        out->reason = why;
    else
        poisson_memo(x, t, base_x, base_t, alpha, memo, out, text);
}
