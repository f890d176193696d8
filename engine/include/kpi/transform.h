/* kpi transforms: derived series, each built from a store into a new one.
 *
 * Rolling windows ("12 months to the end of March 2019"), resampling to
 * quarters or financial years, year-to-date totals, area roll-ups and
 * rates per head all aggregate a set of observations, as the indicator's
 * metadata says: a sum by default, a mean for averages and rates, or the
 * last value for stocks such as officer numbers (across areas, stocks
 * add up).  A set with any observation missing is incomplete, and an
 * incomplete set is never aggregated as if it were whole.
 *
 * Sums are exact: values are added as integers at the decimals they were
 * written with, so 0.1 + 0.2 is 0.3 and counts never drift.  Every
 * function returns a new store that the caller frees with
 * kpi_store_free(), or NULL with err filled. */
#ifndef KPI_TRANSFORM_H
#define KPI_TRANSFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/areas.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/population.h"
#include "kpi/rollup.h"
#include "kpi/series.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a transform left out, for the caller to report. */
typedef struct kpi_transform_stats {
    size_t incomplete;          /* target periods or windows left out (or kept
                                partial) because observations were missing */
    size_t kept_partial;        /* ... of which kept, aggregated over what was
                                there and marked partial (kpi_series_partial) */
    size_t incomplete_windows;  /* ... of which rolling or year-to-date
                                  windows, which are never kept */
    char examples[256];         /* the first few incomplete ones, "indicator,
                                area: period; ..." ("..." when more) */
    char missing_children[256]; /* roll-ups: the children missing from
                                   them, comma-separated ("..." when long) */
    size_t unmapped_areas;      /* distinct areas the rollup map does not list */
    char unmapped[256];         /* their names, comma-separated ("..." when long);
                                a series without an area is "(no area)" */
    size_t no_population;       /* observations with no population to divide by */
} kpi_transform_stats;

/* N-period rolling aggregates (N >= 1): the value at period p aggregates
 * p-N+1 .. p.  Only complete windows are kept.  meta may be NULL (sums). */
KPI_API kpi_store *kpi_transform_rolling(const kpi_store *s, int window, const kpi_meta *meta,
                                         kpi_transform_stats *stats, kpi_error *err);

/* Year-to-date aggregates: the value at period p aggregates the periods
 * from the start of p's financial year (first month fy_start; 1 for
 * calendar years) to p.  Only complete spans are kept.  Yearly series are
 * an error (KPI_EFREQ). */
KPI_API kpi_store *kpi_transform_ytd(const kpi_store *s, int fy_start, const kpi_meta *meta,
                                     kpi_transform_stats *stats, kpi_error *err);

/* Resample every series into frequency `to` (coarser or equal; see
 * kpi_period_can_convert).  A target period with any source period
 * missing or absent is incomplete: left out, or with partial aggregated
 * over what is there.  A series that cannot be converted is KPI_EFREQ. */
KPI_API kpi_store *kpi_transform_resample(const kpi_store *s, kpi_freq to, int fy_start,
                                          bool partial, const kpi_meta *meta,
                                          kpi_transform_stats *stats, kpi_error *err);

/* Map every series into frequency `to`, as a reader's "read as" option
 * means it: a daily series whose dates fall one to a target period is a
 * series of dates standing for those periods (1999-12-31 for the
 * financial year 1999-00), relabelled as they are; any other finer series
 * is aggregated by kpi_transform_resample, with its completeness rules.
 * Series already at `to` are copied. */
KPI_API kpi_store *kpi_transform_freq(const kpi_store *s, kpi_freq to, int fy_start, bool partial,
                                      const kpi_meta *meta, kpi_transform_stats *stats,
                                      kpi_error *err);

/* Aggregate child areas into their parents (parents only in the result).
 * One rule everywhere: a parent's period is incomplete when any child the
 * map gives it has no value there (no row at all counts as no value);
 * it is then missing, or with partial aggregated over the children that
 * have one and marked partial.  The children missing are named in stats.
 * Series whose area is not a child in the map are left out and counted. */
KPI_API kpi_store *kpi_transform_rollup(const kpi_store *s, const kpi_rollup *map,
                                        const kpi_meta *meta, bool partial,
                                        kpi_transform_stats *stats, kpi_error *err);

/* Rates per `per` people (1000 for "per 1,000 population"; per must be
 * positive, else KPI_EINVAL): each value divided by its area's population
 * for the period.  Values with no population become missing and are
 * counted. */
KPI_API kpi_store *kpi_transform_per(const kpi_store *s, const kpi_population *pop, double per,
                                     kpi_transform_stats *stats, kpi_error *err);

/* A chain of transforms in the order an analyst means them: periods are
 * read as `freq` first, areas roll up next, then periods resample, then windows (rolling or year to date)
 * aggregate, and rates are taken last, on the aggregated counts. */
typedef struct kpi_pipeline {
    const kpi_meta *meta;                 /* may be NULL */
    int fy_start;                         /* 1..12 */
    kpi_freq freq;                        /* KPI_FREQ_NONE, or map every series into
                                   this frequency first (kpi_transform_freq) */
    const kpi_rollup *rollup;             /* NULL: no roll-up */
    kpi_freq to;                          /* KPI_FREQ_NONE: no resampling */
    bool partial;                         /* keep incomplete resampled periods and
                                   roll-ups, marked partial */
    int rolling;                          /* 0: no rolling window */
    bool ytd;                             /* year to date (not with rolling) */
    const kpi_population *per_population; /* NULL: no rates */
    double per;                           /* people per rate unit, e.g. 1000 */
} kpi_pipeline;

/* Apply p to s.  Consumes s: returns s itself when p asks for nothing,
 * otherwise a new store after freeing s; on failure frees s and returns
 * NULL with err filled.  stats (may be NULL) adds up every step's. */
KPI_API kpi_store *kpi_transform_apply(kpi_store *s, const kpi_pipeline *p,
                                       kpi_transform_stats *stats, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
