/* Panels: one set of axes around one plot area, shared by every chart type
 * that has axes.  A panel is either
 *   TIME      periods across, values up (line, rolling, multiples), or
 *   CATEGORY  categories down, values across (the year-on-year bars).
 * Layout is measured from text: the value ticks follow from the plot
 * height, the plot's left edge from the widest value label, and the period
 * labels from the plot width, so tick labels cannot collide. */
#ifndef KPI_AXES_PRIVATE_H
#define KPI_AXES_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas_private.h"
#include "kpi/period.h"
#include "kpi/period_axis.h"
#include "kpi/scale.h"
#include "layout_private.h"

typedef enum kpi_domain_kind { KPI_DOMAIN_TIME = 0, KPI_DOMAIN_CATEGORY } kpi_domain_kind;

/* What a chart type's data need from its axes (filled by its measure). */
typedef struct kpi_domain {
    kpi_domain_kind kind;
    bool has_values;        /* false: no value at all; the axis shows 0..1 */
    double lo, hi;          /* the values to enclose */
    unsigned scale_flags;   /* KPI_SCALE_* */
    unsigned label_flags;   /* KPI_LABEL_* for the value tick labels */
    kpi_period first, last; /* TIME: the periods across */
    bool bands;             /* TIME: each period is a band centred on it (bars), so
                               the axis runs half a period past either end */
    size_t n_categories;    /* CATEGORY: rows, top to bottom */
    double reserve_right;   /* page room right of the plot (end labels) */
    double pad_lo, pad_hi;  /* CATEGORY: room for bar labels at either end */
} kpi_domain;

typedef struct kpi_panel {
    kpi_domain dom;
    kpi_rect outer;             /* everything the panel draws, titles excluded */
    kpi_rect area;              /* the plot area */
    kpi_ticks vt;               /* value ticks */
    kpi_scale vs;               /* value -> page (y for TIME, x for CATEGORY) */
    kpi_scale xs;               /* TIME: ordinal -> x; CATEGORY: row index -> y of its centre */
    double band;                /* CATEGORY: height of one row */
    kpi_period_axis pa;         /* TIME: the period labels */
    bool value_labels;          /* draw the value tick labels */
    bool period_labels;         /* draw the period labels */
    bool period_ends;           /* ... always the first and last (a small panel's) */
    bool reserve_period_labels; /* keep their room even when not drawn, so
                                   panels in one row have equal plot heights */
    double label_w;             /* widest value tick label (points) */
    const char *y_label;        /* unit text above the value labels, or NULL */
} kpi_panel;

/* First step: from the outer rectangle, compute the plot height and the
 * value ticks, and the width of the widest value label.  Never fails. */
KPI_INTERNAL void kpi_panel_measure(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p);

/* Give p the value ticks t, as panels that share one scale do, and the
 * width of their widest label.  Never fails. */
KPI_INTERNAL void kpi_panel_set_ticks(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p,
                                      const kpi_ticks *t);

/* Height below a TIME plot area taken by period labels of frequency f. */
KPI_INTERNAL double kpi_panel_period_label_height(kpi_canvas *cv, const kpi_theme *th, kpi_freq f);

/* Second step: place the plot area, keeping label_w for value labels (at
 * least p->label_w when they are drawn; panels side by side pass a common
 * width so their plot areas line up) and category_w for category labels
 * (CATEGORY), then choose the value ticks across (CATEGORY) or plan the
 * period labels (TIME). */
KPI_INTERNAL void kpi_panel_place(kpi_canvas *cv, const kpi_theme *th, kpi_panel *p, double label_w,
                                  double category_w);

/* Gridlines and baseline, under the marks. */
KPI_INTERNAL void kpi_panel_draw_grid(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p);

/* Value and period labels (TIME) or value labels (CATEGORY), over the
 * marks, and the record of the plot area. */
KPI_INTERNAL void kpi_panel_draw_labels(kpi_canvas *cv, const kpi_theme *th, const kpi_panel *p);

/* Clip drawing to the plot area (plus KPI_CANVAS_BLEED); pair with
 * cairo_restore. */
KPI_INTERNAL void kpi_panel_clip(kpi_canvas *cv, const kpi_panel *p);

/* The style for category labels in a panel of this row height: the label
 * style, shrunk (not below 4 pt) so that one line fits a row. */
KPI_INTERNAL kpi_text_style kpi_panel_category_style(kpi_canvas *cv, const kpi_theme *th,
                                                     const kpi_panel *p);

/* Label every step-th row (1 unless rows are thinner than a 4 pt line),
 * so that row labels never overlap. */
KPI_INTERNAL size_t kpi_panel_category_step(kpi_canvas *cv, const kpi_theme *th,
                                            const kpi_panel *p);

#endif
