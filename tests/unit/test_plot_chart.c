/* Tests of charts end to end: output size and format, byte-identical PNG
 * output, text that never overlaps text, marks that stay inside their plot
 * areas, gaps for missing values, colours that follow the better
 * direction, edge data (negative, flat, single point, huge range), the
 * sticky status and all-or-nothing file output. */
#include "harness.h"

#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_private.h"
#include "kpi/chart.h"
#include "kpi/chart_build.h"
#include "kpi/reader.h"

/* ---- helpers -------------------------------------------------------------- */

static char tmpdir[64];

static int
group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/kpi-plot-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static const char *
out_path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

static unsigned char *
slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    buf[len] = 0;
    *n = (size_t)len;
    return buf;
}

/* Whether needle occurs in p[0..n), which may hold NUL bytes (PDF streams). */
static bool
contains(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0)
            return true;
    return false;
}

/* FNV-1a, 64 bits: enough to pin a file's bytes in a test. */
static uint64_t
fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void
png_size(const char *path, unsigned *w, unsigned *h)
{
    size_t n;
    unsigned char *b = slurp(path, &n);
    assert_true(n > 24);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b + 12, "IHDR", 4);
    *w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
    *h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
    free(b);
}

/* A monthly series of n points from January 2015, values from f(i). */
typedef struct series_buf {
    kpi_period p[400];
    double v[400];
    double t[400], lo[400], hi[400];
} series_buf;

static kpi_chart_series
monthly(series_buf *b, size_t n, double base, double slope, double wiggle)
{
    assert_true(n <= 400);
    for (size_t i = 0; i < n; i++) {
        b->p[i] = (kpi_period){KPI_FREQ_MONTH, 2015 * 12 + (int32_t)i};
        b->v[i] = round(base + slope * (double)i + wiggle * sin((double)i * 0.9));
        b->t[i] = base + slope * (double)i;
        b->lo[i] = b->t[i] - wiggle * 0.6;
        b->hi[i] = b->t[i] + wiggle * 0.6;
    }
    return (kpi_chart_series){.name = "London", .periods = b->p, .values = b->v, .n = n};
}

static kpi_chart *
new_chart(kpi_chart_type type, double w, double h)
{
    kpi_chart_options o = kpi_chart_options_default();
    o.title = "Knife crime (offences involving a knife or sharp instrument)";
    o.subtitle = "Offences recorded each month, London";
    o.source = "Source: Metropolitan Police Service business plan updates; London Datastore.";
    o.y_label = "offences";
    o.width = w;
    o.height = h;
    o.better = KPI_BETTER_DOWN;
    kpi_error err;
    kpi_chart *c = kpi_chart_new(type, &o, &err);
    assert_non_null(c);
    return c;
}

static void
write_ok(kpi_chart *c, const char *name)
{
    kpi_error err;
    kpi_error_clear(&err);
    kpi_status st = kpi_chart_write(c, out_path(name), &err);
    if (st != KPI_OK)
        fprintf(stderr, "%s: %s\n", name, err.message);
    assert_int_equal(st, KPI_OK);
}

static bool
boxes_overlap(kpi_rect a, kpi_rect b)
{
    /* Touching edges are allowed; a hundredth of a pixel is rounding. */
    double e = 0.01;
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

/* No two text boxes of the last render overlap, and every text box is on
 * the page. */
static void
assert_text_apart(const kpi_chart *c, double page_w, double page_h)
{
    size_t n;
    const kpi_box *b = kpi_chart_boxes(c, &n);
    size_t texts = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i].kind != KPI_BOX_TEXT)
            continue;
        texts++;
        assert_true(b[i].r.x >= -0.5 && b[i].r.y >= -0.5);
        assert_true(b[i].r.x + b[i].r.w <= page_w + 0.5 && b[i].r.y + b[i].r.h <= page_h + 0.5);
        for (size_t j = i + 1; j < n; j++) {
            if (b[j].kind != KPI_BOX_TEXT)
                continue;
            if (boxes_overlap(b[i].r, b[j].r))
                fprintf(stderr,
                        "text %zu (%.1f,%.1f %.1fx%.1f) overlaps %zu (%.1f,%.1f %.1fx%.1f)\n", i,
                        b[i].r.x, b[i].r.y, b[i].r.w, b[i].r.h, j, b[j].r.x, b[j].r.y, b[j].r.w,
                        b[j].r.h);
            assert_false(boxes_overlap(b[i].r, b[j].r));
        }
    }
    assert_true(texts > 0);
}

static bool
inside(kpi_rect r, double x, double y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* Every pixel that is not white lies in a plot area (with its bleed), a
 * text box or a legend swatch: nothing is drawn anywhere else. */
static void
assert_ink_accounted(const kpi_chart *c, const char *png)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    size_t n;
    const kpi_box *b = kpi_chart_boxes(c, &n);
    double bleed = KPI_CANVAS_BLEED * c->device_scale + 1.0;
    size_t inked = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            if ((row[x] & 0xffffff) == 0xffffff)
                continue;
            inked++;
            bool ok = false;
            for (size_t i = 0; i < n && !ok; i++) {
                double pad = b[i].kind == KPI_BOX_PLOT ? bleed : 1.5;
                ok = inside(kpi_rect_inflate(b[i].r, pad), x + 0.5, y + 0.5);
            }
            if (!ok)
                fprintf(stderr, "%s: stray ink at (%d,%d)\n", png, x, y);
            assert_true(ok);
        }
    }
    assert_true(inked > 100);
    cairo_surface_destroy(img);
}

/* ---- tests ---------------------------------------------------------------- */

/* A PNG has the pixel size asked for, or 160 x 100 mm at 150 dpi. */
static void
test_chart_png_size_in_pixels(void **state)
{
    (void)state;
    series_buf b;
    kpi_chart_series s = monthly(&b, 24, 1200, 4, 60);
    kpi_chart *c = new_chart(KPI_CHART_LINE, 800, 500);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "size.png");
    unsigned w, h;
    png_size(out_path("size.png"), &w, &h);
    assert_int_equal(w, 800);
    assert_int_equal(h, 500);
    kpi_chart_free(c);

    c = new_chart(KPI_CHART_LINE, 0, 0);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "default.png");
    png_size(out_path("default.png"), &w, &h);
    assert_int_equal(w, 945); /* 160 mm at 150 dpi */
    assert_int_equal(h, 591);
    kpi_chart_free(c);

    kpi_chart_options o = kpi_chart_options_default();
    o.dpi = 300;
    c = kpi_chart_new(KPI_CHART_LINE, &o, NULL);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "dpi300.png");
    png_size(out_path("dpi300.png"), &w, &h);
    assert_int_equal(w, 1890);
    assert_int_equal(h, 1181);
    /* Points scale with the dpi: the layout is the 150 dpi one, doubled. */
    assert_double_equal(c->device_scale, 300.0 / 72.0, 1e-12);
    kpi_chart_free(c);
}

/* The same input gives the same PNG bytes, and those bytes are pinned.
 * The hash was recorded on Debian 12 (cairo 1.16.0, Pango 1.50.12,
 * HarfBuzz 6.0.0, fonts-dejavu-core 2.37, libpng 1.6.39, zlib 1.2.13)
 * when text moved to Pango, after looking at the image next to the one
 * cairo's toy text API drew; another version of any of these may change
 * it, and then the image must be looked at again. */
static void
test_chart_png_is_byte_identical(void **state)
{
    (void)state;
    series_buf b;
    kpi_chart_series s = monthly(&b, 36, 14766, 3, 250);
    s.trend = b.t;
    s.trend_lo = b.lo;
    s.trend_hi = b.hi;
    b.v[20] = NAN;
    kpi_chart *c = new_chart(KPI_CHART_LINE, 800, 500);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    assert_int_equal(kpi_chart_set_target(c, 14500, "Target \xe2\x89\xa4 14,500"), KPI_OK);
    write_ok(c, "golden-a.png");
    write_ok(c, "golden-b.png");
    /* KPI_TEST_KEEP=file.png keeps a copy to look at. */
    if (getenv("KPI_TEST_KEEP"))
        kpi_chart_write(c, getenv("KPI_TEST_KEEP"), NULL);
    size_t na, nb;
    unsigned char *a = slurp(out_path("golden-a.png"), &na);
    unsigned char *bb = slurp(out_path("golden-b.png"), &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, bb, na);
    uint64_t h = fnv1a(a, na);
    if (h != UINT64_C(0xc2e41fc8baebb44f))
        fprintf(stderr, "golden PNG hash is 0x%016llx\n", (unsigned long long)h);
    assert_true(h == UINT64_C(0xc2e41fc8baebb44f));
    free(a);
    free(bb);
    kpi_chart_free(c);
}

/* Text never overlaps text and nothing is drawn outside plot areas except
 * text and legend keys, for series of 2 to 300 periods. */
static void
test_chart_line_layout_for_any_length(void **state)
{
    (void)state;
    static const size_t lengths[] = {2, 3, 5, 12, 13, 24, 37, 60, 100, 150, 299, 300};
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        series_buf b1, b2;
        kpi_chart_series s1 = monthly(&b1, lengths[k], 14766, 2, 300);
        kpi_chart_series s2 = monthly(&b2, lengths[k], 9000, -1, 200);
        s1.trend = b1.t;
        s1.trend_lo = b1.lo;
        s1.trend_hi = b1.hi;
        s2.name = "Rest of England and Wales, a long name for a legend entry";
        kpi_chart *c = new_chart(KPI_CHART_LINE, 800, 500);
        assert_int_equal(kpi_chart_add_series(c, &s1), KPI_OK);
        assert_int_equal(kpi_chart_add_series(c, &s2), KPI_OK);
        assert_int_equal(kpi_chart_set_target(c, 12000, NULL), KPI_OK);
        write_ok(c, "len.png");
        assert_text_apart(c, 800, 500);
        assert_ink_accounted(c, out_path("len.png"));
        kpi_chart_free(c);
    }
}

/* Two series ending on the same value get labels stacked apart. */
static void
test_chart_latest_labels_do_not_collide(void **state)
{
    (void)state;
    series_buf b1, b2, b3;
    kpi_chart_series s1 = monthly(&b1, 24, 500, 0, 0);
    kpi_chart_series s2 = monthly(&b2, 24, 500, 0, 0);
    kpi_chart_series s3 = monthly(&b3, 24, 501, 0, 0);
    s2.name = "Camden";
    s3.name = "Islington";
    kpi_chart *c = new_chart(KPI_CHART_LINE, 600, 400);
    kpi_chart_add_series(c, &s1);
    kpi_chart_add_series(c, &s2);
    kpi_chart_add_series(c, &s3);
    write_ok(c, "stack.png");
    assert_text_apart(c, 600, 400);
    assert_ink_accounted(c, out_path("stack.png"));
    kpi_chart_free(c);
}

/* Sixteen series in a short chart: labels that cannot fit are left out,
 * never drawn over each other or the frame. */
static void
test_chart_many_latest_labels_stay_apart(void **state)
{
    (void)state;
    series_buf b[16];
    kpi_chart *c = new_chart(KPI_CHART_LINE, 700, 260);
    for (int k = 0; k < 16; k++) {
        kpi_chart_series s = monthly(&b[k], 24, 1000 + 10 * k, 1, 5);
        assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    }
    write_ok(c, "many.png");
    assert_text_apart(c, 700, 260);
    assert_ink_accounted(c, out_path("many.png"));
    kpi_chart_free(c);
}

/* A missing value leaves a gap: the pixel column at the missing month has
 * no line colour, while a present month's column does. */
static void
test_chart_missing_value_is_a_gap(void **state)
{
    (void)state;
    series_buf b;
    kpi_chart_series s = monthly(&b, 24, 1000, 10, 50);
    kpi_obs states[24];
    for (size_t i = 0; i < 24; i++)
        states[i] = KPI_OBS_VALUE;
    states[10] = KPI_OBS_MISSING;
    b.v[10] = 0; /* a state that says missing wins over the number */
    s.states = states;
    kpi_chart_options o = kpi_chart_options_default();
    o.width = 800;
    o.height = 500;
    o.latest_label = false;
    kpi_chart *c = kpi_chart_new(KPI_CHART_LINE, &o, NULL);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "gap.png");
    const kpi_panel *p = kpi_chart_panel(c);
    cairo_surface_t *img = cairo_image_surface_create_from_png(out_path("gap.png"));
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    double sc = c->device_scale;
    int y0 = (int)floor((p->area.y - 2) * sc), y1 = (int)ceil((p->area.y + p->area.h + 2) * sc);
    size_t blue_at[2] = {0, 0};
    int months[2] = {10, 5};
    for (int k = 0; k < 2; k++) {
        int x = (int)lround(kpi_scale_map(&p->xs, 2015 * 12 + months[k]) * sc);
        for (int y = y0; y < y1; y++) {
            uint32_t px = *(const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride +
                                                            (size_t)x * 4);
            int r = px >> 16 & 0xff, g = px >> 8 & 0xff, bl = px & 0xff;
            /* The first series colour is #0072B2: strongly blue. */
            if (bl > r + 60 && bl > g + 20)
                blue_at[k]++;
        }
    }
    assert_int_equal(blue_at[0], 0);
    assert_true(blue_at[1] > 0);
    cairo_surface_destroy(img);
    kpi_chart_free(c);
}

/* Negative values, a flat series, a single point, a huge range and an
 * all-missing series all render, with text apart and ink in place. */
static void
test_chart_edge_data_renders(void **state)
{
    (void)state;
    for (int k = 0; k < 5; k++) {
        series_buf b;
        kpi_chart_series s = monthly(&b, 30, 0, 0, 0);
        for (size_t i = 0; i < 30; i++) {
            switch (k) {
            case 0: b.v[i] = -500 + 40.0 * (double)i; break; /* crosses zero */
            case 1: b.v[i] = 42; break;                      /* flat */
            case 2:
                s.n = 1;
                b.v[0] = 14852;
                break;                               /* one point */
            case 3: b.v[i] = i % 2 ? 1 : 1e7; break; /* 1 to 10^7 */
            default: b.v[i] = NAN; break;            /* nothing */
            }
        }
        kpi_chart *c = new_chart(KPI_CHART_LINE, 800, 500);
        assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
        write_ok(c, "edge.png");
        assert_text_apart(c, 800, 500);
        assert_ink_accounted(c, out_path("edge.png"));
        if (k == 3) {
            const kpi_panel *p = kpi_chart_panel(c);
            assert_true(p->vt.hi == 1e7 && p->vt.lo == 0);
        }
        kpi_chart_free(c);
    }
}

/* Year-on-year bars: a fall in crime is blue, a rise vermilion, a change
 * with no better direction grey; labels are signed. */
static void
test_chart_yoy_colours_follow_better_direction(void **state)
{
    (void)state;
    kpi_chart *c = new_chart(KPI_CHART_YOY, 900, 600);
    assert_int_equal(kpi_chart_add_bar(c, "Homicide", -25.2, KPI_BETTER_DOWN), KPI_OK);
    assert_int_equal(kpi_chart_add_bar(c, "Knife crime", 0.6, KPI_BETTER_DOWN), KPI_OK);
    assert_int_equal(kpi_chart_add_bar(c, "999 calls received", 5.1, KPI_BETTER_NONE), KPI_OK);
    assert_int_equal(kpi_chart_add_bar(c, "Public confidence", -3.0, KPI_BETTER_UP), KPI_OK);
    assert_int_equal(kpi_chart_add_bar(c, "Moped-enabled crime", NAN, KPI_BETTER_DOWN), KPI_OK);
    write_ok(c, "yoy.png");
    assert_text_apart(c, 900, 600);
    assert_ink_accounted(c, out_path("yoy.png"));
    const kpi_panel *p = kpi_chart_panel(c);
    cairo_surface_t *img = cairo_image_surface_create_from_png(out_path("yoy.png"));
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    static const double values[] = {-25.2, 0.6, 5.1, -3.0};
    static const uint32_t want[] = {0x0072b2, 0xd55e00, 0x9a9a9a, 0xd55e00};
    for (int i = 0; i < 4; i++) {
        int x = (int)lround(kpi_scale_map(&p->vs, values[i] / 2) * c->device_scale);
        int y = (int)lround(kpi_scale_map(&p->xs, i) * c->device_scale);
        uint32_t px = *(const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride +
                                                        (size_t)x * 4);
        assert_int_equal(px & 0xffffff, want[i]);
    }
    cairo_surface_destroy(img);
    /* The axis includes zero and the labels have their signs. */
    assert_true(p->vt.lo <= -25.2 && p->vt.hi >= 5.1);
    kpi_chart_free(c);
}

static uint32_t pixel_at(const kpi_chart *c, const char *path, double x, double y);

/* Whether the last render's text, its lines joined by spaces in drawing
 * order, holds words (which may wrap over lines). */
static bool
drew_words(const kpi_chart *c, const char *words)
{
    size_t n;
    const kpi_box *b = kpi_chart_boxes(c, &n);
    char *all = calloc(n + 1, KPI_BOX_TEXT_MAX + 1);
    assert_non_null(all);
    for (size_t i = 0; i < n; i++)
        if (b[i].kind == KPI_BOX_TEXT) {
            strcat(all, b[i].text);
            strcat(all, " ");
        }
    bool found = strstr(all, words) != NULL;
    free(all);
    return found;
}

/* Whether the last render drew a line of text that is exactly text. */
static bool
drew_text(const kpi_chart *c, const char *text)
{
    size_t n;
    const kpi_box *b = kpi_chart_boxes(c, &n);
    for (size_t i = 0; i < n; i++)
        if (b[i].kind == KPI_BOX_TEXT && strcmp(b[i].text, text) == 0)
            return true;
    return false;
}

/* A year-on-year chart names the periods it compares, and labels its
 * percentages with one decimal, as kpi summary prints them, even where
 * the metadata gives the values none (issue 9, item 18). */
static void
test_chart_yoy_names_periods(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "weapons,Westminster,2023-24,304\n"
                                 "weapons,Westminster,2024-25,330\n"
                                 "weapons,Camden,2023-24,200\n"
                                 "weapons,Camden,2024-25,199\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,label,unit,better,decimals\n"
                                "weapons,Possession of weapons,offences,down,0\n");
    kpi_chart_request rq = {.type = KPI_CHART_YOY, .meta = m, .opt = kpi_chart_options_default()};
    kpi_error err;
    kpi_chart *c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->subtitle, "2024-25 against 2023-24");
    write_ok(c, "yoy-periods.png");
    /* 330 / 304 is +8.55%, 199 / 200 is -0.5%: never "+9%" or "-1%". */
    assert_true(drew_text(c, "+8.6%"));
    assert_true(drew_text(c, "-0.5%"));
    assert_true(drew_text(c, "Westminster"));
    kpi_chart_free(c);
    /* Rolling totals: "12 months to ..." against the previous 12 months. */
    kpi_store_free(s);
    s = kpi_test_read("indicator,area,period,value\nweapons,Westminster,2024-11,304\n"
                      "weapons,Westminster,2025-11,330\n",
                      NULL);
    rq.window = 12;
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->subtitle, "12 months to November 2025 against the previous 12 months");
    kpi_chart_free(c);
    kpi_store_free(s);
    /* Bars over different periods name each their own. */
    s = kpi_test_read("indicator,area,period,value\nhomicide,London,2017-18,163\n"
                      "homicide,London,2018-19,122\ncalls,London,2018-01,5.0\n"
                      "calls,London,2019-01,5.2\n",
                      NULL);
    rq.window = 0;
    rq.meta = NULL;
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->subtitle, "Each bar: its latest period against a year earlier");
    assert_string_equal(c->bars[0].label, "homicide (2018-19)");
    assert_string_equal(c->bars[1].label, "calls (January 2019)");
    kpi_chart_free(c);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* Legends and titles name every part of a series' key that tells the
 * lines apart, groups included, and the title the parts they share
 * (issue 9, item 17): two measures of one borough are "Offences" and
 * "Positive Outcomes", never both "Westminster". */
static void
test_chart_legend_names_groups(void **state)
{
    (void)state;
    static const char *const groups[] = {"measure"};
    kpi_reader_options ro = kpi_reader_options_default();
    ro.groups = groups;
    ro.n_groups = 1;
    kpi_store *s = kpi_test_read("indicator,area,measure,period,value\n"
                                 "knife,Westminster,Offences,2024-01,44\n"
                                 "knife,Westminster,Positive Outcomes,2024-01,15\n"
                                 "knife,Camden,Offences,2024-01,30\n"
                                 "knife,Camden,Positive Outcomes,2024-01,9\n",
                                 &ro);
    kpi_meta *m = kpi_test_meta("indicator,label,unit,better\nknife,Knife crime,offences,down\n");
    kpi_chart_request rq = {.type = KPI_CHART_LINE,
                            .indicator = "knife",
                            .area = "Westminster",
                            .meta = m,
                            .opt = kpi_chart_options_default()};
    kpi_error err;
    kpi_chart *c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->title, "Knife crime in Westminster");
    assert_int_equal(c->n_series, 2);
    assert_string_equal(c->series[0].name, "Offences");
    assert_string_equal(c->series[1].name, "Positive Outcomes");
    write_ok(c, "legend-groups.png");
    assert_true(drew_text(c, "Positive Outcomes"));
    kpi_chart_free(c);
    /* Areas and measures both differ: each line names both. */
    rq.area = NULL;
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->title, "Knife crime");
    assert_string_equal(c->series[0].name, "Westminster, Offences");
    assert_string_equal(c->series[3].name, "Camden, Positive Outcomes");
    kpi_chart_free(c);
    /* One measure throughout: the title says which. */
    kpi_store_free(s);
    s = kpi_test_read("indicator,area,measure,period,value\n"
                      "knife,Westminster,Offences,2024-01,44\n"
                      "knife,Camden,Offences,2024-01,30\n",
                      &ro);
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_string_equal(c->title, "Knife crime (Offences)");
    assert_string_equal(c->series[0].name, "Westminster");
    kpi_chart_free(c);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* A point built from incomplete data is drawn hollow (white at its
 * centre), named in the legend and in a footnote, and never labelled with
 * a change; a year-on-year bar whose period is partial says so. */
static void
test_chart_partial_points_marked(void **state)
{
    (void)state;
    for (int type = 0; type < 2; type++) {
        kpi_chart *c = new_chart(type ? KPI_CHART_MULTIPLES : KPI_CHART_LINE, 900, 600);
        series_buf b;
        kpi_chart_series s = monthly(&b, 24, 100.0, 1.0, 10.0);
        bool partial[24] = {false};
        partial[0] = partial[23] = true;
        s.partial = partial;
        assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
        write_ok(c, "partial.png");
        assert_text_apart(c, 900, 600);
        assert_true(drew_words(c, "Hollow points: partial periods, built from incomplete data and "
                                  "never compared (2015-01, 2016-12)."));
        assert_true(drew_text(c, "Partial period (incomplete data)"));
        const kpi_panel *p = kpi_chart_panel(c);
        for (size_t i = 0; i < 24; i += 23)
            assert_int_equal(pixel_at(c, out_path("partial.png"),
                                      kpi_scale_map(&p->xs, b.p[i].ordinal),
                                      kpi_scale_map(&p->vs, b.v[i])),
                             0xffffff);
        /* The latest value is partial: no change is quoted on it. */
        size_t n;
        const kpi_box *bx = kpi_chart_boxes(c, &n);
        for (size_t i = 0; i < n; i++)
            assert_null(strstr(bx[i].text, "% on "));
        kpi_chart_free(c);
    }
    kpi_chart *c = new_chart(KPI_CHART_YOY, 900, 400);
    assert_int_equal(kpi_chart_add_bar(c, "Homicide", -25.2, KPI_BETTER_DOWN), KPI_OK);
    assert_int_equal(
        kpi_chart_add_partial_bar(c, "Knife crime", (kpi_period){KPI_FREQ_FYEAR, 2025}), KPI_OK);
    write_ok(c, "partial-yoy.png");
    assert_text_apart(c, 900, 400);
    assert_true(drew_text(c, "n/a (partial)"));
    assert_true(
        drew_words(c, "n/a (partial): built from incomplete data, so never compared (2025-26)."));
    kpi_chart_free(c);
}

/* Several indicators and areas select several series, in store order; a
 * value that selects nothing is an error naming it, never dropped; too
 * many series say how many and the limit (issue 9, item 14). */
static void
test_chart_selects_several(void **state)
{
    (void)state;
    char text[4096] = "indicator,area,period,value\n";
    static const char *const areas[] = {"Barnet",  "Camden", "Ealing", "Hackney", "Harrow",
                                        "Lambeth", "Merton", "Newham", "Sutton",  "Westminster"};
    for (int a = 0; a < 10; a++)
        for (int k = 0; k < 2; k++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "%s,%s,2024-01,%d\n%s,%s,2024-02,%d\n", k ? "robbery" : "weapons", areas[a],
                     10 + a, k ? "robbery" : "weapons", areas[a], 12 + a);
    kpi_store *s = kpi_test_read(text, NULL);
    const char *const want_areas[] = {"Westminster", "Camden", "Lambeth"};
    kpi_chart_request rq = {.type = KPI_CHART_LINE,
                            .indicator = "weapons",
                            .areas = want_areas,
                            .n_areas = 3,
                            .opt = kpi_chart_options_default()};
    kpi_error err;
    kpi_chart *c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_int_equal(c->n_series, 3);
    assert_string_equal(c->series[0].name, "Camden");
    assert_string_equal(c->series[1].name, "Lambeth");
    assert_string_equal(c->series[2].name, "Westminster");
    assert_string_equal(c->title, "weapons");
    kpi_chart_free(c);
    /* Two indicators in one area: the title is the area. */
    const char *const both[] = {"robbery"};
    const char *const camden[] = {"Camden"};
    rq.indicators = both;
    rq.n_indicators = 1;
    rq.areas = camden;
    rq.n_areas = 1;
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_int_equal(c->n_series, 2);
    assert_string_equal(c->title, "Camden");
    assert_string_equal(c->series[0].name, "weapons");
    assert_string_equal(c->series[1].name, "robbery");
    kpi_chart_free(c);
    /* A mistyped area among good ones. */
    const char *const typo[] = {"Camden", "Westmister"};
    rq.areas = typo;
    rq.n_areas = 2;
    assert_null(kpi_chart_build(s, &rq, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    assert_string_equal(err.message,
                        "no selected series has area 'Westmister' (the selection: indicator "
                        "'weapons' or 'robbery' and area 'Camden' or 'Westmister')");
    /* Ten lines: how many, and the limit. */
    rq.areas = NULL;
    rq.n_areas = 0;
    rq.indicators = NULL;
    rq.n_indicators = 0;
    assert_null(kpi_chart_build(s, &rq, &err));
    assert_string_equal(err.message,
                        "too many series for a line chart: 10 selected, at most 8; narrow the "
                        "selection with the indicator and area options, or draw multiples");
    rq.type = KPI_CHART_MULTIPLES;
    c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_int_equal(c->n_series, 10);
    kpi_chart_free(c);
    kpi_store_free(s);
}

/* The pixel of a PNG at point (x, y) of the chart, as 0xRRGGBB. */
static uint32_t
pixel_at(const kpi_chart *c, const char *path, double x, double y)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    int px = (int)lround(x * c->device_scale), py = (int)lround(y * c->device_scale);
    uint32_t v = *(const uint32_t *)(const void *)(data + (size_t)py * (size_t)stride +
                                                   (size_t)px * 4);
    cairo_surface_destroy(img);
    return v & 0xffffff;
}

/* Milestones: one stacked bar per period, delivered at the base in blue,
 * on track in sky blue, some delay in vermilion, stacked to each period's
 * total; text apart and every mark accounted for. */
static void
test_chart_milestones_stacks(void **state)
{
    (void)state;
    kpi_chart *c = new_chart(KPI_CHART_MILESTONES, 900, 500);
    kpi_milestones_view v = {.period = {KPI_FREQ_FQUARTER, 2018 * 4 + 2}};
    v.all.by_status[KPI_MILESTONE_DELIVERED] = 4;
    v.all.by_status[KPI_MILESTONE_ON_TRACK] = 6;
    v.all.by_status[KPI_MILESTONE_DELAY] = 2;
    assert_int_equal(kpi_chart_add_milestones(c, &v), KPI_OK);
    v.period.ordinal++;
    v.all.by_status[KPI_MILESTONE_DELIVERED] = 8;
    v.all.by_status[KPI_MILESTONE_ON_TRACK] = 3;
    v.all.by_status[KPI_MILESTONE_DELAY] = 1;
    v.all.by_status[KPI_MILESTONE_UNSTATED] = 5;
    assert_int_equal(kpi_chart_add_milestones(c, &v), KPI_OK);
    write_ok(c, "milestones.png");
    assert_text_apart(c, 900, 500);
    assert_ink_accounted(c, out_path("milestones.png"));
    const kpi_panel *p = kpi_chart_panel(c);
    assert_true(p->vt.lo == 0 && p->vt.hi >= 17);
    /* Sample each segment off its centre line, where its count label is. */
    const char *png = out_path("milestones.png");
    double x = kpi_scale_map(&p->xs, 2018 * 4 + 3) + 8.0;
    assert_int_equal(pixel_at(c, png, x, kpi_scale_map(&p->vs, 4.0)), 0x0072b2);
    assert_int_equal(pixel_at(c, png, x, kpi_scale_map(&p->vs, 9.5)), 0x56b4e9);
    assert_int_equal(pixel_at(c, png, x, kpi_scale_map(&p->vs, 11.5)), 0xd55e00);
    assert_int_equal(pixel_at(c, png, x, kpi_scale_map(&p->vs, 14.5)), 0xa6a6a6);
    /* Above the total: white. */
    assert_int_equal(pixel_at(c, png, x, kpi_scale_map(&p->vs, 17.0) - 30.0), 0xffffff);
    /* The colours documents key their status words to are the bars'. */
    static const struct {
        kpi_milestone_status s;
        unsigned hex;
    } keys[] = {{KPI_MILESTONE_DELIVERED, 0x0072b2},
                {KPI_MILESTONE_ON_TRACK, 0x56b4e9},
                {KPI_MILESTONE_DELAY, 0xd55e00},
                {KPI_MILESTONE_UNSTATED, 0xa6a6a6},
                {KPI_MILESTONE_NOT_REPORTED, 0xd9d9d9}};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        double rgb[3];
        kpi_chart_milestone_colour(keys[k].s, rgb);
        assert_int_equal((unsigned)lround(rgb[0] * 255) << 16 |
                             (unsigned)lround(rgb[1] * 255) << 8 | (unsigned)lround(rgb[2] * 255),
                         keys[k].hex);
    }
    /* A period out of order, series, and counts on another type fail. */
    kpi_milestones_view old = {.period = {KPI_FREQ_FQUARTER, 2018 * 4}};
    assert_int_equal(kpi_chart_add_milestones(c, &old), KPI_EINVAL);
    kpi_chart_free(c);
    c = new_chart(KPI_CHART_LINE, 600, 400);
    assert_int_equal(kpi_chart_add_milestones(c, &v), KPI_EINVAL);
    kpi_chart_free(c);
}

/* Sixty bars squeezed into 300 px: row labels thin out rather than
 * overlap. */
static void
test_chart_yoy_dense_rows_never_overlap(void **state)
{
    (void)state;
    kpi_chart *c = new_chart(KPI_CHART_YOY, 600, 300);
    for (int i = 0; i < 60; i++) {
        char label[32];
        snprintf(label, sizeof label, "Area %d", i + 1);
        assert_int_equal(kpi_chart_add_bar(c, label, (i % 7) * 3.5 - 9, KPI_BETTER_DOWN), KPI_OK);
    }
    write_ok(c, "dense.png");
    assert_text_apart(c, 600, 300);
    assert_ink_accounted(c, out_path("dense.png"));
    kpi_chart_free(c);
}

/* A change the exact test finds significant is solid; one within normal
 * variation is the same colour, pale (30% over white). */
static void
test_chart_yoy_significance(void **state)
{
    (void)state;
    kpi_chart *c = new_chart(KPI_CHART_YOY, 900, 500);
    assert_int_equal(
        kpi_chart_add_tested_bar(c, "Homicide", -25.2, KPI_BETTER_DOWN, KPI_SIGNIFICANCE_DECREASE),
        KPI_OK);
    assert_int_equal(kpi_chart_add_tested_bar(c, "Knife crime", -20, KPI_BETTER_DOWN,
                                              KPI_SIGNIFICANCE_NO_CHANGE),
                     KPI_OK);
    write_ok(c, "yoy-test.png");
    assert_text_apart(c, 900, 500);
    const kpi_panel *p = kpi_chart_panel(c);
    assert_int_equal(pixel_at(c, out_path("yoy-test.png"), kpi_scale_map(&p->vs, -12.6),
                              kpi_scale_map(&p->xs, 0)),
                     0x0072b2);
    uint32_t pale = pixel_at(c, out_path("yoy-test.png"), kpi_scale_map(&p->vs, -13),
                             kpi_scale_map(&p->xs, 1));
    /* 0.3 * 0x0072b2 + 0.7 * white, to within a step of rounding. */
    assert_true(abs((int)(pale >> 16) - 0xb3) <= 2);
    assert_true(abs((int)(pale >> 8 & 0xff) - 0xd5) <= 2);
    assert_true(abs((int)(pale & 0xff) - 0xe8) <= 2);
    kpi_chart_free(c);
}

/* An XmR chart of Camden's robbery (tests/cli/spc works it by hand): the
 * July 2024 peak is a concern (two of three high), June 2025 an
 * improvement (the shift below the mean), the first month common cause;
 * a rebase at January 2025 starts a second segment. */
static void
test_chart_spc_points_and_rebase(void **state)
{
    (void)state;
    static const double y[] = {94,  126, 133, 115, 105, 118, 142, 149, 120, 98, 132, 145,
                               140, 97,  108, 89,  76,  88,  92,  81,  96,  86, 81,  82};
    kpi_period per[24];
    for (int i = 0; i < 24; i++)
        per[i] = (kpi_period){KPI_FREQ_MONTH, 2023 * 12 + 11 + i};
    kpi_chart *c = new_chart(KPI_CHART_SPC, 900, 600);
    kpi_chart_series s = {.name = "Camden", .periods = per, .values = y, .n = 24};
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    assert_int_equal(kpi_chart_set_target(c, 100, "Target 100"), KPI_OK);
    write_ok(c, "spc.png");
    assert_text_apart(c, 900, 600);
    assert_ink_accounted(c, out_path("spc.png"));
    const kpi_panel *p = kpi_chart_panel(c);
    static const struct {
        int i;
        uint32_t rgb;
    } dots[] = {{7, 0xd55e00}, {18, 0x0072b2}, {0, 0x9a9a9a}};
    for (size_t k = 0; k < 3; k++) {
        int i = dots[k].i;
        assert_int_equal(pixel_at(c, out_path("spc.png"), kpi_scale_map(&p->xs, per[i].ordinal),
                                  kpi_scale_map(&p->vs, y[i])),
                         dots[k].rgb);
    }
    assert_double_equal(c->series[0].spc[0].mean, 2593.0 / 24, 1e-12);
    assert_true(p->vt.hi >= c->series[0].spc[0].upl && p->vt.lo <= c->series[0].spc[0].lpl);
    kpi_chart_free(c);

    kpi_period rebase = {KPI_FREQ_MONTH, 2025 * 12};
    kpi_spc_options so = kpi_spc_options_default();
    so.rebase = &rebase;
    so.n_rebase = 1;
    kpi_chart_options o = kpi_chart_options_default();
    o.spc = &so;
    kpi_error err;
    c = kpi_chart_new(KPI_CHART_SPC, &o, &err);
    assert_non_null(c);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    assert_int_equal(c->series[0].spc[12].segment, 0);
    assert_int_equal(c->series[0].spc[13].segment, 1);
    write_ok(c, "spc-rebase.png");
    kpi_chart_free(c);
}

/* Small multiples: twelve panels, shared and free scales, text apart. */
static void
test_chart_multiples_twelve_panels(void **state)
{
    (void)state;
    for (int free_scales = 0; free_scales < 2; free_scales++) {
        kpi_chart_options o = kpi_chart_options_default();
        o.title = "Theft from the person by borough";
        o.source = "Source: Metropolitan Police Service.";
        o.width = 1000;
        o.height = 800;
        o.scales = free_scales ? KPI_CHART_SCALES_FREE : KPI_CHART_SCALES_SHARED;
        kpi_chart *c = kpi_chart_new(KPI_CHART_MULTIPLES, &o, NULL);
        series_buf b[12];
        static const char *const names[12] = {"Barking and Dagenham",
                                              "Barnet",
                                              "Bexley",
                                              "Brent",
                                              "Bromley",
                                              "Camden",
                                              "Croydon",
                                              "Ealing",
                                              "Enfield",
                                              "Greenwich",
                                              "Hackney",
                                              "Hammersmith and Fulham"};
        for (int i = 0; i < 12; i++) {
            kpi_chart_series s = monthly(&b[i], 48, 100.0 * (i + 1), i - 5, 20.0 * (i + 1));
            s.name = names[i];
            assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
        }
        write_ok(c, "multiples.png");
        assert_text_apart(c, 1000, 800);
        assert_ink_accounted(c, out_path("multiples.png"));
        size_t n, plots = 0;
        const kpi_box *bx = kpi_chart_boxes(c, &n);
        for (size_t i = 0; i < n; i++)
            plots += bx[i].kind == KPI_BOX_PLOT;
        assert_int_equal(plots, 12);
        kpi_chart_free(c);
    }
}

/* Panels on a shared scale use one scale: 32 panels, the first 20
 * reaching about 470 and the last 12 about 380, would otherwise read
 * 0-500 in some rows and 0-400 in others.  With free scales each panel
 * has its own.  Every panel has a time axis naming its first and last
 * period. */
static void
test_chart_multiples_one_scale(void **state)
{
    (void)state;
    for (int free_scales = 0; free_scales < 2; free_scales++) {
        kpi_chart_options o = kpi_chart_options_default();
        o.title = "Theft from the person by borough";
        o.scales = free_scales ? KPI_CHART_SCALES_FREE : KPI_CHART_SCALES_SHARED;
        kpi_chart *c = kpi_chart_new(KPI_CHART_MULTIPLES, &o, NULL);
        static series_buf b[32];
        char names[32][16];
        for (int i = 0; i < 32; i++) {
            kpi_chart_series s = monthly(&b[i], 24, 200.0, i < 20 ? 11.0 : 7.0, 20.0);
            snprintf(names[i], sizeof names[i], "Area %d", i + 1);
            s.name = names[i];
            assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
        }
        write_ok(c, "one-scale.png");
        unsigned w, h;
        png_size(out_path("one-scale.png"), &w, &h);
        assert_text_apart(c, w, h);
        size_t n;
        const kpi_panel *p = kpi_chart_panels(c, &n);
        assert_int_equal(n, 32);
        bool differ = false;
        for (size_t i = 0; i < n; i++) {
            /* The time axis: "Jan" over "2015" and "Dec" over "2016". */
            assert_true(p[i].period_labels);
            assert_true(p[i].pa.count >= 2);
            assert_int_equal(p[i].pa.ticks[0].period.ordinal, 2015 * 12);
            assert_string_equal(p[i].pa.ticks[0].line1, "Jan");
            assert_string_equal(p[i].pa.ticks[0].line2, "2015");
            const kpi_period_tick *last = &p[i].pa.ticks[p[i].pa.count - 1];
            assert_int_equal(last->period.ordinal, 2015 * 12 + 23);
            assert_string_equal(last->line1, "Dec");
            assert_string_equal(last->line2, "2016");
            differ = differ || p[i].vt.hi != p[0].vt.hi;
            if (free_scales)
                continue;
            assert_double_equal(p[i].vt.lo, p[0].vt.lo, 0);
            assert_double_equal(p[i].vt.hi, p[0].vt.hi, 0);
            assert_double_equal(p[i].vt.step, p[0].vt.step, 0);
            assert_int_equal(p[i].vt.count, p[0].vt.count);
            assert_double_equal(p[i].area.h, p[0].area.h, 1e-9);
        }
        assert_true(differ == (free_scales == 1));
        kpi_chart_free(c);
    }
}

/* --sort: panels by latest value, read at each series' last complete
 * point (a partial last figure is no basis for a ranking), ties by name,
 * series with nothing to sort by last; the change is kpi_change_at's. */
static void
test_chart_multiples_order(void **state)
{
    (void)state;
    kpi_period p[14];
    for (int i = 0; i < 14; i++)
        p[i] = (kpi_period){KPI_FREQ_MONTH, 2024 * 12 + i};
    /* Latest complete values: a 30 in January 2025 (its partial 90 in
     * February ignored), b 40, c 30, d none; changes on a year earlier: a
     * 30/10 +200%, b 40/20 +100%, c 30/30 0%. */
    double a[14], b[14], c[14], d[14];
    bool partial[14] = {false};
    partial[13] = true;
    for (int i = 0; i < 14; i++) {
        a[i] = i < 2 ? 10 : i == 13 ? 90 : 30;
        b[i] = i < 2 ? 20 : 40;
        c[i] = 30;
        d[i] = NAN;
    }
    const struct {
        kpi_chart_order order;
        const char *names[4];
    } cases[] = {
        {KPI_CHART_ORDER_ADDED, {"c", "a", "d", "b"}},
        {KPI_CHART_ORDER_LATEST, {"b", "a", "c", "d"}},
        {KPI_CHART_ORDER_NAME, {"a", "b", "c", "d"}},
        {KPI_CHART_ORDER_CHANGE, {"a", "b", "c", "d"}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        kpi_chart_options o = kpi_chart_options_default();
        o.order = cases[k].order;
        kpi_chart *ch = kpi_chart_new(KPI_CHART_MULTIPLES, &o, NULL);
        kpi_chart_series s = {.periods = p, .n = 14};
        s.name = "c", s.values = c, s.partial = NULL;
        assert_int_equal(kpi_chart_add_series(ch, &s), KPI_OK);
        s.name = "a", s.values = a, s.partial = partial;
        assert_int_equal(kpi_chart_add_series(ch, &s), KPI_OK);
        s.name = "d", s.values = d, s.partial = NULL;
        assert_int_equal(kpi_chart_add_series(ch, &s), KPI_OK);
        s.name = "b", s.values = b;
        assert_int_equal(kpi_chart_add_series(ch, &s), KPI_OK);
        write_ok(ch, "order.svg");
        for (size_t i = 0; i < 4; i++)
            assert_string_equal(ch->series[i].name, cases[k].names[i]);
        kpi_chart_free(ch);
    }
    kpi_chart_order order;
    assert_int_equal(kpi_chart_order_parse("change", &order, NULL), KPI_OK);
    assert_int_equal(order, KPI_CHART_ORDER_CHANGE);
    kpi_error err;
    assert_int_equal(kpi_chart_order_parse("size", &order, &err), KPI_EINVAL);
    assert_string_equal(err.message, "expected added, latest, name or change, found 'size'");
}

/* Whether some run of consecutive text boxes b[0..n), joined by spaces,
 * reads name. */
static bool
names_box_run(const kpi_box *b, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        char joined[2 * KPI_BOX_TEXT_MAX + 2] = "";
        for (size_t j = i; j < n && j < i + 2 && b[j].kind == KPI_BOX_TEXT; j++) {
            size_t len = strlen(joined);
            snprintf(joined + len, sizeof joined - len, "%s%s", len ? " " : "", b[j].text);
            if (strcmp(joined, name) == 0)
                return true;
        }
    }
    return false;
}

/* The 34 areas of datasets/london's borough file, one panel each at the
 * default size: every borough's name is drawn whole, on two lines where
 * it needs them ("Barking and" over "Dagenham", never "Barking an..."),
 * and the one name too long for two lines ends in an ellipsis after a
 * whole word. */
static void
test_chart_multiples_borough_names(void **state)
{
    (void)state;
    kpi_reader_options ro = kpi_reader_options_default();
    ro.indicator = "MinorText";
    ro.area = "BoroughName";
    const char *groups[] = {"MajorText"};
    ro.groups = groups;
    ro.n_groups = 1;
    kpi_error err;
    kpi_store *s = kpi_read_file(
        kpi_test_path("datasets/london/MPS_Borough_Level_Crime_recent24_202312-202511.csv"), &ro,
        NULL, &err);
    assert_non_null(s);
    kpi_chart_request rq = {.type = KPI_CHART_MULTIPLES, .opt = kpi_chart_options_default()};
    rq.indicator = "POSSESSION OF WEAPONS";
    kpi_chart *c = kpi_chart_build(s, &rq, &err);
    assert_non_null(c);
    assert_int_equal(c->n_series, 34);
    write_ok(c, "borough-names.png");
    unsigned w, h;
    png_size(out_path("borough-names.png"), &w, &h);
    assert_int_equal(w, 945); /* 160 mm at 150 dpi */
    assert_text_apart(c, w, h);
    size_t n;
    const kpi_box *b = kpi_chart_boxes(c, &n);
    size_t cut = 0;
    for (size_t k = 0; k < c->n_series; k++) {
        const char *name = c->series[k].name;
        if (strcmp(name, "London Heathrow and London City Airports") == 0)
            continue;
        if (!names_box_run(b, n, name))
            fprintf(stderr, "panel title '%s' is not drawn whole\n", name);
        assert_true(names_box_run(b, n, name));
    }
    assert_true(names_box_run(b, n, "Barking and Dagenham"));
    for (size_t i = 0; i < n; i++) {
        if (b[i].kind != KPI_BOX_TEXT || !strstr(b[i].text, "\xe2\x80\xa6"))
            continue;
        /* The airports' name, cut after a whole word. */
        cut++;
        assert_true(i > 0 && b[i - 1].kind == KPI_BOX_TEXT);
        char joined[2 * KPI_BOX_TEXT_MAX + 2];
        snprintf(joined, sizeof joined, "%s %s", b[i - 1].text, b[i].text);
        const char *full = "London Heathrow and London City Airports";
        size_t kept = strlen(joined) - strlen("\xe2\x80\xa6");
        assert_true(kept > 0 && kept < strlen(full));
        assert_memory_equal(joined, full, kept);
        assert_true(full[kept] == ' ');
    }
    assert_int_equal(cut, 1);
    kpi_chart_free(c);
    kpi_store_free(s);
}

/* A sparkline is 30 x 8 mm by default and has no text at all. */
static void
test_chart_sparkline_has_no_text(void **state)
{
    (void)state;
    series_buf b;
    kpi_chart_series s = monthly(&b, 24, 100, 1, 10);
    kpi_chart *c = new_chart(KPI_CHART_SPARKLINE, 0, 0);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "spark.png");
    unsigned w, h;
    png_size(out_path("spark.png"), &w, &h);
    assert_int_equal(w, 177);
    assert_int_equal(h, 47);
    size_t n;
    const kpi_box *bx = kpi_chart_boxes(c, &n);
    for (size_t i = 0; i < n; i++)
        assert_int_not_equal(bx[i].kind, KPI_BOX_TEXT);
    kpi_chart_free(c);
}

/* PDF and SVG: vector files of the size in millimetres; the PDF carries
 * no creation date, so it too is byte-identical, and pdfinfo opens it
 * (when poppler-utils is installed). */
static void
test_chart_pdf_and_svg(void **state)
{
    (void)state;
    series_buf b;
    kpi_chart_series s = monthly(&b, 24, 14766, 3, 250);
    kpi_chart *c = new_chart(KPI_CHART_ROLLING, 160, 100);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "a.pdf");
    write_ok(c, "b.pdf");
    size_t na, nb;
    unsigned char *pa = slurp(out_path("a.pdf"), &na);
    unsigned char *pb = slurp(out_path("b.pdf"), &nb);
    assert_memory_equal(pa, "%PDF-", 5);
    assert_int_equal(na, nb);
    assert_memory_equal(pa, pb, na);
    assert_false(contains(pa, na, "CreationDate"));
    /* 160 x 100 mm is 453.54 x 283.46 pt. */
    assert_true(contains(pa, na, "/MediaBox [ 0 0 453.543307 283.464567 ]"));
    free(pa);
    free(pb);
    if (access("/usr/bin/pdfinfo", X_OK) == 0) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "/usr/bin/pdfinfo '%s' >/dev/null 2>&1", out_path("a.pdf"));
        assert_int_equal(system(cmd), 0);
    }
    write_ok(c, "c.svg");
    unsigned char *sv = slurp(out_path("c.svg"), &na);
    assert_true(contains(sv, na, "<svg"));
    assert_true(contains(sv, na, "width=\"453.543307pt\""));
    free(sv);
    kpi_chart_free(c);
}

/* The format follows the extension, in any case; others are refused. */
static void
test_chart_format_from_path(void **state)
{
    (void)state;
    kpi_chart_format f;
    kpi_error err;
    assert_int_equal(kpi_chart_format_from_path("x.PNG", &f, NULL), KPI_OK);
    assert_int_equal(f, KPI_CHART_PNG);
    assert_int_equal(kpi_chart_format_from_path("a.b/x.pdf", &f, NULL), KPI_OK);
    assert_int_equal(f, KPI_CHART_PDF);
    assert_int_equal(kpi_chart_format_from_path("x.svg", &f, NULL), KPI_OK);
    assert_int_equal(f, KPI_CHART_SVG);
    kpi_error_clear(&err);
    assert_int_equal(kpi_chart_format_from_path("chart.jpg", &f, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, ".png, .pdf or .svg");
    assert_int_equal(kpi_chart_format_from_path("dir.png/chart", &f, NULL), KPI_EINVAL);
}

/* The first error sticks: later calls return it, and writing reports it
 * without creating the file. */
static void
test_chart_status_is_sticky(void **state)
{
    (void)state;
    kpi_period p[3] = {{KPI_FREQ_MONTH, 100}, {KPI_FREQ_MONTH, 99}, {KPI_FREQ_MONTH, 101}};
    double v[3] = {1, 2, 3};
    kpi_chart_series s = {.name = "Backwards", .periods = p, .values = v, .n = 3};
    kpi_chart *c = new_chart(KPI_CHART_LINE, 400, 300);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_EINVAL);
    assert_int_equal(kpi_chart_status(c), KPI_EINVAL);
    p[1].ordinal = 100;
    p[0].ordinal = 98;
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_EINVAL); /* still failed */
    assert_int_equal(kpi_chart_set_target(c, 3, NULL), KPI_EINVAL);
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_chart_write(c, out_path("sticky.png"), &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "strictly increase");
    assert_non_null(strstr(kpi_chart_error(c)->message, "'Backwards'"));
    assert_int_equal(access(out_path("sticky.png"), F_OK), -1);
    kpi_chart_free(c);

    c = new_chart(KPI_CHART_YOY, 400, 300);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_EINVAL);
    kpi_chart_free(c);
    c = new_chart(KPI_CHART_LINE, 400, 300);
    assert_int_equal(kpi_chart_add_bar(c, "x", 1, KPI_BETTER_UP), KPI_EINVAL);
    kpi_chart_free(c);
}

/* Nothing to draw, an unwritable folder: errors, and no file left behind. */
static void
test_chart_write_failures_leave_nothing(void **state)
{
    (void)state;
    kpi_chart *c = new_chart(KPI_CHART_LINE, 400, 300);
    kpi_error err;
    kpi_error_clear(&err);
    assert_int_equal(kpi_chart_write(c, out_path("empty.png"), &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "no series");
    assert_int_equal(access(out_path("empty.png"), F_OK), -1);
    series_buf b;
    kpi_chart_series s = monthly(&b, 12, 10, 1, 1);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    kpi_error_clear(&err);
    assert_int_equal(kpi_chart_write(c, "/nonexistent-kpi-dir/x.png", &err), KPI_EIO);
    assert_string_equal(err.source, "/nonexistent-kpi-dir/x.png");
    /* The chart itself is fine: a failed write is not sticky. */
    assert_int_equal(kpi_chart_status(c), KPI_OK);
    write_ok(c, "after.png");
    /* Only the finished file is in the folder: no temporary left over. */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test $(ls '%s' | grep -c tmp) -eq 0", tmpdir);
    assert_int_equal(system(cmd), 0);
    kpi_chart_free(c);
}

/* Options out of range are refused at creation. */
static void
test_chart_new_refuses_bad_options(void **state)
{
    (void)state;
    kpi_chart_options o = kpi_chart_options_default();
    kpi_error err;
    o.dpi = 5;
    kpi_error_clear(&err);
    assert_null(kpi_chart_new(KPI_CHART_LINE, &o, &err));
    assert_error(&err, KPI_EINVAL, 0, 0, "dpi");
    o = kpi_chart_options_default();
    o.width = -3;
    assert_null(kpi_chart_new(KPI_CHART_LINE, &o, &err));
    assert_null(kpi_chart_new(KPI_CHART_TYPE_LAST, NULL, &err));
    kpi_chart_free(NULL);
}

/* The latest-value label of a financial-year series reads as the
 * business plan prints it: 14,852, +0.6% on 2017-18. */
static void
test_chart_latest_label_text(void **state)
{
    (void)state;
    kpi_period p[2] = {{KPI_FREQ_FYEAR, 2017}, {KPI_FREQ_FYEAR, 2018}};
    double v[2] = {14766, 14852};
    kpi_chart_series s = {.name = "Knife crime", .periods = p, .values = v, .n = 2};
    kpi_chart *c = new_chart(KPI_CHART_LINE, 800, 500);
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    write_ok(c, "fy.png");
    /* The label's text is pixels, so check the change it is made from. */
    double pct;
    kpi_period base;
    assert_true(kpi_chart_yoy(&c->series[0], 1, &pct, &base));
    assert_double_rel(pct, 100.0 * 86.0 / 14766.0, 1e-12);
    assert_int_equal(base.ordinal, 2017);
    assert_false(kpi_chart_yoy(&c->series[0], 0, &pct, &base));
    assert_text_apart(c, 800, 500);
    kpi_chart_free(c);
}

/* Progress calls of a batch, recorded. */
typedef struct progress_log {
    size_t done[16];
    size_t n;
} progress_log;

static void
log_progress(void *ud, size_t done, size_t total)
{
    progress_log *log = ud;
    assert_int_equal(total, 6);
    log->done[log->n++] = done;
}

/* A batch of charts gives the same files, byte for byte, on one thread
 * and on three, and tells its progress in series order either way. */
static void
test_chart_build_all_same_files_on_any_threads(void **state)
{
    (void)state;
    char text[8192] = "indicator,area,period,value\n";
    for (int k = 0; k < 6; k++)
        for (int m = 1; m <= 24; m++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "crime_%d,Area %d,%d-%02d,%d\n", k, k, 2019 + (m - 1) / 12, 1 + (m - 1) % 12,
                     100 + k * 10 + m * (k + 1));
    kpi_store *s = kpi_test_read(text, NULL);
    const size_t threads[] = {1, 3};
    char dirs[2][256];
    for (size_t t = 0; t < 2; t++) {
        snprintf(dirs[t], sizeof dirs[t], "%s/batch%zu", tmpdir, threads[t]);
        assert_int_equal(mkdir(dirs[t], 0700), 0);
        kpi_chart_request rq = {
            .type = KPI_CHART_LINE, .opt = kpi_chart_options_default(), .threads = threads[t]};
        progress_log log = {.n = 0};
        kpi_error err;
        assert_int_equal(kpi_chart_build_all(s, &rq, dirs[t], "png", log_progress, &log, &err),
                         KPI_OK);
        assert_int_equal(log.n, 6);
        for (size_t i = 0; i < 6; i++)
            assert_int_equal(log.done[i], i + 1);
    }
    for (size_t k = 0; k < 6; k++) {
        char name[128], a[512], b[512];
        kpi_chart_file_name(kpi_store_at(s, k), 0, "png", name, sizeof name);
        snprintf(a, sizeof a, "%s/%s", dirs[0], name);
        snprintf(b, sizeof b, "%s/%s", dirs[1], name);
        size_t na, nb;
        unsigned char *pa = slurp(a, &na), *pb = slurp(b, &nb);
        assert_true(na > 1000);
        assert_int_equal(na, nb);
        assert_memory_equal(pa, pb, na);
        free(pa);
        free(pb);
    }
    kpi_store_free(s);
}

/* Drawing a chart from a store, with its trend and target, fails cleanly
 * at every allocation kpi makes: KPI_ENOMEM, no file, nothing leaked
 * (ASan checks), until it succeeds. */
static void
test_chart_build_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "k,Camden,2019-01,5\nk,Camden,2019-02,7\nk,Camden,2019-03,6\n"
                                 "k,Camden,2019-04,9\nk,Camden,2019-05,8\n"
                                 "k,Barnet,2019-01,3\nk,Barnet,2019-02,4\nk,Barnet,2019-03,NA\n"
                                 "k,Barnet,2019-04,5\nk,Barnet,2019-05,6\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,label,unit,better,target,target_op\n"
                                "k,Knife crime,offences,down,6,<=\n");
    const kpi_chart_type types[] = {KPI_CHART_LINE, KPI_CHART_YOY, KPI_CHART_MULTIPLES};
    for (size_t t = 0; t < 3; t++) {
        kpi_chart_request rq = {
            .type = types[t], .trend = true, .meta = m, .opt = kpi_chart_options_default()};
        const char *path = out_path("oom.png");
        long n;
        for (n = 0; n < 100000; n++) {
            kpi_error err;
            kpi_error_clear(&err);
            kpi_alloc_fail_after(n);
            kpi_chart *c = kpi_chart_build(s, &rq, &err);
            kpi_status st = c ? kpi_chart_write(c, path, &err) : err.code;
            kpi_alloc_fail_after(-1);
            kpi_chart_free(c);
            if (st == KPI_OK)
                break;
            if (err.code != KPI_ENOMEM)
                fprintf(stderr, "type %zu, n=%ld: %s\n", t, n, err.message);
            assert_int_equal(st, KPI_ENOMEM);
            assert_int_equal(access(path, F_OK), -1);
        }
        assert_true(n > 0 && n < 100000);
        assert_int_equal(unlink(path), 0);
    }
    kpi_meta_free(m);
    kpi_store_free(s);
}

/* A batch of charts fails cleanly at every allocation too. */
static void
test_chart_build_all_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "k,Camden,2019-01,5\nk,Camden,2019-02,7\nk,Camden,2019-03,6\n"
                                 "k,Barnet,2019-01,3\nk,Barnet,2019-02,4\nk,Barnet,2019-03,5\n",
                                 NULL);
    kpi_chart_request rq = {.type = KPI_CHART_LINE, .opt = kpi_chart_options_default()};
    char dir[256];
    snprintf(dir, sizeof dir, "%s/oom-batch", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    long n;
    for (n = 0; n < 100000; n++) {
        kpi_error err;
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        kpi_status st = kpi_chart_build_all(s, &rq, dir, "png", NULL, NULL, &err);
        kpi_alloc_fail_after(-1);
        if (st == KPI_OK)
            break;
        assert_int_equal(st, KPI_ENOMEM);
        assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_true(n > 0 && n < 100000);
    kpi_store_free(s);
}

/* ---- thinning long lines ------------------------------------------------ */

enum { THIN_W = 240, THIN_H = 120, THIN_N = 100000 };

/* A noisy series of THIN_N points across the page, with a break in the
 * middle and spikes, drawn as one path on cr with thinning on or off. */
static void
thin_draw(cairo_t *cr, bool thin)
{
    kpi_thin t;
    kpi_thin_start(&t, cr, thin);
    uint32_t seed = 12345;
    for (size_t i = 0; i < THIN_N; i++) {
        seed = seed * 1664525u + 1013904223u;
        double x = 10.0 + 220.0 * (double)i / THIN_N;
        double y = 60.0 + 25.0 * sin((double)i / 3000.0) + (double)(seed >> 24) / 32.0;
        if (i % 9973 == 0)
            y = 8.0 + (double)(i % 5);
        kpi_thin_point_add(&t, x, y, i == 0 || i == THIN_N / 2);
    }
    kpi_thin_end(&t);
}

/* The path's points: count, and per pixel column the lowest and highest
 * y of the points in it. */
static size_t
thin_extremes(cairo_t *cr, double *lo, double *hi)
{
    for (int c = 0; c < THIN_W; c++) {
        lo[c] = INFINITY;
        hi[c] = -INFINITY;
    }
    cairo_path_t *path = cairo_copy_path(cr);
    size_t points = 0;
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *d = &path->data[i];
        if (d->header.type != CAIRO_PATH_MOVE_TO && d->header.type != CAIRO_PATH_LINE_TO)
            continue;
        int c = (int)floor(d[1].point.x);
        lo[c] = fmin(lo[c], d[1].point.y);
        hi[c] = fmax(hi[c], d[1].point.y);
        points++;
    }
    cairo_path_destroy(path);
    return points;
}

/* The pixels of an image that are at least half black, so that the
 * faint antialiased fringe of a stroke does not count. */
static void
inked(cairo_surface_t *img, bool *ink)
{
    cairo_surface_flush(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int r = 0; r < THIN_H; r++)
        for (int c = 0; c < THIN_W; c++) {
            uint32_t px;
            memcpy(&px, data + r * stride + c * 4, sizeof px);
            ink[r * THIN_W + c] = (px & 0xFF) < 0x80;
        }
}

/* Thinned, a 100,000-point line keeps each pixel column's highest and
 * lowest point (on cairo's 1/256 pixel grid, where points are drawn), with
 * at most four points a column; its picture is the whole line's but for
 * pixels at the edges of the band (measured: 15% of the inked pixels,
 * where the whole line's zigzags within a column, or a spike's slant,
 * shift the antialiasing by a pixel). */
static void
test_chart_thinned_line_same_extremes(void **state)
{
    (void)state;
    double lo[2][THIN_W], hi[2][THIN_W];
    static bool ink[2][THIN_W * THIN_H];
    size_t points[2];
    for (int thin = 0; thin < 2; thin++) {
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, THIN_W, THIN_H);
        cairo_t *cr = cairo_create(img);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1.5);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        thin_draw(cr, thin);
        points[thin] = thin_extremes(cr, lo[thin], hi[thin]);
        cairo_stroke(cr);
        inked(img, ink[thin]);
        cairo_destroy(cr);
        cairo_surface_destroy(img);
    }
    /* cairo merges points closer than its 1/256 pixel grid. */
    assert_true(points[0] > THIN_N / 2);
    /* 220 columns, two of them split by the break: at most 4 each. */
    assert_true(points[1] <= 4 * 222);
    assert_true(points[1] >= 2 * 220);
    for (int c = 0; c < THIN_W; c++) {
        assert_true(lo[1][c] == lo[0][c]);
        assert_true(hi[1][c] == hi[0][c]);
    }
    size_t inked_whole = 0, differ = 0;
    for (int i = 0; i < THIN_W * THIN_H; i++) {
        inked_whole += ink[0][i];
        differ += ink[0][i] != ink[1][i];
    }
    assert_true(inked_whole > 2000);
    assert_true(differ * 5 < inked_whole);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_png_size_in_pixels),
        cmocka_unit_test(test_chart_png_is_byte_identical),
        cmocka_unit_test(test_chart_line_layout_for_any_length),
        cmocka_unit_test(test_chart_latest_labels_do_not_collide),
        cmocka_unit_test(test_chart_many_latest_labels_stay_apart),
        cmocka_unit_test(test_chart_missing_value_is_a_gap),
        cmocka_unit_test(test_chart_edge_data_renders),
        cmocka_unit_test(test_chart_yoy_colours_follow_better_direction),
        cmocka_unit_test(test_chart_yoy_names_periods),
        cmocka_unit_test(test_chart_legend_names_groups),
        cmocka_unit_test(test_chart_selects_several),
        cmocka_unit_test(test_chart_partial_points_marked),
        cmocka_unit_test(test_chart_yoy_dense_rows_never_overlap),
        cmocka_unit_test(test_chart_milestones_stacks),
        cmocka_unit_test(test_chart_yoy_significance),
        cmocka_unit_test(test_chart_spc_points_and_rebase),
        cmocka_unit_test(test_chart_multiples_twelve_panels),
        cmocka_unit_test(test_chart_multiples_one_scale),
        cmocka_unit_test(test_chart_multiples_order),
        cmocka_unit_test(test_chart_multiples_borough_names),
        cmocka_unit_test(test_chart_sparkline_has_no_text),
        cmocka_unit_test(test_chart_pdf_and_svg),
        cmocka_unit_test(test_chart_format_from_path),
        cmocka_unit_test(test_chart_status_is_sticky),
        cmocka_unit_test(test_chart_write_failures_leave_nothing),
        cmocka_unit_test(test_chart_new_refuses_bad_options),
        cmocka_unit_test(test_chart_latest_label_text),
        cmocka_unit_test(test_chart_build_all_same_files_on_any_threads),
        cmocka_unit_test(test_chart_build_out_of_memory),
        cmocka_unit_test(test_chart_build_all_out_of_memory),
        cmocka_unit_test(test_chart_thinned_line_same_extremes),
    };
    if (group_setup(NULL) != 0)
        return 1;
    int rc = kpi_test_run(tests);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    /* Pango's, cairo's and fontconfig's process-wide caches, so that the
     * leak checker sees only kpi's own allocations. */
    kpi_chart_release_fonts();
    return rc;
}
