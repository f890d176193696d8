/* kpi workbooks: tables written as sheets of an .xlsx file, through
 * libxlsxwriter, for analysts who hand their figures on in Excel.
 *
 * Every table writer of table.h writes a one-sheet workbook with the
 * format KPI_FORMAT_XLSX; this module also puts several tables into one
 * workbook, a sheet each.  On a sheet, number columns hold numbers (not
 * text), each shown with the decimals it was written with, and columns
 * whose name says they are percentages ("pct", "percent") show a % sign
 * after the number, which stays as in the CSV (12.5 shows as 12.5%); a
 * number cell that is not a number ("*", a suppressed value) stays text.
 * Periods and other text columns are text.  The header row is bold,
 * frozen and carries an autofilter, and columns are as wide as their
 * widest cell (up to a limit).  Rows are streamed to a temporary file as
 * they come, so a large table is never held in memory. */
#ifndef KPI_WORKBOOK_H
#define KPI_WORKBOOK_H

#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/store.h"
#include "kpi/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_workbook kpi_workbook;

/* Start a workbook that kpi_workbook_close writes to out (which stays the
 * caller's, and may be a pipe).  Returns a workbook the caller closes with
 * kpi_workbook_close(), or NULL with err filled (KPI_EIO when no temporary
 * file can be made, KPI_ENOMEM). */
KPI_API kpi_workbook *kpi_workbook_new(FILE *out, kpi_error *err);

/* Start a table on a new sheet of wb named sheet (at most 31 characters,
 * none of []:*?/\), with ncols columns named names of types types (NULL
 * for all text).  Write its rows with kpi_table_row and finish it with
 * kpi_table_end (before the next sheet is started); the workbook stays
 * open.  Fails with KPI_EINVAL for a sheet name Excel refuses or one used
 * twice, KPI_ENOMEM. */
KPI_API kpi_table *kpi_workbook_table(kpi_workbook *wb, const char *sheet, const char *const *names,
                                      const kpi_column_type *types, size_t ncols, kpi_error *err);

/* Add the sheet "metadata" to wb: a row per indicator of s, in order of
 * first appearance, with the columns of a metadata file from meta (may
 * be NULL: empty) and the frequency of its first series:
 * indicator,label,unit,frequency,better,aggregation,target,target_op,
 * decimals, the target and decimals as numbers, the unit falling back
 * on the one its values carry (kpi_table_describe in kpi/table.h).  The
 * sheet reads back through kpi_meta_read.  Written only when meta is not NULL or a series of s
 * carries a unit; nothing otherwise.  Fails as kpi_workbook_table. */
KPI_API kpi_status kpi_workbook_meta(kpi_workbook *wb, const kpi_store *s, const kpi_meta *meta,
                                     kpi_error *err);

/* Write the workbook to its stream and free it, returning the first
 * error of its lifetime (KPI_EIO when writing fails).  wb may be NULL. */
KPI_API kpi_status kpi_workbook_close(kpi_workbook *wb, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
