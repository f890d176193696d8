/* Line and rolling charts: one or more series over time, with an optional
 * trend band, target line and a label on each series' latest value.  The
 * line-drawing helpers here are shared with multiples and sparklines. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_private.h"
#include "kpi/period_axis.h"
#include "kpi/scale.h"
#include "kpi/summary.h"
#include "palette_private.h"
#include "text_private.h"

/* ---- marks shared by every time chart ---------------------------------- */

static bool
joined(const kpi_plot_series *s, size_t i)
{
    return i > 0 && s->periods[i].ordinal == s->periods[i - 1].ordinal + 1;
}

/* ---- thinning a long line ----------------------------------------------- */

void
kpi_thin_start(kpi_thin *t, cairo_t *cr, bool thin)
{
    *t = (kpi_thin){.cr = cr, .thin = thin};
}

static void
thin_line_to(kpi_thin *t, kpi_thin_point q)
{
    cairo_line_to(t->cr, q.x, q.y);
}

/* Draw the gathered column's points after its first, in their order. */
static void
thin_flush(kpi_thin *t)
{
    if (!t->open)
        return;
    t->open = false;
    kpi_thin_point a = t->low, b = t->high;
    if (a.seq > b.seq) {
        a = t->high;
        b = t->low;
    }
    if (a.seq != t->first.seq && a.seq != t->last.seq)
        thin_line_to(t, a);
    if (b.seq != a.seq && b.seq != t->first.seq && b.seq != t->last.seq)
        thin_line_to(t, b);
    if (t->last.seq != t->first.seq)
        thin_line_to(t, t->last);
}

void
kpi_thin_point_add(kpi_thin *t, double x, double y, bool move)
{
    cairo_t *cr = t->cr;
    if (!t->thin) {
        if (move)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
        return;
    }
    kpi_thin_point q = {x, y, t->seq++};
    double dx = x, dy = y;
    cairo_user_to_device(cr, &dx, &dy);
    /* On cairo's grid of 1/256 pixel, where the point is drawn. */
    double column = floor(round(dx * 256.0) / 256.0);
    if (!move && t->open && column == t->column) {
        if (y < t->low.y)
            t->low = q;
        if (y > t->high.y)
            t->high = q;
        t->last = q;
        return;
    }
    thin_flush(t);
    if (move)
        cairo_move_to(cr, x, y);
    else
        cairo_line_to(cr, x, y);
    t->open = true;
    t->column = column;
    t->first = t->low = t->high = t->last = q;
}

void
kpi_thin_end(kpi_thin *t)
{
    thin_flush(t);
}

/* Stroke the segments of the line through values that join two present
 * points, those touching a partial point (partial) or the others.  On a
 * raster page the line is thinned to its pixel columns. */
static void
stroke_segments(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, const double *values,
                bool partial)
{
    cairo_t *cr = cv->cr;
    cairo_new_path(cr);
    kpi_thin t;
    kpi_thin_start(&t, cr,
                   cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE);
    bool open = false; /* the path ends at point i - 1 */
    for (size_t i = 1; i < s->n; i++) {
        bool touches = kpi_chart_partial(s, i) || kpi_chart_partial(s, i - 1);
        if (!isfinite(values[i]) || !isfinite(values[i - 1]) || !joined(s, i) ||
            touches != partial) {
            open = false;
            continue;
        }
        if (!open)
            kpi_thin_point_add(&t, kpi_scale_map(&p->xs, s->periods[i - 1].ordinal),
                               kpi_scale_map(&p->vs, values[i - 1]), true);
        kpi_thin_point_add(&t, kpi_scale_map(&p->xs, s->periods[i].ordinal),
                           kpi_scale_map(&p->vs, values[i]), false);
        open = true;
    }
    kpi_thin_end(&t);
    cairo_stroke(cr);
}

void
kpi_marks_line(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, const double *values,
               kpi_rgb colour, double width, bool dashed)
{
    cairo_t *cr = cv->cr;
    double dash[] = {4.0, 2.5}, partial_dash[] = {2.0, 2.0};
    cairo_set_line_width(cr, width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    kpi_canvas_rgb(cv, colour);
    cairo_set_dash(cr, dash, dashed ? 2 : 0, 0.0);
    stroke_segments(cv, p, s, values, false);
    /* The way into and out of a partial point is dotted: the figure there
     * is not like the others. */
    cairo_set_dash(cr, dashed ? dash : partial_dash, 2, 0.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    stroke_segments(cv, p, s, values, true);
    cairo_set_dash(cr, NULL, 0, 0.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    /* A point with gaps on both sides would otherwise be invisible. */
    for (size_t i = 0; i < s->n && !dashed; i++) {
        if (!isfinite(values[i]))
            continue;
        bool before = joined(s, i) && isfinite(values[i - 1]);
        bool after = i + 1 < s->n && joined(s, i + 1) && isfinite(values[i + 1]);
        if (before || after)
            continue;
        cairo_new_path(cr);
        cairo_arc(cr, kpi_scale_map(&p->xs, s->periods[i].ordinal),
                  kpi_scale_map(&p->vs, values[i]), width * 1.4, 0.0, 2.0 * KPI_PI);
        cairo_fill(cr);
    }
}

bool
kpi_chart_partial(const kpi_plot_series *s, size_t i)
{
    return s->partial && s->partial[i];
}

void
kpi_marks_hollow(kpi_canvas *cv, double x, double y, double r, kpi_rgb colour)
{
    cairo_t *cr = cv->cr;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0.0, 2.0 * KPI_PI);
    kpi_canvas_rgb(cv, (kpi_rgb){1.0, 1.0, 1.0});
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, fmax(r * 0.45, 0.8));
    kpi_canvas_rgb(cv, colour);
    cairo_stroke(cr);
}

void
kpi_marks_partial(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, kpi_rgb colour,
                  double r)
{
    for (size_t i = 0; i < s->n; i++)
        if (kpi_chart_partial(s, i) && isfinite(s->values[i]))
            kpi_marks_hollow(cv, kpi_scale_map(&p->xs, s->periods[i].ordinal),
                             kpi_scale_map(&p->vs, s->values[i]), r, colour);
}

void
kpi_marks_trend(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, kpi_rgb colour)
{
    if (!s->trend)
        return;
    cairo_t *cr = cv->cr;
    if (s->trend_lo) {
        /* The band is filled run by run, so an undefined stretch is a gap. */
        size_t i = 0;
        while (i < s->n) {
            if (!isfinite(s->trend_lo[i]) || !isfinite(s->trend_hi[i])) {
                i++;
                continue;
            }
            size_t j = i;
            while (j + 1 < s->n && joined(s, j + 1) && isfinite(s->trend_lo[j + 1]) &&
                   isfinite(s->trend_hi[j + 1]))
                j++;
            cairo_new_path(cr);
            for (size_t k = i; k <= j; k++)
                cairo_line_to(cr, kpi_scale_map(&p->xs, s->periods[k].ordinal),
                              kpi_scale_map(&p->vs, s->trend_hi[k]));
            for (size_t k = j + 1; k-- > i;)
                cairo_line_to(cr, kpi_scale_map(&p->xs, s->periods[k].ordinal),
                              kpi_scale_map(&p->vs, s->trend_lo[k]));
            cairo_close_path(cr);
            kpi_canvas_rgba(cv, colour, 0.16);
            cairo_fill(cr);
            i = j + 1;
        }
    }
    kpi_marks_line(cv, p, s, s->trend, colour, 1.1, true);
}

long
kpi_marks_last_dot(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, kpi_rgb colour,
                   double r)
{
    for (size_t i = s->n; i-- > 0;) {
        if (!isfinite(s->values[i]))
            continue;
        double x = kpi_scale_map(&p->xs, s->periods[i].ordinal);
        double y = kpi_scale_map(&p->vs, s->values[i]);
        if (kpi_chart_partial(s, i)) {
            kpi_marks_hollow(cv, x, y, r, colour);
            return (long)i;
        }
        cairo_new_path(cv->cr);
        cairo_arc(cv->cr, x, y, r, 0.0, 2.0 * KPI_PI);
        kpi_canvas_rgb(cv, colour);
        cairo_fill(cv->cr);
        return (long)i;
    }
    return -1;
}

/* ---- the latest-value label --------------------------------------------- */

typedef struct latest {
    bool has;
    size_t index; /* of the last present point */
    size_t series;
    bool target;      /* the target line's label, not a series' */
    char value[160];  /* "14,852", or the target's label */
    char change[160]; /* "+0.6% on 2017-18", or "" */
    kpi_ink ink;      /* of the change */
    double y;         /* the point's page y, then the label's top */
    double w, h;
} latest;

/* The label text of series s: its last present value, and its change on a
 * year earlier when the engine can compute one. */
static void
latest_text(const kpi_chart *c, const kpi_plot_series *s, latest *lt)
{
    lt->has = false;
    for (size_t i = s->n; i-- > 0;) {
        if (isfinite(s->values[i])) {
            lt->has = true;
            lt->index = i;
            break;
        }
    }
    if (!lt->has)
        return;
    kpi_scale_label(s->values[lt->index], kpi_chart_decimals(c), 0, lt->value, sizeof lt->value);
    lt->change[0] = '\0';
    lt->ink = KPI_INK_MUTED;
    double pct;
    kpi_period base;
    if (!kpi_chart_yoy(s, lt->index, &pct, &base))
        return;
    char num[64], when[KPI_PERIOD_TEXT_MAX];
    kpi_scale_label(pct, KPI_SUMMARY_PCT_DECIMALS, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, num,
                    sizeof num);
    kpi_period_axis_label(base, when, sizeof when);
    /* The sign that counts is the one printed: +0.04% reads as 0.0%. */
    double shown = kpi_value_round(pct, 1);
    int sign = shown > 0 ? 1 : shown < 0 ? -1 : 0;
    if (c->type == KPI_CHART_ROLLING)
        snprintf(lt->change, sizeof lt->change, "%s on 12 months to %s", num, when);
    else
        snprintf(lt->change, sizeof lt->change, "%s on %s", num, when);
    lt->ink = kpi_palette_direction(sign, c->better);
    if (lt->ink == KPI_INK_NEUTRAL)
        lt->ink = KPI_INK_MUTED;
}

static void
latest_size(kpi_canvas *cv, const kpi_theme *th, latest *lt)
{
    lt->w = kpi_text_width(cv, &th->label_strong, lt->value);
    lt->h = kpi_text_height(cv, &th->label_strong);
    if (lt->change[0]) {
        lt->w = fmax(lt->w, kpi_text_width(cv, &th->label, lt->change));
        lt->h += kpi_text_height(cv, &th->label);
    }
}

#define LATEST_GAP 6.0

/* ---- the line class ------------------------------------------------------- */

static size_t
line_panels(const kpi_chart *c)
{
    return c->n_series > 0 ? 1 : 0;
}

static void
line_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel, kpi_domain *d)
{
    (void)panel;
    d->kind = KPI_DOMAIN_TIME;
    d->first = c->series[0].periods[0];
    d->last = c->series[0].periods[c->series[0].n - 1];
    for (size_t k = 0; k < c->n_series; k++) {
        const kpi_plot_series *s = &c->series[k];
        if (s->periods[0].ordinal < d->first.ordinal)
            d->first = s->periods[0];
        if (s->periods[s->n - 1].ordinal > d->last.ordinal)
            d->last = s->periods[s->n - 1];
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->values, s->n);
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->trend_lo, s->n);
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->trend_hi, s->n);
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->trend, s->n);
    }
    if (c->has_target)
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &c->target, 1);
    d->scale_flags = kpi_chart_value_flags(c);
    d->reserve_right = 0.0;
    if (c->has_target && c->target_label)
        d->reserve_right = kpi_text_width(cv, &th->label, c->target_label) + LATEST_GAP + 2.0;
    if (c->latest_label) {
        for (size_t k = 0; k < c->n_series; k++) {
            latest lt;
            latest_text(c, &c->series[k], &lt);
            if (!lt.has)
                continue;
            latest_size(cv, th, &lt);
            d->reserve_right = fmax(d->reserve_right, lt.w + LATEST_GAP + 2.0);
        }
    }
}

static void
line_legend(const kpi_chart *c, kpi_legend *lg)
{
    bool trend = false, band = false;
    for (size_t k = 0; k < c->n_series; k++) {
        trend = trend || c->series[k].trend;
        band = band || c->series[k].trend_lo;
    }
    if (c->n_series > 1)
        for (size_t k = 0; k < c->n_series; k++)
            kpi_legend_add(lg, KPI_SWATCH_LINE, kpi_palette_series(k), c->series[k].name);
    kpi_rgb tc = c->n_series == 1 ? kpi_palette_series(0) : kpi_palette_ink(KPI_INK_MUTED);
    if (trend)
        kpi_legend_add(lg, KPI_SWATCH_DASH, tc, "Linear trend");
    if (band)
        kpi_legend_add(lg, KPI_SWATCH_BAND, tc, "95% confidence band");
}

static void
line_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
           const kpi_panel *p)
{
    (void)panel;
    for (size_t k = 0; k < c->n_series; k++)
        kpi_marks_trend(cv, p, &c->series[k], kpi_palette_series(k));
    if (c->has_target) {
        double y = kpi_scale_map(&p->vs, c->target);
        double dash[] = {5.0, 3.0};
        cairo_set_dash(cv->cr, dash, 2, 0.0);
        kpi_canvas_line(cv, p->area.x, y, p->area.x + p->area.w, y, 1.0,
                        kpi_palette_ink(KPI_INK_TARGET));
        cairo_set_dash(cv->cr, NULL, 0, 0.0);
    }
    /* Series drawn last-first so that the first (the main one) is on top. */
    for (size_t k = c->n_series; k-- > 0;) {
        kpi_marks_line(cv, p, &c->series[k], c->series[k].values, kpi_palette_series(k),
                       th->line_width, false);
        kpi_marks_partial(cv, p, &c->series[k], kpi_palette_series(k), 2.4);
    }
}

static int
by_y(const void *a, const void *b)
{
    const latest *x = a, *y = b;
    /* Ties break on the target, then the series number: qsort is not
     * stable, and the same chart must give the same pixels everywhere. */
    if (x->y != y->y)
        return (x->y > y->y) - (x->y < y->y);
    if (x->target != y->target)
        return x->target ? -1 : 1;
    return (x->series > y->series) - (x->series < y->series);
}

static void
line_annotate(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
              const kpi_panel *p)
{
    (void)panel;
    double top = p->area.y - kpi_text_height(cv, &th->tick) / 2.0;
    double bottom = p->area.y + p->area.h;
    latest labels[KPI_LEGEND_MAX + 1];
    size_t n = 0;
    /* The target's label sits beside the plot at the end of its line, in
     * the same column as the latest values, so it never hides data and
     * is stacked clear of them. */
    if (c->has_target && c->target_label) {
        latest *lt = &labels[n++];
        memset(lt, 0, sizeof *lt);
        lt->has = true;
        lt->series = SIZE_MAX;
        lt->target = true;
        snprintf(lt->value, sizeof lt->value, "%s", c->target_label);
        lt->w = kpi_text_width(cv, &th->label, lt->value);
        lt->h = kpi_text_height(cv, &th->label);
        lt->y = kpi_scale_map(&p->vs, c->target) - lt->h / 2.0;
    }
    for (size_t k = 0; c->latest_label && k < c->n_series && n < KPI_LEGEND_MAX; k++) {
        latest *lt = &labels[n];
        latest_text(c, &c->series[k], lt);
        if (!lt->has)
            continue;
        kpi_marks_last_dot(cv, p, &c->series[k], kpi_palette_series(k), 2.6);
        latest_size(cv, th, lt);
        lt->target = false;
        /* Centre the value line on the point. */
        lt->y = kpi_scale_map(&p->vs, c->series[k].values[lt->index]) -
                kpi_text_height(cv, &th->label_strong) / 2.0;
        lt->series = k;
        n++;
    }
    qsort(labels, n, sizeof labels[0], by_y);
    /* Push labels apart top-down, then pull the stack back up from the
     * bottom if it overflowed: no two labels overlap and all stay beside
     * the plot. */
    for (size_t i = 0; i < n; i++) {
        if (labels[i].y < top)
            labels[i].y = top;
        if (i > 0 && labels[i].y < labels[i - 1].y + labels[i - 1].h + 2.0)
            labels[i].y = labels[i - 1].y + labels[i - 1].h + 2.0;
    }
    for (size_t i = n; i-- > 0;) {
        double limit = i + 1 < n ? labels[i + 1].y - 2.0 : bottom;
        if (labels[i].y + labels[i].h > limit)
            labels[i].y = limit - labels[i].h;
    }
    double x = p->area.x + p->area.w + LATEST_GAP;
    for (size_t i = 0; i < n; i++) {
        latest *lt = &labels[i];
        /* Too many labels for the height: those pushed above the plot are
         * left out rather than drawn over the legend. */
        if (lt->y < top - 0.01)
            continue;
        if (lt->target) {
            kpi_text_style ts = th->label;
            ts.colour = kpi_palette_ink(KPI_INK_TARGET);
            kpi_text_draw(cv, &ts, lt->value, x, lt->y, KPI_ALIGN_LEFT);
            continue;
        }
        kpi_text_style vs = th->label_strong;
        vs.colour = kpi_palette_series(lt->series);
        kpi_rect r = kpi_text_draw(cv, &vs, lt->value, x, lt->y, KPI_ALIGN_LEFT);
        if (lt->change[0]) {
            kpi_text_style cs = th->label;
            cs.colour = kpi_palette_ink(lt->ink);
            kpi_text_draw(cv, &cs, lt->change, x, r.y + r.h, KPI_ALIGN_LEFT);
        }
    }
}

const kpi_chart_class kpi_chart_line_class = {
    .framed = true,
    .panels = line_panels,
    .measure = line_measure,
    .legend = line_legend,
    .marks = line_marks,
    .annotate = line_annotate,
};
