/* Series stores built in parts, for readers that split a file, and taken
 * apart by steps that consume them. */
#ifndef KPI_STORE_PRIVATE_H
#define KPI_STORE_PRIVATE_H

#include "alloc_private.h"
#include "kpi/store.h"

/* Add every observation of `from` (read from a later part of the same
 * file, its lines counted from 1) to `into`, as if kpi_series_put had been
 * called for each in order: series new to `into` move over whole, after
 * it, in their order.  line_offset is the number of lines before that
 * part.  Consumes `from`, whatever the result.  Fails like kpi_series_put. */
KPI_INTERNAL kpi_status kpi_store_merge(kpi_store *into, kpi_store *from, unsigned long line_offset,
                                        kpi_dup_policy dup, kpi_error *err);

/* Free the observations of s's series i, leaving it empty with its key:
 * a step that consumes s series by series holds the whole of its input
 * and of its output at no moment. */
KPI_INTERNAL void kpi_store_drop_values(kpi_store *s, size_t i);

#endif
