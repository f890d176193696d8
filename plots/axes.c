#include "axes_private.h"

#include <math.h>
#include <stdio.h>

#include "palette_private.h"

/* Space between a value label and the plot area, and between neighbouring
 * labels along an axis, in points. */
#define LABEL_GAP 5.0
#define LABEL_SPACING 8.0

typedef struct measure_ctx {
    kpi_canvas *cv;
    const kpi_text_style *st;
} measure_ctx;

static double
measure_text(void *ud, const char *text)
{
    measure_ctx *m = ud;
    return kpi_text_width(m->cv, m->st, text);
}

static bool
freq_has_two_lines(kpi_freq f)
{
    return f != KPI_FREQ_YEAR && f != KPI_FREQ_FYEAR;
}

/* Below the plot: the gap to the first line of period labels.  At least
 * half a line, so that the lowest value label (centred on the baseline)
 * can never reach the period labels. */
static double
period_label_top(const kpi_theme *th, double lh)
{
    return fmax(th->tick_len + 2.0, 0.6 * lh);
}

double
kpi_panel_period_label_height(kpi_canvas *cv, const kpi_theme *th, kpi_freq f)
{
    double lh = kpi_text_height(cv, &th->tick);
    return period_label_top(th, lh) + lh * (freq_has_two_lines(f) ? 2 : 1);
}

static void
value_ticks(const kpi_panel *p, size_t max_ticks, kpi_ticks *t)
{
    double lo = p->dom.has_values ? p->dom.lo : 0.0;
    double hi = p->dom.has_values ? p->dom.hi : 1.0;
    if (kpi_scale_ticks(lo, hi, max_ticks, p->dom.scale_flags, t, NULL) != KPI_OK)
        kpi_scale_ticks(0.0, 1.0, 2, 0, t, NULL);
}

static double
widest_label(kpi_canvas *cv, const kpi_text_style *st, const kpi_ticks *t, unsigned flags)
{
    double w = 0.0;
    for (size_t i = 0; i < t->count; i++) {
        char buf[64];
        kpi_scale_label(kpi_scale_tick(t, i), t->decimals, flags, buf, sizeof buf);
        w = fmax(w, kpi_text_width(cv, st, buf));
    }
    return w;
}

void
kpi_panel_measure(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p)
{
    double lh = kpi_text_height(cv, &th->tick);
    double bottom = p->outer.y + p->outer.h;
    if (p->dom.kind == KPI_DOMAIN_TIME) {
        /* A panel too short for all its labels sheds them, unit line
         * first, then period labels, then value labels, so that what is
         * drawn never runs outside the panel. */
        double period_h = kpi_panel_period_label_height(cv, th, p->dom.first.freq);
        bool unit = p->y_label && p->y_label[0];
        bool periods = p->period_labels || p->reserve_period_labels;
        if (unit && p->outer.h < lh * 1.5 + lh + 3.0 + (periods ? period_h : lh / 2.0) + lh * 2.0)
            unit = false;
        if (periods && p->outer.h < lh * 1.5 + period_h + lh * 1.5)
            p->period_labels = p->reserve_period_labels = periods = false;
        if (!unit)
            p->y_label = NULL;
        double top = p->outer.y + lh / 2.0 + (unit ? lh + 3.0 : 0.0);
        double below = periods ? period_h : lh / 2.0;
        p->area = (kpi_rect){p->outer.x, top, p->outer.w, fmax(bottom - below - top, 1.0)};
        if (p->area.h < lh * 1.2)
            p->value_labels = false;
        /* One value label per 2.2 lines of height keeps them well apart. */
        double fit = floor(p->area.h / (lh * 2.2)) + 1.0;
        size_t max_ticks = fit < 2.0 ? 2 : fit > 10.0 ? 10 : (size_t)fit;
        value_ticks(p, max_ticks, &p->vt);
        p->label_w = widest_label(cv, &th->tick, &p->vt, p->dom.label_flags);
    } else {
        double below = LABEL_GAP + lh;
        p->area = (kpi_rect){p->outer.x, p->outer.y, p->outer.w, fmax(p->outer.h - below, 1.0)};
        size_t n = p->dom.n_categories ? p->dom.n_categories : 1;
        p->band = p->area.h / (double)n;
        p->label_w = 0.0;
    }
}

void
kpi_panel_set_ticks(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p, const kpi_ticks *t)
{
    p->vt = *t;
    p->label_w = widest_label(cv, &th->tick, &p->vt, p->dom.label_flags);
}

void
kpi_panel_place(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p, double label_w,
                double category_w)
{
    double lh = kpi_text_height(cv, &th->tick);
    double right = p->outer.x + p->outer.w;
    if (p->dom.kind == KPI_DOMAIN_TIME) {
        p->area.x = p->outer.x + (label_w > 0.0 ? label_w + LABEL_GAP : 0.0);
        p->area.w = fmax(right - p->dom.reserve_right - p->area.x, 1.0);
        int32_t n = kpi_period_diff(p->dom.first, p->dom.last) + 1;
        /* A lone period, and a bar of any period, sits mid-band; otherwise
         * the line spans the plot. */
        double pad = n > 1 && !p->dom.bands ? 0.0 : 0.5;
        p->xs = (kpi_scale){p->dom.first.ordinal - pad, p->dom.last.ordinal + pad, p->area.x,
                            p->area.x + p->area.w};
        p->vs = (kpi_scale){p->vt.lo, p->vt.hi, p->area.y + p->area.h, p->area.y};
        p->pa.count = 0;
        if (p->period_labels) {
            measure_ctx m = {cv, &th->tick};
            kpi_status (*plan)(kpi_period, kpi_period, const kpi_scale *, double, double, double,
                               kpi_text_width_fn, void *, kpi_period_axis *,
                               kpi_error *) = p->period_ends ? kpi_period_axis_plan_ends
                                                             : kpi_period_axis_plan;
            if (plan(p->dom.first, p->dom.last, &p->xs, p->outer.x, right, LABEL_SPACING,
                     measure_text, &m, &p->pa, NULL) != KPI_OK)
                p->pa.count = 0;
        }
        return;
    }
    p->area.x = p->outer.x + (category_w > 0.0 ? category_w + 6.0 : 0.0);
    p->area.w = fmax(right - p->area.x, 1.0);
    double x0 = p->area.x + p->dom.pad_lo, x1 = p->area.x + p->area.w - p->dom.pad_hi;
    if (x1 - x0 < 10.0)
        x1 = x0 + 10.0;
    /* Across, the label widths limit the tick count: try fewer ticks until
     * neighbouring labels are a clear gap apart. */
    for (size_t max_ticks = 10; max_ticks >= 2; max_ticks--) {
        value_ticks(p, max_ticks, &p->vt);
        double w = widest_label(cv, &th->tick, &p->vt, p->dom.label_flags);
        double spacing = (x1 - x0) / (double)(p->vt.count - 1);
        if (spacing >= w + LABEL_SPACING)
            break;
    }
    p->vs = (kpi_scale){p->vt.lo, p->vt.hi, x0, x1};
    p->xs = (kpi_scale){-0.5, (double)p->dom.n_categories - 0.5, p->area.y, p->area.y + p->area.h};
    (void)lh;
}

void
kpi_panel_draw_grid(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p)
{
    kpi_rgb grid = kpi_palette_ink(KPI_INK_GRID), axis = kpi_palette_ink(KPI_INK_AXIS);
    kpi_rgb zero = kpi_palette_ink(KPI_INK_ZERO);
    const kpi_rect *a = &p->area;
    if (p->dom.kind == KPI_DOMAIN_TIME) {
        for (size_t i = 0; i < p->vt.count; i++) {
            double v = kpi_scale_tick(&p->vt, i);
            double y = kpi_scale_map(&p->vs, v);
            bool base = i == 0, is_zero = v == 0.0 && i > 0;
            kpi_canvas_line(cv, a->x, y, a->x + a->w, y, base || is_zero ? 0.8 : th->grid_width,
                            base      ? axis
                            : is_zero ? zero
                                      : grid);
        }
        double yb = a->y + a->h;
        for (size_t i = 0; i < p->pa.count && p->period_labels; i++) {
            double x = p->pa.ticks[i].x;
            kpi_canvas_line(cv, x, yb, x, yb + th->tick_len, 0.6, axis);
            kpi_canvas_record(cv, KPI_BOX_SWATCH, (kpi_rect){x - 0.5, yb, 1.0, th->tick_len});
        }
        return;
    }
    for (size_t i = 0; i < p->vt.count; i++) {
        double v = kpi_scale_tick(&p->vt, i);
        double x = kpi_scale_map(&p->vs, v);
        if (v != 0.0)
            kpi_canvas_line(cv, x, a->y, x, a->y + a->h, th->grid_width, grid);
    }
    if (p->vt.lo <= 0.0 && p->vt.hi >= 0.0) {
        double x = kpi_scale_map(&p->vs, 0.0);
        kpi_canvas_line(cv, x, a->y, x, a->y + a->h, 1.0, zero);
    }
}

void
kpi_panel_draw_labels(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p)
{
    const kpi_text_style *st = &th->tick;
    double lh = kpi_text_height(cv, st);
    const kpi_rect *a = &p->area;
    char buf[64];
    if (p->dom.kind == KPI_DOMAIN_TIME) {
        if (p->value_labels) {
            for (size_t i = 0; i < p->vt.count; i++) {
                double v = kpi_scale_tick(&p->vt, i);
                kpi_scale_label(v, p->vt.decimals, p->dom.label_flags, buf, sizeof buf);
                kpi_text_draw(cv, st, buf, a->x - LABEL_GAP, kpi_scale_map(&p->vs, v) - lh / 2.0,
                              KPI_ALIGN_RIGHT);
            }
        }
        if (p->y_label && p->y_label[0]) {
            char fit[KPI_TEXT_LINE_MAX];
            if (kpi_text_fit(cv, st, p->y_label, p->outer.w - p->dom.reserve_right, fit,
                             sizeof fit))
                kpi_text_draw(cv, st, fit, p->outer.x, p->outer.y, KPI_ALIGN_LEFT);
        }
        double y1 = a->y + a->h + period_label_top(th, lh);
        for (size_t i = 0; i < p->pa.count && p->period_labels; i++) {
            const kpi_period_tick *t = &p->pa.ticks[i];
            double cx = (t->x0 + t->x1) / 2.0;
            kpi_text_draw(cv, st, t->line1, cx, y1, KPI_ALIGN_CENTRE);
            if (t->line2[0])
                kpi_text_draw(cv, st, t->line2, cx, y1 + lh, KPI_ALIGN_CENTRE);
        }
    } else if (p->value_labels) {
        double lim0 = a->x, lim1 = p->outer.x + p->outer.w;
        for (size_t i = 0; i < p->vt.count; i++) {
            double v = kpi_scale_tick(&p->vt, i);
            kpi_scale_label(v, p->vt.decimals, p->dom.label_flags, buf, sizeof buf);
            double w = kpi_text_width(cv, st, buf);
            double cx = kpi_scale_map(&p->vs, v);
            cx = fmax(cx, lim0 + w / 2.0);
            cx = fmin(cx, lim1 - w / 2.0);
            kpi_text_draw(cv, st, buf, cx, a->y + a->h + LABEL_GAP, KPI_ALIGN_CENTRE);
        }
    }
    if (!p->dom.has_values) {
        /* An empty plot says so, rather than look like a drawing error. */
        const char *none = "No data";
        if (kpi_text_width(cv, &th->label, none) < a->w && lh < a->h)
            kpi_text_draw(cv, &th->label, none, a->x + a->w / 2.0, a->y + (a->h - lh) / 2.0,
                          KPI_ALIGN_CENTRE);
    }
    kpi_canvas_record(cv, KPI_BOX_PLOT, *a);
}

void
kpi_panel_clip(kpi_canvas *cv, const kpi_panel *p)
{
    kpi_rect c = kpi_rect_inflate(p->area, KPI_CANVAS_BLEED);
    cairo_save(cv->cr);
    cairo_rectangle(cv->cr, c.x, c.y, c.w, c.h);
    cairo_clip(cv->cr);
}

kpi_text_style
kpi_panel_category_style(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p)
{
    kpi_text_style st = th->label;
    double lh = kpi_text_height(cv, &st);
    double room = p->band * 0.92;
    if (lh > room)
        st.size = fmax(st.size * room / lh, 4.0);
    return st;
}

size_t
kpi_panel_category_step(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p)
{
    kpi_text_style st = kpi_panel_category_style(cv, th, p);
    double lh = kpi_text_height(cv, &st);
    if (p->band <= 0.0 || lh <= p->band)
        return 1;
    return (size_t)ceil(lh / p->band);
}
