/* Year-on-year bars: the latest change of each indicator or area as a
 * horizontal bar from zero, labelled with its signed percentage, coloured
 * by whether the change is in the indicator's better direction, solid when
 * the exact test finds it significant and pale when it does not.  Rows run
 * across so that long indicator and borough names stay readable. */
#include <math.h>
#include <stdio.h>

#include "chart_private.h"
#include "kpi/scale.h"
#include "kpi/summary.h"
#include "palette_private.h"
#include "text_private.h"

#define BAR_LABEL_GAP 4.0

/* Percentages have their own decimals, those of kpi summary and kpi
 * change, whatever the values' decimals are. */
#define BAR_DECIMALS KPI_SUMMARY_PCT_DECIMALS

static void
bar_text(const kpi_plot_bar *b, char *buf, size_t size)
{
    if (isnan(b->value))
        snprintf(buf, size, "%s", b->partial ? "n/a (partial)" : "n/a");
    else
        kpi_scale_label(b->value, BAR_DECIMALS, KPI_LABEL_SIGN | KPI_LABEL_PERCENT, buf, size);
}

/* The sign of a bar as printed, so colour and label always agree. */
static int
bar_sign(const kpi_plot_bar *b)
{
    double shown = kpi_value_round(b->value, BAR_DECIMALS);
    return shown > 0 ? 1 : shown < 0 ? -1 : 0;
}

static size_t
yoy_panels(const kpi_chart *c)
{
    return c->n_bars > 0 ? 1 : 0;
}

static void
yoy_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel, kpi_domain *d)
{
    (void)panel;
    d->kind = KPI_DOMAIN_CATEGORY;
    d->n_categories = c->n_bars;
    d->scale_flags = KPI_SCALE_ZERO;
    d->label_flags = KPI_LABEL_SIGN | KPI_LABEL_PERCENT;
    /* Room at each end for the labels of the bars that grow that way;
     * "n/a" sits right of zero. */
    for (size_t i = 0; i < c->n_bars; i++) {
        const kpi_plot_bar *b = &c->bars[i];
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &b->value, 1);
        char t[64];
        bar_text(b, t, sizeof t);
        double w = kpi_text_width(cv, &th->label, t) + BAR_LABEL_GAP + 2.0;
        if (!isnan(b->value) && b->value < 0)
            d->pad_lo = fmax(d->pad_lo, w);
        else
            d->pad_hi = fmax(d->pad_hi, w);
    }
}

static void
yoy_legend(const kpi_chart *c, kpi_legend *lg)
{
    bool seen[KPI_INK_LAST] = {false};
    for (size_t i = 0; i < c->n_bars; i++)
        if (!isnan(c->bars[i].value))
            seen[kpi_palette_direction(bar_sign(&c->bars[i]), c->bars[i].better)] = true;
    /* The key is only needed once colour carries meaning. */
    if (!seen[KPI_INK_GOOD] && !seen[KPI_INK_BAD])
        return;
    if (seen[KPI_INK_GOOD])
        kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_ink(KPI_INK_GOOD), "Improvement");
    if (seen[KPI_INK_BAD])
        kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_ink(KPI_INK_BAD), "Deterioration");
    if (seen[KPI_INK_NEUTRAL])
        kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_ink(KPI_INK_NEUTRAL),
                       "No change or no better direction");
    /* Solid and pale say what the exact test found, once any bar has one. */
    bool tested = false, pale = false;
    for (size_t i = 0; i < c->n_bars; i++) {
        tested |= c->bars[i].significance != KPI_SIGNIFICANCE_NONE;
        pale |= c->bars[i].significance == KPI_SIGNIFICANCE_NO_CHANGE;
    }
    if (tested)
        kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_ink(KPI_INK_MUTED),
                       "Solid: statistically significant (exact test, 5%)");
    if (pale)
        kpi_legend_add(lg, KPI_SWATCH_BAND, kpi_palette_ink(KPI_INK_MUTED),
                       "Pale: within normal variation");
}

static const char *
yoy_category(const kpi_chart *c, size_t row)
{
    return c->bars[row].label;
}

static double
bar_thickness(const kpi_panel *p)
{
    return fmin(p->band * 0.68, 16.0);
}

static void
yoy_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel, const kpi_panel *p)
{
    (void)th;
    (void)panel;
    double t = bar_thickness(p);
    double x0 = kpi_scale_map(&p->vs, 0.0);
    for (size_t i = 0; i < c->n_bars; i++) {
        const kpi_plot_bar *b = &c->bars[i];
        if (isnan(b->value))
            continue;
        double x1 = kpi_scale_map(&p->vs, b->value);
        double yc = kpi_scale_map(&p->xs, (double)i);
        kpi_rgb ink = kpi_palette_ink(kpi_palette_direction(bar_sign(b), b->better));
        cairo_rectangle(cv->cr, fmin(x0, x1), yc - t / 2.0, fabs(x1 - x0), t);
        if (b->significance == KPI_SIGNIFICANCE_NO_CHANGE) {
            /* Pale, with its outline, so that the length still reads. */
            kpi_canvas_rgba(cv, ink, 0.3);
            cairo_fill_preserve(cv->cr);
            kpi_canvas_rgb(cv, ink);
            cairo_set_line_width(cv->cr, 0.8);
            cairo_stroke(cv->cr);
        } else {
            kpi_canvas_rgb(cv, ink);
            cairo_fill(cv->cr);
        }
    }
}

static void
yoy_annotate(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
             const kpi_panel *p)
{
    (void)panel;
    kpi_text_style st = kpi_panel_category_style(cv, th, p);
    double lh = kpi_text_height(cv, &st);
    double x0 = kpi_scale_map(&p->vs, 0.0);
    size_t step = kpi_panel_category_step(cv, th, p);
    for (size_t i = 0; i < c->n_bars; i += step) {
        const kpi_plot_bar *b = &c->bars[i];
        char t[64];
        bar_text(b, t, sizeof t);
        double yc = kpi_scale_map(&p->xs, (double)i);
        kpi_text_style ls = st;
        ls.colour = kpi_palette_ink(isnan(b->value) ? KPI_INK_MUTED : KPI_INK_TEXT);
        if (!isnan(b->value) && b->value < 0)
            kpi_text_draw(cv, &ls, t, kpi_scale_map(&p->vs, b->value) - BAR_LABEL_GAP,
                          yc - lh / 2.0, KPI_ALIGN_RIGHT);
        else
            kpi_text_draw(cv, &ls, t,
                          (isnan(b->value) ? x0 : kpi_scale_map(&p->vs, b->value)) + BAR_LABEL_GAP,
                          yc - lh / 2.0, KPI_ALIGN_LEFT);
    }
}

const kpi_chart_class kpi_chart_yoy_class = {
    .framed = true,
    .takes_bars = true,
    .panels = yoy_panels,
    .measure = yoy_measure,
    .legend = yoy_legend,
    .category = yoy_category,
    .marks = yoy_marks,
    .annotate = yoy_annotate,
};
