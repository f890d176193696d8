/* Tests of the shared numeric scale: Heckbert's nice numbers, nice tick
 * ranges for counts, percentages, negative, flat and huge ranges, exact
 * tick values and tick labels with thousands separators. */
#include "harness.h"

#include <math.h>
#include <string.h>

#include "kpi/scale.h"

static kpi_ticks
ticks_ok(double lo, double hi, size_t max, unsigned flags)
{
    kpi_ticks t;
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_scale_ticks(lo, hi, max, flags, &t, &err), KPI_OK);
    return t;
}

static void
check_ticks(double lo, double hi, size_t max, unsigned flags, double want_lo, double want_hi,
            double want_step, size_t want_count)
{
    kpi_ticks t = ticks_ok(lo, hi, max, flags);
    if (t.lo != want_lo || t.hi != want_hi || t.step != want_step || t.count != want_count)
        fprintf(stderr, "%g..%g max %zu: got %g..%g step %g count %zu\n", lo, hi, max, t.lo, t.hi,
                t.step, t.count);
    assert_true(t.lo == want_lo);
    assert_true(t.hi == want_hi);
    assert_true(t.step == want_step);
    assert_int_equal(t.count, want_count);
}

static void
check_label(double v, int decimals, unsigned flags, const char *want)
{
    char buf[64];
    size_t n = kpi_scale_label(v, decimals, flags, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

/* Heckbert's nice number: ceiling mode never rounds down, rounding mode
 * uses the 1.5 / 3 / 7 thresholds. */
static void
test_scale_nice_num_heckbert_thresholds(void **state)
{
    (void)state;
    assert_true(kpi_scale_nice_num(14852, false) == 20000);
    assert_true(kpi_scale_nice_num(4000, true) == 5000);
    assert_true(kpi_scale_nice_num(2999, true) == 2000);
    assert_true(kpi_scale_nice_num(1.49, true) == 1);
    assert_true(kpi_scale_nice_num(7, true) == 10);
    assert_true(kpi_scale_nice_num(1000, false) == 1000);
    assert_true(kpi_scale_nice_num(0.013, false) == 0.02);
    assert_true(kpi_scale_nice_num(5.0000001, false) == 10);
    assert_true(kpi_scale_nice_num(0, true) == 0);
    assert_true(kpi_scale_nice_num(-3, true) == 0);
    assert_true(kpi_scale_nice_num(NAN, false) == 0);
}

/* Knife crime, 14,852 offences: steps of 5,000 when six ticks may show,
 * of 2,000 when ten may. */
static void
test_scale_ticks_knife_crime_counts(void **state)
{
    (void)state;
    check_ticks(0, 14852, 6, 0, 0, 15000, 5000, 4);
    check_ticks(0, 14852, 10, 0, 0, 16000, 2000, 9);
    check_ticks(14766, 14852, 6, 0, 14760, 14860, 20, 6);
}

/* 1 to 10^7 gets steps of two million, never exponent labels. */
static void
test_scale_ticks_huge_range(void **state)
{
    (void)state;
    check_ticks(1, 1e7, 6, 0, 0, 1e7, 2e6, 6);
    check_ticks(1, 1e7, 2, 0, 0, 1e7, 1e7, 2);
    check_ticks(-156.31, 431.69, 2, 0, -500, 500, 500, 3);
    check_label(1e7, 0, 0, "10,000,000");
}

/* Negative ranges straddle zero on a tick; all-negative ranges stay
 * negative unless zero is asked for. */
static void
test_scale_ticks_negative(void **state)
{
    (void)state;
    check_ticks(-25.2, 12.4, 6, KPI_SCALE_ZERO, -30, 20, 10, 6);
    /* Zero strictly inside needs three ticks even when two are asked for. */
    check_ticks(-1, 4, 2, 0, -5, 5, 5, 3);
    check_ticks(-120, -80, 5, 0, -120, -80, 10, 5);
    check_ticks(-120, -80, 6, KPI_SCALE_ZERO, -150, 0, 50, 4);
}

/* A flat series sits mid-axis; zero gets 0..1; counts never get 0.2 steps. */
static void
test_scale_ticks_flat(void **state)
{
    (void)state;
    check_ticks(100, 100, 6, 0, 90, 110, 5, 5);
    check_ticks(0, 0, 6, 0, 0, 1, 0.2, 6);
    check_ticks(0, 0, 6, KPI_SCALE_INTEGER, 0, 1, 1, 2);
    check_ticks(-7, -7, 6, 0, -8, -6, 0.5, 5);
}

/* Bars include zero: 80..120 becomes 0..150. */
static void
test_scale_ticks_zero_for_bars(void **state)
{
    (void)state;
    check_ticks(80, 120, 6, KPI_SCALE_ZERO, 0, 150, 50, 4);
    check_ticks(80, 120, 6, 0, 80, 120, 10, 5);
}

/* Fractional steps: ticks are exact decimals and say how many decimals
 * label them. */
static void
test_scale_ticks_fractional_exact(void **state)
{
    (void)state;
    kpi_ticks t = ticks_ok(0.1, 0.3, 5, 0);
    assert_true(t.step == 0.05);
    assert_int_equal(t.count, 5);
    assert_int_equal(t.decimals, 2);
    assert_true(kpi_scale_tick(&t, 0) == 0.1);
    assert_true(kpi_scale_tick(&t, 1) == 0.15);
    assert_true(kpi_scale_tick(&t, 4) == 0.3);
    t = ticks_ok(0, 0.7, 8, 0);
    assert_true(kpi_scale_tick(&t, 3) == 0.3); /* not 0.30000000000000004 */
}

/* For many ranges, the ticks enclose the data, never exceed the limit,
 * and step by 1, 2 or 5 times a power of ten. */
static void
test_scale_ticks_invariants_sweep(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int k = 0; k < 5000; k++) {
        seed = seed * 1103515245u + 12345u;
        double a = ((seed >> 8) % 200001) / 100.0 - 1000.0;
        seed = seed * 1103515245u + 12345u;
        double mag = pow(10.0, (double)((seed >> 8) % 10) - 3.0);
        seed = seed * 1103515245u + 12345u;
        double b = a + ((seed >> 8) % 1000) / 100.0 * mag;
        size_t max = 2 + (size_t)(k % 9);
        kpi_ticks t = ticks_ok(a, b, max, (k & 1) ? KPI_SCALE_ZERO : 0);
        bool straddles = fmin(a, (k & 1) ? 0 : a) < 0 && fmax(b, (k & 1) ? 0 : b) > 0;
        assert_true(t.count >= 2 && t.count <= (straddles && max < 3 ? 3 : max));
        assert_true(t.lo <= a + 1e-9 * fabs(a) && t.hi >= b - 1e-9 * fabs(b));
        if (k & 1)
            assert_true(t.lo <= 0 && t.hi >= 0);
        double e = floor(log10(t.step) + 1e-9);
        double m = t.step / pow(10.0, e);
        assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
        assert_true(fabs(kpi_scale_tick(&t, t.count - 1) - t.hi) <= 1e-9 * fmax(1, fabs(t.hi)));
    }
}

/* Non-finite ranges and impossible tick limits are refused. */
static void
test_scale_ticks_refuses_bad_arguments(void **state)
{
    (void)state;
    kpi_ticks t;
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_scale_ticks(NAN, 1, 6, 0, &t, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "finite");
    assert_int_equal(kpi_scale_ticks(0, INFINITY, 6, 0, &t, NULL), KPI_EINVAL);
    assert_int_equal(kpi_scale_ticks(0, 1, 1, 0, &t, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "ticks");
    /* Reversed ends are just a range. */
    assert_int_equal(kpi_scale_ticks(10, 0, 6, 0, &t, NULL), KPI_OK);
    assert_true(t.lo == 0 && t.hi == 10);
}

/* The edges of what kpi reads (value.h): 15 nines and one unit in the
 * 15th decimal get exact ticks and labels of their own. */
static void
test_scale_ticks_range_edges(void **state)
{
    (void)state;
    check_ticks(0, 999999999999999, 6, 0, 0, 1e15, 2e14, 6);
    check_ticks(-999999999999999, 999999999999999, 6, 0, -1e15, 1e15, 5e14, 5);
    kpi_ticks t = ticks_ok(999999999999999, 999999999999999, 6, 0);
    check_label(kpi_scale_tick(&t, 0), t.decimals, 0, "900,000,000,000,000");
    t = ticks_ok(0, 1e-15, 6, 0);
    assert_int_equal(t.decimals, 15);
    assert_true(kpi_scale_tick(&t, t.count - 1) == 1e-15);
    char buf[64];
    kpi_scale_label(kpi_scale_tick(&t, t.count - 1), t.decimals, 0, buf, sizeof buf);
    assert_string_equal(buf, "0.000000000000001");
    t = ticks_ok(1e-15, 1e-15, 6, 0);
    assert_true(t.lo < 1e-15 && t.hi > 1e-15);
}

/* Beyond 1e15, which only a computation reaches: a span of 2e19 once
 * overflowed a long long tick (UBSan), and the labels take the exponent
 * form rather than digits a double does not hold. */
static void
test_scale_ticks_beyond_range(void **state)
{
    (void)state;
    kpi_ticks t = ticks_ok(-1e19, 1e19, 6, 0);
    assert_true(t.lo == -1e19 && t.hi == 1e19 && t.step == 5e18);
    assert_true(kpi_scale_tick(&t, 1) == -5e18);
    assert_true(kpi_scale_tick(&t, 4) == 1e19);
    check_label(kpi_scale_tick(&t, 4), t.decimals, 0, "1e19");
    t = ticks_ok(0, 1e299, 6, 0);
    assert_true(t.hi == 1e299);
}

/* The hang: 1.7e308, flat, widened to infinity and searched for a
 * step forever.  Such magnitudes are refused in no time. */
static void
test_scale_ticks_refuses_near_dbl_max(void **state)
{
    (void)state;
    kpi_ticks t;
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_scale_ticks(1.7e308, 1.7e308, 6, 0, &t, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "expected axis values below 1e+300 in magnitude");
    assert_int_equal(kpi_scale_ticks(-1.7976931348623157e308, 1, 6, 0, &t, NULL), KPI_EINVAL);
    assert_int_equal(kpi_scale_ticks(0, 1e301, 6, KPI_SCALE_ZERO, &t, NULL), KPI_EINVAL);
}

/* Labels: thousands separators, signs only where the printed value has
 * one, percent suffix. */
static void
test_scale_label_forms(void **state)
{
    (void)state;
    check_label(14766, 0, 0, "14,766");
    check_label(-14766, 0, 0, "-14,766");
    check_label(999, 0, 0, "999");
    check_label(0.6, 1, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, "+0.6%");
    check_label(-25.2, 1, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, "-25.2%");
    check_label(-0.04, 1, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, "0.0%");
    check_label(0.04, 1, KPI_LABEL_SIGN, "0.0");
    check_label(0, 0, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, "0%");
    check_label(1234567.891, 2, 0, "1,234,567.89");
    check_label(0.15, 2, 0, "0.15");
    char small[4];
    assert_int_equal(kpi_scale_label(14766, 0, 0, small, sizeof small), 6);
}

/* The linear map, including a y axis that grows upwards and a degenerate
 * domain. */
static void
test_scale_map(void **state)
{
    (void)state;
    kpi_scale s = {0, 10, 100, 200};
    assert_double_equal(kpi_scale_map(&s, 5), 150, 1e-12);
    kpi_scale y = {0, 100, 300, 100};
    assert_double_equal(kpi_scale_map(&y, 25), 250, 1e-12);
    kpi_scale flat = {3, 3, 0, 10};
    assert_double_equal(kpi_scale_map(&flat, 3), 5, 1e-12);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_nice_num_heckbert_thresholds),
        cmocka_unit_test(test_scale_ticks_knife_crime_counts),
        cmocka_unit_test(test_scale_ticks_huge_range),
        cmocka_unit_test(test_scale_ticks_negative),
        cmocka_unit_test(test_scale_ticks_flat),
        cmocka_unit_test(test_scale_ticks_zero_for_bars),
        cmocka_unit_test(test_scale_ticks_fractional_exact),
        cmocka_unit_test(test_scale_ticks_invariants_sweep),
        cmocka_unit_test(test_scale_ticks_refuses_bad_arguments),
        cmocka_unit_test(test_scale_ticks_range_edges),
        cmocka_unit_test(test_scale_ticks_beyond_range),
        cmocka_unit_test(test_scale_ticks_refuses_near_dbl_max),
        cmocka_unit_test(test_scale_label_forms),
        cmocka_unit_test(test_scale_map),
    };
    return kpi_test_run(tests);
}
