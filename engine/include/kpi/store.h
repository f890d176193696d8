/* kpi series store: every series read from a file, keyed by indicator,
 * area and any extra grouping columns, in order of first appearance.
 * Memory grows with the number of series and periods, not with the
 * file. */
#ifndef KPI_STORE_H
#define KPI_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/series.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_store kpi_store;

/* A new, empty store whose series are keyed by indicator, area and
 * n_groups extra columns named group_names[0..n_groups) (copied).  Returns
 * a store the caller frees with kpi_store_free(), or NULL when out of
 * memory (err filled). */
KPI_API kpi_store *kpi_store_new(size_t n_groups, const char *const *group_names, kpi_error *err);

/* Release s and every series in it.  s may be NULL. */
KPI_API void kpi_store_free(kpi_store *s);

KPI_API size_t kpi_store_n_groups(const kpi_store *s);
KPI_API const char *kpi_store_group_name(const kpi_store *s, size_t g);

/* Number of series, and the i-th in order of first appearance.  The
 * pointer is borrowed: valid until the store is freed. */
KPI_API size_t kpi_store_count(const kpi_store *s);
KPI_API const kpi_series *kpi_store_at(const kpi_store *s, size_t i);

/* Find a series by its key: key[0] is the indicator, key[1] the area (""
 * when there is none), key[2..] the groups, 2 + n_groups strings in all.
 * Returns a borrowed pointer, or NULL when there is no such series. */
KPI_API const kpi_series *kpi_store_find(const kpi_store *s, const char *const *key);

/* Find the series with this key, creating an empty one if there is none.
 * key is as for kpi_store_find and is copied.  Returns a borrowed pointer
 * for kpi_series_put, or NULL when out of memory (err filled). */
KPI_API kpi_series *kpi_store_intern(kpi_store *s, const char *const *key, kpi_error *err);

/* A new store with copies of the series at positions idx[0..n) of s, in
 * that order, with the same grouping columns.  Returns a store the caller
 * frees with kpi_store_free(), or NULL when out of memory (err filled). */
KPI_API kpi_store *kpi_store_subset(const kpi_store *s, const size_t *idx, size_t n,
                                    kpi_error *err);

/* What kpi_store_combine does with a period both stores hold with
 * different values (or states). */
typedef enum kpi_prefer {
    KPI_PREFER_NONE = 0, /* an error (KPI_EDUPLICATE) */
    KPI_PREFER_FIRST,    /* keep the first store's */
    KPI_PREFER_LAST      /* take the second's: the newer release wins */
} kpi_prefer;

/* Add every observation of `from` (another file of the same series, such
 * as a publisher's recent-months file after its historic one) to `into`,
 * so that a series runs across both.  A period both hold is kept once when
 * they agree (the same state and value); otherwise prefer decides, and
 * KPI_PREFER_NONE is KPI_EDUPLICATE naming the series, the period, both
 * values and both sources with their lines.  The grouping columns must be
 * the same, by name (KPI_ELAYOUT otherwise); a series whose frequency or
 * unit differs between the two is KPI_EFREQ or KPI_EVALUE.  into_source and
 * from_source name the stores in messages.  On failure into may hold part
 * of from. */
KPI_API kpi_status kpi_store_combine(kpi_store *into, const kpi_store *from, kpi_prefer prefer,
                                     const char *into_source, const char *from_source,
                                     kpi_error *err);

/* Settle what only the whole series can tell, once every row is in: a
 * series whose every period was an ambiguous "YYYY-YY" that reads as
 * consecutive financial years becomes financial-yearly, and a daily series
 * whose every date is the 1st of a month becomes monthly.  Never fails
 * except out of memory. */
KPI_API kpi_status kpi_store_finish(kpi_store *s, kpi_error *err);

/* Whether any slot of any series in s is partial (kpi_series_partial). */
KPI_API bool kpi_store_has_partial(const kpi_store *s);

#ifdef __cplusplus
}
#endif

#endif
