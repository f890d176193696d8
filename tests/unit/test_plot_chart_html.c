/* Tests of charts inlined in an HTML page: an <svg> element with only a
 * viewBox, no URL anywhere, ids unique across charts and every reference
 * resolved, glyphs defined once per page, numbers to two decimals and
 * colours in hex, bad prefixes refused, and out-of-memory failures that
 * leave the page untouched. */
#include "harness.h"

#include <string.h>

#include "kpi/chart.h"
#include "kpi/chart_html.h"

#define N_POINTS 10

static kpi_chart *
line_chart(const char *title)
{
    static kpi_period periods[N_POINTS];
    static double values[N_POINTS];
    for (int i = 0; i < N_POINTS; i++) {
        periods[i] = (kpi_period){KPI_FREQ_YEAR, 2010 + i};
        values[i] = 100.0 + 7.25 * i * (i % 3);
    }
    kpi_chart_options o = kpi_chart_options_default();
    o.title = title;
    o.source = "Source: tests";
    kpi_error err;
    kpi_chart *c = kpi_chart_new(KPI_CHART_LINE, &o, &err);
    assert_non_null(c);
    kpi_chart_series s = {.name = "Robbery", .periods = periods, .values = values, .n = N_POINTS};
    assert_int_equal(kpi_chart_add_series(c, &s), KPI_OK);
    return c;
}

/* The page's text: the charts written through h, then the glyphs. */
static char *
page(kpi_chart_html *h, kpi_chart *const *charts, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    kpi_error err;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(kpi_chart_html_write(h, charts[i], "class=\"c\"", out, &err), KPI_OK);
    assert_int_equal(kpi_chart_html_write_glyphs(h, out, &err), KPI_OK);
    fclose(out);
    return buf;
}

/* The element opens with the viewBox of 160 x 100 mm in points (453.5433
 * x 283.4646, to two decimals), then the caller's attributes, and names
 * no URL, namespace or size. */
static void
test_chart_html_svg_element(void **state)
{
    (void)state;
    kpi_chart *c = line_chart("Robbery <b>&</b>");
    kpi_chart_html *h = kpi_chart_html_new("k", NULL);
    assert_non_null(h);
    char *text = page(h, &c, 1);
    assert_true(strncmp(text, "<svg viewBox=\"0 0 453.54 283.46\" class=\"c\">", 43) == 0);
    assert_null(strstr(text, "<?xml"));
    assert_null(strstr(text, "xmlns"));
    assert_null(strstr(text, "http"));
    assert_null(strstr(text, "xlink:"));
    assert_null(strstr(text, "pt\""));
    /* The white background, rgb(100%,100%,100%), is #ffffff. */
    assert_non_null(strstr(text, "#ffffff"));
    assert_null(strstr(text, "rgb("));
    free(text);
    kpi_chart_html_free(h);
    kpi_chart_free(c);
}

/* Copy the value of the attribute at p (just after its opening quote). */
static size_t
value_at(const char *p, char *buf, size_t size)
{
    size_t n = strcspn(p, "\")");
    assert_true(n < size);
    memcpy(buf, p, n);
    buf[n] = '\0';
    return n;
}

/* Two charts and the glyphs: every id is unique, every href="#x" and
 * url(#x) names one of them. */
static void
test_chart_html_ids_unique_and_resolved(void **state)
{
    (void)state;
    kpi_chart *c[2] = {line_chart("First"), line_chart("Second chart, other words: 0123456789")};
    kpi_chart_html *h = kpi_chart_html_new("dash_1", NULL);
    char *text = page(h, c, 2);
    enum { MAX_IDS = 4096 };
    static char ids[MAX_IDS][48];
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, " id=\"")) != NULL; p += 5) {
        assert_true(n < MAX_IDS);
        value_at(p + 5, ids[n], sizeof ids[n]);
        assert_true(strncmp(ids[n], "dash_1", 6) == 0);
        for (size_t k = 0; k < n; k++)
            assert_string_not_equal(ids[k], ids[n]);
        n++;
    }
    assert_true(n > 20);
    size_t refs = 0;
    static const char *const openers[] = {"href=\"#", "url(#"};
    for (size_t o = 0; o < 2; o++)
        for (const char *p = text; (p = strstr(p, openers[o])) != NULL; p++) {
            char id[48];
            value_at(p + strlen(openers[o]), id, sizeof id);
            bool found = false;
            for (size_t k = 0; k < n && !found; k++)
                found = strcmp(ids[k], id) == 0;
            if (!found)
                fail_msg("unresolved reference #%s", id);
            refs++;
        }
    assert_true(refs > 50);
    free(text);
    kpi_chart_html_free(h);
    kpi_chart_free(c[0]);
    kpi_chart_free(c[1]);
}

/* The glyph references of an element, in order: "kg2 kg3 ...". */
static void
glyph_refs(const char *text, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, "href=\"#kg")) != NULL; p++) {
        size_t k = strcspn(p + 7, "\"");
        assert_true(n + k + 2 < size);
        memcpy(buf + n, p + 7, k);
        n += k;
        buf[n++] = ' ';
    }
    buf[n] = '\0';
}

/* The same chart twice adds no glyph, and draws the same glyphs in the
 * same order. */
static void
test_chart_html_glyphs_shared(void **state)
{
    (void)state;
    kpi_chart *c = line_chart("Knife crime");
    kpi_chart_html *h = kpi_chart_html_new("k", NULL);
    char *one = NULL, *two = NULL;
    size_t n1 = 0, n2 = 0;
    FILE *f1 = open_memstream(&one, &n1);
    assert_int_equal(kpi_chart_html_write(h, c, NULL, f1, NULL), KPI_OK);
    fclose(f1);
    size_t glyphs = kpi_chart_html_glyph_count(h);
    assert_true(glyphs > 10);
    FILE *f2 = open_memstream(&two, &n2);
    assert_int_equal(kpi_chart_html_write(h, c, NULL, f2, NULL), KPI_OK);
    fclose(f2);
    assert_int_equal(kpi_chart_html_glyph_count(h), glyphs);
    static char refs1[65536], refs2[65536];
    glyph_refs(one, refs1, sizeof refs1);
    glyph_refs(two, refs2, sizeof refs2);
    assert_true(strlen(refs1) > 100);
    assert_string_equal(refs1, refs2);
    /* No glyph is drawn from the chart's own definitions. */
    assert_null(strstr(one, "<symbol"));
    free(one);
    free(two);
    kpi_chart_html_free(h);
    kpi_chart_free(c);
}

/* No number keeps more than two decimals. */
static void
test_chart_html_numbers_rounded(void **state)
{
    (void)state;
    kpi_chart *c = line_chart("Rounded");
    kpi_chart_html *h = kpi_chart_html_new("k", NULL);
    char *text = page(h, &c, 1);
    for (const char *p = text; (p = strchr(p, '.')) != NULL; p++)
        if (p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9')
            fail_msg("three decimals at '%.20s'", p - 5);
    free(text);
    kpi_chart_html_free(h);
    kpi_chart_free(c);
}

/* A prefix must be 1 to 16 letters, digits, '-' or '_' from a letter. */
static void
test_chart_html_bad_prefix(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "1k", "a b", "k\"", "abcdefghijklmnopq"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kpi_error err;
        assert_null(kpi_chart_html_new(bad[i], &err));
        assert_error(&err, KPI_EINVAL, 0, 0, "id prefix");
    }
    assert_null(kpi_chart_html_new(NULL, NULL));
    kpi_chart_html *h = kpi_chart_html_new("abcdefghijklmnop", NULL);
    assert_non_null(h);
    kpi_chart_html_free(h);
}

/* Failing each allocation in turn gives KPI_ENOMEM and writes nothing,
 * until the write succeeds. */
static void
test_chart_html_out_of_memory(void **state)
{
    (void)state;
    kpi_chart *c = line_chart("Memory");
    bool done = false;
    for (long n = 0; !done && n < 10000; n++) {
        kpi_chart_html *h = kpi_chart_html_new("k", NULL);
        assert_non_null(h);
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        kpi_error err;
        kpi_alloc_fail_after(n);
        kpi_status st = kpi_chart_html_write(h, c, NULL, out, &err);
        kpi_alloc_fail_after(-1);
        fclose(out);
        if (st == KPI_OK) {
            done = true;
            assert_true(len > 1000);
        } else {
            assert_int_equal(st, KPI_ENOMEM);
            assert_int_equal(len, 0);
        }
        free(buf);
        kpi_chart_html_free(h);
    }
    assert_true(done);
    kpi_chart_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_html_svg_element),
        cmocka_unit_test(test_chart_html_ids_unique_and_resolved),
        cmocka_unit_test(test_chart_html_glyphs_shared),
        cmocka_unit_test(test_chart_html_numbers_rounded),
        cmocka_unit_test(test_chart_html_bad_prefix),
        cmocka_unit_test(test_chart_html_out_of_memory),
    };
    int rc = kpi_test_run(tests);
    kpi_chart_release_fonts();
    return rc;
}
