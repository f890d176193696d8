/* Sparklines: a word-sized line for a table cell, with no axes and no
 * text; the last value is marked so the eye finds "now". */
#include "chart_private.h"
#include "palette_private.h"

static size_t
sparkline_panels(const kpi_chart *c)
{
    return c->n_series > 0 ? 1 : 0;
}

static void
sparkline_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                  kpi_domain *d)
{
    (void)cv;
    (void)th;
    (void)panel;
    kpi_chart_series_domain(&c->series[0], d);
}

static void
sparkline_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                const kpi_panel *p)
{
    (void)th;
    (void)panel;
    kpi_marks_line(cv, p, &c->series[0], c->series[0].values, kpi_palette_ink(KPI_INK_TEXT), 0.9,
                   false);
    kpi_marks_partial(cv, p, &c->series[0], kpi_palette_ink(KPI_INK_TEXT), 1.4);
    kpi_marks_last_dot(cv, p, &c->series[0], kpi_palette_series(0), 1.6);
}

const kpi_chart_class kpi_chart_sparkline_class = {
    .framed = false,
    .panels = sparkline_panels,
    .measure = sparkline_measure,
    .marks = sparkline_marks,
};
