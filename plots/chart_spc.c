/* XmR charts as Making Data Count draws them: the series as a grey line,
 * each segment's mean (solid) and process limits (dashed), broken where a
 * rebase starts new limits, the target if any, and every point as a dot
 * coloured by its variation.  The limits and rules are the engine's
 * (kpi/spc.h); the colour of a special-cause point follows the chart's
 * better direction when it is drawn. */
#include <math.h>
#include <stdlib.h>

#include "alloc_private.h"
#include "chart_private.h"
#include "kpi/scale.h"
#include "palette_private.h"

#define DOT_RADIUS 2.6

kpi_status
kpi_chart_spc_points(const kpi_chart *c, kpi_plot_series *s, kpi_error *err)
{
    size_t n = s->n, m = 0;
    kpi_spc_point *all = kpi_calloc(n, sizeof *all);
    kpi_spc_point *pts = kpi_malloc(n * sizeof *pts);
    /* Zeroed: gcc 12 cannot see that only the m slots set below are read. */
    double *y = kpi_calloc(n, sizeof *y);
    kpi_period *periods = kpi_calloc(n, sizeof *periods);
    size_t *slot = kpi_malloc(n * sizeof *slot);
    bool *partial = kpi_calloc(n, sizeof *partial);
    kpi_status st = KPI_ENOMEM;
    if (!all || !pts || !y || !periods || !slot || !partial) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing an SPC chart");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (isfinite(s->values[i])) {
            slot[m] = i;
            partial[m] = kpi_chart_partial(s, i);
            periods[m] = s->periods[i];
            y[m++] = s->values[i];
        }
    kpi_spc_options o = c->spc;
    o.better = KPI_BETTER_NONE; /* the colours follow the chart's better direction */
    if ((st = kpi_spc_periods(periods, y, partial, m, &o, pts, err)) != KPI_OK)
        goto done;
    for (size_t k = 0; k < m; k++)
        all[slot[k]] = pts[k];
    s->spc = all;
    all = NULL;
done:
    kpi_free(all);
    kpi_free(pts);
    kpi_free(y);
    kpi_free(periods);
    kpi_free(slot);
    kpi_free(partial);
    return st;
}

/* The ink of a point: grey for common cause, else by its direction. */
static kpi_ink
point_ink(const kpi_chart *c, const kpi_spc_point *p)
{
    if (!p->rules)
        return KPI_INK_NEUTRAL;
    kpi_ink ink = kpi_palette_direction(p->direction, c->better);
    return ink == KPI_INK_NEUTRAL ? KPI_INK_SPECIAL : ink;
}

static size_t
spc_panels(const kpi_chart *c)
{
    return c->n_series > 0 ? 1 : 0;
}

static void
spc_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel, kpi_domain *d)
{
    (void)cv;
    (void)th;
    (void)panel;
    const kpi_plot_series *s = &c->series[0];
    d->kind = KPI_DOMAIN_TIME;
    d->first = s->periods[0];
    d->last = s->periods[s->n - 1];
    kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->values, s->n);
    for (size_t i = 0; i < s->n; i++)
        if (s->spc[i].has_limits) {
            kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &s->spc[i].lpl, 1);
            kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &s->spc[i].upl, 1);
        }
    if (c->has_target)
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &c->target, 1);
    d->scale_flags = (c->y_zero ? KPI_SCALE_ZERO : 0u) |
                     (kpi_chart_integral(c) ? KPI_SCALE_INTEGER : 0u);
}

static void
spc_legend(const kpi_chart *c, kpi_legend *lg)
{
    const kpi_plot_series *s = &c->series[0];
    bool seen[KPI_INK_LAST] = {false}, limits = false;
    for (size_t i = 0; i < s->n; i++)
        if (s->spc[i].has_limits) {
            limits = true;
            seen[point_ink(c, &s->spc[i])] = true;
        }
    if (limits) {
        kpi_legend_add(lg, KPI_SWATCH_LINE, kpi_palette_ink(KPI_INK_ZERO), "Mean");
        kpi_legend_add(lg, KPI_SWATCH_DASH, kpi_palette_ink(KPI_INK_AXIS), "Process limits");
    }
    if (c->has_target)
        kpi_legend_add(lg, KPI_SWATCH_DASH, kpi_palette_ink(KPI_INK_TARGET),
                       c->target_label ? c->target_label : "Target");
    static const struct {
        kpi_ink ink;
        const char *text;
    } keys[] = {
        {KPI_INK_NEUTRAL, "Common cause"},
        {KPI_INK_GOOD, "Improvement"},
        {KPI_INK_BAD, "Concern"},
        {KPI_INK_SPECIAL, "Special cause"},
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (seen[keys[k].ink])
            kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_ink(keys[k].ink), keys[k].text);
}

/* A horizontal line at each segment's value of `field` (offset into a
 * point), from its first point to its last. */
static void
segment_lines(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s, size_t offset,
              kpi_ink ink, bool dashed)
{
    double dash[] = {5.0, 3.0};
    size_t i = 0;
    while (i < s->n) {
        if (!s->spc[i].has_limits) {
            i++;
            continue;
        }
        size_t last = i, seg = s->spc[i].segment;
        for (size_t j = i + 1; j < s->n; j++) {
            if (s->spc[j].has_limits && s->spc[j].segment != seg)
                break;
            if (s->spc[j].has_limits)
                last = j;
        }
        double v = *(const double *)((const char *)&s->spc[i] + offset);
        double y = kpi_scale_map(&p->vs, v);
        cairo_set_dash(cv->cr, dash, dashed ? 2 : 0, 0.0);
        kpi_canvas_line(cv, kpi_scale_map(&p->xs, s->periods[i].ordinal), y,
                        kpi_scale_map(&p->xs, s->periods[last].ordinal), y, 1.0,
                        kpi_palette_ink(ink));
        cairo_set_dash(cv->cr, NULL, 0, 0.0);
        i = last + 1;
    }
}

static void
spc_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel, const kpi_panel *p)
{
    (void)panel;
    const kpi_plot_series *s = &c->series[0];
    segment_lines(cv, p, s, offsetof(kpi_spc_point, lpl), KPI_INK_AXIS, true);
    segment_lines(cv, p, s, offsetof(kpi_spc_point, upl), KPI_INK_AXIS, true);
    segment_lines(cv, p, s, offsetof(kpi_spc_point, mean), KPI_INK_ZERO, false);
    if (c->has_target) {
        double y = kpi_scale_map(&p->vs, c->target);
        double dash[] = {2.0, 2.0};
        cairo_set_dash(cv->cr, dash, 2, 0.0);
        kpi_canvas_line(cv, p->area.x, y, p->area.x + p->area.w, y, 1.2,
                        kpi_palette_ink(KPI_INK_TARGET));
        cairo_set_dash(cv->cr, NULL, 0, 0.0);
    }
    kpi_marks_line(cv, p, s, s->values, kpi_palette_ink(KPI_INK_MUTED), th->line_width * 0.7,
                   false);
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(s->values[i]))
            continue;
        double x = kpi_scale_map(&p->xs, s->periods[i].ordinal);
        double y = kpi_scale_map(&p->vs, s->values[i]);
        kpi_rgb ink = kpi_palette_ink(point_ink(c, &s->spc[i]));
        if (kpi_chart_partial(s, i)) {
            kpi_marks_hollow(cv, x, y, DOT_RADIUS, ink);
            continue;
        }
        cairo_new_path(cv->cr);
        cairo_arc(cv->cr, x, y, DOT_RADIUS, 0.0, 2.0 * KPI_PI);
        kpi_canvas_rgb(cv, ink);
        cairo_fill(cv->cr);
    }
}

const kpi_chart_class kpi_chart_spc_class = {
    .framed = true,
    .panels = spc_panels,
    .measure = spc_measure,
    .legend = spc_legend,
    .marks = spc_marks,
};
