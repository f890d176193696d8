#include "canvas_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc_private.h"

void
kpi_canvas_init(kpi_canvas *cv, cairo_t *cr, double width, double height)
{
    cv->cr = cr;
    cv->width = width;
    cv->height = height;
    cv->boxes = NULL;
    cv->n_boxes = cv->cap_boxes = 0;
    cv->oom = false;
    cv->text = NULL;

    /* Font options are set explicitly rather than taken from the surface or
     * fontconfig defaults, so that a machine's local font configuration
     * cannot change hinting and therefore the pixels.  Hint metrics are off
     * so that text widths scale exactly with the page: the layout measured
     * for a PNG is the layout of the PDF. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);

    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
}

void
kpi_canvas_fini(kpi_canvas *cv)
{
    kpi_free(cv->boxes);
    cv->boxes = NULL;
    if (cv->text)
        g_object_unref(cv->text);
    cv->text = NULL;
    cv->n_boxes = cv->cap_boxes = 0;
}

void
kpi_canvas_record(kpi_canvas *cv, kpi_box_kind kind, kpi_rect r)
{
    if (cv->n_boxes == cv->cap_boxes) {
        size_t cap = cv->cap_boxes ? cv->cap_boxes * 2 : 64;
        kpi_box *b = kpi_realloc(cv->boxes, cap * sizeof *b);
        if (!b) {
            cv->oom = true;
            return;
        }
        cv->boxes = b;
        cv->cap_boxes = cap;
    }
    double x0 = r.x, y0 = r.y, x1 = r.x + r.w, y1 = r.y + r.h;
    cairo_user_to_device(cv->cr, &x0, &y0);
    cairo_user_to_device(cv->cr, &x1, &y1);
    cv->boxes[cv->n_boxes++] = (kpi_box){
        kind, {fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0)}, ""};
}

void
kpi_canvas_record_text(kpi_canvas *cv, kpi_rect r, const char *text)
{
    size_t n = cv->n_boxes;
    kpi_canvas_record(cv, KPI_BOX_TEXT, r);
    if (cv->n_boxes > n)
        snprintf(cv->boxes[n].text, sizeof cv->boxes[n].text, "%s", text);
}

void
kpi_canvas_rgb(kpi_canvas *cv, kpi_rgb c)
{
    cairo_set_source_rgb(cv->cr, c.r, c.g, c.b);
}

void
kpi_canvas_rgba(kpi_canvas *cv, kpi_rgb c, double alpha)
{
    cairo_set_source_rgba(cv->cr, c.r, c.g, c.b, alpha);
}

/* Snap a device coordinate so that a line of device width w covers whole
 * pixels: odd widths centre on a pixel centre, even widths on an edge. */
static double
snap(double v, double w)
{
    long iw = lround(w);
    if (iw < 1)
        iw = 1;
    return (iw % 2) ? floor(v) + 0.5 : round(v);
}

void
kpi_canvas_line(kpi_canvas *cv, double x0, double y0, double x1, double y1, double width, kpi_rgb c)
{
    cairo_t *cr = cv->cr;
    double dw = width, dummy = 0.0;
    cairo_user_to_device_distance(cr, &dw, &dummy);
    double ax = x0, ay = y0, bx = x1, by = y1;
    cairo_user_to_device(cr, &ax, &ay);
    cairo_user_to_device(cr, &bx, &by);
    if (ay == by) {
        ay = by = snap(ay, dw);
    } else if (ax == bx) {
        ax = bx = snap(ax, dw);
    }
    cairo_device_to_user(cr, &ax, &ay);
    cairo_device_to_user(cr, &bx, &by);
    cairo_new_path(cr);
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, bx, by);
    cairo_set_line_width(cr, width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    kpi_canvas_rgb(cv, c);
    cairo_stroke(cr);
}

kpi_rect
kpi_rect_inflate(kpi_rect r, double d)
{
    return (kpi_rect){r.x - d, r.y - d, r.w + 2.0 * d, r.h + 2.0 * d};
}
