/* The drawing context every chart module shares: a cairo context working
 * in points, plus a record of where text, legend swatches and plot areas
 * landed on the page.  The record is what lets tests prove that no two
 * labels overlap and that marks stay inside their plot areas. */
#ifndef KPI_CANVAS_PRIVATE_H
#define KPI_CANVAS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#if defined(__GNUC__)
#define KPI_INTERNAL __attribute__((visibility("hidden")))
#else
#define KPI_INTERNAL
#endif

/* pi, which strict C11 <math.h> does not define. */
#define KPI_PI 3.14159265358979323846

/* A rectangle on the page: top-left corner, width and height. */
typedef struct kpi_rect {
    double x, y, w, h;
} kpi_rect;

typedef struct kpi_rgb {
    double r, g, b;
} kpi_rgb;

typedef enum kpi_box_kind {
    KPI_BOX_TEXT = 0, /* a line of text: its advance width by ascent + descent */
    KPI_BOX_SWATCH,   /* a legend key or other small mark outside plot areas */
    KPI_BOX_PLOT      /* a plot area: marks are clipped to it (plus KPI_CANVAS_BLEED) */
} kpi_box_kind;

/* Bytes of a text box's words kept in the record (tests read them). */
#define KPI_BOX_TEXT_MAX 192

typedef struct kpi_box {
    kpi_box_kind kind;
    kpi_rect r;                  /* in device units: pixels for PNG, points for PDF and SVG */
    char text[KPI_BOX_TEXT_MAX]; /* TEXT: the words drawn, cut to fit; else "" */
} kpi_box;

/* How far (points) marks may spill past a plot area: half a thick line or
 * a point marker at the edge. */
#define KPI_CANVAS_BLEED 3.0

typedef struct kpi_canvas {
    cairo_t *cr;          /* user space in points, origin top left */
    double width, height; /* the page, in points */
    kpi_box *boxes;       /* owned; grown by kpi_canvas_record */
    size_t n_boxes, cap_boxes;
    bool oom;          /* a record could not be stored */
    PangoLayout *text; /* owned; made by text.c on first use */
} kpi_canvas;

/* Start a canvas on cr (borrowed) for a page of width x height points:
 * set deterministic font options and paint the white background. */
KPI_INTERNAL void kpi_canvas_init(kpi_canvas *cv, cairo_t *cr, double width, double height);

/* Release the record and the text layout.  The cairo context is the
 * caller's. */
KPI_INTERNAL void kpi_canvas_fini(kpi_canvas *cv);

/* Record a box given in user space (points). */
KPI_INTERNAL void kpi_canvas_record(kpi_canvas *cv, kpi_box_kind kind, kpi_rect r);

/* Record the box of a line of text, with its words. */
KPI_INTERNAL void kpi_canvas_record_text(kpi_canvas *cv, kpi_rect r, const char *text);

KPI_INTERNAL void kpi_canvas_rgb(kpi_canvas *cv, kpi_rgb c);
KPI_INTERNAL void kpi_canvas_rgba(kpi_canvas *cv, kpi_rgb c, double alpha);

/* A straight line of the given width, its ends snapped so that horizontal
 * and vertical hairlines land on whole device pixels and stay crisp. */
KPI_INTERNAL void kpi_canvas_line(kpi_canvas *cv, double x0, double y0, double x1, double y1,
                                  double width, kpi_rgb c);

/* r grown by d on every side (shrunk when d < 0). */
KPI_INTERNAL kpi_rect kpi_rect_inflate(kpi_rect r, double d);

#endif
