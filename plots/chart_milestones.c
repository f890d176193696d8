/* Milestones: one stacked bar per reporting period, the counts by status
 * from delivered at the base up to those without a status, each segment
 * labelled with its count where the count fits inside, and the period's
 * total over the bar.  The legend gives the report's own words for the
 * statuses. */
#include <math.h>
#include <stdio.h>

#include "chart_private.h"
#include "kpi/scale.h"
#include "palette_private.h"
#include "text_private.h"

/* A bar takes this share of its period's band, and never more than this
 * many points, so that a register of two periods does not draw slabs. */
#define BAR_SHARE 0.62
#define BAR_MAX_WIDTH 56.0
#define TOTAL_GAP 3.0
/* Room over the tallest bar for its total, as a share of the value range:
 * the nice ticks round up from there. */
#define TOTAL_HEADROOM 0.15

void
kpi_chart_milestone_colour(kpi_milestone_status s, double rgb[3])
{
    kpi_rgb c = kpi_palette_milestone(s);
    rgb[0] = c.r;
    rgb[1] = c.g;
    rgb[2] = c.b;
}

static size_t
stack_total(const kpi_plot_stack *s)
{
    size_t t = 0;
    for (int k = 0; k < KPI_MILESTONE_STATUS_LAST; k++)
        t += s->counts[k];
    return t;
}

static size_t
milestones_panels(const kpi_chart *c)
{
    return c->n_stacks > 0 ? 1 : 0;
}

static void
milestones_measure(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                   kpi_domain *d)
{
    (void)panel;
    d->kind = KPI_DOMAIN_TIME;
    d->bands = true;
    d->first = c->stacks[0].period;
    d->last = c->stacks[c->n_stacks - 1].period;
    d->scale_flags = KPI_SCALE_ZERO | KPI_SCALE_INTEGER;
    for (size_t i = 0; i < c->n_stacks; i++) {
        double t = (double)stack_total(&c->stacks[i]);
        kpi_chart_extend(&d->has_values, &d->lo, &d->hi, &t, 1);
    }
    (void)cv;
    (void)th;
    if (d->has_values)
        d->hi *= 1.0 + TOTAL_HEADROOM;
}

static void
milestones_legend(const kpi_chart *c, kpi_legend *lg)
{
    for (int k = 0; k < KPI_MILESTONE_STATUS_LAST; k++) {
        bool seen = k <= KPI_MILESTONE_DELAY;
        for (size_t i = 0; !seen && i < c->n_stacks; i++)
            seen = c->stacks[i].counts[k] > 0;
        if (seen)
            kpi_legend_add(lg, KPI_SWATCH_BAR, kpi_palette_milestone((kpi_milestone_status)k),
                           kpi_milestone_status_label((kpi_milestone_status)k));
    }
}

static double
bar_width(const kpi_panel *p)
{
    double band = fabs(kpi_scale_map(&p->xs, 1.0) - kpi_scale_map(&p->xs, 0.0));
    return fmin(band * BAR_SHARE, BAR_MAX_WIDTH);
}

static void
milestones_marks(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                 const kpi_panel *p)
{
    (void)th;
    (void)panel;
    double w = bar_width(p);
    for (size_t i = 0; i < c->n_stacks; i++) {
        const kpi_plot_stack *s = &c->stacks[i];
        double xc = kpi_scale_map(&p->xs, (double)s->period.ordinal);
        size_t below = 0;
        for (int k = 0; k < KPI_MILESTONE_STATUS_LAST; k++) {
            if (s->counts[k] == 0)
                continue;
            double y0 = kpi_scale_map(&p->vs, (double)below);
            double y1 = kpi_scale_map(&p->vs, (double)(below + s->counts[k]));
            cairo_rectangle(cv->cr, xc - w / 2.0, y1, w, y0 - y1);
            kpi_canvas_rgb(cv, kpi_palette_milestone((kpi_milestone_status)k));
            cairo_fill_preserve(cv->cr);
            /* A white rule between segments keeps neighbours apart even
             * where their colours are close for some readers. */
            kpi_canvas_rgb(cv, (kpi_rgb){1.0, 1.0, 1.0});
            cairo_set_line_width(cv->cr, 0.75);
            cairo_stroke(cv->cr);
            below += s->counts[k];
        }
    }
}

/* Dark text on the light fills, white on the dark ones. */
static kpi_rgb
label_colour(kpi_milestone_status k)
{
    bool dark = k == KPI_MILESTONE_DELIVERED || k == KPI_MILESTONE_DELAY;
    return dark ? (kpi_rgb){1.0, 1.0, 1.0} : kpi_palette_ink(KPI_INK_TITLE);
}

static void
milestones_annotate(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                    const kpi_panel *p)
{
    (void)panel;
    double w = bar_width(p);
    kpi_text_style st = th->label;
    double lh = kpi_text_height(cv, &st);
    for (size_t i = 0; i < c->n_stacks; i++) {
        const kpi_plot_stack *s = &c->stacks[i];
        double xc = kpi_scale_map(&p->xs, (double)s->period.ordinal);
        size_t below = 0;
        char t[32];
        for (int k = 0; k < KPI_MILESTONE_STATUS_LAST; k++) {
            if (s->counts[k] == 0)
                continue;
            double y0 = kpi_scale_map(&p->vs, (double)below);
            double y1 = kpi_scale_map(&p->vs, (double)(below + s->counts[k]));
            below += s->counts[k];
            snprintf(t, sizeof t, "%zu", s->counts[k]);
            if (y0 - y1 < lh + 1.0 || kpi_text_width(cv, &st, t) > w - 2.0)
                continue;
            kpi_text_style ls = st;
            ls.colour = label_colour((kpi_milestone_status)k);
            kpi_text_draw(cv, &ls, t, xc, (y0 + y1) / 2.0 - lh / 2.0, KPI_ALIGN_CENTRE);
        }
        snprintf(t, sizeof t, "%zu", below);
        double y = fmax(kpi_scale_map(&p->vs, (double)below) - TOTAL_GAP - lh, p->area.y);
        kpi_text_draw(cv, &th->label_strong, t, xc, y, KPI_ALIGN_CENTRE);
    }
}

const kpi_chart_class kpi_chart_milestones_class = {
    .framed = true,
    .takes_stacks = true,
    .panels = milestones_panels,
    .measure = milestones_measure,
    .legend = milestones_legend,
    .marks = milestones_marks,
    .annotate = milestones_annotate,
};
