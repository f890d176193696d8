/* kpi tables: one writer for every tabular output, in CSV (RFC 4180),
 * JSON (an array of objects) or Markdown (a pipe table), and the tables
 * kpi writes with it: a store, its changes, its summary.
 *
 * Cells arrive as text that the caller has already formatted, so that a
 * number prints the same in every format.  A NULL cell is empty in CSV and
 * Markdown and null in JSON; a number column's cells are written bare in
 * JSON and right-aligned in Markdown.
 *
 * Computing and writing are apart: the analysis modules (change.h,
 * summary.h) compute, and the writers here format what they computed. */
#ifndef KPI_TABLE_H
#define KPI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/change.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* KPI_FORMAT_XLSX writes an .xlsx workbook of one sheet (kpi/workbook.h
 * says how its cells are written). */
typedef enum kpi_format {
    KPI_FORMAT_CSV = 0,
    KPI_FORMAT_JSON,
    KPI_FORMAT_MD,
    KPI_FORMAT_XLSX
} kpi_format;

typedef enum kpi_column_type { KPI_COLUMN_TEXT = 0, KPI_COLUMN_NUMBER } kpi_column_type;

typedef struct kpi_table kpi_table;

/* An .xlsx workbook of several sheets (kpi/workbook.h). */
typedef struct kpi_workbook kpi_workbook;

/* How the table writers below write. */
typedef struct kpi_table_options {
    kpi_format format;
    const kpi_meta *meta;   /* KPI_FORMAT_XLSX: the indicators' metadata
                             for the workbook's metadata sheet (as
                             kpi_table_describe); may be NULL */
    kpi_workbook *workbook; /* KPI_FORMAT_XLSX: write onto a new sheet
                                      of this open workbook (kpi/workbook.h),
                                      named sheet, instead of a workbook of
                                      one sheet on out; NULL: the latter.  No
                                      metadata sheet is added to it */
    const char *sheet;
    size_t threads; /* format rows on up to this many threads; 0 or 1: on the
                       calling thread alone.  The output is the same for any
                       number. */
} kpi_table_options;

/* CSV on the calling thread alone.  Never fails. */
KPI_API kpi_table_options kpi_table_options_default(void);

/* Start a table on out with ncols columns (names and types are copied;
 * types may be NULL for all text).  Writes the header at once.  Returns a
 * writer the caller finishes with kpi_table_end(), or NULL with err filled
 * (KPI_EVALUE for a JSON column name that is not UTF-8).
 * out stays owned by the caller. */
KPI_API kpi_table *kpi_table_new(FILE *out, kpi_format format, const char *const *names,
                                 const kpi_column_type *types, size_t ncols, kpi_error *err);

/* The same with the columns of a store's keys first: indicator, area and
 * s's grouping columns (text), then ntail columns named tail with
 * tail_types.  Fails as kpi_table_new, and with KPI_EINVAL when the
 * columns would number more than KPI_TABLE_MAX_COLUMNS. */
#define KPI_TABLE_MAX_COLUMNS 64
KPI_API kpi_table *kpi_table_new_keyed(FILE *out, kpi_format format, const kpi_store *s,
                                       const char *const *tail, const kpi_column_type *tail_types,
                                       size_t ntail, kpi_error *err);

/* Describe the indicators of a kpi_table_new_keyed table written as
 * KPI_FORMAT_XLSX: kpi_table_end then adds a second sheet, "metadata",
 * with a row per indicator of the store, in order of first appearance:
 * its metadata from meta (may be NULL: none) and frequency, the unit
 * falling back on the one the values carry ("%", "£"), as
 * kpi_workbook_meta writes it.  Without this
 * call the sheet is still written when the values carry a unit.  meta is
 * borrowed until kpi_table_end.  No effect on other formats or tables.
 * Never fails. */
KPI_API void kpi_table_describe(kpi_table *t, const kpi_meta *meta);

/* Write one row of ncols cells.  A number cell must be a JSON number
 * ("14766", "-0.5") or NULL.  In JSON, where the output must stay valid,
 * a number cell that is not one ("inf") is KPI_EINVAL and text that is not
 * UTF-8 is KPI_EVALUE, and nothing of the row is written.  A failure makes
 * the table sticky-failed: later calls return the same status. */
KPI_API kpi_status kpi_table_row(kpi_table *t, const char *const *cells, kpi_error *err);

/* Rows of one series at a time, in a table made by kpi_table_new_keyed:
 * kpi_table_series formats se's key cells (indicator, area, groups) once,
 * and each kpi_table_series_row writes them, then the ntail cells of
 * tail.  The same text as kpi_table_row with the key cells in front,
 * without quoting or escaping the key again on every row.  Fail as
 * kpi_table_row. */
KPI_API kpi_status kpi_table_series(kpi_table *t, const kpi_series *se, kpi_error *err);
KPI_API kpi_status kpi_table_series_row(kpi_table *t, const char *const *tail, kpi_error *err);

/* Finish the table (JSON's closing bracket), flush, and free t, returning
 * the first error of its lifetime.  t may be NULL (returns KPI_OK). */
KPI_API kpi_status kpi_table_end(kpi_table *t, kpi_error *err);

/* Formats the rows of items [first, last) (series, usually) into out.
 * Called on any of the writing threads: it must only read shared data. */
typedef kpi_status (*kpi_table_rows_fn)(void *ctx, size_t first, size_t last, kpi_table *out,
                                        kpi_error *err);

/* Write the rows of items [0, n) to t with fn, in item order, on up to
 * `threads` threads (0 or 1: the calling thread alone).  rows_hint, a rough
 * count of the rows, sizes the batches the threads take; a table of fewer
 * than about 20,000 rows is written on the calling thread alone.  The
 * bytes written are the same for any number of threads.  Returns KPI_OK,
 * or the failure of the first item that failed, with err filled; rows of
 * the items before it are written. */
KPI_API kpi_status kpi_table_write_rows(kpi_table *t, size_t threads, size_t n, size_t rows_hint,
                                        kpi_table_rows_fn fn, void *ctx, kpi_error *err);

/* Write every series of s in canonical long form:
 * indicator,area[,groups...],period,value[,partial], series in order of first
 * appearance, periods ascending, absent periods left out, missing values
 * empty (null in JSON), suppressed ones "*", units written back ("9.6%",
 * "£101").  Reading the output again gives the same store.  opt may be
 * NULL for the defaults.  Fails with KPI_EIO when writing fails, KPI_EINVAL
 * for more than KPI_TABLE_MAX_COLUMNS columns, KPI_ENOMEM. */
KPI_API kpi_status kpi_table_write_store(const kpi_store *s, FILE *out,
                                         const kpi_table_options *opt, kpi_error *err);

/* Write the changes of every series of s (kpi_change_at with copt), one
 * row per present period (or only the latest), with the header
 * indicator,area[,groups],period,value,base_period,base_value,change,
 * pct_change,direction,prev_pct_change (and cagr_pct with copt->cagr,
 * then rate_ratio,rr_low,rr_high,p_value,significance,test_note of
 * kpi_change_test with copt->test, the numbers to KPI_SIGNIFICANCE_DIGITS
 * significant digits; then the partial column).  Changes print with the
 * series' own decimals, percentages rounded half away from zero to
 * copt->decimals.  opt may be NULL for the defaults.  Fails with KPI_EIO
 * when writing fails, KPI_EINVAL for more than KPI_TABLE_MAX_COLUMNS
 * columns, KPI_ENOMEM. */
KPI_API kpi_status kpi_table_write_change(const kpi_store *s, const kpi_change_options *copt,
                                          FILE *out, const kpi_table_options *opt, kpi_error *err);

/* Write one row per series of s at the period `period` selects (NULL:
 * each series' latest), as kpi_summary_at computes it, in order of first
 * appearance, with metadata from meta (may be NULL).  A series gets a row
 * when kpi_summary_period selects a period of it and that period is
 * present in it: with the period 2018-19 only the financial-yearly series
 * holding 2018-19.  The header is
 *   indicator,area[,groups],label,period,value,base_period,base_value,
 *   change,pct_change,direction,assessment,prev_pct_change,trend,trend_p,
 *   target_op,target,target_status,target_margin,significance,p_value,
 *   variation,assurance,note
 * value, base_value and change print with the row's decimals, the
 * percentages with KPI_SUMMARY_PCT_DECIMALS, trend_p with
 * KPI_SUMMARY_P_DECIMALS, p_value with KPI_SIGNIFICANCE_DIGITS significant
 * digits, target and margin with their own; all round half away from zero and carry no thousands separators, so that every format
 * holds plain numbers.  opt may be NULL for the defaults.  Fails with
 * KPI_EIO when writing fails, KPI_EINVAL for more than
 * KPI_TABLE_MAX_COLUMNS columns, KPI_ENOMEM. */
KPI_API kpi_status kpi_table_write_summary(const kpi_store *s, const kpi_meta *meta,
                                           const kpi_period *period, FILE *out,
                                           const kpi_table_options *opt, kpi_error *err);

/* Tables of a store that holds partial values (kpi_store_has_partial) get
 * one more column, named KPI_TABLE_PARTIAL_COLUMN, whose cell is "yes"
 * for a value aggregated over an incomplete set and empty otherwise; in
 * Markdown a footnote under the table says what it means. */
#define KPI_TABLE_PARTIAL_COLUMN "partial"

/* The partial cell of slot i of se: "yes" or NULL.  Never fails. */
KPI_API const char *kpi_table_partial_cell(const kpi_series *se, size_t i);

/* Write the footnote explaining the partial column after a table, when
 * format is Markdown (nothing otherwise).  KPI_EIO on a failed write. */
KPI_API kpi_status kpi_table_partial_note(FILE *out, kpi_format format, kpi_error *err);

/* "csv", "json", "md", "xlsx". */
KPI_API const char *kpi_format_name(kpi_format format);

/* Parse a format name ("csv", "json", "md" or "markdown", "xlsx");
 * KPI_EINVAL otherwise. */
KPI_API kpi_status kpi_format_parse(const char *name, kpi_format *out, kpi_error *err);

/* The format a file name asks for by its extension: KPI_FORMAT_XLSX for
 * ".xlsx", and so on; false when it names none (the caller's default
 * stands).  Never fails. */
KPI_API bool kpi_format_from_path(const char *path, kpi_format *out);

#ifdef __cplusplus
}
#endif

#endif
