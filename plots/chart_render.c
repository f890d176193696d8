/* The layout engine every chart type shares: the grid of small
 * multiples, panel titles and time axes, the order of panels, the
 * subtitle and partial-period note, and the rendering pass that asks each
 * chart type's class for its marks.  chart.c holds the chart object it
 * draws. */
#include "kpi/chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "chart_private.h"
#include "kpi/period_axis.h"
#include "kpi/scale.h"
#include "palette_private.h"
#include "text_private.h"
/* Columns for n panels in body, hgap and vgap apart, each losing overhead
 * of its height to its title and time axis: the grid whose plot areas
 * come closest to a 3:2 landscape shape, which suits a time series. */
static size_t
grid_columns(size_t n, kpi_rect body, double hgap, double vgap, double overhead)
{
    size_t best = 1;
    double best_err = INFINITY;
    for (size_t cols = 1; cols <= n; cols++) {
        size_t rows = (n + cols - 1) / cols;
        double w = (body.w - hgap * (double)(cols - 1)) / (double)cols;
        double h = (body.h - vgap * (double)(rows - 1)) / (double)rows - overhead;
        double e = w > 0.0 && h > 0.0 ? fabs(log(w / h / 1.5)) : INFINITY;
        if (e < best_err) {
            best_err = e;
            best = cols;
        }
    }
    return best;
}

static void
default_subtitle(const kpi_chart *c, char *buf, size_t size)
{
    buf[0] = '\0';
    if (c->type != KPI_CHART_ROLLING || c->n_series == 0)
        return;
    kpi_period last = c->series[0].periods[c->series[0].n - 1];
    for (size_t k = 1; k < c->n_series; k++) {
        kpi_period p = c->series[k].periods[c->series[k].n - 1];
        if (p.ordinal > last.ordinal)
            last = p;
    }
    char when[KPI_PERIOD_TEXT_MAX];
    kpi_period_axis_label(last, when, sizeof when);
    snprintf(buf, size, "Rolling 12-month total, 12 months to %s", when);
}

static int
by_ordinal(const void *a, const void *b)
{
    const kpi_period *x = a, *y = b;
    return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

/* The footnote of a chart showing partial periods, naming them (the first
 * few, in order); "" and false when it shows none. */
static bool
partial_note(const kpi_chart *c, char *buf, size_t size)
{
    enum { SHOWN = 6 };
    kpi_period seen[SHOWN + 1];
    size_t n = 0, more = 0;
    for (size_t k = 0; k < c->n_series + c->n_bars; k++) {
        const kpi_plot_series *s = k < c->n_series ? &c->series[k] : NULL;
        const kpi_plot_bar *b = s ? NULL : &c->bars[k - c->n_series];
        size_t len = s ? s->n : 1;
        for (size_t i = 0; i < len; i++) {
            if (s ? !kpi_chart_partial(s, i) : !b->partial)
                continue;
            kpi_period p = s ? s->periods[i] : b->partial_period;
            bool dup = false;
            for (size_t j = 0; j < n && !dup; j++)
                dup = kpi_period_cmp(seen[j], p) == 0;
            if (dup)
                continue;
            if (n < SHOWN)
                seen[n++] = p;
            else
                more++;
        }
    }
    buf[0] = '\0';
    if (n == 0)
        return false;
    qsort(seen, n, sizeof *seen, by_ordinal);
    size_t len = (size_t)snprintf(buf, size, "%s",
                                  c->n_series ? "Hollow points: partial periods, built from "
                                                "incomplete data and never compared ("
                                              : "n/a (partial): built from incomplete data, "
                                                "so never compared (");
    for (size_t j = 0; j < n && len < size; j++) {
        char t[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(seen[j], t, sizeof t);
        len += (size_t)snprintf(buf + len, size - len, "%s%s", j ? ", " : "", t);
    }
    if (len < size)
        snprintf(buf + len, size - len, more ? " and %zu more)." : ").", more);
    return true;
}

static void
draw_sparkline(kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, kpi_panel *p)
{
    /* No axes: the data range fills the page, less room for the end dot. */
    double inset = 2.5;
    p->area = kpi_rect_inflate((kpi_rect){0, 0, cv->width, cv->height}, -inset);
    double lo = p->dom.has_values ? p->dom.lo : 0.0, hi = p->dom.has_values ? p->dom.hi : 1.0;
    if (hi == lo) {
        lo -= 1.0;
        hi += 1.0;
    }
    int32_t n = kpi_period_diff(p->dom.first, p->dom.last) + 1;
    double pad = n > 1 ? 0.0 : 0.5;
    p->xs = (kpi_scale){p->dom.first.ordinal - pad, p->dom.last.ordinal + pad, p->area.x,
                        p->area.x + p->area.w};
    p->vs = (kpi_scale){lo, hi, p->area.y + p->area.h, p->area.y};
    c->cls->marks(c, cv, th, 0, p);
    kpi_canvas_record(cv, KPI_BOX_PLOT, p->area);
}

/* A series' place in the panel order: its key, when it has one. */
typedef struct order_key {
    const kpi_plot_series *s;
    size_t added;
    bool has;
    double key;
} order_key;

static int
by_order_key(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->has != y->has)
        return x->has ? -1 : 1;
    if (x->has && x->key != y->key)
        return x->key > y->key ? -1 : 1;
    int by_name = strcmp(x->s->name, y->s->name);
    if (by_name != 0)
        return by_name;
    return (x->added > y->added) - (x->added < y->added);
}

/* Put c's series in the panel order c->order asks for.  The key of a
 * series is read at its last point that is present and complete: a
 * partial figure is no basis for a ranking.  Fails only with KPI_ENOMEM
 * (the order is then left as it was). */
static kpi_status
order_series(kpi_chart *c, kpi_error *err)
{
    if (c->order == KPI_CHART_ORDER_ADDED || c->n_series < 2)
        return KPI_OK;
    order_key *keys = kpi_malloc(c->n_series * sizeof *keys);
    kpi_plot_series *sorted = kpi_malloc(c->n_series * sizeof *sorted);
    if (!keys || !sorted) {
        kpi_free(keys);
        kpi_free(sorted);
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    }
    for (size_t k = 0; k < c->n_series; k++) {
        const kpi_plot_series *s = &c->series[k];
        keys[k] = (order_key){.s = s, .added = k};
        size_t i = s->n;
        while (i-- > 0 && (!isfinite(s->values[i]) || kpi_chart_partial(s, i)))
            ;
        if (c->order == KPI_CHART_ORDER_NAME || i >= s->n)
            continue;
        kpi_period base;
        if (c->order == KPI_CHART_ORDER_LATEST) {
            keys[k].has = true;
            keys[k].key = s->values[i];
        } else {
            keys[k].has = kpi_chart_yoy(s, i, &keys[k].key, &base);
        }
    }
    qsort(keys, c->n_series, sizeof *keys, by_order_key);
    for (size_t k = 0; k < c->n_series; k++)
        sorted[k] = *keys[k].s;
    memcpy(c->series, sorted, c->n_series * sizeof *sorted);
    kpi_free(keys);
    kpi_free(sorted);
    return KPI_OK;
}

/* Ask the type for each panel's domain; then share the time axis between
 * panels always, and the value axis when the scales are shared. */
static void
measure_panels(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, kpi_panel *panels, size_t n)
{
    for (size_t i = 0; i < n; i++)
        c->cls->measure(c, cv, th, i, &panels[i].dom);
    bool has = false;
    double lo = 0.0, hi = 0.0;
    kpi_domain *d0 = &panels[0].dom;
    for (size_t i = 0; i < n; i++) {
        kpi_domain *d = &panels[i].dom;
        if (d->kind == KPI_DOMAIN_TIME && d->first.ordinal < d0->first.ordinal)
            d0->first = d->first;
        if (d->kind == KPI_DOMAIN_TIME && d->last.ordinal > d0->last.ordinal)
            d0->last = d->last;
        double v[2] = {d->lo, d->hi};
        if (d->has_values)
            kpi_chart_extend(&has, &lo, &hi, v, 2);
    }
    bool shared = c->type == KPI_CHART_MULTIPLES && c->scales == KPI_CHART_SCALES_SHARED;
    for (size_t i = 1; i < n; i++) {
        panels[i].dom.first = d0->first;
        panels[i].dom.last = d0->last;
    }
    for (size_t i = 0; shared && i < n; i++) {
        panels[i].dom.has_values = has;
        panels[i].dom.lo = lo;
        panels[i].dom.hi = hi;
    }
}

/* The text around the panels: the panel titles' style and lines, and
 * the category labels' style and width. */
typedef struct panel_text {
    kpi_text_style title;
    size_t title_lines; /* 0: no titles */
    kpi_text_style category;
    double category_w; /* 0: no category labels */
} panel_text;

#define PANEL_TITLE_MIN_SIZE 6.0

/* The panel titles of n panels width wide: in the theme's style, shrunk
 * (not below PANEL_TITLE_MIN_SIZE) until the longest word of every title
 * fits the width, so that a name wraps at its spaces rather than being
 * cut inside a word; on two lines when some title needs them.  A title
 * still too long after two lines ends in an ellipsis after a whole word
 * (kpi_text_wrap). */
static void
plan_titles(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t n, double width,
            panel_text *pt)
{
    pt->title = th->panel_title;
    pt->title_lines = 0;
    if (!c->cls->panel_title)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *t = c->cls->panel_title(c, i);
        while (*t) {
            size_t len = strcspn(t, " ");
            char word[KPI_TEXT_LINE_MAX];
            snprintf(word, sizeof word, "%.*s", (int)len, t);
            double w = kpi_text_width(cv, &pt->title, word);
            if (w > width)
                pt->title.size = fmax(PANEL_TITLE_MIN_SIZE, pt->title.size * width / w);
            t += len + strspn(t + len, " ");
        }
    }
    pt->title_lines = 1;
    for (size_t i = 0; i < n && pt->title_lines < 2; i++) {
        kpi_text_lines tl;
        kpi_text_wrap(cv, &pt->title, c->cls->panel_title(c, i), width, 2, &tl);
        if (tl.n > pt->title_lines)
            pt->title_lines = tl.n;
    }
}

/* Lay n panels out in the body: a grid for several, the whole body for
 * one, and plan the text around them into pt. */
static void
layout_panels(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, kpi_rect body,
              kpi_panel *panels, size_t n, panel_text *pt)
{
    const kpi_chart_class *cls = c->cls;
    bool shared = c->type == KPI_CHART_MULTIPLES && c->scales == KPI_CHART_SCALES_SHARED;
    double hgap = n == 1 ? 0.0 : 14.0, vgap = n == 1 ? 0.0 : 8.0;
    double xlab_h = panels[0].dom.kind == KPI_DOMAIN_TIME
                        ? kpi_panel_period_label_height(cv, th, panels[0].dom.first.freq)
                        : 0.0;
    /* The grid is chosen before the titles are wrapped: it allows for two
     * lines of them. */
    double overhead = 2.0 * kpi_text_height(cv, &th->panel_title) + 3.0 + xlab_h;
    size_t cols = n == 1 ? 1 : grid_columns(n, body, hgap, vgap, overhead);
    size_t rows = (n + cols - 1) / cols;
    double cw = (body.w - hgap * (double)(cols - 1)) / (double)cols;
    plan_titles(c, cv, th, n, cw, pt);
    double title_h = pt->title_lines
                         ? kpi_text_height(cv, &pt->title) * (double)pt->title_lines + 3.0
                         : 0.0;
    /* Every panel has its own time axis, so every row has the same height
     * and every plot area the same height. */
    double ch = (body.h - vgap * (double)(rows - 1)) / (double)rows;

    /* First pass: heights and value ticks.  Side-by-side panels then keep
     * one common width for value labels, so their plot areas line up. */
    for (size_t i = 0; i < n; i++) {
        kpi_panel *p = &panels[i];
        size_t col = i % cols, row = i / cols;
        double x = body.x + (double)col * (cw + hgap);
        double y = body.y + (double)row * (ch + vgap);
        p->outer = (kpi_rect){x, y + title_h, cw, fmax(ch - title_h, 1.0)};
        p->period_labels = p->reserve_period_labels = true;
        /* A small panel's axis names where its time starts and ends. */
        p->period_ends = c->type == KPI_CHART_MULTIPLES;
        p->value_labels = !(shared && col > 0);
        p->y_label = n == 1 ? c->y_label : NULL;
        kpi_panel_measure(cv, th, p);
    }
    /* One scale for every panel when they share it: the ticks of the
     * shortest plot (the fewest), so no panel reads 0-500 beside 0-400. */
    double label_w = 0.0;
    size_t fewest = 0;
    for (size_t i = 1; shared && i < n; i++)
        if (panels[i].vt.count < panels[fewest].vt.count)
            fewest = i;
    kpi_ticks common = panels[fewest].vt;
    for (size_t i = 0; i < n; i++) {
        if (shared)
            kpi_panel_set_ticks(cv, th, &panels[i], &common);
        if (panels[i].value_labels)
            label_w = fmax(label_w, panels[i].label_w);
    }
    pt->category = th->label;
    pt->category_w = 0.0;
    if (cls->category) {
        pt->category = kpi_panel_category_style(cv, th, &panels[0]);
        for (size_t r = 0; r < panels[0].dom.n_categories; r++)
            pt->category_w = fmax(pt->category_w,
                                  kpi_text_width(cv, &pt->category, cls->category(c, r)));
        pt->category_w = fmin(pt->category_w, panels[0].outer.w * 0.4);
    }
    /* Second pass: widths, then the period labels that fit them. */
    for (size_t i = 0; i < n; i++)
        kpi_panel_place(cv, th, &panels[i], panels[i].value_labels ? label_w : 0.0, pt->category_w);
}

/* Grid, marks (clipped to the plot), axis labels, the type's annotations,
 * then panel titles and row labels: text goes on last so nothing covers
 * it. */
static void
draw_panel(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t i, const kpi_panel *p,
           const panel_text *pt)
{
    const kpi_chart_class *cls = c->cls;
    kpi_panel_draw_grid(cv, th, p);
    kpi_panel_clip(cv, p);
    cls->marks(c, cv, th, i, p);
    cairo_restore(cv->cr);
    kpi_panel_draw_labels(cv, th, p);
    if (cls->annotate)
        cls->annotate(c, cv, th, i, p);
    if (pt->title_lines) {
        kpi_text_lines tl;
        kpi_text_wrap(cv, &pt->title, cls->panel_title(c, i), p->outer.w, pt->title_lines, &tl);
        double lh = kpi_text_height(cv, &pt->title);
        double y = p->outer.y - 3.0 - lh * (double)pt->title_lines;
        for (size_t k = 0; k < tl.n; k++)
            kpi_text_draw(cv, &pt->title, tl.line[k], p->outer.x, y + lh * (double)k,
                          KPI_ALIGN_LEFT);
    }
    if (cls->category) {
        char t[KPI_TEXT_LINE_MAX];
        double lh = kpi_text_height(cv, &pt->category);
        size_t step = kpi_panel_category_step(cv, th, p);
        for (size_t r = 0; r < p->dom.n_categories; r += step) {
            if (kpi_text_fit(cv, &pt->category, cls->category(c, r), pt->category_w, t, sizeof t))
                kpi_text_draw(cv, &pt->category, t, p->area.x - 6.0,
                              kpi_scale_map(&p->xs, (double)r) - lh / 2.0, KPI_ALIGN_RIGHT);
        }
    }
}

kpi_status
kpi_chart_render(kpi_chart *c, cairo_t *cr, double width, double height, double device_scale,
                 kpi_error *err)
{
    const kpi_chart_class *cls = c->cls;
    size_t n = cls->panels(c);
    if (n == 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "nothing to draw: the chart has no %s",
                             cls->takes_bars     ? "bars"
                             : cls->takes_stacks ? "milestone counts"
                                                 : "series");
    kpi_status ordered = c->type == KPI_CHART_MULTIPLES ? order_series(c, err) : KPI_OK;
    if (ordered != KPI_OK)
        return ordered;
    kpi_panel *panels = kpi_calloc(n, sizeof *panels);
    if (!panels)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");

    kpi_theme th;
    kpi_theme_default(&th);
    kpi_canvas cv;
    kpi_canvas_init(&cv, cr, width, height);
    measure_panels(c, &cv, &th, panels, n);

    if (!cls->framed) {
        draw_sparkline(c, &cv, &th, &panels[0]);
    } else {
        kpi_legend lg = {0};
        if (cls->legend)
            cls->legend(c, &lg);
        char sub[KPI_TEXT_LINE_MAX], note[KPI_TEXT_LINE_MAX];
        default_subtitle(c, sub, sizeof sub);
        if (partial_note(c, note, sizeof note) && c->n_series)
            kpi_legend_add(&lg, KPI_SWATCH_HOLLOW, kpi_palette_ink(KPI_INK_MUTED),
                           "Partial period (incomplete data)");
        kpi_frame f = {c->title, c->subtitle ? c->subtitle : sub, c->source, &lg, note};
        kpi_rect body = kpi_layout_frame(&cv, &th, &f);
        panel_text pt;
        layout_panels(c, &cv, &th, body, panels, n, &pt);
        for (size_t i = 0; i < n; i++)
            draw_panel(c, &cv, &th, i, &panels[i], &pt);
    }

    kpi_status st = KPI_OK;
    if (cv.oom) {
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    } else {
        kpi_free(c->boxes);
        c->boxes = cv.boxes;
        c->n_boxes = cv.n_boxes;
        cv.boxes = NULL;
        kpi_free(c->panels);
        c->panels = panels;
        c->n_panels = n;
        panels = NULL;
        c->device_scale = device_scale;
    }
    kpi_canvas_fini(&cv);
    kpi_free(panels);
    return st;
}

const kpi_box *
kpi_chart_boxes(const kpi_chart *c, size_t *n)
{
    *n = c->n_boxes;
    return c->boxes;
}

const kpi_panel *
kpi_chart_panel(const kpi_chart *c)
{
    return c->panels;
}

const kpi_panel *
kpi_chart_panels(const kpi_chart *c, size_t *n)
{
    *n = c->n_panels;
    return c->panels;
}
