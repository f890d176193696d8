/* kpi chart building: the chart an analyst asks for, made from a series
 * store with the engine's own arithmetic.
 *
 * A rolling chart is the engine's rolling transform, a year-on-year chart
 * shows kpi_change_at's percentages, and a trend line is kpi_trend_ols with
 * its band, so that every figure a chart shows agrees with what
 * `kpi change` and `kpi trend` print. */
#ifndef KPI_CHART_BUILD_H
#define KPI_CHART_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/chart.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/series.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_chart_request {
    kpi_chart_type type;
    /* The selection: a series is drawn when its indicator is indicator or
     * one of indicators[0..n_indicators), and its area likewise; with none
     * given, any.  Every value given must select some series. */
    const char *indicator; /* an indicator to chart, or NULL */
    const char *area;      /* an area to chart, or NULL */
    const char *const *indicators;
    size_t n_indicators;
    const char *const *areas;
    size_t n_areas;
    bool trend;            /* line, rolling: the OLS trend line and its 95% band */
    int window;            /* periods each value totals (the input's rolling window,
                              for "12 months to ..."); 0 or 1: one period */
    const kpi_meta *meta;  /* labels, units, targets, better direction; may be NULL */
    kpi_chart_options opt; /* titles default from the metadata and the selection */
    size_t threads;        /* kpi_chart_build_all: draw on up to this many threads;
                              0 or 1: the calling thread alone */
} kpi_chart_request;

/* Which series a request selects, in store order:
 *   line, rolling, sparkline  one or more series (a line per series; at
 *                             most 8 on a line chart, 1 on a sparkline)
 *   spc                       one series, its XmR chart with rq->opt.spc
 *   yoy                       one bar per selected series, labelled with
 *                             its area (one indicator) or its indicator;
 *                             the subtitle names the periods compared
 *                             ("2024-25 against 2023-24"), or each label
 *                             its own when they differ
 *   multiples                 one panel per selected series (at most 36)
 * Returns a chart the caller writes and frees (kpi_chart_free), or NULL
 * with err filled: KPI_EINVAL when nothing is selected, when a value of
 * the selection matches no series (a mistyped area is never dropped
 * silently), when more series are selected than the type shows (the
 * message says how many, and the limit), or series of several
 * frequencies; KPI_ENOMEM. */
KPI_API kpi_chart *kpi_chart_build(const kpi_store *s, const kpi_chart_request *rq, kpi_error *err);

/* Longest name kpi_chart_file_name makes before its extension. */
#define KPI_CHART_NAME_MAX 200

/* A milestones chart of register m: one bar per reporting period (each
 * kpi_milestones_at view's counts), titled "Milestones by status" and
 * with "milestones" over the value axis unless opt says otherwise (opt may
 * be NULL).  Returns a chart the caller writes and frees, or NULL with err
 * filled: KPI_EINVAL for a bad option, KPI_ENOMEM. */
KPI_API kpi_chart *kpi_chart_build_milestones(const kpi_milestones *m, const kpi_chart_options *opt,
                                              kpi_error *err);

/* A file name for a series' chart, safe on any file system:
 * "knife_crime--barnet.png" for extension "png": indicator, area and the
 * n_groups grouping columns, ASCII in lower case, other letters as written
 * ("é"), with runs of anything else as one '_'; "series" when the
 * indicator has no letter or digit.  Returns the length like snprintf. */
KPI_API size_t kpi_chart_file_name(const kpi_series *se, size_t n_groups, const char *extension,
                                   char *buf, size_t size);

/* The letters and digits of text, ASCII ones in lower case and others as
 * written in UTF-8 ("é"), with any run of other bytes as one '_' and none
 * at either end ("Knife crime (all)" gives "knife_crime_all"): a part of a
 * file name that is safe on any file system.  Writes at most size bytes, NUL included (size > 0), and
 * returns the number of characters written before the NUL. */
KPI_API size_t kpi_chart_slug(const char *text, char *buf, size_t size);

/* Told after each chart of a batch is written (done of total).  Calls
 * come one at a time and in series order, from any of the batch's
 * threads. */
typedef void (*kpi_chart_progress_fn)(void *ud, size_t done, size_t total);

/* One chart per series rq selects (its type must be line, rolling,
 * sparkline or spc), written into the existing folder dir as
 * kpi_chart_file_name(..., extension) names them, on up to rq->threads
 * threads.  Names that coincide ("Robbery!", "ROBBERY") are told apart by
 * "-2", "-3", ... in store order after the first.  Each file is whole or
 * absent, and the same for any number of threads.  progress may be NULL.
 * Returns KPI_EINVAL when nothing matches.  Starts no chart after a
 * failure, and returns the failure of the first series that failed, with
 * err filled. */
KPI_API kpi_status kpi_chart_build_all(const kpi_store *s, const kpi_chart_request *rq,
                                       const char *dir, const char *extension,
                                       kpi_chart_progress_fn progress, void *ud, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
