/* The PDF pack.  The document is walked twice by one function: first to
 * measure (where every block lands, how many pages there are), then to
 * draw with "Page N of M" known.  Both walks take the same decisions from
 * the same measures, so the drawn pack is the measured one. */
#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/chart.h"
#include "kpi/chart_build.h"
#include "kpi/chart_cairo.h"
#include "kpi/milestones_report.h"
#include "kpi/sentence.h"
#include "kpi/significance.h"
#include "kpi/summary.h"
#include "digest_private.h"
#include "pack_private.h"
#include "surface_private.h"

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
    /* The milestones section (opt->milestones_view): the counts, movement
     * and overdue sentences (owned), and the line under its heading. */
    char *ms_sentences[3];
    char ms_sub[192];
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

/* The milestones section's sentences, each as kpi/milestones_report.h
 * writes it, and the line under its heading. */
static kpi_status
collect_milestones(pack *pk, kpi_error *err)
{
    const kpi_pack_options *o = pk->opt;
    const kpi_milestones_view *v = o->milestones_view;
    if (!o->milestones != !v)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "a milestones section needs both the register and its view");
    if (!v)
        return KPI_OK;
    static size_t (*const sentence[3])(const kpi_milestones_view *, char *, size_t) = {
        kpi_milestones_report_sentence, kpi_milestones_report_movement_sentence,
        kpi_milestones_report_overdue_sentence};
    for (size_t k = 0; k < 3; k++) {
        size_t n = sentence[k](v, NULL, 0);
        if (!(pk->ms_sentences[k] = kpi_malloc(n + 1)))
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory laying out the pack");
        sentence[k](v, pk->ms_sentences[k], n + 1);
    }
    char per[KPI_PERIOD_TEXT_MAX], prev[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(v->period, per, sizeof per);
    kpi_period_format(v->previous, prev, sizeof prev);
    snprintf(pk->ms_sub, sizeof pk->ms_sub, "%s%s%s \xc2\xb7 %zu milestone%s", per,
             v->has_previous ? ", compared with " : "", v->has_previous ? prev : "", v->all.total,
             v->all.total == 1 ? "" : "s");
    return KPI_OK;
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
    return collect_milestones(pk, err);
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

/* ---- tables --------------------------------------------------------------- */

#define GRID_MAX_COLS 8
/* No status swatch in a row. */
#define NO_STATUS KPI_MILESTONE_STATUS_LAST
#define SWATCH 7.0
#define SWATCH_GAP 4.0

/* A table's columns: where they sit, and how their cells are set. */
typedef struct grid {
    size_t n;
    double x[GRID_MAX_COLS], w[GRID_MAX_COLS];
    double width;              /* of the whole table, from the left margin */
    int lines[GRID_MAX_COLS];  /* a body cell's lines at most (a header's: 2) */
    bool left[GRID_MAX_COLS];  /* else right-aligned (figures) */
    size_t status_col;         /* the column whose cells a status swatch keys; or n */
    const char *const *titles; /* the header's cells */
} grid;

/* Place the columns from the left margin. */
static void
grid_place(grid *g)
{
    double x = KPI_PACK_MARGIN;
    for (size_t i = 0; i < g->n; i++) {
        g->x[i] = x;
        x += g->w[i];
    }
}

/* Where a cell's text starts and how wide it is: a status column's text
 * sits after its swatch. */
static double
cell_indent(const grid *g, size_t i)
{
    return i == g->status_col ? SWATCH + SWATCH_GAP : 0.0;
}

/* The height of a row of cells (the header when header is set). */
static double
grid_row_height(walk *w, const grid *g, const char *const *cells, bool header)
{
    kpi_pack_doc *doc = w->doc;
    bool draw = doc->draw;
    doc->draw = false;
    double h = 0.0;
    for (size_t i = 0; i < g->n; i++)
        h = fmax(h, kpi_pack_text(doc, header ? &st_cell_head : &st_cell, cells[i], 0, 0,
                                  g->w[i] - 2.0 * CELL_PAD_X - (header ? 0.0 : cell_indent(g, i)),
                                  header ? 2 : g->lines[i], PANGO_ALIGN_LEFT));
    doc->draw = draw;
    return h + 2.0 * CELL_PAD_Y;
}

/* A status's colour, as on the milestones chart, in a square on the
 * first line of text at (x, y), edged so that the pale greys show. */
static void
swatch(walk *w, kpi_milestone_status s, double x, double y)
{
    kpi_pack_doc *doc = w->doc;
    if (!doc->draw || s == NO_STATUS)
        return;
    double rgb[3];
    kpi_chart_milestone_colour(s, rgb);
    double line = st_cell.size * 1.2;
    cairo_rectangle(doc->cr, x + 0.2, y + (line - SWATCH) / 2.0 + 0.2, SWATCH - 0.4, SWATCH - 0.4);
    cairo_set_source_rgb(doc->cr, rgb[0], rgb[1], rgb[2]);
    cairo_fill_preserve(doc->cr);
    cairo_set_source_rgb(doc->cr, 0.45, 0.45, 0.45);
    cairo_set_line_width(doc->cr, 0.4);
    cairo_stroke(doc->cr);
}

/* Draw a row at the walk's y on a shaded band (the header, and every
 * other row), its status column keyed by status; returns its height. */
static double
grid_row(walk *w, const grid *g, const char *const *cells, bool header, size_t index,
         kpi_milestone_status status)
{
    kpi_pack_doc *doc = w->doc;
    double h = grid_row_height(w, g, cells, header);
    if (!doc->draw)
        return h;
    if (header || index % 2 == 1) {
        double shade = header ? 0.88 : 0.96;
        cairo_set_source_rgb(doc->cr, shade, shade, shade);
        cairo_rectangle(doc->cr, KPI_PACK_MARGIN, w->y, g->width, h);
        cairo_fill(doc->cr);
    }
    for (size_t i = 0; i < g->n; i++) {
        double indent = header ? 0.0 : cell_indent(g, i);
        if (indent > 0.0)
            swatch(w, status, g->x[i] + CELL_PAD_X, w->y + CELL_PAD_Y);
        kpi_pack_text(doc, header ? &st_cell_head : &st_cell, cells[i],
                      g->x[i] + CELL_PAD_X + indent, w->y + CELL_PAD_Y,
                      g->w[i] - 2.0 * CELL_PAD_X - indent, header ? 2 : g->lines[i],
                      g->left[i] ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
    }
    kpi_pack_record(doc, KPI_PACK_BOX_ROW, KPI_PACK_MARGIN, w->y, g->width, h);
    return h;
}

/* Row i's cells, and the status its swatch shows (NO_STATUS for none). */
typedef void (*grid_cells_fn)(const void *ctx, size_t i, const char **cells,
                              kpi_milestone_status *status);

/* A table of n rows from the walk's y, continued on new pages with its
 * header repeated.  With entries, row i belongs to indicator i. */
static void
grid_table(walk *w, const grid *g, size_t n, grid_cells_fn fill, const void *ctx, bool entries)
{
    w->y += grid_row(w, g, g->titles, true, 0, NO_STATUS);
    for (size_t i = 0; i < n; i++) {
        const char *cells[GRID_MAX_COLS];
        kpi_milestone_status status = NO_STATUS;
        fill(ctx, i, cells, &status);
        if (grid_row_height(w, g, cells, false) > room(w)) {
            new_page(w);
            w->y += grid_row(w, g, g->titles, true, 0, NO_STATUS);
        }
        if (entries)
            w->doc->entry = i;
        w->y += grid_row(w, g, cells, false, i, status);
        w->doc->entry = KPI_PACK_NO_ENTRY;
    }
}

/* ---- the summary table ---------------------------------------------------- */

static const char *const col_titles[N_COLS] = {"Indicator", "Period",   "Value",        "Base",
                                               "Change",    "% change", "Significance", "Target"};

typedef struct summary_grid {
    grid g;
    const pack *pk;
    int id[N_COLS];
    const char *titles[N_COLS];
} summary_grid;

/* Fixed widths for the figures; the label takes what is left.  Words
 * wrap to two lines; figures take one. */
static void
plan_columns(const pack *pk, summary_grid *sg)
{
    static const double fixed_w[N_COLS] = {0, 46, 46, 46, 42, 44, 64, 54};
    grid *g = &sg->g;
    g->n = 0;
    double used = 0.0;
    for (int c = 0; c < N_COLS; c++) {
        if (c == KPI_DIGEST_COL_SIGNIF && !pk->dg.has_signif)
            continue;
        bool words = c == KPI_DIGEST_COL_LABEL || c == KPI_DIGEST_COL_PERIOD ||
                     c == KPI_DIGEST_COL_SIGNIF || c == KPI_DIGEST_COL_TARGET;
        sg->id[g->n] = c;
        sg->titles[g->n] = col_titles[c];
        g->w[g->n] = fixed_w[c];
        g->lines[g->n] = words ? 2 : 1;
        g->left[g->n] = words;
        used += fixed_w[c];
        g->n++;
    }
    g->w[0] = KPI_PACK_CONTENT_W - used;
    g->width = KPI_PACK_CONTENT_W;
    g->status_col = g->n;
    g->titles = sg->titles;
    grid_place(g);
}

static void
summary_cells(const void *ctx, size_t i, const char **cells, kpi_milestone_status *status)
{
    const summary_grid *sg = ctx;
    (void)status;
    for (size_t k = 0; k < sg->g.n; k++)
        cells[k] = sg->pk->dg.entries[i].cells[sg->id[k]];
}

static void
summary_table(walk *w)
{
    summary_grid sg = {.pk = w->pk};
    plan_columns(w->pk, &sg);
    grid_table(w, &sg.g, w->pk->dg.n, summary_cells, &sg, true);
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

/* A paragraph that does not fit what is left of the page goes to the
 * next. */
static void
paragraph(walk *w, const kpi_pack_style *st, const char *text, double after)
{
    bool draw = w->doc->draw;
    w->doc->draw = false;
    double h = kpi_pack_text(w->doc, st, text, 0, 0, KPI_PACK_CONTENT_W, 0, PANGO_ALIGN_LEFT);
    w->doc->draw = draw;
    if (h > room(w) && w->y > KPI_PACK_MARGIN)
        new_page(w);
    text_line(w, st, text, after);
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
        if (strspn(para, " \t") != len)
            paragraph(w, &st_body, para, GAP);
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

/* Draw chart c (consumed) in a box of CHART_H at (x, y); `what` names
 * it in a failure. */
static void
place_chart(walk *w, kpi_chart *c, const char *what, double x, double y, double width)
{
    kpi_pack_doc *doc = w->doc;
    kpi_error cerr;
    cairo_save(doc->cr);
    cairo_translate(doc->cr, x, y);
    kpi_status st = kpi_chart_draw_cairo(c, doc->cr, width, CHART_H, &cerr);
    cairo_restore(doc->cr);
    if (st != KPI_OK && w->st == KPI_OK)
        w->st = kpi_error_set(w->err, cerr.code, NULL, 0, 0, "the chart of %s: %s", what,
                              cerr.message);
    kpi_chart_free(c);
    kpi_pack_record(doc, KPI_PACK_BOX_CHART, x, y, width, CHART_H);
}

/* The line chart of e in a box at (x, y). */
static void
chart(walk *w, const kpi_digest_entry *e, double x, double y, double width)
{
    if (!w->doc->draw)
        return;
    kpi_error cerr;
    kpi_chart *c = kpi_digest_chart(e, false, 0.0, 0.0, &cerr);
    if (!c) {
        w->st = kpi_error_set(w->err, cerr.code, NULL, 0, 0, "%s: %s", e->row.indicator,
                              cerr.message);
        return;
    }
    place_chart(w, c, e->row.indicator, x, y, width);
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

/* ---- the milestones section ---------------------------------------------- */

/* The statuses a count row is shown for: the report's three always, the
 * two without a status when any milestone has them. */
static const kpi_milestone_status count_order[] = {KPI_MILESTONE_DELIVERED, KPI_MILESTONE_ON_TRACK,
                                                   KPI_MILESTONE_DELAY, KPI_MILESTONE_UNSTATED,
                                                   KPI_MILESTONE_NOT_REPORTED};

typedef struct count_row {
    kpi_milestone_status status; /* NO_STATUS: the total */
    char n[24], share[24];
} count_row;

typedef struct counts_grid {
    grid g;
    count_row rows[KPI_MILESTONE_STATUS_LAST + 1];
    size_t n;
} counts_grid;

static void
count_cells(const void *ctx, size_t i, const char **cells, kpi_milestone_status *status)
{
    const count_row *r = &((const counts_grid *)ctx)->rows[i];
    *status = r->status;
    cells[0] = r->status == NO_STATUS ? "All milestones" : kpi_milestone_status_label(r->status);
    cells[1] = r->n;
    cells[2] = r->share;
}

/* Counts by status, each with its word, its chart colour and its share. */
static void
counts_table(walk *w, const kpi_milestones_view *v)
{
    static const char *const titles[] = {"Status", "Milestones", "Share"};
    counts_grid cg = {.g = {.n = 3,
                            .w = {200, 70, 60},
                            .width = 330,
                            .lines = {1, 1, 1},
                            .left = {true, false, false},
                            .status_col = 0,
                            .titles = titles}};
    grid_place(&cg.g);
    for (size_t k = 0; k <= sizeof count_order / sizeof count_order[0]; k++) {
        bool total = k == sizeof count_order / sizeof count_order[0];
        kpi_milestone_status s = total ? NO_STATUS : count_order[k];
        size_t n = total ? v->all.total : v->all.by_status[s];
        if (!total && s > KPI_MILESTONE_DELAY && n == 0)
            continue;
        count_row *r = &cg.rows[cg.n++];
        r->status = s;
        snprintf(r->n, sizeof r->n, "%zu", n);
        kpi_value_format_fixed(v->all.total ? 100.0 * (double)n / (double)v->all.total : 0.0, 0,
                               false, r->share, sizeof r->share - 1);
        strcat(r->share, "%");
    }
    grid_table(w, &cg.g, cg.n, count_cells, &cg, false);
}

/* A milestone not delivered, as its row shows it. */
typedef struct open_row {
    const kpi_milestone_item *it;
    char due[KPI_PERIOD_TEXT_MAX + 16];
} open_row;

typedef struct open_grid {
    grid g;
    open_row *rows;
    size_t n;
} open_grid;

static void
open_cells(const void *ctx, size_t i, const char **cells, kpi_milestone_status *status)
{
    const open_row *r = &((const open_grid *)ctx)->rows[i];
    const kpi_milestone_item *it = r->it;
    *status = it->status;
    cells[0] = it->title[0] ? it->title : it->id;
    cells[1] = it->theme;
    cells[2] = r->due;
    cells[3] = kpi_milestone_status_label(it->status);
    cells[4] = it->note;
}

/* The milestones not delivered, in the register's order: their status by
 * word and colour, their due period (marked when past it) and the
 * period's note. */
static void
open_table(walk *w, const kpi_milestones_view *v)
{
    static const char *const titles[] = {"Milestone", "Theme", "Due", "Status", "Note"};
    open_grid og = {.g = {.n = 5,
                          .w = {122, 72, 62, 90, KPI_PACK_CONTENT_W - 346},
                          .width = KPI_PACK_CONTENT_W,
                          .lines = {6, 4, 2, 2, 8},
                          .left = {true, true, true, true, true},
                          .status_col = 3,
                          .titles = titles}};
    grid_place(&og.g);
    og.rows = kpi_calloc(v->n_items ? v->n_items : 1, sizeof *og.rows);
    if (!og.rows) {
        w->doc->oom = true;
        return;
    }
    for (size_t i = 0; i < v->n_items; i++) {
        const kpi_milestone_item *it = &v->items[i];
        if (it->status == KPI_MILESTONE_DELIVERED)
            continue;
        open_row *r = &og.rows[og.n++];
        r->it = it;
        if (it->has_due) {
            kpi_period_format(it->due, r->due, sizeof r->due);
            if (it->overdue)
                strcat(r->due, " (overdue)");
        }
    }
    if (og.n == 0)
        text_line(w, &st_note, "Every milestone is delivered.", GAP);
    else
        grid_table(w, &og.g, og.n, open_cells, &og, false);
    kpi_free(og.rows);
}

/* The section after the indicators: the sentences, the counts, the chart
 * of every reporting period, and what is not delivered yet. */
static void
milestones(walk *w)
{
    const kpi_pack_options *o = w->pk->opt;
    const kpi_milestones_view *v = o->milestones_view;
    if (!v || w->st != KPI_OK)
        return;
    new_page(w);
    bookmark(w, "Milestones");
    text_line(w, &st_heading, "Milestones", 1.0);
    text_line(w, &st_sub, w->pk->ms_sub, GAP);
    for (size_t k = 0; k < 3; k++)
        paragraph(w, &st_body, w->pk->ms_sentences[k], GAP);
    w->y += GAP_SMALL;
    counts_table(w, v);
    w->y += GAP + GAP_SMALL;
    if (CHART_H > room(w))
        new_page(w);
    if (w->doc->draw) {
        kpi_error cerr;
        kpi_chart *c = kpi_chart_build_milestones(o->milestones, NULL, &cerr);
        if (!c) {
            w->st = kpi_error_set(w->err, cerr.code, NULL, 0, 0, "the milestones chart: %s",
                                  cerr.message);
            return;
        }
        place_chart(w, c, "the milestones", KPI_PACK_MARGIN, w->y, KPI_PACK_CONTENT_W);
    }
    w->y += CHART_H + 2.0 * GAP;
    /* The heading stays with the table's header and first row. */
    if (60.0 > room(w))
        new_page(w);
    text_line(w, &st_heading, "Milestones not delivered", GAP);
    open_table(w, v);
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
    milestones(w);
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
    for (size_t k = 0; k < 3; k++)
        kpi_free(pk.ms_sentences[k]);
    return st;
}

/* ---- writing -------------------------------------------------------------- */

kpi_status
kpi_pack_write_stream(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *opt,
                      FILE *fp, kpi_error *err)
{
    kpi_surface_sink sk = {fp, 0};
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        kpi_surface_write, &sk, KPI_PACK_PAGE_W, KPI_PACK_PAGE_H);
    kpi_status st = KPI_OK;
    cairo_status_t cs = cairo_surface_status(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        st = kpi_pack_render(s, meta, opt, surface, NULL, err);
    return kpi_surface_close(&sk, surface, cs, st, "pack", err);
}

typedef struct pack_file_job {
    const kpi_store *s;
    const kpi_meta *meta;
    const kpi_pack_options *opt;
} pack_file_job;

static kpi_status
write_pack_file(void *ctx, FILE *fp, kpi_error *err)
{
    const pack_file_job *job = ctx;
    return kpi_pack_write_stream(job->s, job->meta, job->opt, fp, err);
}

kpi_status
kpi_pack_write(const kpi_store *s, const kpi_meta *meta, const kpi_pack_options *opt,
               const char *path, kpi_error *err)
{
    pack_file_job job = {s, meta, opt};
    return kpi_surface_write_file(path, job.opt ? job.opt->files : NULL, write_pack_file, &job,
                                  err);
}
