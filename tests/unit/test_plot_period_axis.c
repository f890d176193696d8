/* Tests of the period axis: the step chosen for 2, 12, 60 and 300 monthly
 * periods at 800 px, labels on period boundaries, label boxes that never
 * touch for any series length from 2 to 300 at many widths (measured with
 * the real font through cairo), and the annotation labels. */
#include "harness.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "kpi/period_axis.h"
#include "kpi/chart.h"

/* The plot runs from x = 60 to 780 of an 800 px image; labels may use the
 * whole width and must be 8 px apart. */
#define PLOT_X0 60.0
#define PLOT_X1 780.0
#define IMAGE_W 800.0
#define GAP 8.0

/* A monospaced stand-in, 7 px a byte, so that expected steps do not
 * depend on the font. */
static double
fixed_width(void *ud, const char *text)
{
    (void)ud;
    return 7.0 * (double)strlen(text);
}

/* The real font: DejaVu Sans at 7.5 pt and 150 dpi, as charts use it. */
static double
cairo_width(void *ud, const char *text)
{
    cairo_t *cr = ud;
    cairo_text_extents_t te;
    cairo_text_extents(cr, text, &te);
    return te.x_advance;
}

static kpi_period
month(int y, int m)
{
    return (kpi_period){KPI_FREQ_MONTH, y * 12 + m - 1};
}

static void
plan(kpi_period first, kpi_period last, double x0, double x1, double lim1, kpi_text_width_fn fn,
     void *ud, kpi_period_axis *ax)
{
    kpi_scale xs = {first.ordinal, last.ordinal, x0, x1};
    if (first.ordinal == last.ordinal)
        xs = (kpi_scale){first.ordinal - 0.5, last.ordinal + 0.5, x0, x1};
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_period_axis_plan(first, last, &xs, 0.0, lim1, GAP, fn, ud, ax, &err),
                     KPI_OK);
}

/* No two label boxes touch, every box is inside the limits, and labels
 * are in period order. */
static void
assert_no_collisions(const kpi_period_axis *ax, double lim1)
{
    for (size_t i = 0; i < ax->count; i++) {
        const kpi_period_tick *t = &ax->ticks[i];
        assert_true(t->x0 >= -1e-9 && t->x1 <= lim1 + 1e-9);
        assert_true(t->x1 > t->x0);
        if (i > 0) {
            assert_true(t->x0 >= ax->ticks[i - 1].x1 + GAP - 1e-9);
            assert_true(t->period.ordinal > ax->ticks[i - 1].period.ordinal);
        }
    }
}

/* Two months: both labelled, the first with its year. */
static void
test_period_axis_two_months(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan(month(2019, 1), month(2019, 2), PLOT_X0, PLOT_X1, IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_MONTH);
    assert_int_equal(ax.step, 1);
    assert_int_equal(ax.count, 2);
    assert_string_equal(ax.ticks[0].line1, "Jan");
    assert_string_equal(ax.ticks[0].line2, "2019");
    assert_string_equal(ax.ticks[1].line1, "Feb");
    assert_string_equal(ax.ticks[1].line2, "");
    assert_double_equal(ax.ticks[0].x, PLOT_X0, 1e-9);
    assert_no_collisions(&ax, IMAGE_W);
}

/* Twelve months: every month, the year once. */
static void
test_period_axis_twelve_months(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan(month(2024, 12), month(2025, 11), PLOT_X0, PLOT_X1, IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_MONTH);
    assert_int_equal(ax.step, 1);
    assert_int_equal(ax.count, 12);
    assert_string_equal(ax.ticks[0].line1, "Dec");
    assert_string_equal(ax.ticks[0].line2, "2024");
    assert_string_equal(ax.ticks[1].line1, "Jan");
    assert_string_equal(ax.ticks[1].line2, "2025"); /* the year changes */
    assert_string_equal(ax.ticks[2].line2, "");
    assert_no_collisions(&ax, IMAGE_W);
}

/* Sixty months at 12.2 px a month: quarterly labels (Jan, Apr, Jul, Oct). */
static void
test_period_axis_sixty_months(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan(month(2015, 1), month(2019, 12), PLOT_X0, PLOT_X1, IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_MONTH);
    assert_int_equal(ax.step, 3);
    assert_int_equal(ax.count, 20);
    for (size_t i = 0; i < ax.count; i++)
        assert_int_equal(ax.ticks[i].period.ordinal % 3, 0);
    assert_string_equal(ax.ticks[1].line1, "Apr");
    assert_string_equal(ax.ticks[4].line1, "Jan");
    assert_string_equal(ax.ticks[4].line2, "2016");
    assert_no_collisions(&ax, IMAGE_W);
}

/* 300 months: every other January, labelled by the year alone. */
static void
test_period_axis_three_hundred_months(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan(month(2000, 1), month(2024, 12), PLOT_X0, PLOT_X1, IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_YEAR);
    assert_int_equal(ax.step, 2);
    assert_int_equal(ax.count, 13);
    assert_string_equal(ax.ticks[0].line1, "2000");
    assert_string_equal(ax.ticks[12].line1, "2024");
    assert_false(ax.two_lines);
    for (size_t i = 0; i < ax.count; i++)
        assert_int_equal(ax.ticks[i].period.ordinal % 24, 0);
    assert_no_collisions(&ax, IMAGE_W);
}

/* Financial years read "2016-17"; financial quarters "Q4" over the year. */
static void
test_period_axis_financial_labels(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan((kpi_period){KPI_FREQ_FYEAR, 2016}, (kpi_period){KPI_FREQ_FYEAR, 2018}, PLOT_X0, PLOT_X1,
         IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.count, 3);
    assert_string_equal(ax.ticks[0].line1, "2016-17");
    assert_string_equal(ax.ticks[2].line1, "2018-19");
    plan((kpi_period){KPI_FREQ_FQUARTER, 2017 * 4 + 3},
         (kpi_period){KPI_FREQ_FQUARTER, 2018 * 4 + 3}, PLOT_X0, PLOT_X1, IMAGE_W, fixed_width,
         NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_FQUARTER);
    assert_int_equal(ax.count, 5);
    assert_string_equal(ax.ticks[0].line1, "Q4");
    assert_string_equal(ax.ticks[0].line2, "2017-18");
    assert_string_equal(ax.ticks[1].line1, "Q1");
    assert_string_equal(ax.ticks[1].line2, "2018-19");
    assert_string_equal(ax.ticks[4].line1, "Q4");
    assert_string_equal(ax.ticks[4].line2, "");
    /* Forty financial quarters in a narrow plot: whole financial years. */
    plan((kpi_period){KPI_FREQ_FQUARTER, 2010 * 4}, (kpi_period){KPI_FREQ_FQUARTER, 2019 * 4 + 3},
         PLOT_X0, 300, 320, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_FYEAR);
    assert_true(ax.count >= 2);
    assert_string_equal(ax.ticks[0].line1, "2010-11");
    assert_no_collisions(&ax, 320);
}

/* Quarters and days land on their boundaries too. */
static void
test_period_axis_quarters_and_days(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan((kpi_period){KPI_FREQ_QUARTER, 2019 * 4 + 1}, (kpi_period){KPI_FREQ_QUARTER, 2020 * 4 + 3},
         PLOT_X0, PLOT_X1, IMAGE_W, fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_QUARTER);
    assert_string_equal(ax.ticks[0].line1, "Q2");
    assert_string_equal(ax.ticks[0].line2, "2019");
    int32_t d0 = kpi_period_day_from_ymd(2019, 1, 1), d1 = kpi_period_day_from_ymd(2019, 12, 31);
    plan((kpi_period){KPI_FREQ_DAY, d0}, (kpi_period){KPI_FREQ_DAY, d1}, PLOT_X0, PLOT_X1, IMAGE_W,
         fixed_width, NULL, &ax);
    assert_int_equal(ax.unit, KPI_FREQ_MONTH);
    for (size_t i = 0; i < ax.count; i++) {
        int y, m, d;
        kpi_period_day_to_ymd(ax.ticks[i].period.ordinal, &y, &m, &d);
        assert_int_equal(d, 1);
    }
    assert_no_collisions(&ax, IMAGE_W);
}

/* The quality bar: for every series length from 2 to 300 and widths from
 * 120 to 1600 px, with DejaVu Sans as drawn, label boxes never touch. */
static void
test_period_axis_never_collides_with_real_font(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 7.5 * 150.0 / 72.0);
    static const double widths[] = {120, 250, 400, 800, 1600};
    size_t labelled = 0;
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        for (int n = 2; n <= 300; n++) {
            kpi_period_axis ax;
            kpi_period first = month(2001, 3 + n % 12);
            kpi_period last = {KPI_FREQ_MONTH, first.ordinal + n - 1};
            plan(first, last, widths[w] * 0.08, widths[w] * 0.97, widths[w], cairo_width, cr, &ax);
            assert_no_collisions(&ax, widths[w]);
            labelled += ax.count > 0;
        }
    }
    /* Every plan at 250 px and wider has labels. */
    assert_true(labelled >= 4 * 299);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Too narrow for anything: the plan thins labels rather than overlap. */
static void
test_period_axis_thins_when_nothing_fits(void **state)
{
    (void)state;
    kpi_period_axis ax;
    plan(month(2000, 1), month(2024, 12), 2, 38, 40, fixed_width, NULL, &ax);
    assert_true(ax.count <= 1);
    assert_no_collisions(&ax, 40);
}

/* Mixed frequencies and reversed ends are refused. */
static void
test_period_axis_refuses_bad_ranges(void **state)
{
    (void)state;
    kpi_period_axis ax;
    kpi_scale xs = {0, 1, 0, 100};
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_period_axis_plan(month(2019, 1), (kpi_period){KPI_FREQ_YEAR, 2019}, &xs, 0,
                                          100, GAP, fixed_width, NULL, &ax, &err),
                     KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "one frequency");
    assert_int_equal(kpi_period_axis_plan(month(2019, 5), month(2019, 1), &xs, 0, 100, GAP,
                                          fixed_width, NULL, &ax, &err),
                     KPI_EINVAL);
}

/* Annotation labels, as a report prints periods. */
static void
test_period_axis_label_forms(void **state)
{
    (void)state;
    char buf[KPI_PERIOD_TEXT_MAX];
    kpi_period_axis_label(month(2019, 1), buf, sizeof buf);
    assert_string_equal(buf, "Jan 2019");
    kpi_period_axis_label((kpi_period){KPI_FREQ_QUARTER, 2019 * 4}, buf, sizeof buf);
    assert_string_equal(buf, "2019 Q1");
    kpi_period_axis_label((kpi_period){KPI_FREQ_FQUARTER, 2018 * 4 + 3}, buf, sizeof buf);
    assert_string_equal(buf, "2018-19 Q4");
    kpi_period_axis_label((kpi_period){KPI_FREQ_FYEAR, 2016}, buf, sizeof buf);
    assert_string_equal(buf, "2016-17");
    kpi_period_axis_label((kpi_period){KPI_FREQ_YEAR, 2019}, buf, sizeof buf);
    assert_string_equal(buf, "2019");
    kpi_period_axis_label((kpi_period){KPI_FREQ_DAY, kpi_period_day_from_ymd(2019, 1, 3)}, buf,
                          sizeof buf);
    assert_string_equal(buf, "3 Jan 2019");
    assert_int_equal(kpi_period_axis_label(month(2019, 1), buf, 4), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_axis_two_months),
        cmocka_unit_test(test_period_axis_twelve_months),
        cmocka_unit_test(test_period_axis_sixty_months),
        cmocka_unit_test(test_period_axis_three_hundred_months),
        cmocka_unit_test(test_period_axis_financial_labels),
        cmocka_unit_test(test_period_axis_quarters_and_days),
        cmocka_unit_test(test_period_axis_never_collides_with_real_font),
        cmocka_unit_test(test_period_axis_thins_when_nothing_fits),
        cmocka_unit_test(test_period_axis_refuses_bad_ranges),
        cmocka_unit_test(test_period_axis_label_forms),
    };
    int rc = kpi_test_run(tests);
    /* Pango's, cairo's and fontconfig's process-wide caches, so that the
     * leak checker sees only kpi's own allocations. */
    kpi_chart_release_fonts();
    return rc;
}
