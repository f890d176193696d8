/* Small multiples: one panel per series, each the same line marks on the
 * same axis engine; the engine lays the grid out and shares the time axis
 * (and the value axis, unless the scales are free). */
#include <math.h>

#include "chart_private.h"
#include "kpi/scale.h"
#include "palette_private.h"

static size_t
multiples_panels(const kpi_chart *c)
{
    return c->n_series;
}

static void
multiples_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                  kpi_domain *d)
{
    (void)cv;
    (void)th;
    const kpi_plot_series *s = &c->series[panel];
    d->kind = KPI_DOMAIN_TIME;
    d->first = s->periods[0];
    d->last = s->periods[s->n - 1];
    kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->values, s->n);
    kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->trend_lo, s->n);
    kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->trend_hi, s->n);
    d->scale_flags = (c->y_zero ? KPI_SCALE_ZERO : 0u) |
                     (kpi_chart_integral(c) ? KPI_SCALE_INTEGER : 0u);
}

static const char *
multiples_title(const kpi_chart *c, size_t panel)
{
    return c->series[panel].name;
}

static void
multiples_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                const kpi_panel *p)
{
    /* One colour for every panel: position, not hue, tells them apart. */
    kpi_rgb colour = kpi_palette_series(0);
    kpi_marks_trend(cv, p, &c->series[panel], colour);
    kpi_marks_line(cv, p, &c->series[panel], c->series[panel].values, colour, th->line_width * 0.8,
                   false);
    kpi_marks_partial(cv, p, &c->series[panel], colour, 2.0);
    kpi_marks_last_dot(cv, p, &c->series[panel], colour, 2.0);
}

static void
multiples_legend(const kpi_chart *c, kpi_legend *lg)
{
    bool trend = false, band = false;
    for (size_t k = 0; k < c->n_series; k++) {
        trend = trend || c->series[k].trend;
        band = band || c->series[k].trend_lo;
    }
    if (trend)
        kpi_legend_add(lg, KPI_SWATCH_DASH, kpi_palette_series(0), "Linear trend");
    if (band)
        kpi_legend_add(lg, KPI_SWATCH_BAND, kpi_palette_series(0), "95% confidence band");
}

const kpi_chart_class kpi_chart_multiples_class = {
    .framed = true,
    .panels = multiples_panels,
    .measure = multiples_measure,
    .legend = multiples_legend,
    .panel_title = multiples_title,
    .marks = multiples_marks,
};
