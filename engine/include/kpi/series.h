/* kpi series: the observations of one indicator in one area (and group),
 * period by period.  Series live in a store (kpi/store.h).
 *
 * A series has one frequency and one unit.  Its observations are held
 * densely from its first period to its last, so "a year earlier" is an
 * index minus kpi_period_per_year().  Each slot is in one of the kpi_obs
 * states: a period that never appeared is ABSENT; a period that appeared
 * with a missing marker is MISSING (or SUPPRESSED), never zero.  Memory
 * grows with the number of series and periods, not with the file. */
#ifndef KPI_SERIES_H
#define KPI_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"
#include "kpi/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_obs {
    KPI_OBS_ABSENT = 0, /* the period did not occur in the input */
    KPI_OBS_VALUE,
    KPI_OBS_MISSING,
    KPI_OBS_SUPPRESSED
} kpi_obs;

/* What to do when the same series and period occur twice. */
typedef enum kpi_dup_policy {
    KPI_DUP_ERROR = 0, /* KPI_EDUPLICATE */
    KPI_DUP_SUM,       /* add the values; missing + value is the value */
    KPI_DUP_FIRST,     /* keep the first */
    KPI_DUP_LAST       /* keep the last */
} kpi_dup_policy;

typedef struct kpi_series kpi_series;

/* Check whether kpi_series_put(se, p, flags, v, dup, line) would succeed,
 * without changing anything.  Same statuses as kpi_series_put. */
KPI_API kpi_status kpi_series_check(const kpi_series *se, kpi_period p, unsigned period_flags,
                                    const kpi_value *v, kpi_dup_policy dup, kpi_error *err);

/* Record value v for period p (period_flags as kpi_period_parse gave them;
 * line is the input line, kept for messages about this observation).
 * Fails with KPI_EFREQ when p's frequency differs from the series' (an
 * ambiguous "2011-12" is read as the series' financial year when that is
 * its frequency), KPI_EVALUE when v's unit differs from the series' unit,
 * KPI_EDUPLICATE when p is already present and dup is KPI_DUP_ERROR
 * (err->message names the earlier line), KPI_ENOMEM.  err's location is
 * left to the caller.  On failure the series is unchanged. */
KPI_API kpi_status kpi_series_put(kpi_series *se, kpi_period p, unsigned period_flags,
                                  const kpi_value *v, kpi_dup_policy dup, unsigned long line,
                                  kpi_error *err);

/* The key parts.  Borrowed strings, never NULL ("" for no area). */
KPI_API const char *kpi_series_indicator(const kpi_series *se);
KPI_API const char *kpi_series_area(const kpi_series *se);
KPI_API const char *kpi_series_group(const kpi_series *se, size_t g);

KPI_API kpi_freq kpi_series_freq(const kpi_series *se);
KPI_API kpi_unit kpi_series_unit(const kpi_series *se);

/* Number of slots from the first period to the last, absent ones between
 * included; 0 for an empty series.  The first and last slots always hold
 * an observation, so slot length - 1 is the latest period. */
KPI_API size_t kpi_series_length(const kpi_series *se);

/* The period of slot i.  i < length is a precondition (asserted in debug
 * builds), as for every slot accessor below. */
KPI_API kpi_period kpi_series_period(const kpi_series *se, size_t i);

/* The slot of period p, or -1 when p is outside the series or of another
 * frequency. */
KPI_API ptrdiff_t kpi_series_index(const kpi_series *se, kpi_period p);

/* State and value of slot i.  The value is NaN unless the state is
 * KPI_OBS_VALUE. */
KPI_API kpi_obs kpi_series_state(const kpi_series *se, size_t i);
KPI_API double kpi_series_value(const kpi_series *se, size_t i);

/* Whether slot i's value was aggregated from an incomplete set of
 * observations and kept on request (a partial year, a roll-up with a
 * child missing): output marks such values.  Set by the transforms; only a
 * slot holding a value can be marked.  Never fail. */
KPI_API void kpi_series_set_partial(kpi_series *se, size_t i);
KPI_API bool kpi_series_partial(const kpi_series *se, size_t i);

/* The input line of slot i, 0 when absent or not read from a file. */
KPI_API unsigned long kpi_series_line(const kpi_series *se, size_t i);

/* The most decimals written in any of its values, and the decimals slot
 * i's value was written with (for lossless output). */
KPI_API int kpi_series_decimals(const kpi_series *se);
KPI_API int kpi_series_decimals_at(const kpi_series *se, size_t i);

/* How many slots are in the given state. */
KPI_API size_t kpi_series_count(const kpi_series *se, kpi_obs state);

#ifdef __cplusplus
}
#endif

#endif
