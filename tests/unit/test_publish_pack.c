/* Tests of the PDF pack's layout: a 40-indicator pack stays inside its
 * pages, no text runs over other text or a chart, no block splits across
 * pages, the summary table repeats its header on every page it continues
 * on; and the pack's refusals (a bad date, nothing to report) and its
 * determinism (the same input and date give the same bytes). */
#include "harness.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kpi/chart.h"
#include "kpi/milestones.h"
#include "kpi/pack.h"
#include "pack_private.h"

/* ---- fixtures ------------------------------------------------------------- */

#define N_IND 40
#define N_MONTHS 36

/* Labels of every length and script a pack must survive. */
static const char *const label_kinds[] = {
    "Homicide",
    "Knife crime (offences involving a knife or sharp instrument) recorded by the Metropolitan "
    "Police Service across all 32 London boroughs and the City",
    "Troseddau treisgar \xe2\x80\x93 Caerdydd a\xe2\x80\x99r Fro (\xc5\xb4yr)",
    "Przest\xc4\x99pstwa w \xc5\x81odzi \xe2\x80\x93 \xc5\x9ar\xc3\xb3"
    "dmie\xc5\x9b"
    "cie",
    "\xda\xa9\xd8\xb1\xd8\xa7\xda\x86\xdb\x8c \xd8\xb4\xdb\x81\xd8\xb1 \xd9\x85\xdb\x8c\xda\xba "
    "\xd8\xac\xd8\xb1\xd8\xa7\xd8\xa6\xd9\x85",
    "Response times \xf0\x9f\x91\xae (emergency calls)",
    "Antisocialbehaviourincidentsrecordedwithoutanyspacesatallsothatwrappingmustbreakinsideaword",
};

/* 40 indicators, 36 months each, some with targets and a missing month;
 * one with a single month (no chart), one whose last month is missing. */
static void
make_data(kpi_store **store, kpi_meta **meta)
{
    size_t cap = 1 << 20;
    char *csv = malloc(cap), *mcsv = malloc(cap);
    assert_non_null(csv);
    assert_non_null(mcsv);
    size_t n = (size_t)snprintf(csv, cap, "indicator,area,period,value\n");
    size_t mn = (size_t)snprintf(mcsv, cap, "indicator,label,unit,better,target,target_op\n");
    for (int i = 0; i < N_IND; i++) {
        int months = i == 7 ? 1 : N_MONTHS;
        for (int t = 0; t < months; t++) {
            int y = 2022 + t / 12, m = t % 12 + 1;
            const char *v = "";
            char buf[32];
            if (!(i == 9 && t == 20)) {
                snprintf(buf, sizeof buf, "%d", 100 * (i + 1) + (t * 37 + i * 11) % 90);
                v = buf;
            }
            n += (size_t)snprintf(csv + n, cap - n, "ind%02d,London,%d-%02d,%s\n", i, y, m, v);
        }
        const char *label = label_kinds[(size_t)i % (sizeof label_kinds / sizeof label_kinds[0])];
        if (i % 5 == 3)
            mn += (size_t)snprintf(mcsv + mn, cap - mn, "ind%02d,\"%s %d\",offences,down,%d,<=\n",
                                   i, label, i, 100 * (i + 1) + 40);
        else
            mn += (size_t)snprintf(mcsv + mn, cap - mn, "ind%02d,\"%s %d\",offences,up,,\n", i,
                                   label, i);
    }
    *store = kpi_test_read(csv, NULL);
    *meta = kpi_test_meta(mcsv);
    free(csv);
    free(mcsv);
    assert_non_null(*store);
    assert_non_null(*meta);
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static bool
overlap(const kpi_pack_box *a, const kpi_pack_box *b)
{
    /* Touching edges are allowed; a hundredth of a point is rounding. */
    double e = 0.01;
    return a->page == b->page && a->x + e < b->x + b->w && b->x + e < a->x + a->w &&
           a->y + e < b->y + b->h && b->y + e < a->y + a->h;
}

static bool
within(const kpi_pack_box *in, const kpi_pack_box *out)
{
    double e = 0.01;
    return in->page == out->page && in->x >= out->x - e && in->y >= out->y - e &&
           in->x + in->w <= out->x + out->w + e && in->y + in->h <= out->y + out->h + e;
}

/* ---- tests ---------------------------------------------------------------- */

/* Forty indicators lay out without overflow: every box on its page and,
 * but for the footers, inside the margins; no text over text or a chart;
 * one block per indicator, whole on one page, holding its own text and
 * chart; the summary table has one row per indicator and starts each of
 * its pages with its header. */
static void
test_pack_forty_indicators_lay_out_without_overflow(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_meta *meta;
    make_data(&s, &meta);
    kpi_pack_options o = kpi_pack_options_default();
    o.title = "A pack of forty indicators, with a title long enough to wrap onto a second line "
              "of the cover";
    o.source = "Source: test data";
    o.intro = "An introduction of two paragraphs.\n\nThe second one.";
    o.date = "2026-12-01";
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, KPI_PACK_PAGE_W,
                                                               KPI_PACK_PAGE_H);
    kpi_pack_layout lay = {0};
    kpi_error err;
    assert_int_equal(kpi_pack_render(s, meta, &o, pdf, &lay, &err), KPI_OK);
    cairo_surface_finish(pdf);
    assert_int_equal(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);

    assert_int_equal(lay.entries, N_IND);
    /* The cover and table take two pages; the blocks at least 20 more. */
    assert_true(lay.pages >= 2 + N_IND / 2);
    size_t blocks[N_IND] = {0}, rows[N_IND] = {0}, charts = 0, footers = 0;
    const kpi_pack_box *block_of[N_IND] = {0};
    for (size_t i = 0; i < lay.n; i++) {
        const kpi_pack_box *b = &lay.boxes[i];
        assert_true(b->page >= 1 && b->page <= lay.pages);
        assert_true(b->w >= 0.0 && b->h >= 0.0);
        assert_true(b->x >= 0.0 && b->y >= 0.0 && b->x + b->w <= KPI_PACK_PAGE_W &&
                    b->y + b->h <= KPI_PACK_PAGE_H);
        if (b->footer) {
            footers++;
            assert_true(b->y >= KPI_PACK_CONTENT_BOTTOM);
        } else {
            assert_true(b->x >= KPI_PACK_MARGIN - 0.01);
            assert_true(b->x + b->w <= KPI_PACK_PAGE_W - KPI_PACK_MARGIN + 0.01);
            assert_true(b->y >= KPI_PACK_MARGIN - 0.01);
            assert_true(b->y + b->h <= KPI_PACK_CONTENT_BOTTOM + 0.01);
        }
        if (b->kind == KPI_PACK_BOX_BLOCK) {
            assert_true(b->entry < N_IND);
            blocks[b->entry]++;
            block_of[b->entry] = b;
        }
        if (b->kind == KPI_PACK_BOX_ROW && b->entry != KPI_PACK_NO_ENTRY)
            rows[b->entry]++;
        charts += b->kind == KPI_PACK_BOX_CHART;
    }
    /* "Title ... | Page N of M" on every page. */
    assert_int_equal(footers, 2 * lay.pages);
    for (size_t e = 0; e < N_IND; e++) {
        assert_int_equal(blocks[e], 1);
        assert_int_equal(rows[e], 1);
    }
    /* Every indicator has a chart but the one with a single month. */
    assert_int_equal(charts, N_IND - 1);
    for (size_t i = 0; i < lay.n; i++) {
        const kpi_pack_box *a = &lay.boxes[i];
        if ((a->kind == KPI_PACK_BOX_TEXT || a->kind == KPI_PACK_BOX_CHART) &&
            a->entry != KPI_PACK_NO_ENTRY) {
            /* A block's text and chart sit inside it; a summary row's text
             * inside its row (checked below). */
            const kpi_pack_box *blk = block_of[a->entry];
            bool in_block = within(a, blk);
            bool in_row = false;
            for (size_t j = 0; j < lay.n && !in_block && !in_row; j++)
                in_row = lay.boxes[j].kind == KPI_PACK_BOX_ROW && lay.boxes[j].entry == a->entry &&
                         within(a, &lay.boxes[j]);
            assert_true(in_block || in_row);
        }
        for (size_t j = i + 1; j < lay.n; j++) {
            const kpi_pack_box *b = &lay.boxes[j];
            bool ink_a = a->kind == KPI_PACK_BOX_TEXT || a->kind == KPI_PACK_BOX_CHART;
            bool ink_b = b->kind == KPI_PACK_BOX_TEXT || b->kind == KPI_PACK_BOX_CHART;
            if (ink_a && ink_b && overlap(a, b))
                fprintf(stderr,
                        "page %zu: box %zu (%.1f,%.1f %.1fx%.1f) overlaps %zu (%.1f,%.1f "
                        "%.1fx%.1f)\n",
                        a->page, i, a->x, a->y, a->w, a->h, j, b->x, b->y, b->w, b->h);
            if (ink_a && ink_b)
                assert_false(overlap(a, b));
            bool frame_a = a->kind == KPI_PACK_BOX_BLOCK || a->kind == KPI_PACK_BOX_ROW;
            bool frame_b = b->kind == KPI_PACK_BOX_BLOCK || b->kind == KPI_PACK_BOX_ROW;
            if (frame_a && frame_b)
                assert_false(overlap(a, b));
        }
    }
    /* The first row of the table on each of its pages is the header. */
    size_t last_page = 0;
    for (size_t i = 0; i < lay.n; i++) {
        const kpi_pack_box *b = &lay.boxes[i];
        if (b->kind != KPI_PACK_BOX_ROW || b->page == last_page)
            continue;
        assert_int_equal(b->entry, KPI_PACK_NO_ENTRY);
        last_page = b->page;
    }
    assert_true(last_page >= 2); /* forty rows do not fit under the cover */
    kpi_pack_layout_free(&lay);
    kpi_store_free(s);
    kpi_meta_free(meta);
}

/* Every box on its page and, but for the footers, inside the margins; no
 * text over text or a chart, no row over another row. */
static void
assert_boxes_apart(const kpi_pack_layout *lay)
{
    for (size_t i = 0; i < lay->n; i++) {
        const kpi_pack_box *a = &lay->boxes[i];
        assert_true(a->page >= 1 && a->page <= lay->pages);
        if (!a->footer) {
            assert_true(a->x >= KPI_PACK_MARGIN - 0.01 && a->y >= KPI_PACK_MARGIN - 0.01);
            assert_true(a->x + a->w <= KPI_PACK_PAGE_W - KPI_PACK_MARGIN + 0.01);
            assert_true(a->y + a->h <= KPI_PACK_CONTENT_BOTTOM + 0.01);
        }
        bool ink_a = a->kind == KPI_PACK_BOX_TEXT || a->kind == KPI_PACK_BOX_CHART;
        for (size_t j = i + 1; j < lay->n; j++) {
            const kpi_pack_box *b = &lay->boxes[j];
            bool ink_b = b->kind == KPI_PACK_BOX_TEXT || b->kind == KPI_PACK_BOX_CHART;
            if ((ink_a && ink_b) || (a->kind == KPI_PACK_BOX_ROW && b->kind == KPI_PACK_BOX_ROW))
                assert_false(overlap(a, b));
        }
    }
}

/* A register of 40 milestones at one reporting period: 6 delivered, 12
 * on track, 4 with some delay, 18 with no status; notes long enough to
 * wrap, so the table of the 34 not delivered runs over pages. */
static kpi_milestones *
make_register(void)
{
    static char csv[16384];
    size_t n = (size_t)snprintf(csv, sizeof csv, "milestone,title,theme,due,period,status,note\n");
    for (int i = 0; i < 40; i++) {
        const char *status = i < 6 ? "delivered" : i < 18 ? "on track" : i < 22 ? "some delay" : "";
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "m%02d,Milestone number %d of the plan with a long title,Theme %d,"
                              "2018-19 Q%d,2018-19 Q4,%s,A note that says what happened this "
                              "quarter and what comes next for milestone %d\n",
                              i, i, i % 4, 1 + i % 4, status, i);
    }
    FILE *fp = kpi_test_memfile(csv);
    kpi_error err;
    kpi_milestones *m = kpi_milestones_read_stream(fp, "reg.csv", NULL, &err);
    fclose(fp);
    assert_non_null(m);
    return m;
}

/* The milestones section comes after the indicators, on pages of its
 * own: a counts row per status it shows and the total, the chart, and
 * one row per milestone not delivered with the header repeated on every
 * page of the table; nothing runs over anything. */
static void
test_pack_milestones_section(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "a,London,2017-18,163\na,London,2018-19,122\n",
                                 NULL);
    kpi_milestones *m = make_register();
    kpi_milestones_view v;
    kpi_error err;
    assert_int_equal(kpi_milestones_at(m, NULL, &v, &err), KPI_OK);
    kpi_pack_options o = kpi_pack_options_default();
    o.milestones = m;
    o.milestones_view = &v;
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, KPI_PACK_PAGE_W,
                                                               KPI_PACK_PAGE_H);
    kpi_pack_layout lay = {0};
    assert_int_equal(kpi_pack_render(s, NULL, &o, pdf, &lay, &err), KPI_OK);
    cairo_surface_finish(pdf);
    assert_int_equal(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
    assert_boxes_apart(&lay);

    /* The cover, the indicator's block, then the section from page 3. */
    size_t block_page = 0, charts = 0, rows = 0, pages = 0, last_page = 0;
    for (size_t i = 0; i < lay.n; i++) {
        const kpi_pack_box *b = &lay.boxes[i];
        if (b->kind == KPI_PACK_BOX_BLOCK)
            block_page = b->page;
        charts += b->kind == KPI_PACK_BOX_CHART;
        if (b->kind != KPI_PACK_BOX_ROW || b->page < 3)
            continue;
        rows++;
        if (b->page != last_page) {
            pages++;
            last_page = b->page;
        }
    }
    assert_int_equal(block_page, 2);
    assert_int_equal(charts, 2); /* the indicator's and the milestones' */
    assert_int_equal(last_page, lay.pages);
    /* Rows from page 3: the counts' header and 5 rows (three words, no
     * status, the total), then the open table's 34 rows and its header
     * once on each of the pages it spans (all of the section's: it starts
     * under the chart on page 3). */
    assert_true(pages >= 2);
    assert_int_equal(rows, 1 + 5 + 34 + pages);
    kpi_pack_layout_free(&lay);

    /* Out of memory anywhere is KPI_ENOMEM, and nothing leaks (ASan). */
    long n;
    for (n = 0; n < 100000; n++) {
        char *bytes = NULL;
        size_t size = 0;
        FILE *out = open_memstream(&bytes, &size);
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        kpi_status st = kpi_pack_write_stream(s, NULL, &o, out, &err);
        kpi_alloc_fail_after(-1);
        fclose(out);
        free(bytes);
        if (st == KPI_OK)
            break;
        assert_int_equal(st, KPI_ENOMEM);
    }
    assert_true(n > 0 && n < 100000);

    /* A register without its view (or the reverse) is refused. */
    o.milestones_view = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(kpi_pack_write_stream(s, NULL, &o, mem, &err), KPI_EINVAL);
    assert_string_equal(err.message, "a milestones section needs both the register and its view");
    fclose(mem);
    free(buf);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
    kpi_store_free(s);
}

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

static uint64_t
pack_hash(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *o, size_t *len)
{
    char *buf = NULL;
    FILE *mem = open_memstream(&buf, len);
    assert_non_null(mem);
    kpi_error err;
    assert_int_equal(kpi_pack_write_stream(s, meta, o, mem, &err), KPI_OK);
    assert_int_equal(fclose(mem), 0);
    assert_true(*len > 1000);
    assert_memory_equal(buf, "%PDF-", 5);
    uint64_t h = fnv1a((const unsigned char *)buf, *len);
    free(buf);
    return h;
}

/* The same input and date give the same bytes: no clock in the file. */
static void
test_pack_is_deterministic(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "a,London,2017-18,163\na,London,2018-19,122\n"
                                 "b,London,2018-19,5\n",
                                 NULL);
    assert_non_null(s);
    kpi_pack_options o = kpi_pack_options_default();
    o.date = "2026-12-01";
    size_t n1, n2;
    uint64_t h1 = pack_hash(s, NULL, &o, &n1);
    uint64_t h2 = pack_hash(s, NULL, &o, &n2);
    assert_int_equal(n1, n2);
    assert_true(h1 == h2);
    kpi_store_free(s);
}

/* A date that is not a day of the calendar, or a period no series has, is
 * refused with a reason, before anything is drawn. */
static void
test_pack_refusals(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\na,London,2018-19,122\n", NULL);
    assert_non_null(s);
    kpi_pack_options o = kpi_pack_options_default();
    kpi_error err;
    static const char *const bad[] = {"2026-02-30", "2026-13-01", "1/12/2026", "2026-12-01x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.date = bad[i];
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        assert_int_equal(kpi_pack_write_stream(s, NULL, &o, mem, &err), KPI_EINVAL);
        assert_non_null(strstr(err.message, "YYYY-MM-DD"));
        assert_non_null(strstr(err.message, bad[i]));
        fclose(mem);
        free(buf);
    }
    o.date = NULL;
    kpi_period p = {KPI_FREQ_FYEAR, 2010};
    o.period = &p;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(kpi_pack_write_stream(s, NULL, &o, mem, &err), KPI_EINVAL);
    assert_non_null(strstr(err.message, "no series has a figure"));
    fclose(mem);
    free(buf);
    kpi_store_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_forty_indicators_lay_out_without_overflow),
        cmocka_unit_test(test_pack_milestones_section),
        cmocka_unit_test(test_pack_is_deterministic),
        cmocka_unit_test(test_pack_refusals),
    };
    int rc = kpi_test_run(tests);
    kpi_chart_release_fonts();
    return rc;
}
