/* Inside a chart: the copied data, the sticky error, and the small table
 * of functions through which a chart type plugs into the shared engine.
 * The engine (chart.c) lays out the frame, the panels and their axes; a
 * type (chart_line.c, chart_yoy.c, chart_multiples.c, sparkline.c,
 * chart_milestones.c) only
 * says what its data span and draws its marks. */
#ifndef KPI_CHART_PRIVATE_H
#define KPI_CHART_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "axes_private.h"
#include "canvas_private.h"
#include "kpi/chart.h"
#include "layout_private.h"

typedef struct kpi_plot_series {
    char *name;
    kpi_period *periods;
    double *values; /* NaN where the point is missing, whatever its state was */
    size_t n;
    double *trend, *trend_lo, *trend_hi; /* NULL when not given */
    kpi_spc_point *spc; /* spc charts: one per slot, without limits at a gap; else NULL */
    bool *partial;      /* n, or NULL when no point is partial */
} kpi_plot_series;

typedef struct kpi_plot_bar {
    char *label;
    double value; /* NaN: not computable */
    kpi_better better;
    kpi_significance significance; /* NONE: not tested */
    bool partial;                  /* no change: partial_period is incomplete */
    kpi_period partial_period;
} kpi_plot_bar;

/* One reporting period of a milestones chart. */
typedef struct kpi_plot_stack {
    kpi_period period;
    size_t counts[KPI_MILESTONE_STATUS_LAST];
} kpi_plot_stack;

/* One chart type.  measure fills the domain of panel i; marks draws inside
 * the plot area (clipped); annotate draws over it and around it (labels,
 * unclipped).  Optional hooks may be NULL. */
typedef struct kpi_chart_class {
    bool framed;       /* title, legend, source note and axes; false: sparkline */
    bool takes_bars;   /* data come from kpi_chart_add_bar */
    bool takes_stacks; /* data come from kpi_chart_add_milestones */
    size_t (*panels)(const kpi_chart *c);
    void (*measure)(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                    kpi_domain *d);
    void (*legend)(const kpi_chart *c, kpi_legend *lg);
    const char *(*panel_title)(const kpi_chart *c, size_t panel);
    const char *(*category)(const kpi_chart *c, size_t row);
    void (*marks)(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                  const kpi_panel *p);
    void (*annotate)(const kpi_chart *c, kpi_canvas *cv, const kpi_theme *th, size_t panel,
                     const kpi_panel *p);
} kpi_chart_class;

KPI_INTERNAL extern const kpi_chart_class kpi_chart_line_class;
KPI_INTERNAL extern const kpi_chart_class kpi_chart_yoy_class;
KPI_INTERNAL extern const kpi_chart_class kpi_chart_multiples_class;
KPI_INTERNAL extern const kpi_chart_class kpi_chart_sparkline_class;
KPI_INTERNAL extern const kpi_chart_class kpi_chart_spc_class;
KPI_INTERNAL extern const kpi_chart_class kpi_chart_milestones_class;

struct kpi_chart {
    kpi_chart_type type;
    const kpi_chart_class *cls;
    kpi_error err; /* sticky: err.code != KPI_OK once anything failed */

    char *title, *subtitle, *source, *y_label;
    double width, height, dpi;
    int decimals;
    bool latest_label, y_zero, trend;
    kpi_better better;
    kpi_chart_scales scales;
    kpi_chart_order order;
    kpi_spc_options spc; /* its rebase periods are `rebase` */
    kpi_period *rebase;  /* owned */
    bool has_target;
    double target;
    char *target_label;

    kpi_freq freq; /* of every series; KPI_FREQ_NONE before the first */
    kpi_plot_series *series;
    size_t n_series, cap_series;
    kpi_plot_bar *bars;
    size_t n_bars, cap_bars;
    kpi_plot_stack *stacks;
    size_t n_stacks, cap_stacks;

    /* What the last render drew, in device units, for tests. */
    kpi_box *boxes;
    size_t n_boxes;
    kpi_panel *panels; /* owned */
    size_t n_panels;
    double device_scale; /* device units per point */
};

/* ---- shared by the chart types ---------------------------------------- */

/* Decimals for value labels: the option, or 0 when every value is whole,
 * else 1. */
KPI_INTERNAL int kpi_chart_decimals(const kpi_chart *c);

/* Whether every present value of every series is a whole number. */
KPI_INTERNAL bool kpi_chart_integral(const kpi_chart *c);

/* Widen [*lo, *hi] (has: whether anything was seen yet) to include the
 * finite values of v[0..n). */
KPI_INTERNAL void kpi_chart_extend(bool *has, double *lo, double *hi, const double *v, size_t n);

/* A time domain spanning s's periods and values (a one-series chart). */
KPI_INTERNAL void kpi_chart_series_domain(const kpi_plot_series *s, kpi_domain *d);

/* The value-scale flags of a time chart: zero when asked for (y_zero), whole
 * ticks when every value is whole. */
KPI_INTERNAL unsigned kpi_chart_value_flags(const kpi_chart *c);

/* The percentage change of point i of s on the same period a year
 * earlier, computed by the engine's kpi_change_at.  Returns false when it
 * is not computable. */
KPI_INTERNAL bool kpi_chart_yoy(const kpi_plot_series *s, size_t i, double *pct, kpi_period *base);

/* A polyline on a raster page, thinned to what its pixels show: of the
 * points that fall in one pixel column, only the first, the lowest, the
 * highest and the last are drawn, in their order, so each column's ink
 * reaches the same extremes while a series of a million points costs a few
 * thousand segments.  With thin off (a vector page, which may be zoomed)
 * every point is drawn.  kpi_thin_point adds a point to cr's path, starting
 * a new subpath with move; kpi_thin_end must follow the last point. */
typedef struct kpi_thin_point {
    double x, y; /* user space */
    size_t seq;  /* order of arrival */
} kpi_thin_point;

typedef struct kpi_thin {
    cairo_t *cr;
    bool thin;
    bool open; /* a column is being gathered */
    double column;
    size_t seq;
    kpi_thin_point first, low, high, last;
} kpi_thin;

KPI_INTERNAL void kpi_thin_start(kpi_thin *t, cairo_t *cr, bool thin);
KPI_INTERNAL void kpi_thin_point_add(kpi_thin *t, double x, double y, bool move);
KPI_INTERNAL void kpi_thin_end(kpi_thin *t);

/* The line of a series in a panel: breaks at missing values and skipped
 * periods, dashed where it reaches a partial point, and a dot for a point
 * that stands alone. */
KPI_INTERNAL void kpi_marks_line(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s,
                                 const double *values, kpi_rgb colour, double width, bool dashed);

/* The trend band and dashed trend line of s, if it has them. */
KPI_INTERNAL void kpi_marks_trend(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s,
                                  kpi_rgb colour);

/* Whether point i of s was built from incomplete data. */
KPI_INTERNAL bool kpi_chart_partial(const kpi_plot_series *s, size_t i);

/* A ring of radius r in colour with a white centre at (x, y): the mark of
 * a partial point, which never reads as a complete figure. */
KPI_INTERNAL void kpi_marks_hollow(kpi_canvas *cv, double x, double y, double r, kpi_rgb colour);

/* A hollow mark of radius r at every partial point of s. */
KPI_INTERNAL void kpi_marks_partial(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s,
                                    kpi_rgb colour, double r);

/* A filled dot of radius r at the last present point of s (hollow when it
 * is partial); returns its index, or -1 when s has no value. */
KPI_INTERNAL long kpi_marks_last_dot(kpi_canvas *cv, const kpi_panel *p, const kpi_plot_series *s,
                                     kpi_rgb colour, double r);

/* The XmR chart of s's present values, with c's baseline, rebases and
 * screening, into s->spc.  Fails with KPI_ENOMEM (err filled). */
KPI_INTERNAL kpi_status kpi_chart_spc_points(const kpi_chart *c, kpi_plot_series *s,
                                             kpi_error *err);

/* Draw c on a surface of width x height points through cr, keeping the
 * record of boxes.  Returns KPI_OK, KPI_EINVAL when there is nothing to
 * draw, KPI_ENOMEM. */
KPI_INTERNAL kpi_status kpi_chart_render(kpi_chart *c, cairo_t *cr, double width, double height,
                                         double device_scale, kpi_error *err);

/* For tests: the boxes, the first panel and every panel (in drawing
 * order) of the last render. */
KPI_INTERNAL const kpi_box *kpi_chart_boxes(const kpi_chart *c, size_t *n);
KPI_INTERNAL const kpi_panel *kpi_chart_panel(const kpi_chart *c);
KPI_INTERNAL const kpi_panel *kpi_chart_panels(const kpi_chart *c, size_t *n);

#endif
