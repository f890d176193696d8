/* The series record, shared by the series module and the store that
 * holds series (store.c). */
#ifndef KPI_SERIES_PRIVATE_H
#define KPI_SERIES_PRIVATE_H

#include <stdint.h>

#include "alloc_private.h"
#include "kpi/series.h"

struct kpi_series {
    char **key; /* 2 + n_groups strings, in one allocation with the struct */
    kpi_freq freq;
    kpi_unit unit;
    int unit_set;
    int decimals;
    int32_t first; /* ordinal of slot 0 */
    size_t len, cap;
    size_t cap_hint; /* slots the first allocation makes room for (kpi_series_new) */
    double *values;
    unsigned char *state;
    uint32_t *lines;
    unsigned char *dec; /* decimals each value was written with */
    size_t n_present;   /* slots not ABSENT */
    size_t n_ambiguous; /* slots with SLOT_AMBIGUOUS */
};

/* An empty series keyed by key[0..n) (copied; NULL parts are "").  Its
 * first observations make room for like_len slots at once (the length of
 * the series made before it, say; 0 for none).  Returns a series the
 * caller frees with kpi_series_free(), or NULL when out of memory. */
KPI_INTERNAL kpi_series *kpi_series_new(const char *const *key, size_t n, size_t like_len);

/* Free se's observations, leaving it empty with its key and frequency. */
KPI_INTERNAL void kpi_series_clear(kpi_series *se);

/* Release se.  se may be NULL. */
KPI_INTERNAL void kpi_series_free(kpi_series *se);

/* Put every observation of `from` into `into`, in period order, as
 * kpi_series_put would, with from's line numbers plus line_offset.  Fails
 * like kpi_series_put, after the observations before the failing one. */
KPI_INTERNAL kpi_status kpi_series_put_all(kpi_series *into, const kpi_series *from,
                                           unsigned long line_offset, kpi_dup_policy dup,
                                           kpi_error *err);

/* Add line_offset to the line of every present slot. */
KPI_INTERNAL void kpi_series_shift_lines(kpi_series *se, unsigned long line_offset);

/* Settle the frequency, as kpi_store_finish describes.  Returns 0, or -1
 * when out of memory (se unchanged). */
KPI_INTERNAL int kpi_series_settle(kpi_series *se);

#endif
