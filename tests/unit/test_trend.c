/* Tests of trends: least squares against NIST StRD certified values,
 * Theil-Sen and Mann-Kendall against hand-worked cases, and the per-series
 * rules for short series, gaps, spans and seasons. */
#include "harness.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kpi/reader.h"
#include "kpi/store.h"
#include "kpi/trend.h"
#include "kpi/trend_write.h"

/* ---- NIST StRD files ---------------------------------------------------- */

#define NIST_MAX_ROWS 100
#define NIST_MAX_COLS 8

/* One StRD linear-regression file: the certified block and the Data:
 * section (column 0 is y, the rest are predictors). */
typedef struct nist {
    size_t rows, cols;
    double data[NIST_MAX_ROWS][NIST_MAX_COLS];
    size_t params;
    double b[NIST_MAX_COLS], sd[NIST_MAX_COLS];
    double resid_sd, r2;
} nist;

/* Parse the file at path into *d; false when the shared data folder is
 * not there.  Every part the tests use must be found. */
static bool
nist_load(const char *name, nist *d)
{
    char rel[64];
    snprintf(rel, sizeof rel, "nist-strd/%s", name);
    const char *path = kpi_test_shared(rel);
    if (!path)
        return false;
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    memset(d, 0, sizeof *d);
    char line[512];
    bool in_data = false, have_sd = false, have_r2 = false;
    while (fgets(line, sizeof line, fp)) {
        char tok[32];
        int k;
        double est, sd;
        if (in_data) {
            char *p = line, *end;
            size_t c = 0;
            double row[NIST_MAX_COLS];
            while (c < NIST_MAX_COLS && (row[c] = strtod(p, &end), end != p)) {
                p = end;
                c++;
            }
            if (c == 0)
                continue;
            assert_int_equal(c, d->cols);
            assert_true(d->rows < NIST_MAX_ROWS);
            memcpy(d->data[d->rows++], row, c * sizeof row[0]);
        } else if (sscanf(line, " B%d %lf %lf", &k, &est, &sd) == 3) {
            assert_true(k >= 0 && k < NIST_MAX_COLS);
            d->b[k] = est;
            d->sd[k] = sd;
            if ((size_t)k + 1 > d->params)
                d->params = (size_t)k + 1;
        } else if (sscanf(line, " Standard Deviation %lf", &est) == 1) {
            d->resid_sd = est;
            have_sd = true;
        } else if (sscanf(line, " R-Squared %lf", &est) == 1) {
            d->r2 = est;
            have_r2 = true;
        } else if (sscanf(line, "Data: %31s", tok) == 1 && strcmp(tok, "y") == 0) {
            /* The data header names its columns: y x, or y x1 ... x6. */
            in_data = true;
            for (char *p = strtok(line + 5, " \t\r\n"); p; p = strtok(NULL, " \t\r\n"))
                d->cols++;
        }
    }
    fclose(fp);
    assert_true(in_data && have_sd && have_r2 && d->params > 0);
    return true;
}

/* NIST certifies 15 significant digits.  We ask for 10 (relative 1e-10),
 * as GSL's own fit tests do: double precision leaves about 16 digits, and
 * the ill-conditioned designs (Longley, Pontius' x^2 column) lose several
 * of them in any least-squares algorithm. */
#define NIST_REL 1e-10

/* Norris: the straight line reproduces every certified value. */
static void
test_trend_nist_norris_ols(void **state)
{
    (void)state;
    nist d;
    if (!nist_load("Norris.dat", &d))
        skip();
    assert_int_equal(d.rows, 36);
    double x[NIST_MAX_ROWS], y[NIST_MAX_ROWS];
    for (size_t i = 0; i < d.rows; i++) {
        y[i] = d.data[i][0];
        x[i] = d.data[i][1];
    }
    kpi_ols o;
    assert_int_equal(kpi_trend_ols(x, y, d.rows, &o, NULL), KPI_OK);
    assert_int_equal(o.n, 36);
    assert_int_equal(o.df, 34);
    assert_double_rel(o.intercept, d.b[0], NIST_REL);
    assert_double_rel(o.slope, d.b[1], NIST_REL);
    assert_double_rel(o.intercept_se, d.sd[0], NIST_REL);
    assert_double_rel(o.slope_se, d.sd[1], NIST_REL);
    assert_double_rel(o.resid_sd, d.resid_sd, NIST_REL);
    assert_double_rel(o.r2, d.r2, NIST_REL);
    assert_true(o.has_p && o.has_r2);
    assert_string_equal(o.reason, "");
}

/* Norris again through the general regression, with columns 1 and x. */
static void
test_trend_nist_norris_regress(void **state)
{
    (void)state;
    nist d;
    if (!nist_load("Norris.dat", &d))
        skip();
    double X[NIST_MAX_ROWS * 2], y[NIST_MAX_ROWS], coef[2], se[2], cov[4];
    for (size_t i = 0; i < d.rows; i++) {
        y[i] = d.data[i][0];
        X[2 * i] = 1.0;
        X[2 * i + 1] = d.data[i][1];
    }
    kpi_regression r = {.coef = coef, .se = se, .cov = cov};
    assert_int_equal(kpi_trend_regress(X, y, d.rows, 2, &r, NULL), KPI_OK);
    assert_true(r.centred && r.has_r2);
    assert_int_equal(r.df, 34);
    for (size_t k = 0; k < 2; k++) {
        assert_double_rel(coef[k], d.b[k], NIST_REL);
        assert_double_rel(se[k], d.sd[k], NIST_REL);
        assert_double_rel(sqrt(cov[k * 2 + k]), d.sd[k], NIST_REL);
    }
    assert_double_rel(r.resid_sd, d.resid_sd, NIST_REL);
    assert_double_rel(r.r2, d.r2, NIST_REL);
    /* The same coefficients reached by two routes. */
    assert_ptr_equal(r.coef, coef);
}

/* Pontius: a quadratic, columns 1, x, x^2, whose x^2 runs to 9e12. */
static void
test_trend_nist_pontius_quadratic(void **state)
{
    (void)state;
    nist d;
    if (!nist_load("Pontius.dat", &d))
        skip();
    assert_int_equal(d.rows, 40);
    assert_int_equal(d.params, 3);
    double X[NIST_MAX_ROWS * 3], y[NIST_MAX_ROWS], coef[3], se[3];
    for (size_t i = 0; i < d.rows; i++) {
        double x = d.data[i][1];
        y[i] = d.data[i][0];
        X[3 * i] = 1.0;
        X[3 * i + 1] = x;
        X[3 * i + 2] = x * x;
    }
    kpi_regression r = {.coef = coef, .se = se};
    assert_int_equal(kpi_trend_regress(X, y, d.rows, 3, &r, NULL), KPI_OK);
    for (size_t k = 0; k < 3; k++) {
        assert_double_rel(coef[k], d.b[k], NIST_REL);
        assert_double_rel(se[k], d.sd[k], NIST_REL);
    }
    assert_double_rel(r.resid_sd, d.resid_sd, NIST_REL);
    assert_double_rel(r.r2, d.r2, NIST_REL);
    assert_int_equal(r.df, 37);
}

/* NoInt1 and NoInt2: lines through the origin, with NIST's uncentred R^2. */
static void
check_noint(const char *file, size_t rows)
{
    nist d;
    if (!nist_load(file, &d))
        skip();
    assert_int_equal(d.rows, rows);
    double x[NIST_MAX_ROWS], y[NIST_MAX_ROWS];
    for (size_t i = 0; i < d.rows; i++) {
        y[i] = d.data[i][0];
        x[i] = d.data[i][1];
    }
    kpi_ols o;
    assert_int_equal(kpi_trend_ols_origin(x, y, d.rows, &o, NULL), KPI_OK);
    assert_int_equal(o.df, rows - 1);
    assert_double_rel(o.slope, d.b[1], NIST_REL);
    assert_double_rel(o.slope_se, d.sd[1], NIST_REL);
    assert_double_rel(o.resid_sd, d.resid_sd, NIST_REL);
    assert_double_rel(o.r2, d.r2, NIST_REL);
    assert_true(o.intercept == 0 && o.intercept_se == 0);

    /* The general regression on the single column x gives the same. */
    double coef[1], se[1];
    kpi_regression r = {.coef = coef, .se = se};
    assert_int_equal(kpi_trend_regress(x, y, d.rows, 1, &r, NULL), KPI_OK);
    assert_false(r.centred);
    assert_double_rel(coef[0], d.b[1], NIST_REL);
    assert_double_rel(se[0], d.sd[1], NIST_REL);
    assert_double_rel(r.r2, d.r2, NIST_REL);
}

/* NoInt1: 11 points, slope and uncentred R^2 as certified. */
static void
test_trend_nist_noint1_origin(void **state)
{
    (void)state;
    check_noint("NoInt1.dat", 11);
}

/* NoInt2: only 3 points, so 2 residual degrees of freedom. */
static void
test_trend_nist_noint2_origin(void **state)
{
    (void)state;
    check_noint("NoInt2.dat", 3);
}

/* Longley: 6 highly collinear predictors plus an intercept. */
static void
test_trend_nist_longley(void **state)
{
    (void)state;
    nist d;
    if (!nist_load("Longley.dat", &d))
        skip();
    assert_int_equal(d.rows, 16);
    assert_int_equal(d.cols, 7);
    assert_int_equal(d.params, 7);
    double X[NIST_MAX_ROWS * 7], y[NIST_MAX_ROWS], coef[7], se[7];
    for (size_t i = 0; i < d.rows; i++) {
        y[i] = d.data[i][0];
        X[7 * i] = 1.0;
        for (size_t k = 1; k < 7; k++)
            X[7 * i + k] = d.data[i][k];
    }
    kpi_regression r = {.coef = coef, .se = se};
    assert_int_equal(kpi_trend_regress(X, y, d.rows, 7, &r, NULL), KPI_OK);
    for (size_t k = 0; k < 7; k++) {
        assert_double_rel(coef[k], d.b[k], NIST_REL);
        assert_double_rel(se[k], d.sd[k], NIST_REL);
    }
    assert_double_rel(r.resid_sd, d.resid_sd, NIST_REL);
    assert_double_rel(r.r2, d.r2, NIST_REL);
    assert_int_equal(r.df, 9);
}

/* ---- least squares by hand --------------------------------------------- */

/* With 2 degrees of freedom Student's t has closed forms: the two-sided
 * p of t is 1 - t / sqrt(2 + t^2), and the 97.5% point is
 * a * sqrt(2 / (1 - a^2)) with a = 0.95, 4.30265... */
static double
t2_p(double t)
{
    return 1.0 - fabs(t) / sqrt(2.0 + t * t);
}

static double
t2_q975(void)
{
    return 0.95 * sqrt(2.0 / (1.0 - 0.95 * 0.95));
}

/* A line through 4 points matches the textbook formulas.
 *   x = 0 1 2 3, y = 1 3 2 5: mean x 1.5, mean y 2.75, Sxx 5,
 *   Sxy = (-1.5)(-1.75) + (-0.5)(0.25) + (0.5)(-0.75) + (1.5)(2.25) = 5.5
 *   slope 1.1, intercept 2.75 - 1.1 * 1.5 = 1.1
 *   residuals -0.1 0.8 -1.3 0.6, SSE 2.7, s^2 = 1.35, se = sqrt(0.27)
 *   SST 8.75, R^2 = 1 - 2.7 / 8.75 = 0.691428...
 *   t = 1.1 / sqrt(0.27) = 2.11695, p = 0.168478, CI 1.1 -+ 4.30265 se */
static void
test_trend_ols_hand_worked(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2, 3}, y[] = {1, 3, 2, 5};
    kpi_ols o;
    assert_int_equal(kpi_trend_ols(x, y, 4, &o, NULL), KPI_OK);
    double se = sqrt(0.27);
    assert_double_rel(o.slope, 1.1, 1e-14);
    assert_double_rel(o.intercept, 1.1, 1e-14);
    assert_double_rel(o.slope_se, se, 1e-14);
    assert_double_rel(o.resid_sd, sqrt(1.35), 1e-14);
    assert_double_rel(o.r2, 1 - 2.7 / 8.75, 1e-14);
    assert_double_rel(o.slope_ci_low, 1.1 - t2_q975() * se, 1e-12);
    assert_double_rel(o.slope_ci_high, 1.1 + t2_q975() * se, 1e-12);
    assert_double_rel(o.slope_p, t2_p(1.1 / se), 1e-10);
    assert_double_rel(o.slope_p, 0.168478159, 1e-8);
}

/* An exact line has standard error 0: the interval collapses onto the
 * slope and p is 0; a constant y has slope 0 and neither p nor R^2. */
static void
test_trend_ols_exact_and_constant(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2, 3, 4}, y[] = {3, 5, 7, 9, 11}, c[] = {4, 4, 4, 4, 4};
    kpi_ols o;
    assert_int_equal(kpi_trend_ols(x, y, 5, &o, NULL), KPI_OK);
    assert_double_equal(o.slope, 2, 0);
    assert_double_equal(o.intercept, 3, 0);
    assert_double_equal(o.slope_se, 0, 0);
    assert_double_equal(o.slope_ci_low, 2, 0);
    assert_double_equal(o.slope_ci_high, 2, 0);
    assert_true(o.has_p);
    assert_double_equal(o.slope_p, 0, 0);
    assert_true(o.has_r2);
    assert_double_equal(o.r2, 1, 0);

    assert_int_equal(kpi_trend_ols(x, c, 5, &o, NULL), KPI_OK);
    assert_double_equal(o.slope, 0, 0);
    assert_double_equal(o.intercept, 4, 0);
    assert_false(o.has_p);
    assert_false(o.has_r2);
    assert_string_equal(o.reason, "values are constant, so there is no p-value or R^2");
}

/* Inputs that cannot mean anything are KPI_EDOMAIN, and out is untouched. */
static void
test_trend_arrays_domain_errors(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2}, y[] = {1, 2, 4}, same[] = {5, 5, 5}, zero[] = {0, 0, 0};
    const double bad[] = {1, NAN, 3};
    kpi_error err;
    kpi_ols o = {.slope = 42};
    assert_int_equal(kpi_trend_ols(x, y, 2, &o, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "needs at least 3 points, got 2");
    assert_int_equal(kpi_trend_ols(same, y, 3, &o, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "x is constant");
    assert_int_equal(kpi_trend_ols(x, bad, 3, &o, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "y[1] is not a finite number");
    assert_double_equal(o.slope, 42, 0);

    assert_int_equal(kpi_trend_ols_origin(x, y, 1, &o, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "at least 2 points, got 1");
    assert_int_equal(kpi_trend_ols_origin(zero, y, 3, &o, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "every x is 0");
    /* A constant non-zero x is fine through the origin. */
    assert_int_equal(kpi_trend_ols_origin(same, y, 3, &o, &err), KPI_OK);
    assert_double_rel(o.slope, 7.0 / 15.0, 1e-14);

    kpi_theil_sen ts = {.slope = 42};
    assert_int_equal(kpi_trend_theil_sen(x, y, 1, &ts, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "at least 2 points, got 1");
    assert_int_equal(kpi_trend_theil_sen(same, y, 3, &ts, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "x is constant");
    assert_double_equal(ts.slope, 42, 0);

    kpi_mann_kendall mk = {.s = 42};
    assert_int_equal(kpi_trend_mann_kendall(y, 2, &mk, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "at least 3 values, got 2");
    assert_int_equal(kpi_trend_mann_kendall(bad, 3, &mk, &err), KPI_EDOMAIN);
    assert_int_equal(mk.s, 42);

    /* Regression: no residual degree of freedom, no columns, and a column
     * that is twice another. */
    const double X[] = {1, 0, 0, 1, 1, 2, 1, 2, 4};
    double coef[3] = {42, 42, 42}, se[3];
    kpi_regression r = {.coef = coef, .se = se};
    assert_int_equal(kpi_trend_regress(X, y, 3, 3, &r, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "more than 3 rows, got 3");
    assert_int_equal(kpi_trend_regress(X, y, 3, 0, &r, &err), KPI_EDOMAIN);
    const double dep[] = {1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8};
    const double y4[] = {1, 3, 2, 5};
    assert_int_equal(kpi_trend_regress(dep, y4, 4, 3, &r, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "linearly dependent (rank 2)");
    assert_double_equal(coef[0], 42, 0);
    assert_null(r.cov);
}

/* ---- Theil-Sen and Mann-Kendall by hand -------------------------------- */

/* One wild value cannot drag the Theil-Sen slope.
 *   x = 0 1 2 3 4, y = 0 1 2 3 40.  Pairwise slopes: six pairs among the
 *   first four points give 1; with the last point, (40-0)/4 = 10,
 *   (40-1)/3 = 13, (40-2)/2 = 19, (40-3)/1 = 37.  Sorted: 1 1 1 1 1 1 10
 *   13 19 37; the median of 10 is (1 + 1) / 2 = 1.  Intercept: median of
 *   y - x = 0 0 0 0 36 is 0.  Least squares instead: Sxx = 10,
 *   Sxy = sum (x - 2) y = -1 + 3 + 80 = 82, slope 8.2. */
static void
test_trend_theil_sen_outlier(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2, 3, 4}, y[] = {0, 1, 2, 3, 40};
    kpi_theil_sen ts;
    assert_int_equal(kpi_trend_theil_sen(x, y, 5, &ts, NULL), KPI_OK);
    assert_int_equal(ts.n, 5);
    assert_int_equal(ts.pairs, 10);
    assert_double_equal(ts.slope, 1, 0);
    assert_double_equal(ts.intercept, 0, 0);
    kpi_ols o;
    assert_int_equal(kpi_trend_ols(x, y, 5, &o, NULL), KPI_OK);
    assert_double_rel(o.slope, 8.2, 1e-14);
}

/* Pairs that tie in x are left out, and an odd count has a middle value.
 *   x = 0 0 1 2, y = 1 3 2 6.  Pairs with distinct x: (1,2) 1, (1,6)
 *   5/2 = 2.5, (3,2) -1, (3,6) 3/2 = 1.5, (2,6) 4.  Sorted -1 1 1.5 2.5 4:
 *   slope 1.5.  y - 1.5 x = 1 3 0.5 3, sorted 0.5 1 3 3: intercept 2. */
static void
test_trend_theil_sen_tied_x(void **state)
{
    (void)state;
    const double x[] = {0, 0, 1, 2}, y[] = {1, 3, 2, 6};
    kpi_theil_sen ts;
    assert_int_equal(kpi_trend_theil_sen(x, y, 4, &ts, NULL), KPI_OK);
    assert_int_equal(ts.pairs, 5);
    assert_double_equal(ts.slope, 1.5, 0);
    assert_double_equal(ts.intercept, 2, 0);
}

/* Mann-Kendall with a tie, worked by hand.
 *   y = 1 2 2 3 5.  Signs of y_j - y_i for i < j:
 *     from 1: + + + +   (4)
 *     from 2: 0 + +     (2)
 *     from 2: + +       (2)
 *     from 3: +         (1)        S = 9
 *   One tie group of t = 2.  Var(S) = [5*4*15 - 2*1*9] / 18 = 282/18
 *   = 15.6667.  z = (9 - 1) / sqrt(15.6667) = 2.021165, two-sided
 *   p = erfc(z / sqrt 2) = 0.043263 < 0.05: increasing.
 *   tau-b: n0 = 10 pairs, n1 = 1 tied pair, 9 / sqrt(10 * 9) = 0.948683;
 *   tau-a would be 9 / 10. */
static void
test_trend_mann_kendall_ties(void **state)
{
    (void)state;
    const double y[] = {1, 2, 2, 3, 5};
    kpi_mann_kendall mk;
    assert_int_equal(kpi_trend_mann_kendall(y, 5, &mk, NULL), KPI_OK);
    assert_int_equal(mk.n, 5);
    assert_int_equal(mk.s, 9);
    assert_int_equal(mk.tie_groups, 1);
    assert_double_rel(mk.var_s, 282.0 / 18.0, 1e-15);
    assert_true(mk.has_tau);
    assert_double_rel(mk.tau, 9.0 / sqrt(90.0), 1e-15);
    double z = 8.0 / sqrt(282.0 / 18.0);
    assert_double_rel(mk.z, z, 1e-15);
    assert_double_rel(mk.p, erfc(z / sqrt(2.0)), 1e-12);
    assert_double_rel(mk.p, 0.0432627278, 1e-8);
    assert_int_equal(mk.trend, KPI_TREND_INCREASING);
    assert_string_equal(kpi_trend_direction_name(mk.trend), "increasing");
    assert_string_equal(mk.reason, "");
}

/* Falling, flat and all-equal series.
 *   y = 5 4 4 1: signs - - - 0 - -, S = -5; one tie of 2:
 *     Var = (4*3*13 - 18) / 18 = 138/18, z = (-5 + 1) / sqrt(138/18)
 *     = -1.44463, p = 0.1486: no trend; tau-b = -5 / sqrt(6 * 5).
 *   y = 1 3 3 1: signs + + 0 0 - -, S = 0, so z = 0 and p = 1; two ties
 *     of 2: Var = (156 - 36) / 18, tau-b = 0.
 *   y = 7 7 7: S = 0, Var = 0, tau = 0/0 (empty), z = 0, p = 1.
 *   y = 10 9 ... 1: S = -45, Var = 10*9*25/18 = 125, z = -44/sqrt(125). */
static void
test_trend_mann_kendall_decreasing_and_flat(void **state)
{
    (void)state;
    kpi_mann_kendall mk;
    const double a[] = {5, 4, 4, 1};
    assert_int_equal(kpi_trend_mann_kendall(a, 4, &mk, NULL), KPI_OK);
    assert_int_equal(mk.s, -5);
    assert_double_rel(mk.var_s, 138.0 / 18.0, 1e-15);
    assert_double_rel(mk.z, -4.0 / sqrt(138.0 / 18.0), 1e-15);
    assert_double_rel(mk.p, erfc(4.0 / sqrt(138.0 / 18.0) / sqrt(2.0)), 1e-12);
    assert_double_rel(mk.tau, -5.0 / sqrt(30.0), 1e-15);
    assert_int_equal(mk.trend, KPI_TREND_NO_TREND);

    const double b[] = {1, 3, 3, 1};
    assert_int_equal(kpi_trend_mann_kendall(b, 4, &mk, NULL), KPI_OK);
    assert_int_equal(mk.s, 0);
    assert_int_equal(mk.tie_groups, 2);
    assert_double_rel(mk.var_s, 120.0 / 18.0, 1e-15);
    assert_true(mk.has_tau);
    assert_double_equal(mk.tau, 0, 0);
    assert_double_equal(mk.z, 0, 0);
    assert_double_equal(mk.p, 1, 0);
    assert_string_equal(kpi_trend_direction_name(mk.trend), "no trend");

    const double c[] = {7, 7, 7};
    assert_int_equal(kpi_trend_mann_kendall(c, 3, &mk, NULL), KPI_OK);
    assert_int_equal(mk.s, 0);
    assert_double_equal(mk.var_s, 0, 0);
    assert_false(mk.has_tau);
    assert_string_equal(mk.reason, "values are all equal, so there is no tau");
    assert_double_equal(mk.z, 0, 0);
    assert_double_equal(mk.p, 1, 0);
    assert_int_equal(mk.trend, KPI_TREND_NO_TREND);

    const double d[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assert_int_equal(kpi_trend_mann_kendall(d, 10, &mk, NULL), KPI_OK);
    assert_int_equal(mk.s, -45);
    assert_double_equal(mk.var_s, 125, 1e-12);
    assert_double_rel(mk.z, -44.0 / sqrt(125.0), 1e-15);
    assert_double_rel(mk.tau, -1, 1e-15);
    assert_int_equal(mk.trend, KPI_TREND_DECREASING);
}

/* ---- series ------------------------------------------------------------ */

static kpi_store *
read_text(const char *text)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_store *s = kpi_read_stream(fp, "t.csv", NULL, NULL, &err);
    fclose(fp);
    if (!s)
        fprintf(stderr, "%s:%lu:%lu: %s\n", err.source, err.line, err.column, err.message);
    assert_non_null(s);
    return s;
}

static kpi_period
period(const char *text)
{
    kpi_period p;
    assert_int_equal(kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, NULL, NULL), KPI_OK);
    return p;
}

/* A series "k" with the value y[i] at period first + i for n periods,
 * skipping NaNs (absent slots). */
static kpi_store *
build(kpi_period first, const double *y, size_t n)
{
    kpi_store *s = kpi_store_new(0, NULL, NULL);
    assert_non_null(s);
    const char *key[] = {"k", ""};
    kpi_series *se = kpi_store_intern(s, key, NULL);
    assert_non_null(se);
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]))
            continue;
        kpi_value v = {.kind = KPI_VALUE_NUMBER, .number = y[i]};
        assert_int_equal(
            kpi_series_put(se, kpi_period_shift(first, (int32_t)i), 0, &v, KPI_DUP_ERROR, 0, NULL),
            KPI_OK);
    }
    return s;
}

/* Too few values leave statistics empty with reasons, never numbers. */
static void
test_trend_series_short_reasons(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\n"
                             "one,2019-01,5\n"
                             "two,2019-01,5\ntwo,2019-02,8\n");
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 1);
    assert_false(t.has_ols || t.has_theil_sen || t.has_mann_kendall || t.has_seasonal);
    assert_string_equal(t.ols.reason, "needs at least 3 values");
    assert_double_equal(t.ols.slope, 0, 0);
    assert_string_equal(t.note, "ols: needs at least 3 values; theil-sen: needs at least 2 "
                                "values; mann-kendall: needs at least 3 values; seasonal: needs "
                                "every month present in at least 2 years");

    assert_int_equal(kpi_trend_series(kpi_store_at(s, 1), &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 2);
    assert_false(t.has_ols || t.has_mann_kendall);
    assert_true(t.has_theil_sen);
    assert_double_equal(t.theil_sen.slope, 3, 0);
    assert_double_equal(t.theil_sen.intercept, 5, 0);
    /* Without the seasonal fit, it gives no reason either. */
    o.seasonal = false;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 1), &o, NULL, &t, NULL), KPI_OK);
    assert_string_equal(t.note, "ols: needs at least 3 values; mann-kendall: needs at least 3 "
                                "values");
    kpi_store_free(s);
}

/* Statistics left out of opt.stats are empty and give no reason; the
 * names parse in any order, and unknown or repeated names are refused. */
static void
test_trend_series_stats_subset(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\ntwo,2019-01,5\ntwo,2019-02,8\n");
    kpi_trend_options o = kpi_trend_options_default();
    o.seasonal = false;
    o.stats = KPI_TREND_THEIL_SEN;
    kpi_trend t;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_true(t.has_theil_sen);
    assert_false(t.has_ols || t.has_mann_kendall);
    assert_string_equal(t.ols.reason, "");
    assert_string_equal(t.note, "");
    o.stats = KPI_TREND_OLS;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_false(t.has_theil_sen);
    assert_string_equal(t.note, "ols: needs at least 3 values");
    kpi_store_free(s);

    unsigned stats = 0;
    kpi_error err;
    assert_int_equal(kpi_trend_stats_parse("mann-kendall,ols", &stats, &err), KPI_OK);
    assert_int_equal(stats, KPI_TREND_MANN_KENDALL | KPI_TREND_OLS);
    assert_int_equal(kpi_trend_stats_parse("theil-sen", &stats, &err), KPI_OK);
    assert_int_equal(stats, KPI_TREND_THEIL_SEN);
    assert_int_equal(kpi_trend_stats_parse("ols,theil", &stats, &err), KPI_EINVAL);
    assert_string_equal(err.message, "unknown statistic 'theil' (ols, theil-sen or mann-kendall)");
    assert_int_equal(kpi_trend_stats_parse("ols,ols", &stats, &err), KPI_EINVAL);
    assert_string_equal(err.message, "statistic 'ols' named twice");
    assert_int_equal(kpi_trend_stats_parse("", &stats, NULL), KPI_EINVAL);
    assert_int_equal(stats, KPI_TREND_THEIL_SEN);
}

/* Absent and missing slots are left out but keep their width on the x
 * axis.  Jan 10, Feb 13, Mar NA, (Apr absent), May 18: x = 0 1 4.
 *   mean x 5/3, mean y 41/3, Sxx = 26/3, Sxy = (-50 - 26 + 126)/3 = 50/3,
 *   slope 25/13 (4 if the gap were closed up), intercept
 *   41/3 - 25/13 * 5/3 = 408/39.  Theil-Sen: slopes 3, 8/4 = 2, 5/3:
 *   median 2. */
static void
test_trend_series_gaps_keep_spacing(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\n"
                             "k,2019-01,10\nk,2019-02,13\nk,2019-03,NA\nk,2019-05,18\n");
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.left_out, 1);
    assert_int_equal(t.from.ordinal, period("2019-01").ordinal);
    assert_int_equal(t.to.ordinal, period("2019-05").ordinal);
    assert_true(t.has_ols);
    assert_double_rel(t.ols.slope, 25.0 / 13.0, 1e-14);
    assert_double_rel(t.ols.intercept, 408.0 / 39.0, 1e-14);
    assert_double_equal(t.theil_sen.slope, 2, 0);
    assert_int_equal(t.mann_kendall.s, 3);
    kpi_store_free(s);
}

/* A partial period (built from incomplete data) is left out of every
 * statistic, like a missing value, and the note names it.  Westminster's
 * robberies by quarter from datasets/london's recent24 file: 2023Q4
 * (December only, 391) and 2025Q4 (October and November, 429) are
 * partial; the complete 2024Q1..2025Q3 are 806 793 821 939 712 688 730.
 * References from SciPy 1.10 on those seven alone: S = -7 (pairwise
 * signs), Var S = 7*6*19/18 = 44.333, z = -6 / sqrt(Var S) = -0.901127,
 * p = 2 * norm.sf(|z|) = 0.3675207382421430, kendalltau tau-b = -1/3,
 * linregress slope -19.535714285714285, intercept 842.75 (x = 0..6).
 * With the partial points counted, S = -6 and p = 0.6021675 instead. */
static void
test_trend_series_partial_left_out(void **state)
{
    (void)state;
    const double y[] = {391, 806, 793, 821, 939, 712, 688, 730, 429};
    kpi_store *s = build(period("2023Q4"), y, 9);
    const char *key[] = {"k", ""};
    kpi_series *se = kpi_store_intern(s, key, NULL);
    kpi_series_set_partial(se, 0);
    kpi_series_set_partial(se, 8);
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 7);
    assert_int_equal(t.partial, 2);
    assert_int_equal(t.left_out, 0);
    assert_int_equal(t.partial_periods[0].ordinal, period("2023Q4").ordinal);
    assert_int_equal(t.partial_periods[1].ordinal, period("2025Q4").ordinal);
    assert_int_equal(t.from.ordinal, period("2024Q1").ordinal);
    assert_int_equal(t.to.ordinal, period("2025Q3").ordinal);
    assert_true(t.has_mann_kendall);
    assert_int_equal(t.mann_kendall.s, -7);
    assert_double_rel(t.mann_kendall.var_s, 44.333333333333336, 1e-14);
    assert_double_rel(t.mann_kendall.z, -0.9011271137791659, 1e-12);
    assert_double_rel(t.mann_kendall.p, 0.36752073824214304, 1e-10);
    assert_double_rel(t.mann_kendall.tau, -1.0 / 3.0, 1e-14);
    assert_int_equal(t.mann_kendall.trend, KPI_TREND_NO_TREND);
    assert_true(t.has_ols);
    assert_double_rel(t.ols.slope, -19.535714285714285, 1e-12);
    assert_double_rel(t.ols.intercept, 842.75, 1e-12);
    assert_non_null(strstr(t.note, "left out 2 partial periods (2023Q4, 2025Q4): built from "
                                   "incomplete data"));

    /* A span that ends before the last partial period names only the
     * first. */
    o.has_to = true;
    o.to = period("2025Q3");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.partial, 1);
    assert_int_equal(t.mann_kendall.s, -7);
    kpi_store_free(s);
}

/* from/to restrict the span, and x starts at its first period. */
static void
test_trend_series_from_to_span(void **state)
{
    (void)state;
    /* Jan..Dec 2019: 1 4 9 16 ... (i+1)^2, except Apr, May, Jun lie on
     * 11 + 2x from April: 11 13 15. */
    double y[12];
    for (int i = 0; i < 12; i++)
        y[i] = (i + 1) * (i + 1);
    y[3] = 11;
    y[4] = 13;
    y[5] = 15;
    kpi_store *s = build(period("2019-01"), y, 12);
    const kpi_series *se = kpi_store_at(s, 0);
    kpi_trend_options o = kpi_trend_options_default();
    o.has_from = o.has_to = true;
    o.from = period("2019-04");
    o.to = period("2019-06");
    kpi_trend t;
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 3);
    assert_double_equal(t.ols.slope, 2, 1e-14);
    assert_double_equal(t.ols.intercept, 11, 1e-13);

    /* Ends beyond the series clip to it: the whole year. */
    o.from = period("2018-06");
    o.to = period("2020-06");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 12);
    assert_int_equal(t.from.ordinal, period("2019-01").ordinal);
    assert_int_equal(t.to.ordinal, period("2019-12").ordinal);

    /* Only from, after the end: nothing in the span. */
    o.has_to = false;
    o.from = period("2020-01");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 0);
    assert_false(t.has_ols || t.has_theil_sen || t.has_mann_kendall || t.has_seasonal);
    assert_string_equal(t.note, "no values in the span");
    assert_string_equal(t.seasonal.reason, "no values in the span");

    /* Only to, before the start. */
    o.has_from = false;
    o.has_to = true;
    o.to = period("2018-12");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 0);

    kpi_error err;
    o.has_from = true;
    o.from = period("2019-06");
    o.to = period("2019-03");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "from 2019-06 to 2019-03 is empty");
    o.to = period("2019Q4");
    assert_int_equal(kpi_trend_series(se, &o, NULL, &t, &err), KPI_EFREQ);
    assert_error(&err, KPI_EFREQ, 0, 0, "to period 2019Q4 is a quarter, but series 'k' has month");
    kpi_store_free(s);
}

/* Monthly y = 100 + 2t + season[month], noise-free: the seasonal fit finds
 * the slope 2 (to rounding) as an exact fit, with standard error 0 and
 * p = 0, while the plain line is pulled off by the seasonal pattern.  Its
 * slope is 2 + sum (t - mean t) season / sum (t - mean t)^2. */
static void
test_trend_series_seasonal_recovers_slope(void **state)
{
    (void)state;
    /* A winter peak, as burglary has in the dark months. */
    static const double season[12] = {30, 20, 10, 0, -10, -20, -30, -20, -10, 0, 10, 20};
    /* 39 months from April 2017, with June 2018 absent: the season comes
     * from the period, not from the position. */
    double y[39];
    kpi_period first = period("2017-04");
    double tbar = 0, sxx = 0, sxs = 0;
    size_t n = 0;
    for (int i = 0; i < 39; i++) {
        int month = (3 + i) % 12;
        y[i] = i == 14 ? NAN : 100 + 2.0 * i + season[month];
    }
    for (int i = 0; i < 39; i++)
        if (!isnan(y[i])) {
            tbar += i;
            n++;
        }
    tbar /= (double)n;
    for (int i = 0; i < 39; i++)
        if (!isnan(y[i])) {
            sxx += (i - tbar) * (i - tbar);
            sxs += (i - tbar) * season[(3 + i) % 12];
        }
    kpi_store *s = build(first, y, 39);
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_int_equal(t.n, 38);
    assert_true(t.has_seasonal);
    assert_int_equal(t.seasonal.seasons, 12);
    assert_int_equal(t.seasonal.params, 13);
    assert_int_equal(t.seasonal.df, 25);
    assert_double_rel(t.seasonal.slope, 2, 1e-12);
    /* An exact fit: standard error 0, the interval is the slope, p is 0. */
    assert_double_equal(t.seasonal.slope_se, 0, 0);
    assert_double_equal(t.seasonal.slope_ci_low, t.seasonal.slope, 0);
    assert_double_equal(t.seasonal.slope_ci_high, t.seasonal.slope, 0);
    assert_true(t.seasonal.has_p);
    assert_double_equal(t.seasonal.slope_p, 0, 0);
    assert_double_equal(t.seasonal.r2, 1, 0);
    assert_double_equal(t.seasonal.resid_sd, 0, 0);
    assert_string_equal(t.note, "");
    assert_double_rel(t.ols.slope, 2 + sxs / sxx, 1e-12);
    assert_true(fabs(t.ols.slope - 2) > 0.1);
    kpi_store_free(s);

    /* The same pattern with no trend at all fits exactly with slope 0:
     * rounding leaves a slope and a standard error near 1e-15 whose ratio
     * means nothing, so there is no p-value rather than a made-up one. */
    for (int i = 0; i < 39; i++)
        y[i] = 100 + season[(3 + i) % 12];
    s = build(first, y, 39);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_true(t.has_seasonal);
    assert_double_equal(t.seasonal.slope, 0, 0);
    assert_double_equal(t.seasonal.slope_se, 0, 0);
    assert_double_equal(t.seasonal.slope_ci_low, 0, 0);
    assert_double_equal(t.seasonal.slope_ci_high, 0, 0);
    assert_false(t.seasonal.has_p);
    assert_true(t.seasonal.has_r2);
    assert_double_equal(t.seasonal.r2, 1, 0);
    assert_string_equal(t.note,
                        "seasonal: values fit exactly with slope 0, so there is no p-value");
    kpi_store_free(s);

    /* Quarterly from 2018Q3: y = 50 - 1.5t + q[quarter], 10 quarters, so
     * Q3 and Q4 three times, Q1 and Q2 twice. */
    static const double q[4] = {4, -6, 1, 2};
    double yq[10];
    for (int i = 0; i < 10; i++)
        yq[i] = 50 - 1.5 * i + q[(2 + i) % 4];
    s = build(period("2018Q3"), yq, 10);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_true(t.has_seasonal);
    assert_int_equal(t.seasonal.seasons, 4);
    assert_int_equal(t.seasonal.df, 5);
    assert_double_rel(t.seasonal.slope, -1.5, 1e-12);
    assert_double_equal(t.seasonal.slope_p, 0, 0);
    kpi_store_free(s);
}

/* The seasonal fit needs every month twice; yearly data have no seasons;
 * a constant seasonal series has slope 0 and no p. */
static void
test_trend_series_seasonal_needs_two_cycles(void **state)
{
    (void)state;
    double y[24];
    for (int i = 0; i < 24; i++)
        y[i] = 10 + i % 5;
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    /* 23 months: December once. */
    kpi_store *s = build(period("2017-01"), y, 23);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_false(t.has_seasonal);
    assert_true(t.has_ols);
    assert_string_equal(t.seasonal.reason, "needs every month present in at least 2 years");
    assert_string_equal(t.note, "seasonal: needs every month present in at least 2 years");
    kpi_store_free(s);
    /* 24 months: two full cycles. */
    s = build(period("2017-01"), y, 24);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_true(t.has_seasonal);
    assert_int_equal(t.seasonal.df, 11);
    kpi_store_free(s);
    /* 24 months with March 2018 absent: March once. */
    y[14] = NAN;
    s = build(period("2017-01"), y, 24);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_false(t.has_seasonal);
    kpi_store_free(s);
    /* Quarters: 7 is one short of two cycles. */
    s = build(period("2017Q1"), y, 7);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_string_equal(t.seasonal.reason, "needs every quarter present in at least 2 years");
    kpi_store_free(s);
    /* Years. */
    s = build(period("2001"), y, 10);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_string_equal(t.seasonal.reason, "only for monthly and quarterly series");
    kpi_store_free(s);
    /* Constant: every statistic that can be is computed, with reasons. */
    for (int i = 0; i < 24; i++)
        y[i] = 7;
    s = build(period("2017-01"), y, 24);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    assert_true(t.has_seasonal && t.has_ols && t.has_mann_kendall);
    assert_double_equal(t.seasonal.slope, 0, 1e-12);
    assert_false(t.ols.has_p);
    assert_string_equal(t.note, "ols: values are constant, so there is no p-value or R^2; "
                                "mann-kendall: values are all equal, so there is no tau; "
                                "seasonal: values are constant, so there is no p-value or R^2");
    kpi_store_free(s);
}

/* A workspace gives the same results as none, and grows when it must. */
static void
test_trend_workspace_reuse(void **state)
{
    (void)state;
    double y[40];
    for (int i = 0; i < 40; i++)
        y[i] = 3.5 * i + (i * 7 % 11) - 0.25 * (i % 12);
    kpi_store *s = build(period("2015-01"), y, 40);
    kpi_store *small = build(period("2015-01"), y, 25);
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend a, b;
    kpi_trend_workspace *w = kpi_trend_workspace_new(3, NULL);
    assert_non_null(w);
    assert_int_equal(kpi_trend_series(kpi_store_at(small, 0), &o, w, &a, NULL), KPI_OK);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, w, &a, NULL), KPI_OK);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &b, NULL), KPI_OK);
    assert_true(a.has_seasonal && b.has_seasonal);
    assert_double_equal(a.ols.slope, b.ols.slope, 0);
    assert_double_equal(a.theil_sen.slope, b.theil_sen.slope, 0);
    assert_double_equal(a.seasonal.slope, b.seasonal.slope, 0);
    assert_double_equal(a.seasonal.slope_p, b.seasonal.slope_p, 0);
    assert_int_equal(a.mann_kendall.s, b.mann_kendall.s);
    /* Back to the shorter series in the grown workspace. */
    assert_int_equal(kpi_trend_series(kpi_store_at(small, 0), &o, w, &a, NULL), KPI_OK);
    assert_int_equal(kpi_trend_series(kpi_store_at(small, 0), &o, NULL, &b, NULL), KPI_OK);
    assert_double_equal(a.seasonal.slope, b.seasonal.slope, 0);
    assert_double_equal(a.seasonal.slope_se, b.seasonal.slope_se, 0);
    kpi_trend_workspace_free(w);
    kpi_trend_workspace_free(NULL);
    kpi_store_free(s);
    kpi_store_free(small);
}

/* ---- output ------------------------------------------------------------ */

static char *
capture(const kpi_store *s, const kpi_trend_options *o, kpi_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    kpi_error err;
    assert_int_equal(kpi_trend_write(s, o, out, f, &err), KPI_OK);
    fclose(out);
    return buf;
}

static const char *tiny = "indicator,area,period,value\n"
                          "burglary,North,2019,10\nburglary,North,2020,12\n"
                          "burglary,North,2021,17\nburglary,North,2022,19\n"
                          "robbery,North,2021,5\nrobbery,North,2022,7\n";

/* The CSV rows, every number worked by hand.
 *   burglary: x = 0 1 2 3, y = 10 12 17 19.  mean y 14.5, Sxx 5,
 *   Sxy = 6.75 + 1.25 + 1.25 + 6.75 = 16: slope 3.2, intercept
 *   14.5 - 3.2 * 1.5 = 9.7.  Residuals 0.3 -0.9 0.9 -0.3, SSE 1.8,
 *   se = sqrt(0.9 / 5) = 0.424264, t = 7.542472.  With 2 df the 97.5%
 *   point is 4.302653: CI 3.2 -+ 1.825461 = 1.37454 .. 5.02546;
 *   p = 1 - t / sqrt(2 + t^2) = 0.0171278.  SST 53, R^2 = 1 - 1.8/53
 *   = 0.966038.  Theil-Sen: slopes 2 3.5 3 5 3.5 2, median
 *   (3 + 3.5)/2 = 3.25.  Mann-Kendall: every pair rises, S = 6, tau 1,
 *   Var = 4*3*13/18 = 26/3, z = 5 / sqrt(26/3) = 1.69842,
 *   p = erfc(z / sqrt 2) = 0.0894294: no trend at 5%.
 *   robbery: two values, only Theil-Sen (7 - 5) / 1 = 2. */
static void
test_trend_write_csv(void **state)
{
    (void)state;
    kpi_store *s = read_text(tiny);
    kpi_trend_options o = kpi_trend_options_default();
    char *out = capture(s, &o, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,frequency,from,to,n,slope,intercept,slope_ci_low,"
                             "slope_ci_high,slope_p,r2,theil_sen_slope,mk_s,mk_tau,mk_z,mk_p,"
                             "mk_trend,seasonal_slope,seasonal_ci_low,seasonal_ci_high,seasonal_p,"
                             "note\n"
                             "burglary,North,year,2019,2022,4,3.2,9.7,1.37454,5.02546,0.0171278,"
                             "0.966038,3.25,6,1,1.69842,0.0894294,no trend,,,,,"
                             "seasonal: only for monthly and quarterly series\n"
                             "robbery,North,year,2021,2022,2,,,,,,,2,,,,,,,,,,"
                             "ols: needs at least 3 values; mann-kendall: needs at least 3 values; "
                             "seasonal: only for monthly and quarterly series\n");
    free(out);
    /* A span that holds nothing still gives a row per series. */
    o.has_from = true;
    o.from = period("2022");
    o.seasonal = false;
    out = capture(s, &o, KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "\nburglary,North,year,2022,2022,1,,,,,,,,,,,,,,,,,"
                                "ols: needs at least 3 values; theil-sen: needs at least 2 "
                                "values; mann-kendall: needs at least 3 values\n"));
    free(out);
    o.from = period("2023");
    out = capture(s, &o, KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "\nrobbery,North,year,,,0,,,,,,,,,,,,,,,,,no values in the "
                                "span\n"));
    free(out);
    kpi_store_free(s);
}

/* JSON writes numbers bare and empty fields as null. */
static void
test_trend_write_json(void **state)
{
    (void)state;
    kpi_store *s = read_text(tiny);
    kpi_trend_options o = kpi_trend_options_default();
    char *out = capture(s, &o, KPI_FORMAT_JSON);
    assert_non_null(strstr(out, "\"n\": 4, \"slope\": 3.2, \"intercept\": 9.7,"));
    assert_non_null(strstr(out, "\"mk_s\": 6, \"mk_tau\": 1,"));
    assert_non_null(strstr(out, "\"mk_trend\": \"no trend\", \"seasonal_slope\": null,"));
    assert_non_null(strstr(out, "\"n\": 2, \"slope\": null,"));
    assert_non_null(strstr(out, "\"theil_sen_slope\": 2, \"mk_s\": null,"));
    free(out);
    kpi_store_free(s);
}

/* Every failed allocation is KPI_ENOMEM, with nothing leaked (ASan). */
static void
test_trend_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = read_text(tiny);
    kpi_trend_options o = kpi_trend_options_default();
    kpi_status st = KPI_ENOMEM;
    long fails = 0;
    for (long k = 0; st != KPI_OK; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        kpi_error err;
        kpi_alloc_fail_after(k);
        st = kpi_trend_write(s, &o, out, KPI_FORMAT_CSV, &err);
        kpi_alloc_fail_after(-1);
        fclose(out);
        free(buf);
        if (st != KPI_OK) {
            assert_int_equal(st, KPI_ENOMEM);
            fails++;
        }
        assert_true(k < 100);
    }
    assert_true(fails >= 4);
    /* The series call without a workspace, and the Theil-Sen array call. */
    const double x[] = {0, 1, 2}, y[] = {1, 2, 4};
    kpi_theil_sen ts;
    kpi_trend t;
    kpi_alloc_fail_after(0);
    assert_int_equal(kpi_trend_theil_sen(x, y, 3, &ts, NULL), KPI_ENOMEM);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_ENOMEM);
    kpi_alloc_fail_after(1);
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_ENOMEM);
    assert_null(kpi_trend_workspace_new(10, NULL));
    kpi_alloc_fail_after(-1);
    kpi_store_free(s);
}

/* The band of the fitted line, worked by hand for 10, 12, 14, 15 at
 * x = 0..3: s^2 = 0.3 / 2 = 0.15, Sxx = 5, so at the mean x = 1.5 the
 * variance of the fit is s^2 / n = 0.0375 and the band is
 * 12.75 -+ 4.302653 * 0.193649 = 12.75 -+ 0.833205; at x = 0 it is
 * s^2 (1/4 + 2.25/5) = 0.105, so 10.2 -+ 4.302653 * 0.324037. */
static void
test_trend_ols_band(void **state)
{
    (void)state;
    const double x[] = {0, 1, 2, 3}, y[] = {10, 12, 14, 15};
    kpi_ols o;
    assert_int_equal(kpi_trend_ols(x, y, 4, &o, NULL), KPI_OK);
    double fit, lo, hi;
    kpi_trend_ols_band(&o, 1.5, &fit, &lo, &hi);
    assert_double_rel(fit, 12.75, 1e-12);
    assert_double_rel(hi - fit, 0.833205, 1e-6);
    assert_double_rel(fit - lo, 0.833205, 1e-6);
    kpi_trend_ols_band(&o, 0, &fit, &lo, &hi);
    assert_double_rel(fit, 10.2, 1e-12);
    assert_double_rel(hi - fit, 4.302653 * 0.3240370349, 1e-6);
    /* An exact line has no band. */
    const double z[] = {1, 3, 5, 7};
    assert_int_equal(kpi_trend_ols(x, z, 4, &o, NULL), KPI_OK);
    kpi_trend_ols_band(&o, 2, &fit, &lo, &hi);
    assert_double_rel(fit, 5, 1e-12);
    assert_double_equal(lo, fit, 1e-12);
    assert_double_equal(hi, fit, 1e-12);
}

/* ---- exact equivalence with the O(n^2) definitions ---------------------- */

/* A small deterministic generator, so that a failure repeats. */
static uint64_t
rng_next(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return *state >> 11;
}

static double
rng_unit(uint64_t *state)
{
    return (double)rng_next(state) / 9007199254740992.0;
}

static int
cmp_double(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

/* The median as gsl_stats_median defines it: the mean of the two middle
 * values for an even count.  Sorts v. */
static double
ref_median(double *v, size_t m)
{
    qsort(v, m, sizeof *v, cmp_double);
    return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

/* Theil-Sen straight from the definition: every pair with distinct x. */
static void
ref_theil_sen(const double *x, const double *y, size_t n, double *slope, double *intercept,
              size_t *pairs)
{
    double *v = malloc((n * (n - 1) / 2 + n) * sizeof *v);
    assert_non_null(v);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (x[j] != x[i])
                v[m++] = (y[j] - y[i]) / (x[j] - x[i]);
    *pairs = m;
    *slope = ref_median(v, m);
    for (size_t i = 0; i < n; i++)
        v[i] = y[i] - *slope * x[i];
    *intercept = ref_median(v, n);
    free(v);
}

/* Mann-Kendall's S and tie groups straight from the definition. */
static void
ref_mann_kendall(const double *y, size_t n, int64_t *s, size_t *groups, double *var_s)
{
    double ties = 0;
    *s = 0;
    *groups = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            *s += (y[j] > y[i]) - (y[j] < y[i]);
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t k = 0; k < i && first; k++)
            first = y[k] != y[i];
        double t = 0;
        for (size_t j = i; j < n && first; j++)
            t += y[j] == y[i];
        if (t > 1) {
            ++*groups;
            ties += t * (t - 1) * (2 * t + 5);
        }
    }
    double dn = (double)n;
    *var_s = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18.0;
}

enum { Y_CONTINUOUS, Y_DECIMAL, Y_FEW_INTEGERS, Y_TREND_INTEGERS, Y_KINDS };

/* y of one kind: continuous noise about a trend, the same rounded to 2
 * decimals, integers 0..3 (most pairs tie), or integers about a trend. */
static void
fill_y(double *y, size_t n, int kind, uint64_t *state)
{
    double slope = rng_unit(state) * 4 - 2;
    for (size_t i = 0; i < n; i++) {
        double noise = (rng_unit(state) - 0.5) * 200;
        switch (kind) {
        case Y_CONTINUOUS: y[i] = 1000 + slope * (double)i + noise; break;
        case Y_DECIMAL: y[i] = round((1000 + slope * (double)i + noise) * 100) / 100; break;
        case Y_FEW_INTEGERS: y[i] = (double)(rng_next(state) % 4); break;
        default: y[i] = round(slope * (double)i + noise / 10); break;
        }
    }
}

/* Theil-Sen against the listed definition: bit for bit when every
 * difference of x and of y is exact (the slope doubles are then the
 * exact slopes correctly rounded); otherwise the listed median of rounded
 * slopes may differ from the exact median kpi selects by the slopes' own
 * rounding, 1.5 DBL_EPSILON relative, and the intercept by what that
 * moves y - slope x.  A pair of the wrong rank is far further off. */
static void
check_theil_sen(const double *x, const double *y, size_t n, bool exact)
{
    kpi_theil_sen ts;
    double slope, intercept;
    size_t pairs;
    assert_int_equal(kpi_trend_theil_sen(x, y, n, &ts, NULL), KPI_OK);
    ref_theil_sen(x, y, n, &slope, &intercept, &pairs);
    assert_int_equal(ts.pairs, pairs);
    if (exact) {
        assert_true(ts.slope == slope);
        assert_true(ts.intercept == intercept);
        return;
    }
    double xmax = 0, ymax = 0;
    for (size_t i = 0; i < n; i++) {
        xmax = fmax(xmax, fabs(x[i]));
        ymax = fmax(ymax, fabs(y[i]));
    }
    assert_true(fabs(ts.slope - slope) <= 2 * DBL_EPSILON * fabs(slope));
    assert_true(fabs(ts.intercept - intercept) <= 8 * DBL_EPSILON * (ymax + fabs(slope) * xmax));
}

static void
check_mann_kendall(const double *y, size_t n)
{
    kpi_mann_kendall mk;
    int64_t s;
    size_t groups;
    double var_s;
    assert_int_equal(kpi_trend_mann_kendall(y, n, &mk, NULL), KPI_OK);
    ref_mann_kendall(y, n, &s, &groups, &var_s);
    assert_true(mk.s == s);
    assert_int_equal(mk.tie_groups, groups);
    assert_true(mk.var_s == var_s);
}

/* Theil-Sen equals the median of all pairwise slopes bit for bit, on
 * either side of the size where selection takes over, for every kind of
 * y and for x = 0..n-1 and x rising with gaps. */
static void
test_trend_theil_sen_matches_definition(void **state)
{
    (void)state;
    static const size_t sizes[] = {2, 3, 4, 5, 17, 200, 255, 256, 257, 781, 1024, 1500, 2048, 3000};
    uint64_t rng = 12345;
    size_t cap = 3000;
    double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        for (int kind = 0; kind < Y_KINDS; kind++) {
            for (int gaps = 0; gaps < 2; gaps++) {
                if (n >= 2048 && gaps)
                    continue; /* the reference is slow under sanitizers */
                double at = 0;
                for (size_t i = 0; i < n; i++) {
                    x[i] = at;
                    at += gaps ? (double)(1 + rng_next(&rng) % 3) : 1;
                }
                fill_y(y, n, kind, &rng);
                check_theil_sen(x, y, n, kind != Y_CONTINUOUS && kind != Y_DECIMAL);
            }
        }
    }
    free(x);
    free(y);
}

/* The same when the data defeat selection: every slope equal (an exact
 * line), x tied, x out of order, and x and y of extreme size. */
static void
test_trend_theil_sen_matches_definition_awkward(void **state)
{
    (void)state;
    size_t n = 1100;
    uint64_t rng = 777;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i;
        y[i] = 3 + 2 * (double)i;
    }
    check_theil_sen(x, y, n, true); /* an exact line: every slope 2 */
    for (size_t i = 0; i < n; i++)
        y[i] = 5;
    check_theil_sen(x, y, n, true); /* constant: every slope 0 */
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)(i / 3); /* x tied in threes */
        y[i] = (double)(rng_next(&rng) % 50);
    }
    check_theil_sen(x, y, n, true);
    for (size_t i = 0; i < n; i++)
        x[i] = (double)(rng_next(&rng) % 5000); /* x in no order */
    check_theil_sen(x, y, n, true);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i * 1e-3;
        y[i] = (rng_unit(&rng) - 0.5) * 1e250; /* values beyond the bounds */
    }
    check_theil_sen(x, y, n, false);
    for (size_t i = 0; i < n; i++) {
        x[i] = 1e6 + (double)i / 7;
        y[i] = 1e-300 * (double)(rng_next(&rng) % 1000); /* tiny values */
    }
    check_theil_sen(x, y, n, false);
    free(x);
    free(y);
}

/* The same where the median falls inside a block of tied or nearly tied
 * slopes, which selection must settle without listing the pairs: exact
 * ties at 0 and at 1/3 in integers, values on a quarter grid, flat runs
 * in decimals (whose differences round), and a line through decimals,
 * whose slopes all lie within rounding of 0.1. */
static void
test_trend_theil_sen_matches_definition_ties(void **state)
{
    (void)state;
    size_t n = 1300;
    uint64_t rng = 4242;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (size_t i = 0; i < n; i++)
        x[i] = (double)i;
    for (size_t i = 0; i < n; i++)
        y[i] = rng_next(&rng) % 10 < 8 ? 4 : (double)(rng_next(&rng) % 9);
    check_theil_sen(x, y, n, true); /* most slopes exactly 0 */
    for (size_t i = 0; i < n; i++)
        y[i] = (double)(i / 3);
    check_theil_sen(x, y, n, true); /* most slopes near 1/3, many exactly */
    for (size_t i = 0; i < n; i++)
        y[i] = (double)(rng_next(&rng) % 40) / 4 + 1e3;
    check_theil_sen(x, y, n, true);
    for (size_t i = 0; i < n; i++)
        y[i] = rng_next(&rng) % 10 < 8 ? 0.1 : 17.3 + (double)(rng_next(&rng) % 7) / 10;
    check_theil_sen(x, y, n, false); /* flat runs in decimals */
    for (size_t i = 0; i < n; i++)
        y[i] = 5.3 + 0.1 * (double)i;
    check_theil_sen(x, y, n, false); /* every slope 0.1 but for rounding */
    for (size_t i = 0; i < n; i++)
        x[i] = (double)(i / 2); /* x tied in pairs, decimals */
    check_theil_sen(x, y, n, false);
    free(x);
    free(y);
}

/* Series whose differences round (decimals, sevenths), against values
 * computed outside kpi: the exact median of the pairwise slopes, ranked
 * as fractions and each rounded to the nearest double (Python 3.11's
 * fractions.Fraction, whose float() rounds correctly), with the
 * intercept the median of y - slope x; and SciPy 1.10.1's
 * scipy.stats.theilslopes(y, x, method='joint') on the same doubles
 * (numpy 1.24.2; it takes the median of the rounded slopes).  The values
 * are made by the same expressions in C and in Python, which IEEE
 * arithmetic rounds alike:
 *   0: y = ((7919 i + 13) mod 1009) / 100 + 0.1 i, decimals about a trend
 *   1: y = 5.3 + 0.1 i, a line whose slopes are all 0.1 but for rounding
 *   2: y = 0.1 when i mod 10 < 8, else 17.3 + (i mod 7) / 10: flat runs
 *   3: x = 1e6 + i / 7, y = 3 (i / 7) + ((31 i) mod 17) / 100
 * with x = i for 0 to 2.  The two references agree on these series. */
static void
test_trend_theil_sen_reference(void **state)
{
    (void)state;
    static const struct {
        int kind;
        size_t n, pairs;
        double slope, intercept;             /* exact, by fractions */
        double scipy_slope, scipy_intercept; /* scipy.stats.theilslopes */
    } cases[] = {
        {0, 600, 179700, 0.09977419354838712, 5.0936290322580575, 0.09977419354838712,
         5.0936290322580575},
        {1, 600, 179700, 0.1, 5.299999999999997, 0.1, 5.299999999999997},
        {2, 600, 179700, 0.0, 0.1, 0.0, 0.1},
        {3, 300, 44850, 2.999999999999999, -2999999.919999999, 2.999999999999999,
         -2999999.919999999},
        {0, 97, 4656, 0.09878787878787879, 5.022121212121213, 0.09878787878787879,
         5.022121212121213},
    };
    double x[600], y[600];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = cases[c].n;
        for (size_t i = 0; i < n; i++) {
            double d = (double)i;
            x[i] = d;
            switch (cases[c].kind) {
            case 0: y[i] = (double)((i * 7919 + 13) % 1009) / 100 + 0.1 * d; break;
            case 1: y[i] = 5.3 + 0.1 * d; break;
            case 2: y[i] = i % 10 < 8 ? 0.1 : 17.3 + (double)(i % 7) / 10; break;
            default:
                x[i] = 1e6 + d / 7;
                y[i] = 3 * (d / 7) + (double)((i * 31) % 17) / 100;
                break;
            }
        }
        kpi_theil_sen ts;
        assert_int_equal(kpi_trend_theil_sen(x, y, n, &ts, NULL), KPI_OK);
        assert_int_equal(ts.pairs, cases[c].pairs);
        assert_true(ts.slope == cases[c].slope);
        assert_true(ts.intercept == cases[c].intercept);
        assert_true(ts.slope == cases[c].scipy_slope);
        assert_true(ts.intercept == cases[c].scipy_intercept);
    }
}

/* Values whose binary exponents span further than exact slopes can be
 * worked out in doubles (1e-300 beside 1e300) get no line, and say so. */
static void
test_trend_theil_sen_too_wide(void **state)
{
    (void)state;
    double x[300], y[300];
    for (size_t i = 0; i < 300; i++) {
        x[i] = (double)i;
        y[i] = i % 2 ? 1e300 : 1e-300 * (double)i;
    }
    kpi_theil_sen ts = {.slope = 42};
    kpi_error err;
    assert_int_equal(kpi_trend_theil_sen(x, y, 300, &ts, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0,
                 "no Theil-Sen line: the values span too many powers of two for exact slopes");
    assert_double_equal(ts.slope, 42, 0);
}

/* A series far longer than the pairwise slopes could be listed for (5e9
 * pairs, 40 GB as doubles) takes memory in proportion to its length: the
 * line 3x + 1 with every tenth value 1000 too high keeps slope 3 (81% of
 * the pairs) and intercept 1 (90% of the residuals). */
static void
test_trend_theil_sen_long_series(void **state)
{
    (void)state;
    size_t n = 100000;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i;
        y[i] = 3 * (double)i + 1 + (i % 10 == 0 ? 1000 : 0);
    }
    kpi_theil_sen ts;
    assert_int_equal(kpi_trend_theil_sen(x, y, n, &ts, NULL), KPI_OK);
    assert_int_equal(ts.pairs, n * (n - 1) / 2);
    assert_true(ts.slope == 3);
    assert_true(ts.intercept == 1);
    free(x);
    free(y);
}

/* Mann-Kendall's S, tie groups and variance equal the pairwise
 * definition exactly, with and without ties, from n = 3 up. */
static void
test_trend_mann_kendall_matches_definition(void **state)
{
    (void)state;
    static const size_t sizes[] = {3, 4, 5, 17, 200, 1024, 3000};
    uint64_t rng = 99;
    double *y = malloc(3000 * sizeof *y);
    assert_non_null(y);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (int kind = 0; kind < Y_KINDS; kind++) {
            fill_y(y, sizes[k], kind, &rng);
            check_mann_kendall(y, sizes[k]);
        }
    }
    for (size_t i = 0; i < 100; i++)
        y[i] = 4; /* every value equal */
    check_mann_kendall(y, 100);
    free(y);
}

/* A series gives the same Theil-Sen slope and S as the arrays. */
static void
test_trend_series_matches_arrays(void **state)
{
    (void)state;
    size_t n = 1300;
    uint64_t rng = 4242;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    fill_y(y, n, Y_DECIMAL, &rng);
    for (size_t i = 0; i < n; i++)
        x[i] = (double)i;
    kpi_store *s = build(period("1900-01"), y, n);
    kpi_trend_options o = kpi_trend_options_default();
    kpi_trend t;
    assert_int_equal(kpi_trend_series(kpi_store_at(s, 0), &o, NULL, &t, NULL), KPI_OK);
    double slope, intercept;
    size_t pairs;
    ref_theil_sen(x, y, n, &slope, &intercept, &pairs);
    assert_true(t.has_theil_sen);
    assert_true(t.theil_sen.slope == slope);
    assert_true(t.theil_sen.intercept == intercept);
    int64_t ms;
    size_t groups;
    double var_s;
    ref_mann_kendall(y, n, &ms, &groups, &var_s);
    assert_true(t.mann_kendall.s == ms);
    assert_int_equal(t.mann_kendall.tie_groups, groups);
    kpi_store_free(s);
    free(x);
    free(y);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trend_ols_band),
        cmocka_unit_test(test_trend_nist_norris_ols),
        cmocka_unit_test(test_trend_nist_norris_regress),
        cmocka_unit_test(test_trend_nist_pontius_quadratic),
        cmocka_unit_test(test_trend_nist_noint1_origin),
        cmocka_unit_test(test_trend_nist_noint2_origin),
        cmocka_unit_test(test_trend_nist_longley),
        cmocka_unit_test(test_trend_ols_hand_worked),
        cmocka_unit_test(test_trend_ols_exact_and_constant),
        cmocka_unit_test(test_trend_arrays_domain_errors),
        cmocka_unit_test(test_trend_theil_sen_outlier),
        cmocka_unit_test(test_trend_theil_sen_tied_x),
        cmocka_unit_test(test_trend_mann_kendall_ties),
        cmocka_unit_test(test_trend_mann_kendall_decreasing_and_flat),
        cmocka_unit_test(test_trend_series_short_reasons),
        cmocka_unit_test(test_trend_series_stats_subset),
        cmocka_unit_test(test_trend_series_gaps_keep_spacing),
        cmocka_unit_test(test_trend_series_from_to_span),
        cmocka_unit_test(test_trend_series_seasonal_recovers_slope),
        cmocka_unit_test(test_trend_series_seasonal_needs_two_cycles),
        cmocka_unit_test(test_trend_workspace_reuse),
        cmocka_unit_test(test_trend_write_csv),
        cmocka_unit_test(test_trend_write_json),
        cmocka_unit_test(test_trend_out_of_memory),
        cmocka_unit_test(test_trend_theil_sen_matches_definition),
        cmocka_unit_test(test_trend_theil_sen_matches_definition_awkward),
        cmocka_unit_test(test_trend_theil_sen_matches_definition_ties),
        cmocka_unit_test(test_trend_theil_sen_reference),
        cmocka_unit_test(test_trend_theil_sen_too_wide),
        cmocka_unit_test(test_trend_theil_sen_long_series),
        cmocka_unit_test(test_trend_mann_kendall_matches_definition),
        cmocka_unit_test(test_trend_series_matches_arrays),
        cmocka_unit_test(test_trend_series_partial_left_out),
    };
    return kpi_test_run(tests);
}
