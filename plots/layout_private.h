/* The frame every framed chart shares: margins, title, subtitle, legend
 * and source note, each measured from its text before anything is placed,
 * so what is left for the plot (the body) is known exactly and nothing in
 * the frame can overlap. */
#ifndef KPI_LAYOUT_PRIVATE_H
#define KPI_LAYOUT_PRIVATE_H

#include <stddef.h>

#include "canvas_private.h"
#include "text_private.h"

/* Type sizes and spacing, in points, for a chart printed at its size. */
typedef struct kpi_theme {
    kpi_text_style title, subtitle, legend, tick, label, label_strong, source, panel_title;
    double margin;     /* page edge to content */
    double gap;        /* between frame blocks */
    double tick_len;   /* tick marks on a time axis */
    double line_width; /* data lines */
    double grid_width;
} kpi_theme;

/* Fill th with the house style.  Never fails. */
KPI_INTERNAL void kpi_theme_default(kpi_theme *th);

typedef enum kpi_swatch {
    KPI_SWATCH_LINE = 0, /* a short solid line */
    KPI_SWATCH_DASH,     /* a short dashed line */
    KPI_SWATCH_BAND,     /* a pale filled block (confidence band) */
    KPI_SWATCH_BAR,      /* a solid filled block */
    KPI_SWATCH_HOLLOW    /* a ring with a white centre (a partial point) */
} kpi_swatch;

#define KPI_LEGEND_MAX 16
#define KPI_LEGEND_LABEL_MAX 160

typedef struct kpi_legend_item {
    kpi_swatch swatch;
    kpi_rgb colour;
    char label[KPI_LEGEND_LABEL_MAX];
} kpi_legend_item;

typedef struct kpi_legend {
    size_t n;
    kpi_legend_item items[KPI_LEGEND_MAX];
} kpi_legend;

/* Append an item; items past KPI_LEGEND_MAX are dropped. */
KPI_INTERNAL void kpi_legend_add(kpi_legend *lg, kpi_swatch swatch, kpi_rgb colour,
                                 const char *label);

typedef struct kpi_frame {
    const char *title; /* NULL or "" for none */
    const char *subtitle;
    const char *source;       /* the source note, bottom left */
    const kpi_legend *legend; /* NULL or empty for none */
    const char *footnote;     /* above the source note (what a marker means); NULL or "" */
} kpi_frame;

/* Draw the frame on the whole page and return the body: the rectangle
 * left for panels, between the legend and the source note.  Titles wrap to
 * two lines, the source note to three; longer text is cut with an
 * ellipsis.  The body keeps at least 40% of the page height: on a small
 * page the legend, then the subtitle, then extra lines give way. */
KPI_INTERNAL kpi_rect kpi_layout_frame(kpi_canvas *cv, const kpi_theme *th, const kpi_frame *f);

/* Draw a legend swatch in the box (x, y, w, h) and record it. */
KPI_INTERNAL void kpi_layout_swatch(kpi_canvas *cv, kpi_swatch swatch, kpi_rgb colour, double x,
                                    double y, double w, double h);

#endif
