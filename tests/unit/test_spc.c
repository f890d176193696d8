/* Tests of XmR charts and the Making Data Count rules, on series worked
 * by hand: every mean, moving range and limit below is in the comments. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kpi/spc.h"
#include "kpi/spc_write.h"

#define N(a) (sizeof(a) / sizeof(a)[0])

static kpi_spc_point pts[64];

static void
run(const double *y, size_t n, const size_t *starts, size_t ns, const kpi_spc_options *o)
{
    kpi_error err;
    assert_true(n <= N(pts));
    assert_int_equal(kpi_spc_compute(y, n, starts, ns, o, pts, &err), KPI_OK);
}

static void
assert_rules(size_t from, size_t to, unsigned rules)
{
    for (size_t i = from; i < to; i++) {
        if (pts[i].rules != rules)
            fail_msg("point %zu: rules %u, expected %u", i, pts[i].rules, rules);
    }
}

/* Sum 145 over 12 points: mean 12.083333; moving ranges 2 1 2 1 2 1 1 1 1
 * 1 1, 14 / 11 = 1.272727; limits mean -+ 2.66 * 1.272727 = -+ 3.385455;
 * near band -+ 2.256970.  Nothing special. */
static void
test_spc_limits_common_cause(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 11, 13, 12, 14, 13, 12, 11, 12, 13, 12};
    kpi_spc_options o = kpi_spc_options_default();
    run(y, N(y), NULL, 0, &o);
    double mean = 145.0 / 12, amr = 14.0 / 11;
    for (size_t i = 0; i < N(y); i++) {
        assert_true(pts[i].has_limits);
        assert_double_rel(pts[i].mean, mean, 1e-14);
        assert_double_rel(pts[i].upl, mean + 2.66 * amr, 1e-14);
        assert_double_rel(pts[i].lpl, mean - 2.66 * amr, 1e-14);
        assert_double_rel(pts[i].near_high, mean + 2.66 * amr * 2 / 3, 1e-14);
        assert_double_rel(pts[i].near_low, mean - 2.66 * amr * 2 / 3, 1e-14);
        assert_int_equal(pts[i].variation, KPI_SPC_COMMON);
        assert_int_equal(pts[i].basis, 12);
        assert_string_equal(kpi_spc_note(&pts[i]), "");
    }
    assert_double_equal(pts[0].upl, 15.468788, 5e-7);
    assert_double_equal(pts[0].lpl, 8.697879, 5e-7);
    assert_rules(0, N(y), 0);
}

/* Baseline of 10 alternating 10 and 11: mean 10.5, mean(mR) 1, limits
 * 7.84 and 13.16.  30 is outside, alone: no run, and no second point
 * beyond the near band (12.273). */
static void
test_spc_outside_alone(void **state)
{
    (void)state;
    static const double y[] = {10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30};
    kpi_spc_options o = kpi_spc_options_default();
    o.baseline = 10;
    o.better = KPI_BETTER_DOWN;
    run(y, N(y), NULL, 0, &o);
    assert_double_rel(pts[10].mean, 10.5, 1e-15);
    assert_double_rel(pts[10].upl, 13.16, 1e-14);
    assert_double_rel(pts[10].lpl, 7.84, 1e-14);
    assert_rules(0, 10, 0);
    assert_int_equal(pts[10].rules, KPI_SPC_OUTSIDE);
    assert_int_equal(pts[10].variation, KPI_SPC_CONCERN);
    assert_int_equal(pts[10].basis, 10);
    assert_string_equal(kpi_spc_note(&pts[10]), "limits rest on fewer than 12 points");
    o.better = KPI_BETTER_UP;
    run(y, N(y), NULL, 0, &o);
    assert_int_equal(pts[10].variation, KPI_SPC_IMPROVEMENT);
    o.better = KPI_BETTER_NONE;
    run(y, N(y), NULL, 0, &o);
    assert_int_equal(pts[10].variation, KPI_SPC_NEUTRAL_HIGH);
    char buf[64];
    assert_int_equal(kpi_spc_rules_format(pts[10].rules, buf, sizeof buf), 7);
    assert_string_equal(buf, "outside");
}

/* Baseline 10 12 10 12 10 12: mean 11, mean(mR) 2, limits 5.68 and 16.32,
 * near band beyond 7.4533 and 14.5467.  Then seven points at 11.5: with
 * the 12 before them, a run of 8 above the mean, all flagged. */
static void
test_spc_shift_and_point_on_mean(void **state)
{
    (void)state;
    double y[] = {10, 12, 10, 12, 10, 12, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5};
    kpi_spc_options o = kpi_spc_options_default();
    o.baseline = 6;
    o.better = KPI_BETTER_DOWN;
    run(y, N(y), NULL, 0, &o);
    assert_rules(0, 5, 0);
    assert_rules(5, 13, KPI_SPC_SHIFT);
    assert_int_equal(pts[12].variation, KPI_SPC_CONCERN);
    assert_int_equal(pts[4].variation, KPI_SPC_COMMON);
    /* A point on the mean breaks the run: 4 above, 11, 3 above. */
    y[9] = 11;
    run(y, N(y), NULL, 0, &o);
    assert_rules(0, 13, 0);
    /* Below the mean, 7 in a row is a shift low: an improvement when
     * lower is better. */
    static const double low[] = {10, 12, 10, 12, 10, 12, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5};
    run(low, N(low), NULL, 0, &o);
    assert_rules(6, 13, KPI_SPC_SHIFT);
    assert_rules(0, 6, 0);
    assert_int_equal(pts[6].variation, KPI_SPC_IMPROVEMENT);
    /* Six in a row is not enough. */
    run(low, N(low) - 1, NULL, 0, &o);
    assert_rules(0, N(low) - 1, 0);
}

/* Baseline 0 20 0 20 0 20: mean 10, mean(mR) 20, limits -43.2 and 63.2.
 * Then 7 8 9 10 11 12 13: seven points each above the one before (a fall
 * from 20 to 7 first), across the mean, so no shift. */
static void
test_spc_trend_and_ties(void **state)
{
    (void)state;
    double y[] = {0, 20, 0, 20, 0, 20, 7, 8, 9, 10, 11, 12, 13};
    kpi_spc_options o = kpi_spc_options_default();
    o.baseline = 6;
    o.better = KPI_BETTER_UP;
    run(y, N(y), NULL, 0, &o);
    assert_rules(0, 6, 0);
    assert_rules(6, 13, KPI_SPC_TREND);
    /* Below the mean, yet rising: the trend's direction decides. */
    assert_int_equal(pts[6].variation, KPI_SPC_IMPROVEMENT);
    assert_int_equal(pts[12].variation, KPI_SPC_IMPROVEMENT);
    /* A tie breaks the trend: 7 8 9 9 10 11 12 13 has runs of 3 and 5. */
    double tied[] = {0, 20, 0, 20, 0, 20, 7, 8, 9, 9, 10, 11, 12, 13};
    run(tied, N(tied), NULL, 0, &o);
    assert_rules(0, N(tied), 0);
    /* Falling, seven points: a concern where higher is better. */
    double down[] = {0, 20, 0, 20, 0, 20, 13, 12, 11, 10, 9, 8, 7};
    run(down, N(down), NULL, 0, &o);
    assert_rules(5, 13, KPI_SPC_TREND); /* 20 13 12 ... 7 falls 7 times: 8 points */
    assert_int_equal(pts[5].variation, KPI_SPC_CONCERN);
}

/* Baseline 10 12 10 12 10 12 (near band beyond 14.5467): 15 12 15 has two
 * of three beyond it on the high side, and only the two are flagged;
 * 15 7 12 has one on each side, which is not the rule. */
static void
test_spc_two_of_three(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 10, 12, 10, 12, 15, 12, 15, 10};
    kpi_spc_options o = kpi_spc_options_default();
    o.baseline = 6;
    run(y, N(y), NULL, 0, &o);
    assert_rules(0, 6, 0);
    assert_int_equal(pts[6].rules, KPI_SPC_TWO_OF_THREE);
    assert_int_equal(pts[7].rules, 0);
    assert_int_equal(pts[8].rules, KPI_SPC_TWO_OF_THREE);
    assert_int_equal(pts[9].rules, 0);
    assert_int_equal(pts[6].variation, KPI_SPC_NEUTRAL_HIGH);
    static const double split[] = {10, 12, 10, 12, 10, 12, 15, 7, 12};
    run(split, N(split), NULL, 0, &o);
    assert_rules(0, N(split), 0);
    static const double low[] = {10, 12, 10, 12, 10, 12, 7, 7.4, 12};
    run(low, N(low), NULL, 0, &o);
    assert_int_equal(pts[6].rules, KPI_SPC_TWO_OF_THREE);
    assert_int_equal(pts[7].rules, KPI_SPC_TWO_OF_THREE);
    assert_int_equal(pts[6].variation, KPI_SPC_NEUTRAL_LOW);
}

/* Several rules on one point: 17 is outside (16.32) and part of the
 * shift of 8 above the mean of 11. */
static void
test_spc_overlapping_rules(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 10, 12, 10, 12, 13, 13.5, 13, 17, 13.5, 13, 13.5};
    kpi_spc_options o = kpi_spc_options_default();
    o.baseline = 6;
    o.better = KPI_BETTER_DOWN;
    run(y, N(y), NULL, 0, &o);
    assert_rules(0, 5, 0);
    assert_int_equal(pts[9].rules, KPI_SPC_OUTSIDE | KPI_SPC_SHIFT);
    assert_int_equal(pts[8].rules, KPI_SPC_SHIFT);
    assert_int_equal(pts[9].variation, KPI_SPC_CONCERN);
    char buf[64];
    kpi_spc_rules_format(pts[9].rules, buf, sizeof buf);
    assert_string_equal(buf, "outside;shift");
    assert_int_equal(
        kpi_spc_rules_format(KPI_SPC_OUTSIDE | KPI_SPC_TREND | KPI_SPC_TWO_OF_THREE, buf, 8), 26);
    assert_string_equal(buf, "outside");
}

/* A rebase starts new limits: 10 12 10 12 (mean 11, limits 5.68 to 16.32)
 * and 50 52 50 52 (mean 51, 45.68 to 56.32); the moving range from 12 to
 * 50 belongs to neither. */
static void
test_spc_rebase(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 10, 12, 50, 52, 50, 52};
    static const size_t starts[] = {4};
    kpi_spc_options o = kpi_spc_options_default();
    run(y, N(y), starts, 1, &o);
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(pts[i].segment, i < 4 ? 0 : 1);
        assert_double_rel(pts[i].mean, i < 4 ? 11 : 51, 1e-15);
        assert_double_rel(pts[i].upl, i < 4 ? 16.32 : 56.32, 1e-14);
        assert_int_equal(pts[i].basis, 4);
        assert_int_equal(pts[i].rules, 0);
    }
    static const size_t bad[] = {4, 4};
    kpi_error err;
    assert_int_equal(kpi_spc_compute(y, 8, bad, 2, &o, pts, &err), KPI_EINVAL);
    static const size_t zero[] = {0};
    assert_int_equal(kpi_spc_compute(y, 8, zero, 1, &o, pts, &err), KPI_EINVAL);
    /* A segment of one point has no limits. */
    static const size_t last[] = {7};
    run(y, 8, last, 1, &o);
    assert_false(pts[7].has_limits);
    assert_int_equal(pts[7].variation, KPI_SPC_NO_LIMITS);
}

/* 10 12 10 12 10 12 10 40 10 12 10 12: moving ranges nine 2s and two 30s,
 * 78 / 11 = 7.0909; screening drops ranges above 3.267 * 7.0909 = 23.17,
 * leaving a mean range of 2.  Mean 160 / 12. */
static void
test_spc_screening(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 10, 12, 10, 12, 10, 40, 10, 12, 10, 12};
    kpi_spc_options o = kpi_spc_options_default();
    run(y, N(y), NULL, 0, &o);
    double mean = 160.0 / 12;
    assert_double_rel(pts[0].upl, mean + 2.66 * 78.0 / 11, 1e-14);
    o.screen = true;
    run(y, N(y), NULL, 0, &o);
    assert_double_rel(pts[0].upl, mean + 2.66 * 2, 1e-14);
    assert_double_rel(pts[0].lpl, mean - 2.66 * 2, 1e-14);
    assert_int_equal(pts[7].rules & KPI_SPC_OUTSIDE, KPI_SPC_OUTSIDE);
}

/* n = 0, 1, 2, 11 and 12: no limits below 2, a caution below 12. */
static void
test_spc_short_series(void **state)
{
    (void)state;
    kpi_spc_options o = kpi_spc_options_default();
    static const double y[] = {3, 5, 3, 5, 3, 5, 3, 5, 3, 5, 3, 5};
    kpi_error err;
    assert_int_equal(kpi_spc_compute(y, 0, NULL, 0, &o, pts, &err), KPI_OK);
    run(y, 1, NULL, 0, &o);
    assert_false(pts[0].has_limits);
    assert_int_equal(pts[0].variation, KPI_SPC_NO_LIMITS);
    assert_string_equal(kpi_spc_variation_name(pts[0].variation), "");
    assert_string_equal(kpi_spc_note(&pts[0]), "no limits: fewer than 2 points");
    run(y, 2, NULL, 0, &o);
    assert_double_rel(pts[1].mean, 4, 1e-15);
    assert_double_rel(pts[1].upl, 9.32, 1e-14);
    assert_double_rel(pts[1].lpl, -1.32, 1e-14);
    assert_string_equal(kpi_spc_note(&pts[1]), "limits rest on fewer than 12 points");
    run(y, 11, NULL, 0, &o);
    assert_int_equal(pts[10].basis, 11);
    assert_string_equal(kpi_spc_note(&pts[10]), "limits rest on fewer than 12 points");
    run(y, 12, NULL, 0, &o);
    assert_string_equal(kpi_spc_note(&pts[11]), "");
    assert_string_equal(kpi_spc_variation_name(pts[11].variation), "common");
    static const double bad[] = {1, NAN};
    assert_int_equal(kpi_spc_compute(bad, 2, NULL, 0, &o, pts, &err), KPI_EDOMAIN);
    assert_error(&err, KPI_EDOMAIN, 0, 0, "y[1] is not a finite number");
}

/* Partial points (a month of a quarter, a roll-up short of a child) are
 * shown against the limits but are no part of them and are not judged: the
 * first test's 12 values with a partial 2 inserted after the sixth and a
 * partial 3 at the end keep its limits exactly (mean 145 / 12, mR 14 /
 * 11: the moving range runs from 14 to 13 across the partial point), and
 * the partial 3, far below the lower limit, is not "outside".  After a
 * rebase, a partial point takes the new segment's limits. */
static void
test_spc_partial_not_judged(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 11, 13, 12, 14, 2, 13, 12, 11, 12, 13, 12, 3};
    static const bool partial[N(y)] = {[6] = true, [13] = true};
    kpi_period periods[N(y)];
    for (size_t i = 0; i < N(y); i++)
        periods[i] = (kpi_period){KPI_FREQ_MONTH, 2024 * 12 + (int32_t)i};
    kpi_spc_options o = kpi_spc_options_default();
    o.better = KPI_BETTER_DOWN;
    kpi_error err;
    assert_int_equal(kpi_spc_periods(periods, y, partial, N(y), &o, pts, &err), KPI_OK);
    double mean = 145.0 / 12, amr = 14.0 / 11;
    for (size_t i = 0; i < N(y); i++) {
        assert_true(pts[i].has_limits);
        assert_int_equal(pts[i].basis, 12);
        assert_double_rel(pts[i].mean, mean, 1e-14);
        assert_double_rel(pts[i].lpl, mean - 2.66 * amr, 1e-14);
        assert_int_equal(pts[i].period.ordinal, periods[i].ordinal);
        assert_int_equal(pts[i].partial, partial[i]);
        assert_int_equal(pts[i].rules, 0);
        assert_int_equal(pts[i].variation, partial[i] ? KPI_SPC_NO_LIMITS : KPI_SPC_COMMON);
    }
    assert_double_rel(pts[13].value, 3, 1e-15);
    assert_string_equal(kpi_spc_note(&pts[13]),
                        "partial period: built from incomplete data, not judged");
    /* Taken as complete, the two short figures would drag the mean to
     * 150 / 14 and widen the limits (mR 45 / 13). */
    assert_int_equal(kpi_spc_periods(periods, y, NULL, N(y), &o, pts, &err), KPI_OK);
    assert_double_rel(pts[13].mean, 150.0 / 14, 1e-14);
    assert_double_rel(pts[13].lpl, 150.0 / 14 - 2.66 * 45 / 13, 1e-14);
    /* A rebase at the partial point's period: it belongs to the new
     * segment, whose limits rest on the 6 complete points from 2024-08. */
    kpi_period rebase = periods[6];
    o.rebase = &rebase;
    o.n_rebase = 1;
    assert_int_equal(kpi_spc_periods(periods, y, partial, N(y), &o, pts, &err), KPI_OK);
    assert_int_equal(pts[5].segment, 0);
    assert_int_equal(pts[6].segment, 1);
    assert_int_equal(pts[6].basis, 6);
    assert_double_rel(pts[6].mean, pts[7].mean, 1e-15);
    assert_double_rel(pts[7].mean, (13.0 + 12 + 11 + 12 + 13 + 12) / 6, 1e-14);
}

/* Limits 8.697879 to 15.468788 (the first test's series). */
static void
test_spc_assurance(void **state)
{
    (void)state;
    static const double y[] = {10, 12, 11, 13, 12, 14, 13, 12, 11, 12, 13, 12};
    kpi_spc_options o = kpi_spc_options_default();
    run(y, N(y), NULL, 0, &o);
    const kpi_spc_point *p = &pts[11];
    assert_int_equal(kpi_spc_assure(p, 16, KPI_BETTER_DOWN), KPI_SPC_PASS);
    assert_int_equal(kpi_spc_assure(p, 8, KPI_BETTER_DOWN), KPI_SPC_FAIL);
    assert_int_equal(kpi_spc_assure(p, 12, KPI_BETTER_DOWN), KPI_SPC_HIT_AND_MISS);
    assert_int_equal(kpi_spc_assure(p, 8, KPI_BETTER_UP), KPI_SPC_PASS);
    assert_int_equal(kpi_spc_assure(p, 16, KPI_BETTER_UP), KPI_SPC_FAIL);
    assert_int_equal(kpi_spc_assure(p, 15, KPI_BETTER_UP), KPI_SPC_HIT_AND_MISS);
    assert_int_equal(kpi_spc_assure(p, 16, KPI_BETTER_NONE), KPI_SPC_ASSURANCE_NONE);
    assert_string_equal(kpi_spc_assurance_name(KPI_SPC_HIT_AND_MISS), "hit_and_miss");
    run(y, 1, NULL, 0, &o);
    assert_int_equal(kpi_spc_assure(&pts[0], 16, KPI_BETTER_DOWN), KPI_SPC_ASSURANCE_NONE);
}

/* The series layer: missing and absent periods are not points, a rebase
 * at an absent period starts at the next point, `to` cuts the chart. */
static void
test_spc_series(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "x,A,2020-01,10\nx,A,2020-02,12\nx,A,2020-03,NA\n"
                                 "x,A,2020-04,10\nx,A,2020-05,12\nx,A,2020-07,50\n"
                                 "x,A,2020-08,52\nx,A,2020-09,50\n",
                                 NULL);
    const kpi_series *se = kpi_store_at(s, 0);
    kpi_period rebase[2];
    kpi_error err;
    assert_int_equal(kpi_period_parse("2020-06", 7, KPI_FREQ_NONE, &rebase[0], NULL, &err), KPI_OK);
    assert_int_equal(kpi_period_parse("2019", 4, KPI_FREQ_NONE, &rebase[1], NULL, &err), KPI_OK);
    kpi_spc_options o = kpi_spc_options_default();
    o.rebase = rebase;
    o.n_rebase = 2;
    kpi_spc c;
    assert_int_equal(kpi_spc_series(se, &o, NULL, &c, &err), KPI_OK);
    assert_int_equal(c.n, 7);
    char text[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(c.points[2].period, text, sizeof text);
    assert_string_equal(text, "2020-04");
    kpi_period_format(c.points[4].period, text, sizeof text);
    assert_string_equal(text, "2020-07");
    assert_int_equal(c.points[3].segment, 0);
    assert_int_equal(c.points[4].segment, 1);
    assert_double_rel(c.points[0].mean, 11, 1e-15);
    assert_double_rel(c.points[6].mean, 152.0 / 3, 1e-15);
    kpi_spc_free(&c);
    kpi_period to;
    assert_int_equal(kpi_period_parse("2020-04", 7, KPI_FREQ_NONE, &to, NULL, &err), KPI_OK);
    assert_int_equal(kpi_spc_series(se, &o, &to, &c, &err), KPI_OK);
    assert_int_equal(c.n, 3);
    kpi_spc_free(&c);
    kpi_spc_free(NULL);
    kpi_store_free(s);
}

static char *
capture(const kpi_store *s, const kpi_spc_write_options *o, kpi_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(kpi_spc_write(s, o, out, f, &err), KPI_OK);
    fclose(out);
    return buf;
}

/* 3 then 5: mean 4, mean(mR) 2, limits -1.32 and 9.32, at 2 decimals
 * more than the values; a target of 10 where lower is better is above
 * the upper limit: pass. */
static void
test_spc_write(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "x,A,2020-01,3\nx,A,2020-02,5\ny,B,2020-01,7\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,better,target,target_op\nx,down,10,<=\n");
    kpi_spc_write_options o = {.spc = kpi_spc_options_default(), .meta = m};
    char *out = capture(s, &o, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,period,value,mean,lpl,upl,rules,variation,note\n"
                             "x,A,2020-01,3,4.00,-1.32,9.32,,common,"
                             "limits rest on fewer than 12 points\n"
                             "x,A,2020-02,5,4.00,-1.32,9.32,,common,"
                             "limits rest on fewer than 12 points\n"
                             "y,B,2020-01,7,,,,,,no limits: fewer than 2 points\n");
    free(out);
    o.latest = true;
    out = capture(s, &o, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,period,value,mean,lpl,upl,rules,variation,assurance,"
                             "points,note\n"
                             "x,A,2020-02,5,4.00,-1.32,9.32,,common,pass,2,"
                             "limits rest on fewer than 12 points\n"
                             "y,B,2020-01,7,,,,,,,1,no limits: fewer than 2 points\n");
    free(out);
    kpi_meta_free(m);
    kpi_store_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spc_limits_common_cause),
        cmocka_unit_test(test_spc_outside_alone),
        cmocka_unit_test(test_spc_shift_and_point_on_mean),
        cmocka_unit_test(test_spc_trend_and_ties),
        cmocka_unit_test(test_spc_two_of_three),
        cmocka_unit_test(test_spc_overlapping_rules),
        cmocka_unit_test(test_spc_rebase),
        cmocka_unit_test(test_spc_screening),
        cmocka_unit_test(test_spc_short_series),
        cmocka_unit_test(test_spc_assurance),
        cmocka_unit_test(test_spc_partial_not_judged),
        cmocka_unit_test(test_spc_series),
        cmocka_unit_test(test_spc_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
