/* Tests of the shared drawing modules under every chart: text measuring,
 * shaping, font fallback, fitting and wrapping; the palette's
 * better-direction colours; the frame (title, subtitle, legend, source
 * note) and the body it leaves; and panel layout (value ticks that fit
 * the height, row labels that fit). */
#include "harness.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "axes_private.h"
#include "canvas_private.h"
#include "layout_private.h"
#include "palette_private.h"
#include "text_private.h"
#include "kpi/chart.h"

#define ELLIPSIS "\xe2\x80\xa6"

typedef struct fixture {
    cairo_surface_t *surface;
    cairo_t *cr;
    kpi_canvas cv;
    kpi_theme th;
} fixture;

/* A 600 x 400 pt page at 1 device unit a point. */
static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 400);
    f->cr = cairo_create(f->surface);
    kpi_canvas_init(&f->cv, f->cr, 600, 400);
    kpi_theme_default(&f->th);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    kpi_canvas_fini(&f->cv);
    cairo_destroy(f->cr);
    cairo_surface_destroy(f->surface);
    free(f);
    return 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Widths grow with the text and scale exactly with the size (hint
 * metrics are off, so a PNG and a PDF lay out alike). */
static void
test_text_width_scales_with_size(void **state)
{
    fixture *f = *state;
    kpi_text_style a = {8.0, false, {0, 0, 0}}, b = {16.0, false, {0, 0, 0}};
    double w8 = kpi_text_width(&f->cv, &a, "14,766");
    double w16 = kpi_text_width(&f->cv, &b, "14,766");
    assert_true(w8 > 20.0 && w8 < 40.0);
    assert_double_rel(w16, 2.0 * w8, 1e-9);
    assert_true(kpi_text_width(&f->cv, &a, "14,766,000") > w8);
    kpi_text_style bold = a;
    bold.bold = true;
    assert_true(kpi_text_width(&f->cv, &bold, "Knife crime") >
                kpi_text_width(&f->cv, &a, "Knife crime"));
    assert_double_rel(kpi_text_height(&f->cv, &b), 2.0 * kpi_text_height(&f->cv, &a), 1e-9);
}

/* Fitting keeps text that fits, cuts what does not at a character with an
 * ellipsis, and gives up when not even the ellipsis fits. */
static void
test_text_fit_ellipsis(void **state)
{
    fixture *f = *state;
    const kpi_text_style *st = &f->th.label;
    char buf[128];
    assert_true(kpi_text_fit(&f->cv, st, "Camden", 200, buf, sizeof buf));
    assert_string_equal(buf, "Camden");
    const char *longer = "London Heathrow and London City Airports";
    assert_true(kpi_text_fit(&f->cv, st, longer, 80, buf, sizeof buf));
    assert_true(ends_with(buf, ELLIPSIS));
    assert_true(kpi_text_width(&f->cv, st, buf) <= 80);
    assert_int_equal(strncmp(buf, "London", 6), 0);
    /* Multi-byte characters are never split. */
    assert_true(kpi_text_fit(&f->cv, st, "\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3", 15,
                             buf, sizeof buf));
    assert_int_equal((strlen(buf) - strlen(ELLIPSIS)) % 2, 0);
    assert_false(kpi_text_fit(&f->cv, st, longer, 1, buf, sizeof buf));
    assert_string_equal(buf, "");
}

/* Wrapping breaks at spaces into lines that each fit, and cuts what is
 * left after the last line. */
static void
test_text_wrap_lines(void **state)
{
    fixture *f = *state;
    const kpi_text_style *st = &f->th.title;
    kpi_text_lines tl;
    const char *title = "Knife crime with injury, knife injury victims under 25 and "
                        "moped-enabled crime in London";
    kpi_text_wrap(&f->cv, st, title, 250, 4, &tl);
    assert_true(tl.n >= 2);
    for (size_t i = 0; i < tl.n; i++) {
        assert_true(kpi_text_width(&f->cv, st, tl.line[i]) <= 250);
        assert_true(tl.line[i][0] != ' ');
    }
    assert_false(ends_with(tl.line[tl.n - 1], ELLIPSIS));
    kpi_text_wrap(&f->cv, st, title, 250, 2, &tl);
    assert_int_equal(tl.n, 2);
    assert_true(ends_with(tl.line[1], ELLIPSIS));
    /* What is left is cut after a whole word, never inside one. */
    size_t kept = strlen(tl.line[1]) - strlen(ELLIPSIS);
    const char *at = strstr(title, tl.line[0]);
    assert_non_null(at);
    at += strlen(tl.line[0]) + 1;
    assert_memory_equal(at, tl.line[1], kept);
    assert_true(at[kept] == ' ' || at[kept - 1] == '-');
    /* One word longer than the width is cut between characters. */
    kpi_text_wrap(&f->cv, st, "Hammersmith", 40, 1, &tl);
    assert_int_equal(tl.n, 1);
    assert_true(ends_with(tl.line[0], ELLIPSIS));
    assert_true(strlen(tl.line[0]) > strlen(ELLIPSIS));
    kpi_text_wrap(&f->cv, st, "Short", 250, 2, &tl);
    assert_int_equal(tl.n, 1);
    assert_string_equal(tl.line[0], "Short");
    kpi_text_wrap(&f->cv, st, "", 250, 2, &tl);
    assert_int_equal(tl.n, 0);
}

/* Pango shapes the text: DejaVu Sans kerns "AV" tighter than its two
 * letters apart, which cairo's toy text API never did. */
static void
test_text_is_kerned(void **state)
{
    fixture *f = *state;
    kpi_text_style st = {20.0, false, {0, 0, 0}};
    double av = kpi_text_width(&f->cv, &st, "AV");
    double apart = kpi_text_width(&f->cv, &st, "A") + kpi_text_width(&f->cv, &st, "V");
    assert_true(av < apart - 0.5);
}

/* Labels in Welsh, Polish, Urdu or with an emoji are drawn from a
 * fallback font (fonts-noto-core, fonts-noto-color-emoji) where DejaVu
 * Sans has no glyph: no character is left as a box. */
static void
test_text_falls_back_to_other_fonts(void **state)
{
    fixture *f = *state;
    static const char *const labels[] = {
        "Caerdydd \xe2\x80\x93 \xc5\xb4yr \xc5\xb7", /* Ŵyr ŷ */
        "\xc5\x81\xc3\xb3"
        "d\xc5\xba \xc5\x9ar\xc3\xb3"
        "dmie\xc5\x9b"
        "cie", /* Łódź Śródmieście */
        "\xda\xa9\xd8\xb1\xd8\xa7\xda\x86\xdb\x8c \xd8\xb4\xdb\x81\xdb\x92", /* کراچی شہے */
        "Police \xf0\x9f\x91\xae team",                                      /* 👮 */
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        assert_true(kpi_text_width(&f->cv, &f->th.label, labels[i]) > 10.0);
        /* The canvas's layout still holds the text just measured. */
        assert_int_equal(pango_layout_get_unknown_glyphs_count(f->cv.text), 0);
    }
}

/* A cut never splits what a reader sees as one character: an accent
 * written as a combining mark stays with its letter, and a family emoji
 * joined by zero-width joiners stays whole. */
static void
test_text_fit_keeps_clusters_whole(void **state)
{
    fixture *f = *state;
    const kpi_text_style *st = &f->th.label;
    char buf[256];
    /* "e" + U+0301, eight times: every cluster is 3 bytes. */
    const char *accents = "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81"
                          "e\xcc\x81";
    assert_true(kpi_text_fit(&f->cv, st, accents, 22, buf, sizeof buf));
    assert_true(ends_with(buf, ELLIPSIS));
    size_t kept = strlen(buf) - strlen(ELLIPSIS);
    assert_true(kept > 0 && kept < strlen(accents));
    assert_int_equal(kept % 3, 0);
    /* Man, ZWJ, woman, ZWJ, girl: 18 bytes, one cluster; then "abc". */
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
                         "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
                         "abc";
    double one = kpi_text_width(
        &f->cv, st,
        "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" ELLIPSIS);
    assert_true(kpi_text_fit(&f->cv, st, family, one + 1.0, buf, sizeof buf));
    assert_int_equal(strlen(buf), 18 + strlen(ELLIPSIS));
    assert_memory_equal(buf, family, 18);
}

/* Bytes that are not UTF-8 are measured and cut like any text (with
 * U+FFFD in their place while measuring), and a cut never ends inside
 * the bad sequence. */
static void
test_text_survives_bad_utf8(void **state)
{
    fixture *f = *state;
    const kpi_text_style *st = &f->th.label;
    char buf[64];
    const char *bad = "Camden \xff\xfe borough of north London";
    assert_true(kpi_text_width(&f->cv, st, bad) > kpi_text_width(&f->cv, st, "Camden"));
    assert_true(kpi_text_fit(&f->cv, st, bad, 60, buf, sizeof buf));
    assert_true(ends_with(buf, ELLIPSIS));
    assert_int_equal(strncmp(buf, "Camden", 6), 0);
    assert_null(memchr(buf, 0xff, strlen(buf)));
    kpi_text_lines tl;
    kpi_text_wrap(&f->cv, st, bad, 60, 2, &tl);
    assert_int_equal(tl.n, 1);
    assert_true(kpi_text_width(&f->cv, st, tl.line[0]) <= 60);
}

/* Lines break where Unicode allows, so a hyphenated word may end a line
 * after its hyphen. */
static void
test_text_wrap_breaks_after_hyphen(void **state)
{
    fixture *f = *state;
    const kpi_text_style *st = &f->th.title;
    kpi_text_lines tl;
    double w = fmax(kpi_text_width(&f->cv, st, "Moped-"), kpi_text_width(&f->cv, st, "enabled"));
    w += 1.0;
    kpi_text_wrap(&f->cv, st, "Moped-enabled", w, 2, &tl);
    assert_int_equal(tl.n, 2);
    assert_string_equal(tl.line[0], "Moped-");
    assert_string_equal(tl.line[1], "enabled");
}

/* A fall is good when lower is better; no direction, or no change, is
 * neutral; good and bad are different colours and neither is the
 * neutral grey. */
static void
test_palette_direction(void **state)
{
    (void)state;
    assert_int_equal(kpi_palette_direction(-1, KPI_BETTER_DOWN), KPI_INK_GOOD);
    assert_int_equal(kpi_palette_direction(1, KPI_BETTER_DOWN), KPI_INK_BAD);
    assert_int_equal(kpi_palette_direction(1, KPI_BETTER_UP), KPI_INK_GOOD);
    assert_int_equal(kpi_palette_direction(-1, KPI_BETTER_UP), KPI_INK_BAD);
    assert_int_equal(kpi_palette_direction(0, KPI_BETTER_DOWN), KPI_INK_NEUTRAL);
    assert_int_equal(kpi_palette_direction(1, KPI_BETTER_NONE), KPI_INK_NEUTRAL);
    kpi_rgb good = kpi_palette_ink(KPI_INK_GOOD), bad = kpi_palette_ink(KPI_INK_BAD);
    /* Blue against vermilion: they differ most in the blue channel, which
     * red-green colour blindness leaves intact. */
    assert_true(good.b - bad.b > 0.5);
    assert_true(kpi_palette_series(0).b == good.b);
    assert_true(kpi_palette_series(8).r == kpi_palette_series(0).r);
}

static bool
overlap(kpi_rect a, kpi_rect b)
{
    return a.x + 0.01 < b.x + b.w && b.x + 0.01 < a.x + a.w && a.y + 0.01 < b.y + b.h &&
           b.y + 0.01 < a.y + a.h;
}

/* The frame stacks title, subtitle and a wrapping legend above the body
 * and the source note below it; no two of its texts overlap and the body
 * touches none of them. */
static void
test_layout_frame_body(void **state)
{
    fixture *f = *state;
    kpi_legend lg = {0};
    for (int i = 0; i < 9; i++) {
        char label[64];
        snprintf(label, sizeof label, "Borough number %d of London", i + 1);
        kpi_legend_add(&lg, KPI_SWATCH_LINE, kpi_palette_series((size_t)i), label);
    }
    kpi_frame fr = {"Knife crime in London", "Offences each month",
                    "Source: Metropolitan Police Service.", &lg, NULL};
    kpi_rect body = kpi_layout_frame(&f->cv, &f->th, &fr);
    assert_true(body.w > 500 && body.h > 100);
    size_t texts = 0;
    for (size_t i = 0; i < f->cv.n_boxes; i++) {
        kpi_rect r = f->cv.boxes[i].r;
        assert_false(overlap(r, body));
        assert_true(r.x >= 0 && r.x + r.w <= 600 && r.y >= 0 && r.y + r.h <= 400);
        for (size_t j = i + 1; j < f->cv.n_boxes; j++)
            assert_false(overlap(r, f->cv.boxes[j].r));
        texts += f->cv.boxes[i].kind == KPI_BOX_TEXT;
    }
    assert_int_equal(texts, 3 + 9);
    /* Nine long legend entries do not fit one row: the legend wrapped. */
    double first_y = -1, last_y = -1;
    for (size_t i = 0; i < f->cv.n_boxes; i++) {
        if (f->cv.boxes[i].kind != KPI_BOX_SWATCH)
            continue;
        if (first_y < 0)
            first_y = f->cv.boxes[i].r.y;
        last_y = f->cv.boxes[i].r.y;
    }
    assert_true(last_y > first_y);
    /* With nothing in it, the frame leaves the page less its margins. */
    kpi_frame empty = {NULL, NULL, NULL, NULL, NULL};
    body = kpi_layout_frame(&f->cv, &f->th, &empty);
    assert_double_equal(body.x, f->th.margin, 1e-9);
    assert_double_equal(body.w, 600 - 2 * f->th.margin, 1e-9);
}

/* Value ticks follow the plot height: a short panel gets few, a tall one
 * more, and the labels never come closer than two lines. */
static void
test_panel_ticks_follow_height(void **state)
{
    fixture *f = *state;
    size_t counts[2];
    double heights[2] = {80, 380};
    for (int k = 0; k < 2; k++) {
        kpi_panel p;
        memset(&p, 0, sizeof p);
        p.dom.kind = KPI_DOMAIN_TIME;
        p.dom.has_values = true;
        p.dom.lo = 0;
        p.dom.hi = 14852;
        p.dom.first = (kpi_period){KPI_FREQ_MONTH, 2015 * 12};
        p.dom.last = (kpi_period){KPI_FREQ_MONTH, 2019 * 12};
        p.outer = (kpi_rect){10, 10, 500, heights[k]};
        p.value_labels = p.period_labels = true;
        kpi_panel_measure(&f->cv, &f->th, &p);
        kpi_panel_place(&f->cv, &f->th, &p, p.label_w, 0);
        counts[k] = p.vt.count;
        double lh = kpi_text_height(&f->cv, &f->th.tick);
        double spacing = p.area.h / (double)(p.vt.count - 1);
        assert_true(p.vt.count == 2 || spacing >= 2.0 * lh);
        assert_true(p.area.x >= p.outer.x + p.label_w);
        assert_true(p.pa.count > 0);
    }
    assert_true(counts[0] < counts[1]);
}

/* Rows thinner than a 4 pt line are labelled every few rows. */
static void
test_panel_category_rows(void **state)
{
    fixture *f = *state;
    kpi_panel p;
    memset(&p, 0, sizeof p);
    p.band = 20;
    kpi_text_style st = kpi_panel_category_style(&f->cv, &f->th, &p);
    assert_double_equal(st.size, f->th.label.size, 1e-12);
    assert_int_equal(kpi_panel_category_step(&f->cv, &f->th, &p), 1);
    p.band = 6;
    st = kpi_panel_category_style(&f->cv, &f->th, &p);
    assert_true(st.size < f->th.label.size && st.size >= 4.0);
    assert_true(kpi_text_height(&f->cv, &st) <= 6.0);
    p.band = 1.5;
    assert_true(kpi_panel_category_step(&f->cv, &f->th, &p) >= 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_text_width_scales_with_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_fit_ellipsis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_wrap_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_is_kerned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_falls_back_to_other_fonts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_fit_keeps_clusters_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_survives_bad_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_wrap_breaks_after_hyphen, setup, teardown),
        cmocka_unit_test(test_palette_direction),
        cmocka_unit_test_setup_teardown(test_layout_frame_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_panel_ticks_follow_height, setup, teardown),
        cmocka_unit_test_setup_teardown(test_panel_category_rows, setup, teardown),
    };
    int rc = kpi_test_run(tests);
    /* Pango's, cairo's and fontconfig's process-wide caches, so that the
     * leak checker sees only kpi's own allocations. */
    kpi_chart_release_fonts();
    return rc;
}
