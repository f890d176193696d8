#include "layout_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "palette_private.h"

void
kpi_theme_default(kpi_theme *th)
{
    /* Sizes for a chart printed at about 160 mm wide: a 12 pt title down to
     * 7 pt notes, the range a report's body text (10-11 pt) sits in. */
    th->title = (kpi_text_style){12.0, true, kpi_palette_ink(KPI_INK_TITLE)};
    th->subtitle = (kpi_text_style){9.0, false, kpi_palette_ink(KPI_INK_MUTED)};
    th->legend = (kpi_text_style){8.0, false, kpi_palette_ink(KPI_INK_TEXT)};
    th->tick = (kpi_text_style){7.5, false, kpi_palette_ink(KPI_INK_MUTED)};
    th->label = (kpi_text_style){7.5, false, kpi_palette_ink(KPI_INK_TEXT)};
    th->label_strong = (kpi_text_style){8.5, true, kpi_palette_ink(KPI_INK_TITLE)};
    th->source = (kpi_text_style){7.0, false, kpi_palette_ink(KPI_INK_MUTED)};
    th->panel_title = (kpi_text_style){8.0, true, kpi_palette_ink(KPI_INK_TEXT)};
    th->margin = 12.0;
    th->gap = 7.0;
    th->tick_len = 3.0;
    th->line_width = 1.6;
    th->grid_width = 0.5;
}

void
kpi_legend_add(kpi_legend *lg, kpi_swatch swatch, kpi_rgb colour, const char *label)
{
    if (lg->n >= KPI_LEGEND_MAX)
        return;
    kpi_legend_item *it = &lg->items[lg->n++];
    it->swatch = swatch;
    it->colour = colour;
    snprintf(it->label, sizeof it->label, "%s", label ? label : "");
}

void
kpi_layout_swatch(kpi_canvas *cv, kpi_swatch swatch, kpi_rgb colour, double x, double y, double w,
                  double h)
{
    cairo_t *cr = cv->cr;
    double mid = y + h / 2.0;
    switch (swatch) {
    case KPI_SWATCH_LINE:
    case KPI_SWATCH_DASH: {
        double dash[] = {3.0, 2.0};
        cairo_set_dash(cr, dash, swatch == KPI_SWATCH_DASH ? 2 : 0, 0.0);
        cairo_move_to(cr, x, mid);
        cairo_line_to(cr, x + w, mid);
        cairo_set_line_width(cr, 1.8);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        kpi_canvas_rgb(cv, colour);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0.0);
        break;
    }
    case KPI_SWATCH_BAND:
        cairo_rectangle(cr, x, y + h * 0.15, w, h * 0.7);
        kpi_canvas_rgba(cv, colour, 0.22);
        cairo_fill(cr);
        break;
    case KPI_SWATCH_BAR:
        cairo_rectangle(cr, x, y + h * 0.15, w, h * 0.7);
        kpi_canvas_rgb(cv, colour);
        cairo_fill(cr);
        break;
    case KPI_SWATCH_HOLLOW: {
        double r = fmin(h * 0.3, 3.0);
        cairo_new_path(cr);
        cairo_arc(cr, x + w / 2.0, mid, r, 0.0, 2.0 * KPI_PI);
        cairo_set_line_width(cr, 1.2);
        kpi_canvas_rgb(cv, colour);
        cairo_stroke(cr);
        break;
    }
    }
    kpi_canvas_record(cv, KPI_BOX_SWATCH, (kpi_rect){x, y, w, h});
}

/* Draw wrapped lines from the top at y; return the y below them. */
static double
draw_lines(kpi_canvas *cv, const kpi_text_style *st, const kpi_text_lines *tl, double x, double y)
{
    double lh = kpi_text_height(cv, st);
    for (size_t i = 0; i < tl->n; i++) {
        kpi_text_draw(cv, st, tl->line[i], x, y, KPI_ALIGN_LEFT);
        y += lh;
    }
    return y;
}

/* Lay the legend out in rows that wrap at the width, from y; draw it when
 * draw is set.  Returns the y below it. */
static double
legend_flow(kpi_canvas *cv, const kpi_theme *th, const kpi_legend *lg, double x0, double w,
            double y, bool draw)
{
    const kpi_text_style *st = &th->legend;
    double lh = kpi_text_height(cv, st);
    double sw = 14.0, sgap = 4.0, item_gap = 14.0;
    double x = x0;
    for (size_t i = 0; i < lg->n; i++) {
        const kpi_legend_item *it = &lg->items[i];
        char label[KPI_LEGEND_LABEL_MAX + 8];
        kpi_text_fit(cv, st, it->label, w - sw - sgap, label, sizeof label);
        double iw = sw + sgap + kpi_text_width(cv, st, label);
        if (x > x0 && x + iw > x0 + w) {
            x = x0;
            y += lh + 3.0;
        }
        if (draw) {
            kpi_layout_swatch(cv, it->swatch, it->colour, x, y, sw, lh);
            kpi_text_draw(cv, st, label, x + sw + sgap, y, KPI_ALIGN_LEFT);
        }
        x += iw + item_gap;
    }
    return y + lh;
}

/* What the frame will hold, measured before anything is drawn. */
typedef struct frame_plan {
    kpi_text_lines title, subtitle, footnote, source;
    bool legend;
} frame_plan;

static double
plan_height(kpi_canvas *cv, const kpi_theme *th, const kpi_frame *f, const frame_plan *fp, double w)
{
    double h = 0.0;
    if (fp->title.n)
        h += kpi_text_height(cv, &th->title) * (double)fp->title.n + 2.0;
    if (fp->subtitle.n)
        h += kpi_text_height(cv, &th->subtitle) * (double)fp->subtitle.n;
    if (fp->title.n || fp->subtitle.n)
        h += th->gap;
    if (fp->legend)
        h += legend_flow(cv, th, f->legend, 0.0, w, 0.0, false) + th->gap;
    if (fp->source.n + fp->footnote.n)
        h += kpi_text_height(cv, &th->source) * (double)(fp->source.n + fp->footnote.n) + th->gap;
    return h;
}

kpi_rect
kpi_layout_frame(kpi_canvas *cv, const kpi_theme *th, const kpi_frame *f)
{
    double m = fmin(th->margin, fmin(cv->width, cv->height) * 0.05);
    double x = m, w = cv->width - 2.0 * m;
    frame_plan fp;
    memset(&fp, 0, sizeof fp);
    if (f->title && f->title[0])
        kpi_text_wrap(cv, &th->title, f->title, w, 2, &fp.title);
    if (f->subtitle && f->subtitle[0])
        kpi_text_wrap(cv, &th->subtitle, f->subtitle, w, 2, &fp.subtitle);
    if (f->source && f->source[0])
        kpi_text_wrap(cv, &th->source, f->source, w, 3, &fp.source);
    if (f->footnote && f->footnote[0])
        kpi_text_wrap(cv, &th->source, f->footnote, w, 2, &fp.footnote);
    fp.legend = f->legend && f->legend->n > 0;

    /* The plot keeps at least 40% of the page: on a page too small for
     * everything, the frame gives way, least important first (legend,
     * subtitle, extra lines of the source note and title), rather than
     * letting the plot's labels run into it. */
    double room = cv->height - 2.0 * m, need = room * 0.4;
    if (room - plan_height(cv, th, f, &fp, w) < need)
        fp.legend = false;
    if (room - plan_height(cv, th, f, &fp, w) < need)
        fp.subtitle.n = 0;
    if (room - plan_height(cv, th, f, &fp, w) < need && fp.source.n > 1) {
        kpi_text_wrap(cv, &th->source, f->source, w, 1, &fp.source);
    }
    if (room - plan_height(cv, th, f, &fp, w) < need && fp.title.n > 1)
        kpi_text_wrap(cv, &th->title, f->title, w, 1, &fp.title);

    double y = m;
    if (fp.title.n)
        y = draw_lines(cv, &th->title, &fp.title, x, y) + 2.0;
    if (fp.subtitle.n)
        y = draw_lines(cv, &th->subtitle, &fp.subtitle, x, y);
    if (fp.title.n || fp.subtitle.n)
        y += th->gap;
    if (fp.legend)
        y = legend_flow(cv, th, f->legend, x, w, y, true) + th->gap;
    double bottom = cv->height - m;
    if (fp.source.n + fp.footnote.n) {
        double top = bottom -
                     kpi_text_height(cv, &th->source) * (double)(fp.source.n + fp.footnote.n);
        draw_lines(cv, &th->source, &fp.source, x,
                   draw_lines(cv, &th->source, &fp.footnote, x, top));
        bottom = top - th->gap;
    }
    return (kpi_rect){x, y, w, fmax(bottom - y, 0.0)};
}
