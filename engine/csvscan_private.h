/* The CSV scanner shared by the data reader and the metadata reader.
 *
 * libcsv tokenizes; this module adds what libcsv does not do: the physical
 * line and column where every field starts (newlines inside quoted fields
 * count), delimiter detection, a UTF-8 byte-order mark, CR-only line ends,
 * and rows handed over whole with their positions.  It streams through
 * fixed-size blocks and never holds the file in memory. */
#ifndef KPI_CSVSCAN_PRIVATE_H
#define KPI_CSVSCAN_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "alloc_private.h"
#include "kpi/error.h"

typedef struct kpi_csv_field {
    char *text; /* NUL-terminated; quotes removed, "" collapsed; the row
                   callback may change it in place */
    size_t len;
    unsigned long line;   /* physical line where the field starts, 1-based */
    unsigned long column; /* character column where it starts, 1-based */
} kpi_csv_field;

/* Called once per record, header included.  row_index counts records from
 * 0 (the header is record 0).  The fields are valid only during the call.
 * Return KPI_OK to go on; any other status stops the scan, and the
 * callback must have filled err. */
typedef kpi_status (*kpi_csv_row_fn)(void *ud, const kpi_csv_field *fields, size_t n,
                                     size_t row_index, kpi_error *err);

/* The delimiters kpi detects, in order of preference on a tie. */
#define KPI_CSV_DELIMITERS ",;\t|"

/* Scan fp to the end.  delimiter is one of KPI_CSV_DELIMITERS, or 0 to
 * detect it from the first record (the one with most occurrences outside
 * quotes wins; a comma when none occurs).  *used (may be NULL) receives the
 * delimiter used.  Syntax errors (a bare quote in an unquoted field, an
 * unterminated quote) are KPI_ECSV located at source:line:column. */
KPI_INTERNAL kpi_status kpi_csv_scan(FILE *fp, const char *source, char delimiter,
                                     kpi_csv_row_fn fn, void *ud, char *used, kpi_error *err);

/* Whether two field texts are equal ignoring ASCII case and surrounding
 * spaces (how column names are matched). */
KPI_INTERNAL bool kpi_csv_name_eq(const char *a, const char *b);

#endif
