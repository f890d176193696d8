/* kpi charts: trend lines, rolling totals, year-on-year bars, small
 * multiples and sparklines, written as PNG, PDF or SVG for a published
 * report.
 *
 * Every chart type shares one engine: nice value ticks, period axes,
 * title, subtitle, legend, source note, margins and a colour-blind-safe
 * palette.  A type adds only its marks.  Text is set by Pango in DejaVu
 * Sans (fonts-dejavu-core), with fontconfig's fallback fonts for what it
 * lacks; the same input gives byte-identical PNG output.
 *
 * A chart is an opaque object with a sticky status, like a cairo context:
 * the first failing call (a bad series, out of memory) puts it in an
 * error state, later calls return that status at once, and the caller
 * checks once, at kpi_chart_write().  Data are copied in; the chart keeps
 * no pointer to caller memory.
 *
 *     kpi_chart_options o = kpi_chart_options_default();
 *     o.title = "Knife crime";
 *     kpi_chart *c = kpi_chart_new(KPI_CHART_LINE, &o, &err);
 *     kpi_chart_add_series(c, &s);
 *     if (c == NULL || kpi_chart_write(c, "knife.png", &err) != KPI_OK) ...
 *     kpi_chart_free(c);
 */
#ifndef KPI_CHART_H
#define KPI_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/significance.h"
#include "kpi/spc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_chart kpi_chart;

typedef enum kpi_chart_type {
    KPI_CHART_LINE = 0,   /* one or more series over time */
    KPI_CHART_ROLLING,    /* a line of 12-month rolling totals, "12 months to ..." */
    KPI_CHART_YOY,        /* bars of the latest change, diverging around zero */
    KPI_CHART_MULTIPLES,  /* one small panel per series */
    KPI_CHART_SPARKLINE,  /* a tiny line for tables: no axes, no text */
    KPI_CHART_SPC,        /* an XmR chart: one series, its mean and process limits, points
                            coloured by special-cause variation (kpi/spc.h) */
    KPI_CHART_MILESTONES, /* stacked bars of milestone statuses per reporting period */
    KPI_CHART_TYPE_LAST
} kpi_chart_type;

typedef enum kpi_chart_format {
    KPI_CHART_PNG = 0, /* raster; size in pixels */
    KPI_CHART_PDF,     /* vector; size in millimetres */
    KPI_CHART_SVG      /* vector; size in millimetres */
} kpi_chart_format;

typedef enum kpi_chart_scales {
    KPI_CHART_SCALES_SHARED = 0, /* multiples: one value axis for every panel */
    KPI_CHART_SCALES_FREE        /* multiples: each panel its own */
} kpi_chart_scales;

/* The order of a multiples chart's panels.  Ties, and panels with no
 * figure to sort by (put last), go by name. */
typedef enum kpi_chart_order {
    KPI_CHART_ORDER_ADDED = 0, /* as the series were added */
    KPI_CHART_ORDER_LATEST,    /* latest value, largest first: each series' last point
                                  that is present and complete (not partial) */
    KPI_CHART_ORDER_NAME,      /* name, ascending (byte order of the UTF-8 text) */
    KPI_CHART_ORDER_CHANGE,    /* that point's percentage change on a year earlier
                                  (kpi_change_at), largest rise first */
    KPI_CHART_ORDER_LAST
} kpi_chart_order;

typedef struct kpi_chart_options {
    /* Texts; NULL for none.  All strings are copied.  The rolling type's
     * subtitle defaults to "Rolling 12-month total, 12 months to Nov 2025". */
    const char *title;
    const char *subtitle;
    const char *source;  /* the source note under the chart ("Source: MPS") */
    const char *y_label; /* unit text over the value axis ("offences") */
    /* Millimetres for PDF and SVG, pixels for PNG; 0 = the type's default:
     * 160 x 100 mm, 160 x 130 mm for multiples (taller beyond 16 panels:
     * about 39 mm a row of up to six), 30 x 8 mm for sparklines,
     * year-on-year bars 14 pt a bar when that is taller; PNG at dpi. */
    double width, height;
    double dpi;                 /* PNG resolution; text in points scales with it */
    int decimals;               /* value labels: 0..6, or -1 = 0 for whole numbers, else 1 */
    bool latest_label;          /* line/rolling: label each series' latest value with
                                its change on a year earlier (up to 16 series;
                                labels that do not fit the height are left out) */
    bool y_zero;                /* line/rolling/multiples: the value axis includes zero */
    bool trend;                 /* line: series added from a store get their OLS
                                trend line and its 95% band (kpi_trend_ols) */
    kpi_better better;          /* which direction is good, for colouring changes */
    kpi_chart_scales scales;    /* multiples */
    kpi_chart_order order;      /* multiples: the panels' order */
    const kpi_spc_options *spc; /* spc: baseline, rebases and screening (copied; the
                                   better direction is the option above); NULL: the
                                   defaults */
} kpi_chart_options;

/* The type's name: "line", "rolling", "yoy", "multiples" or "sparkline"
 * ("" for anything else).  Never fails. */
KPI_API const char *kpi_chart_type_name(kpi_chart_type type);

/* Parse a type name (exact, lower case); KPI_EINVAL, with a message that
 * lists the names, for anything else. */
KPI_API kpi_status kpi_chart_type_parse(const char *name, kpi_chart_type *out, kpi_error *err);

/* Parse an order's name: "added", "latest", "name" or "change".
 * KPI_EINVAL, with a message that lists them, for anything else. */
KPI_API kpi_status kpi_chart_order_parse(const char *name, kpi_chart_order *out, kpi_error *err);

/* No title, 150 dpi, default size, automatic decimals, latest labels on,
 * value axis fitted to the data, no better direction, shared scales.
 * Never fails. */
KPI_API kpi_chart_options kpi_chart_options_default(void);

/* A new empty chart of the given type.  opt may be NULL for the defaults;
 * its strings are copied.  Returns a chart the caller frees with
 * kpi_chart_free(), or NULL when out of memory or when an option is out of
 * range (KPI_EINVAL; err filled). */
KPI_API kpi_chart *kpi_chart_new(kpi_chart_type type, const kpi_chart_options *opt, kpi_error *err);

/* Release c.  c may be NULL. */
KPI_API void kpi_chart_free(kpi_chart *c);

/* The chart's sticky status, and its first error (borrowed; valid until
 * kpi_chart_free).  KPI_OK with an empty record while all is well. */
KPI_API kpi_status kpi_chart_status(const kpi_chart *c);
KPI_API const kpi_error *kpi_chart_error(const kpi_chart *c);

/* One series: n points, each a period, a value and a state.  Periods share
 * one frequency and strictly increase; they need not be consecutive (a
 * skipped period breaks the line).  A point whose state is not
 * KPI_OBS_VALUE, or whose value is NaN, is missing: the line has a gap
 * there, never a zero.  The trend arrays, when given, hold the fitted line
 * and the lower and upper ends of its 95% band at each period (NaN where
 * undefined); they are computed by the caller (for example by the
 * engine's trend module). */
typedef struct kpi_chart_series {
    const char *name;          /* legend text and panel title; NULL = "" */
    const kpi_period *periods; /* n */
    const double *values;      /* n */
    const kpi_obs *states;     /* n, or NULL: NaN marks a missing value */
    size_t n;
    const double *trend;    /* n, or NULL for no trend line */
    const double *trend_lo; /* n, or NULL for no band */
    const double *trend_hi;
    const bool *partial; /* n, or NULL: whether each value was built from
                            incomplete data (kpi_series_partial); such a
                            point is drawn hollow, the line to it dashed,
                            and a footnote names its period */
} kpi_chart_series;

/* Add a series (line, rolling, multiples: one panel each; sparkline: the
 * first series only).  Copies s.  Fails, making the chart's status sticky,
 * with KPI_EINVAL when periods are unordered or mix frequencies, when the
 * series' frequency differs from the chart's first series, or when the
 * chart type takes bars; KPI_ENOMEM. */
KPI_API kpi_status kpi_chart_add_series(kpi_chart *c, const kpi_chart_series *s);

/* Add every slot of a store series (absent, missing and suppressed slots
 * are gaps, partial slots are marked as such), named name (NULL: the
 * series' area, else its indicator).
 * With the trend option, the trend is fitted on the slot index, so gaps
 * keep their spacing; a series too short for it (fewer than 3 values)
 * gets none. */
KPI_API kpi_status kpi_chart_add_store_series(kpi_chart *c, const kpi_series *se, const char *name);

/* A target line at value, labelled label (NULL: "Target").  Line, rolling
 * and spc charts only; the value axis extends to include it. */
KPI_API kpi_status kpi_chart_set_target(kpi_chart *c, double value, const char *label);

/* Take what the metadata says: the better direction, the target (as
 * "Target: <= 30"), the decimals and, when no y_label was given, the
 * unit.  m may be NULL (no change). */
KPI_API kpi_status kpi_chart_set_meta(kpi_chart *c, const kpi_indicator_meta *m);

/* Add a bar to a year-on-year chart: label (an indicator or an area),
 * pct the percentage change (NaN when not computable: drawn as "n/a", never
 * as zero) and the indicator's better direction, which sets the colour.
 * Bars are drawn top to bottom in the order added.  KPI_EINVAL on other
 * chart types. */
KPI_API kpi_status kpi_chart_add_bar(kpi_chart *c, const char *label, double pct,
                                     kpi_better better);

/* The same, with the verdict of the change's exact test (kpi/
 * significance.h): a change that is not significant is drawn pale, a
 * significant one solid, and the legend says so; KPI_SIGNIFICANCE_NONE
 * (not tested) draws as kpi_chart_add_bar does. */
KPI_API kpi_status kpi_chart_add_tested_bar(kpi_chart *c, const char *label, double pct,
                                            kpi_better better, kpi_significance significance);

/* Add a year-on-year bar that has no change to draw because period (its
 * latest, or the one a year earlier) was built from incomplete data:
 * drawn "n/a (partial)", never as a change, with a footnote naming the
 * period.  KPI_EINVAL on other chart types. */
KPI_API kpi_status kpi_chart_add_partial_bar(kpi_chart *c, const char *label, kpi_period period);

/* Add a reporting period's bar to a milestones chart: the view's counts
 * by status, stacked from delivered up (kpi_milestones_at fills the
 * view).  Periods must strictly increase and share one frequency.  Fails,
 * making the status sticky, with KPI_EINVAL on other chart types or for a
 * period out of order; KPI_ENOMEM. */
KPI_API kpi_status kpi_chart_add_milestones(kpi_chart *c, const kpi_milestones_view *v);

/* The colour a milestones chart gives status s, as red, green and blue
 * from 0 to 1, so that a document can key a table's status words to the
 * chart.  Never fails. */
KPI_API void kpi_chart_milestone_colour(kpi_milestone_status s, double rgb[3]);

/* The format named by path's extension (.png, .pdf, .svg, any case), or
 * KPI_EINVAL. */
KPI_API kpi_status kpi_chart_format_from_path(const char *path, kpi_chart_format *out,
                                              kpi_error *err);

/* Draw c and write it to fp in format fmt.  Returns the chart's sticky
 * status if set; KPI_EINVAL when there is nothing to draw; KPI_ERENDER when
 * cairo fails (message from cairo); KPI_EIO when writing fails.  A failed
 * write does not make the chart's status sticky.  fp stays open. */
KPI_API kpi_status kpi_chart_write_stream(kpi_chart *c, kpi_chart_format fmt, FILE *fp,
                                          kpi_error *err);

/* Draw c into the file at path, in the format its extension names.  The
 * output goes to a temporary file in the same folder, renamed over path
 * only on success, so path is whole or untouched.  Statuses as
 * kpi_chart_write_stream, plus KPI_EIO for the file itself. */
KPI_API kpi_status kpi_chart_write(kpi_chart *c, const char *path, kpi_error *err);

/* Release the font map through which Pango keeps its fonts for the
 * calling thread (other threads release theirs when they end).  Call
 * once, when no chart exists any more (at exit); charts may be drawn
 * again afterwards, at the cost of reloading the fonts.  cairo's and
 * fontconfig's own process-wide caches stay: they cannot be torn down
 * while Pango's worker thread may use them. */
KPI_API void kpi_chart_release_fonts(void);

#ifdef __cplusplus
}
#endif

#endif
