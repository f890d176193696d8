/* Rows of a table formatted on two threads and written in order.
 *
 * The machines kpi runs on have two cores or more, and formatting a large
 * table costs as much as reading its input.  Items (series, usually) are
 * cut into batches; two threads take alternate batches, each formats its
 * batch into a fork of the table, and the forks join the table strictly
 * in batch order, so the output is the same byte for byte as on one
 * thread. */
#ifndef KPI_PARALLEL_PRIVATE_H
#define KPI_PARALLEL_PRIVATE_H

#include <stddef.h>

#include "alloc_private.h"
#include "kpi/table.h"

/* Format the rows of items [first, last) into out.  Called on either
 * thread; it must only read shared data. */
typedef kpi_status (*kpi_rows_fn)(void *ctx, size_t first, size_t last, kpi_table *out,
                                  kpi_error *err);

/* Write the rows of items [0, n) to t, rows_hint rows being a rough count
 * used to size batches.  Small tables run on the calling thread alone.
 * Returns the first failure, with err filled. */
KPI_INTERNAL kpi_status kpi_parallel_rows(kpi_table *t, size_t n, size_t rows_hint,
                                          kpi_rows_fn fn, void *ctx, kpi_error *err);

#endif
