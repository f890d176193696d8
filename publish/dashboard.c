/* The HTML dashboard.  One pass writes the page: tiles, sections, the
 * summary table and the milestones, each from the digest (what every
 * document says about an indicator), with the charts through one set of
 * inline SVGs whose glyphs are defined once at the end. */
#include "kpi/dashboard.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "digest_private.h"
#include "kpi/chart_build.h"
#include "kpi/chart_html.h"
#include "kpi/escape.h"
#include "kpi/milestones_report.h"
#include "kpi/outfile.h"
#include "kpi/value.h"
#include "parallel_private.h"

#define DEFAULT_TITLE "Performance dashboard"

/* Chart sizes in millimetres: the page scales them to its width, so
 * these set their shape and the size of their text against it.  Laid out
 * at 88 mm, a chart's smallest text (7 pt) is 10 px on screen at a phone's
 * 358 px and 15 px at the desktop's 520 px (CHART_MAX_PX); one layout
 * drawn for 160 mm would shrink it to 5.5 px on a phone. */
#define CHART_W 88.0
#define CHART_H 64.0
#define CHART_MAX_PX "520px"
#define SPARK_W 60.0
#define SPARK_H 12.0
/* A sparkline shows two years, or this many periods when two years hold
 * fewer (yearly figures). */
#define SPARK_MIN_POINTS 8

#define ALT_MAX (KPI_SENTENCE_MAX + 256)

static const char style[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;color:#1a1a1a;"
    "background:#fff;line-height:1.45}"
    "header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}"
    "h1{font-size:1.6rem;margin:20px 0 4px}"
    "h2{font-size:1.3rem;margin:28px 0 10px;border-bottom:2px solid #1a1a1a}"
    "h3{font-size:1.05rem;margin:0 0 4px}"
    /* Headings and paragraphs may break a long word anywhere; a table's
     * cells only wrap between words, so that a narrow screen scrolls the
     * table in its box rather than setting one letter to a line. */
    "h1,h2,h3,p{overflow-wrap:anywhere}"
    "td,th{overflow-wrap:break-word}"
    "tbody th,td:first-child{min-width:9em}"
    ".meta{color:#4d4d4d;margin:2px 0}"
    ".filter{margin:12px 0}"
    ".filter input{font:inherit;padding:4px 6px;max-width:100%}"
    ".tiles{list-style:none;padding:0;margin:0;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}"
    ".tile{border:1px solid #b3b3b3;border-radius:6px;padding:10px 12px;min-width:0;"
    "display:flex;flex-direction:column}"
    ".tile h3 a{color:#1a1a1a}"
    ".tile p{margin:2px 0}"
    ".big{font-size:1.5rem;font-weight:bold}"
    ".small{font-size:.875rem;color:#4d4d4d}"
    ".good{color:#0b5394}.bad{color:#a33a00}.same{color:#4d4d4d}"
    ".spark{display:block;width:100%;height:auto;margin-top:auto;padding-top:6px}"
    ".chart{display:block;width:100%;max-width:" CHART_MAX_PX ";height:auto;margin:8px 0}"
    ".pair{display:flex;flex-wrap:wrap;gap:0 32px;align-items:flex-start}"
    ".pair>.chart{flex:1 1 300px}"
    ".ind{border-top:1px solid #b3b3b3;padding:14px 0}"
    ".sub{color:#4d4d4d;font-size:.875rem;margin:0 0 8px}"
    ".note{font-style:italic;color:#4d4d4d}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;font-size:.875rem;margin:6px 0}"
    "caption{text-align:left;font-weight:bold;padding:4px 0}"
    "th,td{padding:4px 8px;border-bottom:1px solid #d9d9d9;text-align:left;vertical-align:top}"
    "thead th{border-bottom:2px solid #1a1a1a}"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "th button{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;"
    "cursor:pointer;text-align:inherit}"
    "th[aria-sort=ascending] button::after{content:\" \\25B2\"}"
    "th[aria-sort=descending] button::after{content:\" \\25BC\"}"
    ".key{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border:1px solid #1a1a1a}"
    ".nw{white-space:nowrap}"
    "footer{color:#4d4d4d;font-size:.875rem;padding-bottom:24px}"
    "@media print{@page{size:A4;margin:14mm}"
    "body{font-size:10pt;color:#000;background:#fff}"
    "*{background-color:transparent!important}"
    ".filter{display:none}"
    ".tiles{grid-template-columns:repeat(3,1fr)}"
    ".tile,.ind,tr,figure{break-inside:avoid}"
    "h2,h3{break-after:avoid}"
    ".tile h3 a{text-decoration:none}"
    ".scroll{overflow:visible}"
    ".chart{max-width:110mm}}";

/* Sorting by a column's numbers (data-v), missing ones last in either
 * order, else by its text; filtering by name. */
static const char script[] =
    "(function(){"
    "var t=document.getElementById('summary');"
    "if(t){var hs=t.tHead.rows[0].cells;"
    "var key=function(c){var v=c.getAttribute('data-v');return v===null?null:Number(v)};"
    "Array.prototype.forEach.call(hs,function(h,i){var b=h.querySelector('button');"
    "b.addEventListener('click',function(){"
    "var up=h.getAttribute('aria-sort')!=='ascending';"
    "Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort')});"
    "h.setAttribute('aria-sort',up?'ascending':'descending');"
    "var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);"
    "rows.sort(function(p,q){var a=key(p.cells[i]),z=key(q.cells[i]);"
    "if(a===null||z===null){if(a!==z)return a===null?1:-1;"
    "var s=p.cells[i].textContent.localeCompare(q.cells[i].textContent);return up?s:-s}"
    "return up?a-z:z-a});"
    "rows.forEach(function(r){body.appendChild(r)})})})}"
    "var f=document.getElementById('filter');"
    "if(f)f.addEventListener('input',function(){var q=f.value.toLowerCase();"
    "document.querySelectorAll('[data-name]').forEach(function(e){"
    "e.hidden=q!==''&&e.getAttribute('data-name').toLowerCase().indexOf(q)<0})})"
    "})();";

/* A chart drawn ahead of its place in the page, with its text
 * alternative. */
typedef struct drawn {
    kpi_chart_svg *svg; /* owned; NULL: no chart */
    char alt[ALT_MAX];
} drawn;

typedef struct page {
    FILE *fp;
    const kpi_store *store;
    const kpi_dashboard_options *opt;
    kpi_digest dg;
    kpi_chart_html *charts;
    drawn *drawn; /* one per entry: its sparkline, then its section's chart */
    kpi_error *err;
    kpi_status st; /* the first failure */
} page;

/* ---- text ---------------------------------------------------------------- */

/* Text from anywhere, escaped for an element or a quoted attribute. */
static void
esc(page *pg, const char *s)
{
    for (; s && *s; s++) {
        char e[8];
        fwrite(e, 1, kpi_escape_text(KPI_ESCAPE_HTML, s, 1, e, sizeof e), pg->fp);
    }
}

/* The same into buf (cut at a character boundary of the escaped text). */
static void
esc_to(char *buf, size_t size, const char *s)
{
    size_t n = 0;
    for (; s && *s; s++) {
        char e[8];
        size_t k = kpi_escape_text(KPI_ESCAPE_HTML, s, 1, e, sizeof e);
        if (n + k + 1 > size)
            break;
        memcpy(buf + n, e, k);
        n += k;
    }
    buf[n] = '\0';
}

static void
tag_text(page *pg, const char *open, const char *text, const char *close)
{
    fputs(open, pg->fp);
    esc(pg, text);
    fputs(close, pg->fp);
}

/* ---- charts -------------------------------------------------------------- */

/* The attributes of a chart of class cls with text alternative alt. */
static void
chart_attrs(const char *cls, const char *alt, char *attrs, size_t size)
{
    char escaped[ALT_MAX * 6 - 64];
    esc_to(escaped, sizeof escaped, alt);
    snprintf(attrs, size, "class=\"%s\" role=\"img\" aria-label=\"%s\"", cls, escaped);
}

/* Write chart c (taken over) with its text alternative alt and class. */
static void
put_chart(page *pg, kpi_chart *c, const char *cls, const char *alt)
{
    if (!c) {
        if (pg->st == KPI_OK)
            pg->st = pg->err ? pg->err->code : KPI_ERENDER;
        return;
    }
    char attrs[ALT_MAX * 6];
    chart_attrs(cls, alt, attrs, sizeof attrs);
    kpi_status st = kpi_chart_html_write(pg->charts, c, attrs, pg->fp, pg->err);
    if (st != KPI_OK && pg->st == KPI_OK)
        pg->st = st;
    kpi_chart_free(c);
}

/* Place the chart d drew (if any) with class cls; a failure goes to err. */
static void
place_drawn(page *pg, drawn *d, const char *cls, kpi_error *err)
{
    if (!d->svg)
        return;
    char attrs[ALT_MAX * 6];
    chart_attrs(cls, d->alt, attrs, sizeof attrs);
    kpi_status st = kpi_chart_html_put(pg->charts, d->svg, attrs, pg->fp, err);
    d->svg = NULL;
    if (st != KPI_OK && pg->st == KPI_OK)
        pg->st = st;
}

/* Draw c (taken over) into d; NULL c is a failure already in err. */
static kpi_status
draw_into(drawn *d, kpi_chart *c, kpi_error *err)
{
    if (!c)
        return err->code;
    d->svg = kpi_chart_html_draw(c, err);
    kpi_chart_free(c);
    return d->svg ? KPI_OK : err->code;
}

/* Slots [from, to) of e's series that the sparkline shows. */
static void
spark_window(const kpi_digest_entry *e, size_t *from, size_t *to)
{
    const kpi_series *se = e->se;
    size_t len = kpi_series_length(se);
    size_t end = 0;
    while (end < len && kpi_period_cmp(kpi_series_period(se, end), e->row.period) <= 0)
        end++;
    int per_year = kpi_period_per_year(kpi_series_freq(se));
    int span = 2 * per_year > SPARK_MIN_POINTS ? 2 * per_year : SPARK_MIN_POINTS;
    kpi_period first = kpi_period_shift(e->row.period, -(span - 1));
    size_t start = end;
    while (start > 0 && kpi_period_cmp(kpi_series_period(se, start - 1), first) >= 0)
        start--;
    *from = start;
    *to = end;
}

/* "Knife crime, 2010-11 to 2018-19: lowest 12,074 (2014-15), highest
 * 14,852 (2018-19), latest 14,852 (2018-19)." over slots [from, to);
 * false when fewer than two values lie there. */
static bool
describe(const kpi_digest_entry *e, size_t from, size_t to, const char *what, char *buf,
         size_t size)
{
    const kpi_series *se = e->se;
    size_t lo = to, hi = to, last = to, first = to, n = 0;
    for (size_t i = from; i < to; i++) {
        if (kpi_series_state(se, i) != KPI_OBS_VALUE)
            continue;
        double v = kpi_series_value(se, i);
        if (first == to)
            first = i;
        if (lo == to || v < kpi_series_value(se, lo))
            lo = i;
        if (hi == to || v > kpi_series_value(se, hi))
            hi = i;
        last = i;
        n++;
    }
    if (n < 2)
        return false;
    const kpi_summary_row *r = &e->row;
    char p[4][KPI_PERIOD_TEXT_MAX], v[3][KPI_DIGEST_CELL_MAX];
    size_t at[3] = {lo, hi, last};
    for (int k = 0; k < 3; k++) {
        kpi_period_format(kpi_series_period(se, at[k]), p[k], sizeof p[k]);
        kpi_digest_figure(r->unit, true, kpi_series_value(se, at[k]), r->decimals, false, v[k],
                          sizeof v[k]);
    }
    kpi_period_format(kpi_series_period(se, first), p[3], sizeof p[3]);
    snprintf(buf, size, "%s of %s, %s to %s: lowest %s (%s), highest %s (%s), latest %s (%s).",
             what, e->heading, p[3], p[2], v[0], p[0], v[1], p[1], v[2], p[2]);
    return true;
}

/* Draw e's sparkline into d, none when fewer than two values fall in
 * its window. */
static kpi_status
draw_sparkline(const kpi_digest_entry *e, drawn *d, kpi_error *err)
{
    size_t from, to;
    spark_window(e, &from, &to);
    if (!describe(e, from, to, "Sparkline", d->alt, sizeof d->alt))
        return KPI_OK;
    size_t n = to - from;
    kpi_period *periods = kpi_malloc(n * sizeof *periods);
    double *values = kpi_malloc(n * sizeof *values);
    kpi_obs *states = kpi_malloc(n * sizeof *states);
    kpi_chart *c = NULL;
    if (periods && values && states) {
        for (size_t i = 0; i < n; i++) {
            periods[i] = kpi_series_period(e->se, from + i);
            values[i] = kpi_series_value(e->se, from + i);
            states[i] = kpi_series_state(e->se, from + i);
        }
        kpi_chart_options o = kpi_chart_options_default();
        o.width = SPARK_W;
        o.height = SPARK_H;
        o.better = e->m ? e->m->better : KPI_BETTER_NONE;
        c = kpi_chart_new(KPI_CHART_SPARKLINE, &o, err);
        kpi_chart_series s = {
            .name = e->heading, .periods = periods, .values = values, .states = states, .n = n};
        if (c)
            kpi_chart_add_series(c, &s);
    } else {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    kpi_status st = draw_into(d, c, err);
    kpi_free(periods);
    kpi_free(values);
    kpi_free(states);
    return st;
}

/* Draw the chart of e's section into d, none for a single figure. */
static kpi_status
draw_section_chart(const kpi_digest_entry *e, drawn *d, kpi_error *err)
{
    if (e->n_values < 2)
        return KPI_OK;
    kpi_chart *c = kpi_digest_chart(e, true, CHART_W, CHART_H, err);
    size_t from = 0, to = kpi_series_length(e->se);
    while (to > 0 && kpi_period_cmp(kpi_series_period(e->se, to - 1), e->row.period) > 0)
        to--;
    bool spc = kpi_period_per_year(kpi_series_freq(e->se)) > 1 && e->n_values >= KPI_SPC_RELIABLE;
    describe(e, from, to, spc ? "XmR chart" : "Line chart", d->alt, sizeof d->alt);
    if (spc && e->cells[KPI_DIGEST_COL_VARIATION][0]) {
        size_t used = strlen(d->alt);
        snprintf(d->alt + used, sizeof d->alt - used, " Latest point: %s.",
                 e->cells[KPI_DIGEST_COL_VARIATION]);
    }
    return draw_into(d, c, err);
}

/* ---- tiles --------------------------------------------------------------- */

static const char *
assessment_class(kpi_assessment a)
{
    return a == KPI_ASSESSMENT_GOOD ? "good" : a == KPI_ASSESSMENT_BAD ? "bad" : "same";
}

/* The change line: an arrow, the change and percentage, the base period
 * and a word, so that colour is never the only sign. */
static void
change_line(page *pg, const kpi_digest_entry *e)
{
    const kpi_summary_row *r = &e->row;
    char base[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(r->base_period, base, sizeof base);
    if (!r->has_change) {
        fputs("<p class=\"small\">No figure for ", pg->fp);
        esc(pg, base);
        fputs(" to compare with</p>", pg->fp);
        return;
    }
    const char *arrow = r->direction == KPI_DIRECTION_INCREASE   ? "\xe2\x96\xb2 "
                        : r->direction == KPI_DIRECTION_DECREASE ? "\xe2\x96\xbc "
                                                                 : "= ";
    const char *word = r->assessment == KPI_ASSESSMENT_GOOD  ? " \xc2\xb7 better"
                       : r->assessment == KPI_ASSESSMENT_BAD ? " \xc2\xb7 worse"
                                                             : "";
    fprintf(pg->fp, "<p class=\"%s\"><span aria-hidden=\"true\">%s</span>",
            assessment_class(r->assessment), arrow);
    esc(pg, e->cells[KPI_DIGEST_COL_CHANGE]);
    if (r->has_pct) {
        fputs(" (", pg->fp);
        esc(pg, e->cells[KPI_DIGEST_COL_PCT]);
        fputs(")", pg->fp);
    }
    fputs(" on ", pg->fp);
    esc(pg, base);
    fprintf(pg->fp, "%s</p>", word);
}

static void
tile(page *pg, size_t i, kpi_error *err)
{
    const kpi_digest_entry *e = &pg->dg.entries[i];
    const kpi_summary_row *r = &e->row;
    fputs("<li class=\"tile\" data-name=\"", pg->fp);
    esc(pg, e->heading);
    fprintf(pg->fp, "\"><h3><a href=\"#s%zu\">", i + 1);
    esc(pg, e->heading);
    fputs("</a></h3><p><span class=\"big\">", pg->fp);
    esc(pg, e->cells[KPI_DIGEST_COL_VALUE]);
    fputs("</span>", pg->fp);
    const char *unit = e->m && r->unit == KPI_UNIT_PLAIN ? e->m->plural : "";
    if (unit[0])
        tag_text(pg, " <span class=\"small\">", unit, "</span>");
    tag_text(pg, "</p><p class=\"small\">", e->cells[KPI_DIGEST_COL_PERIOD], "</p>");
    change_line(pg, e);
    if (e->cells[KPI_DIGEST_COL_SIGNIF][0])
        tag_text(pg, "<p class=\"small\">Exact test: ", e->cells[KPI_DIGEST_COL_SIGNIF], "</p>");
    if (e->cells[KPI_DIGEST_COL_VARIATION][0])
        tag_text(pg, "<p class=\"small\">SPC: ", e->cells[KPI_DIGEST_COL_VARIATION], "</p>");
    if (r->status != KPI_TARGET_STATUS_NONE) {
        bool met = r->status == KPI_TARGET_MET;
        fprintf(pg->fp, "<p class=\"%s\"><span aria-hidden=\"true\">%s</span>Target ",
                met ? "good" : "bad", met ? "\xe2\x9c\x93 " : "\xe2\x9c\x97 ");
        esc(pg, e->cells[KPI_DIGEST_COL_TARGET]);
        fputs("</p>", pg->fp);
    }
    place_drawn(pg, &pg->drawn[i], "spark", err);
    fputs("</li>\n", pg->fp);
}

/* ---- sections ------------------------------------------------------------ */

static void
recent_table(page *pg, const kpi_digest_entry *e)
{
    fputs("<div class=\"scroll\"><table><caption>Recent values</caption><thead><tr>"
          "<th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Value</th>"
          "<th scope=\"col\" class=\"num\">Change on a year earlier</th></tr></thead><tbody>",
          pg->fp);
    for (size_t i = e->n_recent; i-- > 0;) {
        const kpi_digest_recent *c = &e->recent[i];
        tag_text(pg, "<tr><th scope=\"row\">", c->period, "</th>");
        tag_text(pg, "<td class=\"num\">", c->value, "</td>");
        tag_text(pg, "<td class=\"num\">", c->pct, "</td></tr>");
    }
    fputs("</tbody></table></div>", pg->fp);
}

static void
section(page *pg, size_t i, kpi_error *err)
{
    const kpi_digest_entry *e = &pg->dg.entries[i];
    fprintf(pg->fp, "<article class=\"ind\" id=\"s%zu\" data-name=\"", i + 1);
    esc(pg, e->heading);
    fputs("\">", pg->fp);
    tag_text(pg, "<h3>", e->heading, "</h3>");
    tag_text(pg, "<p class=\"sub\">", e->sub, "</p>");
    tag_text(pg, "<p>", e->sentence, "</p>");
    fputs("<div class=\"pair\">", pg->fp);
    if (e->n_values >= 2)
        place_drawn(pg, &pg->drawn[i], "chart", err);
    else
        fputs("<p class=\"note\">One figure only: no chart.</p>", pg->fp);
    recent_table(pg, e);
    fputs("</div></article>\n", pg->fp);
}

/* ---- drawing the charts on several threads --------------------------------- */

/* Each entry's chart is drawn by whichever thread is free; the page is
 * written by the finishing steps, one at a time and in entry order, so
 * it is the same on any number of threads. */
static kpi_status
draw_tile(void *ctx, size_t worker, size_t i, kpi_error *err)
{
    page *pg = ctx;
    (void)worker;
    return draw_sparkline(&pg->dg.entries[i], &pg->drawn[i], err);
}

static kpi_status
write_tile(void *ctx, size_t worker, size_t i, kpi_error *err)
{
    page *pg = ctx;
    (void)worker;
    tile(pg, i, err);
    return pg->st;
}

static kpi_status
draw_section(void *ctx, size_t worker, size_t i, kpi_error *err)
{
    page *pg = ctx;
    (void)worker;
    return draw_section_chart(&pg->dg.entries[i], &pg->drawn[i], err);
}

static kpi_status
write_section(void *ctx, size_t worker, size_t i, kpi_error *err)
{
    page *pg = ctx;
    (void)worker;
    section(pg, i, err);
    return pg->st;
}

/* Free the drawings a failure left unplaced. */
static void
drop_drawn(page *pg)
{
    for (size_t i = 0; i < pg->dg.n; i++) {
        kpi_chart_svg_free(pg->drawn[i].svg);
        pg->drawn[i].svg = NULL;
    }
}

/* ---- the summary table --------------------------------------------------- */

static const char *const col_titles[KPI_DIGEST_N_COLS] = {
    "Indicator", "Period",       "Value",  "Base",         "Change",
    "% change",  "Significance", "Target", "SPC variation"};

/* A cell's number for sorting, when the column has one. */
static bool
cell_number(const kpi_summary_row *r, int col, double *x)
{
    switch (col) {
    case KPI_DIGEST_COL_VALUE: *x = r->value; return r->has_value;
    case KPI_DIGEST_COL_BASE: *x = r->base_value; return r->has_base;
    case KPI_DIGEST_COL_CHANGE: *x = r->change; return r->has_change;
    case KPI_DIGEST_COL_PCT: *x = r->pct_change; return r->has_pct;
    default: return false;
    }
}

static bool
numeric_col(int col)
{
    return col == KPI_DIGEST_COL_VALUE || col == KPI_DIGEST_COL_BASE ||
           col == KPI_DIGEST_COL_CHANGE || col == KPI_DIGEST_COL_PCT;
}

static void
summary_table(page *pg)
{
    static const int order[] = {
        KPI_DIGEST_COL_LABEL,  KPI_DIGEST_COL_PERIOD,    KPI_DIGEST_COL_VALUE,
        KPI_DIGEST_COL_BASE,   KPI_DIGEST_COL_CHANGE,    KPI_DIGEST_COL_PCT,
        KPI_DIGEST_COL_SIGNIF, KPI_DIGEST_COL_VARIATION, KPI_DIGEST_COL_TARGET};
    int cols[KPI_DIGEST_N_COLS];
    size_t n = 0;
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        int c = order[k];
        if ((c == KPI_DIGEST_COL_SIGNIF && !pg->dg.has_signif) ||
            (c == KPI_DIGEST_COL_VARIATION && !pg->dg.has_variation))
            continue;
        cols[n++] = c;
    }
    fputs("<section aria-labelledby=\"h-table\"><h2 id=\"h-table\">Summary table</h2>"
          "<p class=\"small\">Select a column's heading to sort by it.</p>"
          "<div class=\"scroll\"><table id=\"summary\"><thead><tr>",
          pg->fp);
    for (size_t k = 0; k < n; k++)
        fprintf(pg->fp, "<th scope=\"col\"%s><button type=\"button\">%s</button></th>",
                numeric_col(cols[k]) ? " class=\"num\"" : "", col_titles[cols[k]]);
    fputs("</tr></thead><tbody>\n", pg->fp);
    for (size_t i = 0; i < pg->dg.n; i++) {
        const kpi_digest_entry *e = &pg->dg.entries[i];
        fputs("<tr data-name=\"", pg->fp);
        esc(pg, e->heading);
        fputs("\">", pg->fp);
        for (size_t k = 0; k < n; k++) {
            double x;
            if (cols[k] == KPI_DIGEST_COL_LABEL) {
                fputs("<th scope=\"row\">", pg->fp);
                esc(pg, e->cells[cols[k]]);
                fputs("</th>", pg->fp);
                continue;
            }
            if (cell_number(&e->row, cols[k], &x)) {
                char v[KPI_VALUE_TEXT_MAX];
                kpi_value_format(x, v, sizeof v);
                fprintf(pg->fp, "<td class=\"num\" data-v=\"%s\">", v);
            } else {
                fputs(numeric_col(cols[k])               ? "<td class=\"num\">"
                      : cols[k] == KPI_DIGEST_COL_PERIOD ? "<td class=\"nw\">"
                                                         : "<td>",
                      pg->fp);
            }
            esc(pg, e->cells[cols[k]]);
            fputs("</td>", pg->fp);
        }
        fputs("</tr>\n", pg->fp);
    }
    fputs("</tbody></table></div></section>\n", pg->fp);
}

/* ---- milestones ---------------------------------------------------------- */

static void
milestones(page *pg)
{
    const kpi_milestones_view *v = pg->opt->milestones_view;
    char text[KPI_SENTENCE_MAX], per[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(v->period, per, sizeof per);
    fputs("<section aria-labelledby=\"h-ms\" id=\"milestones\"><h2 id=\"h-ms\">Milestones</h2>",
          pg->fp);
    tag_text(pg, "<p class=\"sub\">Business plan milestones at ", per, "</p>");
    kpi_milestones_report_sentence(v, text, sizeof text);
    tag_text(pg, "<p>", text, "</p>");
    if (kpi_milestones_report_movement_sentence(v, text, sizeof text) > 0)
        tag_text(pg, "<p>", text, "</p>");
    if (kpi_milestones_report_overdue_sentence(v, text, sizeof text) > 0)
        tag_text(pg, "<p>", text, "</p>");
    if (pg->opt->milestones) {
        kpi_chart_options o = kpi_chart_options_default();
        o.width = CHART_W;
        o.height = CHART_H;
        kpi_chart *c = kpi_chart_build_milestones(pg->opt->milestones, &o, pg->err);
        char alt[ALT_MAX];
        kpi_milestones_report_sentence(v, text, sizeof text);
        snprintf(alt, sizeof alt,
                 "Stacked bars of milestones by status, one bar per reporting period. In %s: %s",
                 per, text);
        put_chart(pg, c, "chart", alt);
    }
    fputs("<div class=\"scroll\"><table><caption>Status of each milestone</caption><thead><tr>"
          "<th scope=\"col\">Milestone</th><th scope=\"col\">Theme</th>"
          "<th scope=\"col\">Due</th><th scope=\"col\">Status</th>"
          "<th scope=\"col\">Since the previous update</th>"
          "<th scope=\"col\" class=\"num\">Periods late</th></tr></thead><tbody>\n",
          pg->fp);
    for (size_t i = 0; i < v->n_items; i++) {
        const kpi_milestone_item *it = &v->items[i];
        tag_text(pg, "<tr><th scope=\"row\">", it->title[0] ? it->title : it->id, "</th>");
        tag_text(pg, "<td>", it->theme, "</td><td class=\"nw\">");
        if (it->has_due) {
            char due[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(it->due, due, sizeof due);
            esc(pg, due);
        }
        double rgb[3];
        kpi_chart_milestone_colour(it->status, rgb);
        char colour[8];
        snprintf(colour, sizeof colour, "#%02x%02x%02x", (int)lround(rgb[0] * 255.0),
                 (int)lround(rgb[1] * 255.0), (int)lround(rgb[2] * 255.0));
        fprintf(pg->fp,
                "</td><td><span class=\"key\" style=\"background:%s\" aria-hidden=\"true\">"
                "</span>",
                colour);
        esc(pg, kpi_milestone_status_label(it->status));
        tag_text(pg, "</td><td>", kpi_milestone_move_name(it->move), "</td>");
        if (it->overdue)
            fprintf(pg->fp, "<td class=\"num\" data-v=\"%ld\">%ld</td></tr>\n",
                    (long)it->periods_late, (long)it->periods_late);
        else
            fputs("<td class=\"num\"></td></tr>\n", pg->fp);
    }
    fputs("</tbody></table></div></section>\n", pg->fp);
}

/* ---- the page ------------------------------------------------------------ */

static void
head(page *pg, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"kpi\">\n",
          pg->fp);
    tag_text(pg, "<title>", title, "</title>\n");
    fprintf(pg->fp, "<style>%s</style>\n</head>\n<body>\n<header>", style);
    tag_text(pg, "<h1>", title, "</h1>");
    if (pg->opt->period) {
        char per[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(*pg->opt->period, per, sizeof per);
        tag_text(pg, "<p class=\"meta\">Reporting period: ", per, "</p>");
    } else {
        fputs("<p class=\"meta\">Reporting period: the latest figure of each indicator</p>",
              pg->fp);
    }
    if (pg->opt->source && pg->opt->source[0])
        tag_text(pg, "<p class=\"meta\">", pg->opt->source, "</p>");
    fputs("</header>\n<main>\n", pg->fp);
}

static kpi_status
write_page(page *pg)
{
    const kpi_dashboard_options *o = pg->opt;
    const char *title = o->title && o->title[0] ? o->title : DEFAULT_TITLE;
    head(pg, title);
    fprintf(pg->fp, "<section aria-labelledby=\"h-tiles\"><h2 id=\"h-tiles\">At a glance</h2>"
                    "<p class=\"filter\"><label for=\"filter\">Filter indicators: </label>"
                    "<input type=\"search\" id=\"filter\"></p>\n<ul class=\"tiles\">\n");
    size_t threads = o->threads;
    pg->st = kpi_parallel_for(threads, pg->dg.n, draw_tile, write_tile, pg, pg->err);
    drop_drawn(pg);
    fputs("</ul></section>\n<section aria-labelledby=\"h-ind\"><h2 id=\"h-ind\">Indicators</h2>\n",
          pg->fp);
    if (pg->st == KPI_OK)
        pg->st = kpi_parallel_for(threads, pg->dg.n, draw_section, write_section, pg, pg->err);
    drop_drawn(pg);
    fputs("</section>\n", pg->fp);
    summary_table(pg);
    if (o->milestones_view && pg->st == KPI_OK)
        milestones(pg);
    fputs("</main>\n<footer><p>Made with kpi. Every figure is rounded as published; changes are "
          "on the same period a year earlier.</p></footer>\n",
          pg->fp);
    if (pg->st == KPI_OK)
        pg->st = kpi_chart_html_write_glyphs(pg->charts, pg->fp, pg->err);
    fprintf(pg->fp, "<script>%s</script>\n</body>\n</html>\n", script);
    return pg->st;
}

kpi_dashboard_options
kpi_dashboard_options_default(void)
{
    return (kpi_dashboard_options){.threads = 1};
}

kpi_status
kpi_dashboard_write_stream(const kpi_store *s, const kpi_meta *meta,
                           const kpi_dashboard_options *opt, FILE *fp, kpi_error *err)
{
    kpi_dashboard_options defaults = kpi_dashboard_options_default();
    kpi_error local;
    page pg = {.fp = fp, .store = s, .opt = opt ? opt : &defaults, .err = err ? err : &local};
    kpi_digest_select sel = {pg.opt->indicators, pg.opt->n_indicators, pg.opt->areas,
                             pg.opt->n_areas};
    kpi_status st = kpi_digest_collect(&pg.dg, s, meta, pg.opt->period, &sel, pg.err);
    if (st == KPI_OK && pg.dg.n == 0)
        st = kpi_error_set(pg.err, KPI_EINVAL, NULL, 0, 0,
                           "nothing to put on the dashboard: no selected series has a figure "
                           "for the period");
    if (st == KPI_OK && !(pg.charts = kpi_chart_html_new("k", pg.err)))
        st = pg.err->code;
    if (st == KPI_OK && !(pg.drawn = kpi_calloc(pg.dg.n, sizeof *pg.drawn)))
        st = kpi_error_set(pg.err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == KPI_OK)
        st = write_page(&pg);
    kpi_free(pg.drawn);
    kpi_chart_html_free(pg.charts);
    kpi_digest_fini(&pg.dg);
    if (st == KPI_OK && (fflush(fp) != 0 || ferror(fp)))
        st = kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the dashboard: %s",
                           strerror(errno ? errno : EIO));
    return st;
}

kpi_status
kpi_dashboard_write(const kpi_store *s, const kpi_meta *meta, const kpi_dashboard_options *opt,
                    const char *path, kpi_error *err)
{
    kpi_outfile *f = kpi_outfile_open(path, err);
    if (!f)
        return err ? err->code : KPI_EIO;
    kpi_status st = kpi_dashboard_write_stream(s, meta, opt, kpi_outfile_stream(f), err);
    kpi_status closed = kpi_outfile_close(f, st == KPI_OK, st == KPI_OK ? err : NULL);
    if (st == KPI_OK)
        st = closed;
    /* Only a failure to write is about the file. */
    if (st == KPI_EIO && err && err->source[0] == '\0')
        snprintf(err->source, sizeof err->source, "%s", path);
    return st;
}
