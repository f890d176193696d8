/* Workbook sheets read as rows of cells, for the data reader: .xlsx (Office
 * Open XML) and .ods (OpenDocument) files.
 *
 * libzip opens the container and libxml2 parses the XML as it is unzipped, so
 * a sheet is never held in memory whole; only the shared strings of an
 * .xlsx file (which cells refer to by number) and the merged ranges are.
 * Each row reaches the caller as the CSV scanner's rows do, a field per
 * column, so that every layout, option and check of the CSV reader works on
 * sheets too.  A field's line is its row number and its column its column
 * number, both 1-based as the spreadsheet shows them (row 12, column 4 is
 * cell D12).
 *
 * A cell's text is what a CSV export of it would hold, with the number as
 * stored, not as displayed: shared and inline strings as written; numbers
 * exactly as stored ("0.1", not 0.1 rounded to the shown decimals); a
 * percentage-formatted number with its % sign ("0.096" becomes "9.6%", as
 * kpi reads percentages in CSV); a date-formatted serial as an ISO date
 * ("2019-03-31", or a timestamp when it has a time of day), in the 1900 or
 * 1904 date system the workbook declares; booleans as TRUE and FALSE; a
 * formula's cached result.  A merged range reads as if every cell of it
 * held the value of its top-left cell, which is what the reader sees.  ODS
 * rows and columns repeated by count are read repeated.  Blank rows are
 * left out, like blank lines in CSV; rows are as wide as the header row
 * (the first row read), empty cells filling the rest. */
#ifndef KPI_SHEET_PRIVATE_H
#define KPI_SHEET_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csvscan_private.h"
#include "kpi/error.h"

/* Whether path, open as fp, is a workbook: a zip container or an OLE
 * compound file (an .xls, or an encrypted .xlsx) by its first bytes, or a
 * name ending .xlsx, .xlsm or .ods.  fp is left at its start. */
KPI_INTERNAL bool kpi_sheet_is_workbook(const char *path, FILE *fp);

/* Which rows of a sheet kpi_sheet_scan reads.  A large .xlsx sheet may
 * be read in two halves on two threads: its XML is cut just past the
 * first row's end tag at or after byte size / 100 * KPI_SHEET_CUT_PERCENT,
 * and each half unzips the sheet from its start (a zip entry cannot be
 * entered in the middle) and parses its own rows. */
typedef enum kpi_sheet_part {
    KPI_SHEET_WHOLE = 0,
    KPI_SHEET_FIRST, /* the rows up to the cut, header included */
    KPI_SHEET_LATER, /* the rows after it: row_index from 1 */
} kpi_sheet_part;

/* The rows kpi_sheet_scan reads. */
typedef struct kpi_sheet_select {
    const char *sheet; /* a sheet's name, or its 1-based number in the
                          workbook's order; NULL for the first sheet */
    size_t skip;       /* rows above the header to leave out (row numbers
                          1..skip), blank or not */
    /* An .xlsx sheet lists its merged ranges after its rows, and a
     * merged range changes the rows it covers.  With restart NULL a
     * first pass unzips the sheet to look for them, and every row comes
     * once.  Otherwise the sheet is unzipped and parsed once, unless
     * ranges turn up that reach below the skipped rows: then restart(ud,
     * err) is called, to forget the rows handed over, and the rows come
     * again from the header, with the ranges known.  A failure of fn in
     * the first pass stands only if no such range turns up.  restart's
     * failure ends the scan with its status. */
    kpi_status (*restart)(void *ud, kpi_error *err);
    /* A half, not the whole sheet (restart is then not called).  A half
     * also fails, for the caller to read the sheet whole, when the sheet
     * cannot be cut so: an .ods, a sheet of under
     * KPI_SHEET_HALVES_MIN bytes of XML, one with a merged range that
     * reaches below the skipped rows, an XML encoding other than UTF-8,
     * or a row after the cut with no number.
     * Whatever fails in a half, the whole sheet read after finds and
     * locates as ever. */
    kpi_sheet_part part;
    size_t width;             /* KPI_SHEET_LATER: the header's, which the first half reads */
    unsigned long halves_min; /* the smallest sheet XML, in bytes, cut in
                                 halves; 0: KPI_SHEET_HALVES_MIN (fuzzing
                                 cuts small ones) */
} kpi_sheet_select;

/* Sheets whose XML is smaller than this are not cut in halves. */
#define KPI_SHEET_HALVES_MIN (8UL * 1024 * 1024)
/* The later half unzips the first one's bytes too, passing over them at
 * about a seventh of the cost of parsing them: a cut past the middle
 * evens the two halves' work. */
#define KPI_SHEET_CUT_PERCENT 54

/* Read the selected sheet of the workbook at path, handing each row to fn
 * (row_index 0 is the header, the first row after the skipped ones that is
 * not blank).  name (of name_size bytes) receives the sheet's name before
 * the first row.  Fails with KPI_EIO for a file that cannot be opened, is
 * not a workbook, is corrupt, truncated or password-protected, with
 * KPI_EINVAL naming the sheets there are when the sheet is not one of
 * them, KPI_ENOMEM, or fn's status; a failure in a cell is located at its
 * row and column, and err->sheet names the sheet. */
KPI_INTERNAL kpi_status kpi_sheet_scan(const char *path, const kpi_sheet_select *sel,
                                       kpi_csv_row_fn fn, void *ud, char *name, size_t name_size,
                                       kpi_error *err);

/* A table file of one of kpi's side inputs (metadata, milestone
 * registers, area maps, populations), open for kpi_sheet_table_scan. */
typedef struct kpi_sheet_table {
    FILE *fp;
    const char *path;   /* the file's path; NULL: fp is a stream, read as CSV */
    const char *source; /* the file in messages */
    const char *sheet;  /* the sheet named after '#' in the path, or NULL */
    char *own;          /* the path and sheet's storage */
} kpi_sheet_table;

/* Open the side table named by path: "-" is stdin; a path with no file
 * of its whole name but a '#' after the name of a workbook is that
 * workbook and the sheet after the last '#' ("book.xlsx#Metadata",
 * "book.ods#2"), as spreadsheet programs link to a sheet.  Fails with
 * KPI_EIO naming path when it cannot be opened, or KPI_ENOMEM.  t is
 * released by kpi_sheet_table_close, also after a failure. */
KPI_INTERNAL kpi_status kpi_sheet_table_open(const char *path, kpi_sheet_table *t, kpi_error *err);
KPI_INTERNAL void kpi_sheet_table_close(kpi_sheet_table *t);

/* Scan t with fn, as CSV or, when t->path names a workbook
 * (kpi_sheet_is_workbook), as the sheet t names or else the one named
 * prefer when the workbook has one (prefer may be NULL), and its first
 * sheet otherwise.  Fails as kpi_csv_scan or kpi_sheet_scan (a sheet
 * that t names and the workbook does not have: KPI_EINVAL); a failure in
 * a sheet's cell names the sheet in err->sheet. */
KPI_INTERNAL kpi_status kpi_sheet_table_scan(const kpi_sheet_table *t, const char *prefer,
                                             kpi_csv_row_fn fn, void *ud, kpi_error *err);

#endif
