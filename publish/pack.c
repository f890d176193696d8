/* The PDF pack.  The document is walked twice by one function: first to
 * measure (where every block lands, how many pages there are), then to
 * draw with "Page N of M" known.  Both walks take the same decisions from
 * the same measures, so the drawn pack is the measured one. */
#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/chart.h"
#include "kpi/chart_cairo.h"
#include "kpi/outfile.h"
#include "kpi/sentence.h"
#include "kpi/significance.h"
#include "kpi/summary.h"
#include "digest_private.h"
#include "pack_private.h"

#define DEFAULT_TITLE "Performance pack"

/* Vertical rhythm, in points. */
#define GAP_SMALL 4.0
#define GAP 8.0
#define BLOCK_GAP 26.0
#define CHART_H 180.0
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
/* The summary table's columns: the digest's up to the target. */
#define N_COLS (KPI_DIGEST_COL_TARGET + 1)
#define RECENT_LABEL_W 120.0
/* A sentence longer than this many lines is cut (no real one is). */
#define SENTENCE_MAX_LINES 16

static const kpi_pack_style st_title = {22.0, true, false, 0.10, 0.10, 0.10};
static const kpi_pack_style st_cover = {10.5, false, false, 0.25, 0.25, 0.25};
static const kpi_pack_style st_body = {10.0, false, false, 0.10, 0.10, 0.10};
static const kpi_pack_style st_heading = {13.0, true, false, 0.10, 0.10, 0.10};
static const kpi_pack_style st_sub = {8.5, false, false, 0.38, 0.38, 0.38};
static const kpi_pack_style st_note = {8.5, false, true, 0.38, 0.38, 0.38};
static const kpi_pack_style st_cell = {8.0, false, false, 0.10, 0.10, 0.10};
static const kpi_pack_style st_cell_head = {8.0, true, false, 0.10, 0.10, 0.10};
static const kpi_pack_style st_footer = {8.0, false, false, 0.38, 0.38, 0.38};

kpi_pack_options
kpi_pack_options_default(void)
{
    return (kpi_pack_options){0};
}

void
kpi_pack_layout_free(kpi_pack_layout *lay)
{
    if (!lay)
        return;
    kpi_free(lay->boxes);
    *lay = (kpi_pack_layout){0};
}

typedef struct pack {
    const kpi_store *store;
    const kpi_meta *meta;
    const kpi_pack_options *opt;
    kpi_digest dg;
    char title[512];
    char period_line[128];
    char date_line[64];
} pack;

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* "2026-12-01" as "1 December 2026"; false when it is no such date. */
static bool
long_date(const char *iso, char *buf, size_t size)
{
    int y, m, d;
    char tail;
    if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
        m > 12 || d < 1)
        return false;
    int32_t day = kpi_period_day_from_ymd(y, m, d);
    int yy, mm, dd;
    kpi_period_day_to_ymd(day, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return false;
    snprintf(buf, size, "%d %s %d", d, month_names[m - 1], y);
    return true;
}

static kpi_status
collect(pack *pk, kpi_error *err)
{
    const kpi_pack_options *o = pk->opt;
    snprintf(pk->title, sizeof pk->title, "%s", o->title && o->title[0] ? o->title : DEFAULT_TITLE);
    if (o->date && !long_date(o->date, pk->date_line, sizeof pk->date_line))
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected the date of production as YYYY-MM-DD, found '%s'", o->date);
    if (o->period) {
        char per[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(*o->period, per, sizeof per);
        snprintf(pk->period_line, sizeof pk->period_line, "Reporting period: %s", per);
    } else {
        snprintf(pk->period_line, sizeof pk->period_line,
                 "Reporting period: the latest figure of each indicator");
    }
    kpi_status st = kpi_digest_collect(&pk->dg, pk->store, pk->meta, o->period, NULL, err);
    if (st != KPI_OK)
        return st;
    if (pk->dg.n == 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "nothing to put in the pack: no series has a figure for the period");
    return KPI_OK;
}

/* ---- the walk ----------------------------------------------------------- */

typedef struct walk {
    pack *pk;
    kpi_pack_doc *doc;
    cairo_surface_t *surface;
    size_t pages; /* known when drawing: the measuring walk's count */
    double y;
    kpi_error *err;
    kpi_status st;
} walk;

static void
footer(walk *w)
{
    kpi_pack_doc *doc = w->doc;
    if (!doc->draw)
        return;
    size_t saved = doc->entry;
    doc->entry = KPI_PACK_NO_ENTRY;
    doc->footer = true;
    char num[64];
    snprintf(num, sizeof num, "Page %zu of %zu", doc->page, w->pages);
    double half = KPI_PACK_CONTENT_W / 2.0;
    kpi_pack_text(doc, &st_footer, w->pk->title, KPI_PACK_MARGIN, KPI_PACK_FOOTER_Y, half - GAP, 1,
                  PANGO_ALIGN_LEFT);
    kpi_pack_text(doc, &st_footer, num, KPI_PACK_MARGIN + half, KPI_PACK_FOOTER_Y, half, 1,
                  PANGO_ALIGN_RIGHT);
    doc->footer = false;
    doc->entry = saved;
}

static void
new_page(walk *w)
{
    footer(w);
    if (w->doc->draw)
        cairo_show_page(w->doc->cr);
    w->doc->page++;
    w->y = KPI_PACK_MARGIN;
}

static double
room(const walk *w)
{
    return KPI_PACK_CONTENT_BOTTOM - w->y;
}

/* A bookmark to the top of the current page at y. */
static void
bookmark(walk *w, const char *name)
{
    if (!w->doc->draw)
        return;
    char attrs[96];
    snprintf(attrs, sizeof attrs, "page=%zu pos=[%.2f %.2f]", w->doc->page, KPI_PACK_MARGIN, w->y);
    cairo_pdf_surface_add_outline(w->surface, CAIRO_PDF_OUTLINE_ROOT, name, attrs, 0);
}

/* ---- the summary table ---------------------------------------------------- */

typedef struct table_cols {
    size_t n;
    int id[N_COLS];
    double x[N_COLS], w[N_COLS];
} table_cols;

static const char *const col_titles[N_COLS] = {"Indicator", "Period",   "Value",        "Base",
                                               "Change",    "% change", "Significance", "Target"};

/* Fixed widths for the figures; the label takes what is left. */
static void
plan_columns(const pack *pk, table_cols *tc)
{
    static const double fixed_w[N_COLS] = {0, 46, 46, 46, 42, 44, 64, 54};
    tc->n = 0;
    double used = 0.0;
    for (int c = 0; c < N_COLS; c++) {
        if (c == KPI_DIGEST_COL_SIGNIF && !pk->dg.has_signif)
            continue;
        tc->id[tc->n] = c;
        tc->w[tc->n] = fixed_w[c];
        used += fixed_w[c];
        tc->n++;
    }
    tc->w[0] = KPI_PACK_CONTENT_W - used;
    double x = KPI_PACK_MARGIN;
    for (size_t i = 0; i < tc->n; i++) {
        tc->x[i] = x;
        x += tc->w[i];
    }
}

/* Words wrap to two lines (the header's too); figures take one. */
static int
cell_lines(int col, bool header)
{
    return header || col == KPI_DIGEST_COL_LABEL || col == KPI_DIGEST_COL_PERIOD ||
                   col == KPI_DIGEST_COL_SIGNIF || col == KPI_DIGEST_COL_TARGET
               ? 2
               : 1;
}

/* The height of a row: its cells (the titles when e is NULL). */
static double
row_height(walk *w, const table_cols *tc, const kpi_digest_entry *e)
{
    kpi_pack_doc *doc = w->doc;
    bool draw = doc->draw;
    doc->draw = false;
    double h = 0.0;
    for (size_t i = 0; i < tc->n; i++) {
        int c = tc->id[i];
        const char *text = e ? e->cells[c] : col_titles[c];
        h = fmax(h,
                 kpi_pack_text(doc, e ? &st_cell : &st_cell_head, text, 0, 0,
                               tc->w[i] - 2.0 * CELL_PAD_X, cell_lines(c, !e), PANGO_ALIGN_LEFT));
    }
    doc->draw = draw;
    return h + 2.0 * CELL_PAD_Y;
}

/* Draw a row at the walk's y on a shaded band (the header, and every
 * other row); returns its height. */
static double
table_row(walk *w, const table_cols *tc, const kpi_digest_entry *e, size_t index)
{
    kpi_pack_doc *doc = w->doc;
    double h = row_height(w, tc, e);
    if (!doc->draw)
        return h;
    if (!e || index % 2 == 1) {
        double shade = e ? 0.96 : 0.88;
        cairo_set_source_rgb(doc->cr, shade, shade, shade);
        cairo_rectangle(doc->cr, KPI_PACK_MARGIN, w->y, KPI_PACK_CONTENT_W, h);
        cairo_fill(doc->cr);
    }
    for (size_t i = 0; i < tc->n; i++) {
        int c = tc->id[i];
        bool left = c == KPI_DIGEST_COL_LABEL || c == KPI_DIGEST_COL_PERIOD ||
                    c == KPI_DIGEST_COL_SIGNIF || c == KPI_DIGEST_COL_TARGET;
        kpi_pack_text(doc, e ? &st_cell : &st_cell_head, e ? e->cells[c] : col_titles[c],
                      tc->x[i] + CELL_PAD_X, w->y + CELL_PAD_Y, tc->w[i] - 2.0 * CELL_PAD_X,
                      cell_lines(c, !e), left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
    }
    kpi_pack_record(doc, KPI_PACK_BOX_ROW, KPI_PACK_MARGIN, w->y, KPI_PACK_CONTENT_W, h);
    return h;
}

/* The table, continued on new pages with its header repeated. */
static void
summary_table(walk *w)
{
    table_cols tc;
    plan_columns(w->pk, &tc);
    w->y += table_row(w, &tc, NULL, 0);
    for (size_t i = 0; i < w->pk->dg.n; i++) {
        const kpi_digest_entry *e = &w->pk->dg.entries[i];
        if (row_height(w, &tc, e) > room(w)) {
            new_page(w);
            w->y += table_row(w, &tc, NULL, 0);
        }
        w->doc->entry = i;
        w->y += table_row(w, &tc, e, i);
        w->doc->entry = KPI_PACK_NO_ENTRY;
    }
}

/* ---- the cover ------------------------------------------------------------ */

static void
text_line(walk *w, const kpi_pack_style *st, const char *text, double after)
{
    if (!text || !text[0])
        return;
    w->y += kpi_pack_text(w->doc, st, text, KPI_PACK_MARGIN, w->y, KPI_PACK_CONTENT_W, 0,
                          PANGO_ALIGN_LEFT) +
            after;
}

static void
cover(walk *w)
{
    const pack *pk = w->pk;
    text_line(w, &st_title, pk->title, GAP);
    text_line(w, &st_cover, pk->period_line, 2.0);
    if (pk->date_line[0]) {
        char produced[96];
        snprintf(produced, sizeof produced, "Produced on %s", pk->date_line);
        text_line(w, &st_cover, produced, 2.0);
    }
    text_line(w, &st_cover, pk->opt->source, 0.0);
    w->y += 2.0 * GAP;
    /* The introduction, paragraph by paragraph: a paragraph that does not
     * fit what is left of the page goes to the next. */
    const char *p = pk->opt->intro;
    while (p && *p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *para = kpi_strndup(p, len);
        if (!para) {
            w->doc->oom = true;
            return;
        }
        /* A template's lines are wrapped by its author; the page wraps
         * them again, so a single line break is a space. */
        for (char *q = para; *q; q++)
            if (*q == '\n')
                *q = ' ';
        bool blank = strspn(para, " \t") == len;
        if (!blank) {
            bool draw = w->doc->draw;
            w->doc->draw = false;
            double h = kpi_pack_text(w->doc, &st_body, para, 0, 0, KPI_PACK_CONTENT_W, 0,
                                     PANGO_ALIGN_LEFT);
            w->doc->draw = draw;
            if (h > room(w) && w->y > KPI_PACK_MARGIN)
                new_page(w);
            text_line(w, &st_body, para, GAP);
        }
        kpi_free(para);
        p += len;
        while (*p == '\n')
            p++;
    }
    w->y += GAP;
    bookmark(w, "Summary of indicators");
    text_line(w, &st_heading, "Summary of indicators", GAP);
}

/* ---- an indicator's block ------------------------------------------------- */

/* The line chart of e in a box at (x, y). */
static void
chart(walk *w, const kpi_digest_entry *e, double x, double y, double width)
{
    kpi_pack_doc *doc = w->doc;
    if (!doc->draw)
        return;
    kpi_error cerr;
    kpi_chart *c = kpi_digest_chart(e, false, 0.0, 0.0, &cerr);
    if (!c) {
        w->st = kpi_error_set(w->err, cerr.code, NULL, 0, 0, "%s: %s", e->row.indicator,
                              cerr.message);
        return;
    }
    cairo_save(doc->cr);
    cairo_translate(doc->cr, x, y);
    kpi_status st = kpi_chart_draw_cairo(c, doc->cr, width, CHART_H, &cerr);
    cairo_restore(doc->cr);
    if (st != KPI_OK && w->st == KPI_OK)
        w->st = kpi_error_set(w->err, cerr.code, NULL, 0, 0, "the chart of %s: %s",
                              e->row.indicator, cerr.message);
    kpi_chart_free(c);
    kpi_pack_record(doc, KPI_PACK_BOX_CHART, x, y, width, CHART_H);
}

/* The recent values: a header of periods, the values, and the change on
 * a year earlier.  Returns its height. */
static double
recent_table(walk *w, const kpi_digest_entry *e, double y)
{
    kpi_pack_doc *doc = w->doc;
    double x = KPI_PACK_MARGIN;
    double col = (KPI_PACK_CONTENT_W - RECENT_LABEL_W) / KPI_DIGEST_RECENT_MAX;
    static const char *const rows[] = {"Period", "Value", "Change on a year earlier"};
    double y0 = y;
    for (size_t r = 0; r < 3; r++) {
        const kpi_pack_style *st = r == 0 ? &st_cell_head : &st_cell;
        double h = kpi_pack_text(doc, st, rows[r], x + CELL_PAD_X, y + CELL_PAD_Y,
                                 RECENT_LABEL_W - 2.0 * CELL_PAD_X, 1, PANGO_ALIGN_LEFT);
        /* Right-aligned under the last columns, so the latest period sits
         * at the right edge as it does on the chart. */
        size_t skip = KPI_DIGEST_RECENT_MAX - e->n_recent;
        for (size_t i = 0; i < e->n_recent; i++) {
            const kpi_digest_recent *c = &e->recent[i];
            const char *text = r == 0 ? c->period : r == 1 ? c->value : c->pct;
            double cx = x + RECENT_LABEL_W + col * (double)(skip + i);
            h = fmax(h, kpi_pack_text(doc, st, text, cx + CELL_PAD_X, y + CELL_PAD_Y,
                                      col - 2.0 * CELL_PAD_X, 1, PANGO_ALIGN_RIGHT));
        }
        y += h + 2.0 * CELL_PAD_Y;
        if (r == 0 && doc->draw) {
            cairo_set_source_rgb(doc->cr, 0.6, 0.6, 0.6);
            cairo_set_line_width(doc->cr, 0.5);
            cairo_move_to(doc->cr, x, y);
            cairo_line_to(doc->cr, x + KPI_PACK_CONTENT_W, y);
            cairo_stroke(doc->cr);
        }
    }
    return y - y0;
}

/* Lay out (and, when the doc draws, draw) e's block from the walk's y.
 * Returns its height. */
static double
block(walk *w, const kpi_digest_entry *e)
{
    double x = KPI_PACK_MARGIN, width = KPI_PACK_CONTENT_W;
    double y = w->y;
    kpi_pack_doc *doc = w->doc;
    y += kpi_pack_text(doc, &st_heading, e->heading, x, y, width, 2, PANGO_ALIGN_LEFT) + 1.0;
    y += kpi_pack_text(doc, &st_sub, e->sub, x, y, width, 1, PANGO_ALIGN_LEFT) + GAP_SMALL;
    y += kpi_pack_text(doc, &st_body, e->sentence, x, y, width, SENTENCE_MAX_LINES,
                       PANGO_ALIGN_LEFT) +
         GAP;
    if (e->n_values >= 2) {
        chart(w, e, x, y, width);
        y += CHART_H + GAP;
    } else {
        y += kpi_pack_text(doc, &st_note, "One figure only: no chart.", x, y, width, 1,
                           PANGO_ALIGN_LEFT) +
             GAP;
    }
    y += recent_table(w, e, y);
    kpi_pack_record(doc, KPI_PACK_BOX_BLOCK, x, w->y, width, y - w->y);
    return y - w->y;
}

static void
blocks(walk *w)
{
    new_page(w);
    for (size_t i = 0; i < w->pk->dg.n && w->st == KPI_OK; i++) {
        const kpi_digest_entry *e = &w->pk->dg.entries[i];
        bool draw = w->doc->draw;
        w->doc->draw = false;
        double h = block(w, e);
        w->doc->draw = draw;
        if (h > room(w) && w->y > KPI_PACK_MARGIN)
            new_page(w);
        if (w->y > KPI_PACK_MARGIN && w->doc->draw) {
            /* A rule between two blocks of a page. */
            double ry = w->y - BLOCK_GAP / 2.0;
            cairo_set_source_rgb(w->doc->cr, 0.8, 0.8, 0.8);
            cairo_set_line_width(w->doc->cr, 0.5);
            cairo_move_to(w->doc->cr, KPI_PACK_MARGIN, ry);
            cairo_line_to(w->doc->cr, KPI_PACK_MARGIN + KPI_PACK_CONTENT_W, ry);
            cairo_stroke(w->doc->cr);
        }
        bookmark(w, e->heading);
        w->doc->entry = i;
        w->y += block(w, e) + BLOCK_GAP;
        w->doc->entry = KPI_PACK_NO_ENTRY;
    }
}

/* One walk over the whole document; returns the number of pages. */
static size_t
walk_pack(walk *w)
{
    w->doc->page = 1;
    w->y = KPI_PACK_MARGIN;
    cover(w);
    summary_table(w);
    blocks(w);
    footer(w);
    return w->doc->page;
}

kpi_status
kpi_pack_render(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *opt,
                cairo_surface_t *surface, kpi_pack_layout *lay, kpi_error *err)
{
    kpi_pack_options defaults = kpi_pack_options_default();
    pack pk = {.store = s, .meta = meta, .opt = opt ? opt : &defaults};
    kpi_status st = collect(&pk, err);
    cairo_t *cr = NULL;
    kpi_pack_doc doc = {0};
    if (st == KPI_OK) {
        cr = cairo_create(surface);
        if (!kpi_pack_doc_init(&doc, cr))
            st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory laying out the pack");
    }
    if (st == KPI_OK) {
        walk w = {.pk = &pk, .doc = &doc, .surface = surface, .err = err, .st = KPI_OK};
        doc.draw = false;
        w.pages = walk_pack(&w);
        doc.draw = true;
        doc.rec = lay;
        if (lay) {
            lay->pages = w.pages;
            lay->entries = pk.dg.n;
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, pk.title);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kpi");
        char when[32];
        snprintf(when, sizeof when, "%sT00:00:00", opt && opt->date ? opt->date : "");
        /* The creation date is the date of production, or none: never the
         * clock, so the same input and date give the same file. */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       opt && opt->date ? when : NULL);
        walk_pack(&w);
        st = w.st;
        if (st == KPI_OK && doc.oom)
            st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory laying out the pack");
        cairo_status_t cs = cairo_status(cr);
        if (st == KPI_OK && cs != CAIRO_STATUS_SUCCESS)
            st = kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the pack: %s",
                               cairo_status_to_string(cs));
    }
    kpi_pack_doc_fini(&doc);
    if (cr)
        cairo_destroy(cr);
    kpi_digest_fini(&pk.dg);
    return st;
}

/* ---- writing -------------------------------------------------------------- */

typedef struct sink {
    FILE *fp;
    int errnum; /* 0, or errno of the first failed write */
} sink;

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    sink *sk = closure;
    if (sk->errnum)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, length, sk->fp) != length) {
        sk->errnum = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

kpi_status
kpi_pack_write_stream(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *opt,
                      FILE *fp, kpi_error *err)
{
    sink sk = {fp, 0};
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(sink_write, &sk, KPI_PACK_PAGE_W,
                                                                   KPI_PACK_PAGE_H);
    kpi_status st = KPI_OK;
    cairo_status_t cs = cairo_surface_status(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        st = kpi_pack_render(s, meta, opt, surface, NULL, err);
    cairo_surface_finish(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != KPI_OK)
        return st;
    if (sk.errnum || cs == CAIRO_STATUS_WRITE_ERROR)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the pack: %s",
                             strerror(sk.errnum ? sk.errnum : EIO));
    if (cs != CAIRO_STATUS_SUCCESS)
        return kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the pack: %s",
                             cairo_status_to_string(cs));
    if (fflush(fp) != 0 || ferror(fp))
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the pack: %s",
                             strerror(errno ? errno : EIO));
    return KPI_OK;
}

kpi_status
kpi_pack_write(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *opt,
               const char *path, kpi_error *err)
{
    kpi_outfile *f = kpi_outfile_open(path, err);
    if (!f)
        return err ? err->code : KPI_EIO;
    kpi_status st = kpi_pack_write_stream(s, meta, opt, kpi_outfile_stream(f), err);
    kpi_status closed = kpi_outfile_close(f, st == KPI_OK, st == KPI_OK ? err : NULL);
    if (st == KPI_OK)
        st = closed;
    if (st != KPI_OK && err && err->source[0] == '\0')
        snprintf(err->source, sizeof err->source, "%s", path);
    return st;
}
