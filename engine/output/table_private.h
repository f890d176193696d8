/* What kpi's own table writers share: the key columns every table starts
 * with, number cells, and forks for rows written by several threads. */
#ifndef KPI_TABLE_PRIVATE_H
#define KPI_TABLE_PRIVATE_H

#include <stdbool.h>

#include "alloc_private.h"
#include "kpi/table.h"
#include "kpi/workbook.h"

/* Point cells[0..2 + n_groups) at se's key, as kpi_table_new_keyed's
 * columns are; returns 2 + n_groups, where the rest of the row starts. */
KPI_INTERNAL size_t kpi_table_key_cells(const kpi_series *se, size_t n_groups, const char **cells);

/* A number cell: x with `decimals` places, rounded half away from zero,
 * into buf; or NULL (an empty cell) when !present. */
KPI_INTERNAL const char *kpi_table_fixed(bool present, double x, int decimals, char *buf,
                                         size_t size);

/* A text cell: s, or NULL (an empty cell) when s is NULL or "". */
KPI_INTERNAL const char *kpi_table_text(const char *s);

/* x to `digits` significant digits (kpi_value_format_sig) into buf; or
 * NULL (an empty cell) when !present. */
KPI_INTERNAL const char *kpi_table_sig(bool present, double x, int digits, char *buf, size_t size);

/* Write the table of a writer over s's series: the key columns, then
 * tail[0..ntail) and, when partial, the partial column (tail and
 * tail_types have room for it); rows from fn(job) as in
 * kpi_table_write_rows, `rows` of them in all (a hint); then the partial
 * note under the table when partial.  err may be NULL. */
KPI_INTERNAL kpi_status kpi_table_write_keyed(FILE *out, const kpi_store *s,
                                              const kpi_table_options *opt, const char **tail,
                                              kpi_column_type *tail_types, size_t ntail,
                                              bool partial, size_t rows, kpi_table_rows_fn fn,
                                              void *job, kpi_error *err);

/* A table with t's format and columns that keeps its rows in memory and
 * writes no header.  Returns a fork the caller frees with
 * kpi_table_fork_free(), or NULL when out of memory (err filled). */
KPI_INTERNAL kpi_table *kpi_table_fork(const kpi_table *t, kpi_error *err);

/* Append fork's rows to t, as if written there, and empty the fork for
 * reuse.  A fork's failure becomes t's (sticky).  Returns t's status. */
KPI_INTERNAL kpi_status kpi_table_join(kpi_table *t, kpi_table *fork, kpi_error *err);

KPI_INTERNAL void kpi_table_fork_free(kpi_table *fork);

/* Which worker of kpi_table_write_rows formats into t: 0 .. threads - 1
 * for its forks, 0 for any other table.  A rows function keeps per-thread
 * scratch by it, since one worker runs at most one batch at a time. */
KPI_INTERNAL size_t kpi_table_worker(const kpi_table *t);

/* ---- workbook sheets (workbook.c) ----------------------------------------- */

/* A table's rows going to a sheet of a kpi_workbook. */
typedef struct kpi_sheet_writer kpi_sheet_writer;

/* Start a sheet named sheet (NULL: libxlsxwriter's Sheet1, Sheet2...) of
 * wb with its header row written.  Returns a writer freed by
 * kpi_sheet_writer_end, or NULL with err filled (KPI_EINVAL for a bad
 * sheet name, KPI_ENOMEM). */
KPI_INTERNAL kpi_sheet_writer *kpi_sheet_writer_new(kpi_workbook *wb, const char *sheet,
                                                    const char *const *names,
                                                    const kpi_column_type *types, size_t ncols,
                                                    kpi_error *err);

/* Write a row of the writer's ncols cells (NULL or "" for empty). */
KPI_INTERNAL kpi_status kpi_sheet_writer_row(kpi_sheet_writer *sw, const char *const *cells,
                                             kpi_error *err);

/* Set the column widths and the autofilter, and free sw; the workbook's
 * status. */
KPI_INTERNAL kpi_status kpi_sheet_writer_end(kpi_sheet_writer *sw, kpi_error *err);

KPI_INTERNAL void kpi_sheet_writer_free(kpi_sheet_writer *sw);

/* A table whose rows go to sw; own (may be NULL) is a workbook the table
 * closes when it ends, for kpi_table_new's one-sheet workbooks.  On
 * failure sw and own are freed. */
KPI_INTERNAL kpi_table *kpi_table_new_sheet(kpi_sheet_writer *sw, kpi_workbook *own,
                                            const char *const *names, const kpi_column_type *types,
                                            size_t ncols, kpi_error *err);

#endif
