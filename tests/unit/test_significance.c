/* Tests of the exact test for two Poisson counts, against SciPy. */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kpi/significance.h"
#include "parallel_private.h"
#include "significance_private.h"

#define REL 1e-9

/* Computed once with SciPy 1.10.1 (Debian 12's python3-scipy):
 *   r = binomtest(x, x + bx, t / (t + bt)); ci = r.proportion_ci(0.95, 'exact')
 *   rate ratio x / bx * bt / t; ends ci.low / (1 - ci.low) * bt / t, and so ci.high. */
typedef struct reference {
    double x, t, bx, bt, p, rr, lo, hi;
} reference;

static const reference written_down[] = {
    /* Met homicide 2018-19 against 2017-18, and knife crime (issue 11). */
    {122, 1, 163, 1, 0.017662753413444379, 0.74846625766871167, 0.58701051669117743,
     0.95223765061537691},
    {14852, 1, 14766, 1, 0.62137591202742759, 1.005824190708384, 0.98310692593575677,
     1.0290667842998762},
    {0, 1, 5, 1, 0.0625, 0, 0, 1.0912791051825459},
    {250000, 1, 251000, 1, 0.15812997469196058, 0.99601593625498008, 0.9905111928861462,
     1.0015512569481648},
    {30, 1000, 20, 1500, 0.0055575270202694316, 2.25, 1.2361978488463681, 4.1801314604430573},
    {3, 1, 1, 1, 0.625, 3, 0.2408802278292618, 157.49208827480803},
    {1, 1, 1, 1, 1, 1, 0.01273936708392707, 78.496835314658213},
    {987654, 1, 990000, 1, 0.095413589495895734, 0.99763030303030298, 0.9948523478312945,
     1.0004160129168691},
    {7, 2.5, 3, 1.0, 1, 0.93333333333333346, 0.2130711207150231, 5.5934511497208481},
    /* Falls of 99%: GSL's beta quantile, the old start of the interval's
     * search, gave up far in these tails and the upper end came out NaN. */
    {2, 1, 258, 1, 3.66292294053637e-74, 0.0077519379844961239, 0.00093380668747925269,
     0.028287642684964451},
    {22, 1, 2845, 1, 0, 0.0077328646748681899, 0.0048383210969493162, 0.01173090632942966},
    {2919, 1, 2615, 1, 4.6204882778188453e-05, 1.1162523900573613, 1.0585073866368484,
     1.1771932120257771},
    /* Counts of a few thousand where GSL's beta quantile did not converge
     * either (NaN): 271 of the London file's year-on-year pairs. */
    {2455, 1, 2465, 1, 0.89790547152335665, 0.99594320486815413, 0.94142708032233158,
     1.0536145494312759},
    {3345, 1, 3304, 1, 0.6237492242269802, 1.012409200968523, 0.96460123713523294,
     1.0625904712048588},
};

static void
check(const reference *r)
{
    kpi_rate_test t;
    kpi_error err;
    assert_int_equal(kpi_significance_poisson(r->x, r->t, r->bx, r->bt, 0.95, 0.05, &t, &err),
                     KPI_OK);
    assert_true(t.has_test);
    assert_double_rel(t.p, r->p, REL);
    assert_true(t.has_ratio && t.has_high);
    if (r->rr == 0) {
        assert_double_equal(t.rate_ratio, 0, 0);
        assert_double_equal(t.rr_low, 0, 0);
    } else {
        assert_double_rel(t.rate_ratio, r->rr, REL);
        assert_double_rel(t.rr_low, r->lo, REL);
    }
    assert_double_rel(t.rr_high, r->hi, REL);
}

static void
test_significance_written_down(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof written_down / sizeof written_down[0]; i++)
        check(&written_down[i]);
}

/* The figures to the digits it quotes. */
static void
test_significance_homicide_and_knife_crime(void **state)
{
    (void)state;
    kpi_rate_test t;
    assert_int_equal(kpi_significance_poisson(122, 1, 163, 1, 0.95, 0.05, &t, NULL), KPI_OK);
    assert_double_equal(t.p, 0.017663, 5e-7);
    assert_double_equal(t.rate_ratio, 0.7485, 5e-5);
    assert_double_equal(t.rr_low, 0.5870, 5e-5);
    assert_double_equal(t.rr_high, 0.9522, 5e-5);
    assert_int_equal(t.significance, KPI_SIGNIFICANCE_DECREASE);
    assert_string_equal(kpi_significance_name(t.significance), "significant decrease");
    assert_int_equal(kpi_significance_poisson(14852, 1, 14766, 1, 0.95, 0.05, &t, NULL), KPI_OK);
    assert_double_equal(t.p, 0.62, 0.005);
    assert_int_equal(t.significance, KPI_SIGNIFICANCE_NO_CHANGE);
    assert_string_equal(kpi_significance_name(t.significance), "no significant change");
    /* A rise: 163 after 122 is the homicide test mirrored. */
    assert_int_equal(kpi_significance_poisson(163, 1, 122, 1, 0.95, 0.05, &t, NULL), KPI_OK);
    assert_double_rel(t.p, 0.017662753413444379, REL);
    assert_int_equal(t.significance, KPI_SIGNIFICANCE_INCREASE);
    /* The same p is no longer significant at 1%. */
    assert_int_equal(kpi_significance_poisson(122, 1, 163, 1, 0.95, 0.01, &t, NULL), KPI_OK);
    assert_int_equal(t.significance, KPI_SIGNIFICANCE_NO_CHANGE);
}

/* 5 events against none: p = 2 / 2^5, no ratio and no upper end. */
static void
test_significance_from_zero(void **state)
{
    (void)state;
    kpi_rate_test t;
    assert_int_equal(kpi_significance_poisson(5, 1, 0, 1, 0.95, 0.05, &t, NULL), KPI_OK);
    assert_double_equal(t.p, 0.0625, 1e-15);
    assert_false(t.has_ratio);
    assert_false(t.has_high);
    assert_double_rel(t.rr_low, 0.91635585731545999, REL);
    assert_int_equal(t.significance, KPI_SIGNIFICANCE_NO_CHANGE);
    /* 0 against 5 with the exact Clopper-Pearson upper end 1 - 0.025^(1/5)
     * turned into odds. */
    assert_int_equal(kpi_significance_poisson(0, 1, 5, 1, 0.95, 0.05, &t, NULL), KPI_OK);
    double pu = 1 - pow(0.025, 0.2);
    assert_double_rel(t.rr_high, pu / (1 - pu), REL);
}

static void
test_significance_refuses(void **state)
{
    (void)state;
    kpi_rate_test t = {.p = 42};
    kpi_error err;
    assert_int_equal(kpi_significance_poisson(0, 1, 0, 1, 0.95, 0.05, &t, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "no events in either period");
    assert_int_equal(kpi_significance_poisson(1.5, 1, 3, 1, 0.95, 0.05, &t, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "found 1.5 and 3");
    assert_int_equal(kpi_significance_poisson(-1, 1, 3, 1, 0.95, 0.05, &t, &err), KPI_EDOMAIN);
    assert_int_equal(kpi_significance_poisson(NAN, 1, 3, 1, 0.95, 0.05, &t, &err), KPI_EDOMAIN);
    assert_int_equal(kpi_significance_poisson(1, 0, 3, 1, 0.95, 0.05, &t, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "exposures above 0");
    assert_int_equal(kpi_significance_poisson(1, 1, 3, 1, 1.0, 0.05, &t, &err), KPI_EDOMAIN);
    assert_int_equal(kpi_significance_poisson(1, 1, 3, 1, 0.95, 0, &t, NULL), KPI_EDOMAIN);
    assert_double_equal(t.p, 42, 0); /* untouched */
}

static void
test_significance_change_reasons(void **state)
{
    (void)state;
    kpi_meta *m = kpi_test_meta("indicator,unit,aggregation\n"
                                "answer_time,seconds,mean\n"
                                "officers,officers,last\n"
                                "homicide,offences,\n");
    kpi_rate_test t;
    kpi_significance_change(122, 1, 163, 1, KPI_UNIT_PLAIN, 0, kpi_meta_find(m, "homicide"), 0.05,
                            &t);
    assert_true(t.has_test);
    assert_string_equal(t.reason, "");
    assert_double_rel(t.p, 0.017662753413444379, REL);
    kpi_significance_change(122, 1, 163, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, &t);
    assert_true(t.has_test);
    kpi_significance_change(5, 1, 6, 1, KPI_UNIT_PLAIN, 0, kpi_meta_find(m, "answer_time"), 0.05,
                            &t);
    assert_false(t.has_test);
    assert_string_equal(t.reason, "values are averages, not counts");
    kpi_significance_change(5, 1, 6, 1, KPI_UNIT_PLAIN, 0, kpi_meta_find(m, "officers"), 0.05, &t);
    assert_string_equal(t.reason, "values are stock levels, not counts of events");
    kpi_significance_change(73, 1, 70, 1, KPI_UNIT_PERCENT, 0, NULL, 0.05, &t);
    assert_false(t.has_test);
    assert_string_equal(t.reason, "values are percentages, not counts");
    kpi_significance_change(73, 1, 70, 1, KPI_UNIT_GBP, 0, NULL, 0.05, &t);
    assert_string_equal(t.reason, "values are amounts of money, not counts");
    kpi_significance_change(30.2, 1, 30.0, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, &t);
    assert_false(t.has_test);
    assert_string_equal(t.reason, "values are not whole numbers, so they are not counts");
    kpi_significance_change(3, 1, 2, 1, KPI_UNIT_PLAIN, 1, NULL, 0.05, &t);
    assert_false(t.has_test);
    assert_string_equal(t.reason, "values are written with decimals, so they are not counts");
    kpi_meta *w = kpi_test_meta("indicator,unit\nwait,seconds\n");
    kpi_significance_change(3, 1, 2, 1, KPI_UNIT_PLAIN, 0, kpi_meta_find(w, "wait"), 0.05, &t);
    assert_string_equal(t.reason, "values are times, not counts");
    kpi_meta_free(w);
    kpi_significance_change(30.2, 1, 30.0, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, &t);
    assert_false(t.has_test);
    assert_string_equal(t.reason, "values are not whole numbers, so they are not counts");
    kpi_significance_change(0, 1, 0, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, &t);
    assert_string_equal(t.reason, "no events in either period");
    kpi_significance_change(3, NAN, 4, 1000, KPI_UNIT_PLAIN, 0, NULL, 0.05, &t);
    assert_string_equal(t.reason, "no population to compare rates with");
    assert_false(t.has_ratio);
    kpi_meta_free(m);
}

/* Large counts stay exact and cheap: a million tests of half a million
 * events each would be hopeless term by term; here one is a bisection. */
static void
test_significance_large_counts_symmetry(void **state)
{
    (void)state;
    kpi_rate_test a, b;
    assert_int_equal(kpi_significance_poisson(400000, 1, 401234, 1, 0.95, 0.05, &a, NULL), KPI_OK);
    assert_int_equal(kpi_significance_poisson(401234, 1, 400000, 1, 0.95, 0.05, &b, NULL), KPI_OK);
    /* Swapping the periods leaves p alone and inverts the interval. */
    assert_double_rel(a.p, b.p, REL);
    assert_double_rel(a.rr_low, 1 / b.rr_high, REL);
    assert_double_rel(a.rr_high, 1 / b.rr_low, REL);
    assert_true(a.p > 0 && a.p < 1);
}

/* Number k of a memo's printed numbers. */
#define TEXT(t, k) ((t)->text + (t)->at[k])

/* The memo gives what the test itself gives, its numbers printed as
 * tables print them, and the decision at each call's alpha. */
static void
test_significance_memo(void **state)
{
    (void)state;
    kpi_significance_memo *memo = kpi_significance_memo_new();
    assert_non_null(memo);
    kpi_rate_test a, b;
    const kpi_significance_texts *ta, *tb;
    kpi_significance_change_memo(122, 1, 163, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, memo, &a, &ta);
    kpi_significance_change_memo(122, 1, 163, 1, KPI_UNIT_PLAIN, 0, NULL, 0.01, memo, &b, &tb);
    assert_non_null(ta);
    assert_ptr_equal(ta, tb);
    assert_string_equal(TEXT(ta, KPI_TEXT_P), "0.0176628");
    assert_string_equal(TEXT(ta, KPI_TEXT_RATE_RATIO), "0.748466");
    assert_double_rel(b.p, 0.017662753413444379, REL);
    assert_int_equal(a.significance, KPI_SIGNIFICANCE_DECREASE);
    assert_int_equal(b.significance, KPI_SIGNIFICANCE_NO_CHANGE);
    /* No ratio and no upper end against none. */
    kpi_significance_change_memo(5, 1, 0, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, memo, &a, &ta);
    assert_string_equal(TEXT(ta, KPI_TEXT_RR_LOW), "0.916356");
    assert_string_equal(TEXT(ta, KPI_TEXT_P), "0.0625");
    assert_string_equal(TEXT(ta, KPI_TEXT_RATE_RATIO), "");
    assert_string_equal(TEXT(ta, KPI_TEXT_RR_HIGH), "");
    /* No test, nothing printed. */
    kpi_significance_change_memo(1.5, 1, 3, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, memo, &a, &ta);
    assert_null(ta);
    assert_false(a.has_test);
    kpi_significance_memo_free(memo);
}

/* A pair met after its mirror takes the mirror's interval ends the
 * other way round, and gives bitwise what the test gives alone, with
 * equal and with unequal exposures. */
static void
test_significance_memo_mirror(void **state)
{
    (void)state;
    kpi_significance_memo *memo = kpi_significance_memo_new();
    assert_non_null(memo);
    static const double pairs[][4] = {{122, 1, 163, 1}, {163, 1, 122, 1}, {7, 2.5, 0, 4},
                                      {0, 4, 7, 2.5},   {40, 3, 9, 1.5},  {9, 1.5, 40, 3}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        const double *c = pairs[k];
        kpi_rate_test m, d;
        const kpi_significance_texts *text;
        kpi_significance_change_memo(c[0], c[1], c[2], c[3], KPI_UNIT_PLAIN, 0, NULL, 0.05, memo,
                                     &m, &text);
        kpi_significance_change(c[0], c[1], c[2], c[3], KPI_UNIT_PLAIN, 0, NULL, 0.05, &d);
        assert_non_null(text);
        assert_true(m.has_test && d.has_test);
        assert_true(m.p == d.p && m.rr_low == d.rr_low && m.has_high == d.has_high);
        assert_true(!d.has_high || m.rr_high == d.rr_high);
        assert_true(!d.has_ratio || m.rate_ratio == d.rate_ratio);
    }
    /* 163 against 122, met after its mirror: SciPy's binomtest(163,
     * 285).proportion_ci(method='exact') ends, 0.5122327190466712 and
     * 0.6301155471136642, as odds, and its p-value. */
    kpi_rate_test r;
    const kpi_significance_texts *text;
    kpi_significance_change_memo(163, 1, 122, 1, KPI_UNIT_PLAIN, 0, NULL, 0.05, memo, &r, &text);
    assert_double_rel(r.rr_low, 1.050158013972412, REL);
    assert_double_rel(r.rr_high, 1.7035469920313104, REL);
    assert_double_rel(r.p, 0.01766275341344438, REL);
    kpi_significance_memo_free(memo);
}

/* Numbers too long for the room an entry keeps (three of 15 digits and
 * a p-value in exponent form) are not printed there: the table prints
 * them from the test, which the memo still answers. */
static void
test_significance_memo_long_texts(void **state)
{
    (void)state;
    kpi_significance_memo *memo = kpi_significance_memo_new();
    assert_non_null(memo);
    for (int pass = 0; pass < 2; pass++) {
        kpi_rate_test m, d;
        const kpi_significance_texts *text;
        kpi_significance_change_memo(8, 1, 89, 3.02858e15, KPI_UNIT_PLAIN, 0, NULL, 0.05, memo, &m,
                                     &text);
        kpi_significance_change(8, 1, 89, 3.02858e15, KPI_UNIT_PLAIN, 0, NULL, 0.05, &d);
        assert_null(text);
        assert_true(m.has_test);
        assert_true(m.p == d.p && m.rr_low == d.rr_low && m.rr_high == d.rr_high);
        char rr[KPI_VALUE_TEXT_MAX];
        kpi_value_format_sig(m.rate_ratio, KPI_SIGNIFICANCE_DIGITS, rr, sizeof rr);
        assert_string_equal(rr, "272232000000000");
        assert_int_equal(m.significance, KPI_SIGNIFICANCE_INCREASE);
    }
    kpi_significance_memo_free(memo);
}

/* Threads sharing a memo each meet a grid of pairs in an order of their
 * own, and every answer is the test's own. */
typedef struct shared_memo {
    kpi_significance_memo *memo;
    int wrong[KPI_PARALLEL_MAX_THREADS]; /* by worker */
} shared_memo;

static kpi_status
memo_pass(void *ctx, size_t worker, size_t item, kpi_error *err)
{
    (void)err;
    shared_memo *sm = ctx;
    for (int k = 0; k < 40 * 40; k++) {
        int j = (int)((k * 7 + item * 13) % (40 * 40));
        double x = j / 40, b = j % 40, bt = 1 + (double)(item % 2);
        kpi_rate_test m, d;
        const kpi_significance_texts *text;
        kpi_significance_change_memo(x, 1, b, bt, KPI_UNIT_PLAIN, 0, NULL, 0.05, sm->memo, &m,
                                     &text);
        kpi_significance_change(x, 1, b, bt, KPI_UNIT_PLAIN, 0, NULL, 0.05, &d);
        char p[KPI_VALUE_TEXT_MAX];
        if (d.has_test)
            kpi_value_format_sig(d.p, KPI_SIGNIFICANCE_DIGITS, p, sizeof p);
        if (m.has_test != d.has_test ||
            (d.has_test &&
             (m.p != d.p || m.rr_low != d.rr_low || m.rr_high != d.rr_high ||
              m.significance != d.significance || !text || strcmp(TEXT(text, KPI_TEXT_P), p))))
            sm->wrong[worker]++;
    }
    return KPI_OK;
}

static void
test_significance_memo_shared(void **state)
{
    (void)state;
    shared_memo sm = {.memo = kpi_significance_memo_new()};
    assert_non_null(sm.memo);
    kpi_error err;
    assert_int_equal(kpi_parallel_for(2, 8, memo_pass, NULL, &sm, &err), KPI_OK);
    for (size_t w = 0; w < KPI_PARALLEL_MAX_THREADS; w++)
        assert_int_equal(sm.wrong[w], 0);
    kpi_significance_memo_free(sm.memo);
}

/* Every case of a grid against SciPy itself, when Debian's python3-scipy
 * is installed. */
static void
test_significance_against_scipy(void **state)
{
    (void)state;
    const char *cmd =
        "/usr/bin/python3 -c '\n"
        "from scipy.stats import binomtest\n"
        "for x, t, b, bt in [(0, 1, 1, 1), (2, 1, 9, 1), (17, 1, 17, 1), (40, 12, 55, 11),\n"
        "                    (1234, 1, 1302, 1), (99, 3.5, 20, 1.25), (5000, 1, 4321, 1),\n"
        "                    (123456, 1, 124001, 1), (8, 1, 0, 1), (0, 1, 30, 1),\n"
        "                    (60, 1, 30, 1), (171, 1, 200, 1), (300000, 1, 301500, 1),\n"
        "                    (100000, 2, 50500, 1), (2000000, 1, 1997000, 1),\n"
        "                    (2674, 1, 2634, 1), (3444, 1, 3463, 1)]:\n"
        "    r = binomtest(x, x + b, t / (t + bt)); c = r.proportion_ci(0.95, \"exact\")\n"
        "    s = bt / t; hi = c.high / (1 - c.high) * s if c.high < 1 else -1\n"
        "    print(\"%r %r %r %r %.17g %.17g %.17g\" % (x, t, b, bt, r.pvalue,\n"
        "          c.low / (1 - c.low) * s, hi))\n"
        "' 2>/dev/null";
    FILE *p = popen(cmd, "r");
    if (!p)
        skip();
    double x, t, b, bt, pv, lo, hi;
    int rows = 0;
    while (fscanf(p, "%lf %lf %lf %lf %lf %lf %lf", &x, &t, &b, &bt, &pv, &lo, &hi) == 7) {
        kpi_rate_test r;
        assert_int_equal(kpi_significance_poisson(x, t, b, bt, 0.95, 0.05, &r, NULL), KPI_OK);
        assert_double_rel(r.p, pv, REL);
        if (lo == 0)
            assert_double_equal(r.rr_low, 0, 0);
        else
            assert_double_rel(r.rr_low, lo, REL);
        if (hi < 0)
            assert_false(r.has_high);
        else
            assert_double_rel(r.rr_high, hi, REL);
        rows++;
    }
    int status = pclose(p);
    if (rows == 0 && status != 0)
        skip(); /* no SciPy here: the written-down values still hold */
    assert_int_equal(rows, 17);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_significance_written_down),
        cmocka_unit_test(test_significance_homicide_and_knife_crime),
        cmocka_unit_test(test_significance_from_zero),
        cmocka_unit_test(test_significance_refuses),
        cmocka_unit_test(test_significance_change_reasons),
        cmocka_unit_test(test_significance_large_counts_symmetry),
        cmocka_unit_test(test_significance_memo),
        cmocka_unit_test(test_significance_memo_mirror),
        cmocka_unit_test(test_significance_memo_long_texts),
        cmocka_unit_test(test_significance_memo_shared),
        cmocka_unit_test(test_significance_against_scipy),
    };
    return kpi_test_run(tests);
}
