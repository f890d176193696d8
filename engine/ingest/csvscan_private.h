/* The CSV scanner shared by the data reader and the metadata reader.
 *
 * libcsv tokenizes every line with a quote (a line without one is split
 * at its delimiters here); this module adds what libcsv does not do: the
 * physical line and column where every field starts (newlines inside
 * quoted fields count), delimiter detection, a UTF-8 byte-order mark,
 * CR-only line ends, and rows handed over whole with their positions.  It streams through
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
 * 0 (the header is record 0).  A record with more fields than the scan's
 * max_fields is handed over as soon as its first extra field is read, with
 * n = max_fields + 1, and the rest of it is dropped: a ragged row of
 * millions of delimiters is refused, or skipped, without being held.  The
 * fields are valid only during the call.  Return KPI_OK to go on; any
 * other status stops the scan, and the callback must have filled err. */
typedef kpi_status (*kpi_csv_row_fn)(void *ud, const kpi_csv_field *fields, size_t n,
                                     size_t row_index, kpi_error *err);

/* The delimiters kpi detects, in order of preference on a tie. */
#define KPI_CSV_DELIMITERS ",;\t|"

/* The longest field, in bytes, a scan accepts unless told otherwise. */
#define KPI_CSV_FIELD_MAX ((size_t)1 << 20)

/* Scan fp to the end.  delimiter is one of KPI_CSV_DELIMITERS, or 0 to
 * detect it from the first record (the one with most occurrences outside
 * quotes wins; a comma when none occurs).  *used (may be NULL) receives the
 * delimiter used.  The first record is the header: a later record keeps at
 * most one field more than it.  Syntax errors (a bare quote in an unquoted
 * field, an unterminated quote) and a field longer than KPI_CSV_FIELD_MAX
 * are KPI_ECSV located at source:line:column. */
KPI_INTERNAL kpi_status kpi_csv_scan(FILE *fp, const char *source, char delimiter,
                                     kpi_csv_row_fn fn, void *ud, char *used, kpi_error *err);

/* A part of a stream to scan, for readers that split a file between
 * threads. */
typedef struct kpi_csv_range {
    char delimiter;       /* in: as for kpi_csv_scan; out: the one used */
    size_t max_bytes;     /* in: stop after this many bytes (0: read to the end,
                          and finish the last record as kpi_csv_scan does) */
    size_t first_row;     /* in: row_index of the first record (1 when the
                          range starts after the header) */
    size_t max_fields;    /* in: fields a record keeps, and one more (0: all);
                            the row callback may set it once it has read the
                            header, through its own pointer to the range */
    bool first_is_header; /* in: max_fields is set from the first record */
    size_t max_field;     /* in: bytes a field may have (0: KPI_CSV_FIELD_MAX);
                            a longer one is KPI_ECSV at its start, "a field
                            longer than N bytes; raise the limit with the
                            max_field option" */
    bool ended_clean;     /* out: the range ended between records */
    unsigned long lines;  /* out: line ends passed */
} kpi_csv_range;

/* kpi_csv_scan over a range: from fp's position, at most max_bytes.  Line
 * numbers count from 1 at the start of the range. */
KPI_INTERNAL kpi_status kpi_csv_scan_range(FILE *fp, const char *source, kpi_csv_range *range,
                                           kpi_csv_row_fn fn, void *ud, kpi_error *err);

/* The delimiter of a file whose first bytes are data[0..n): the one of
 * KPI_CSV_DELIMITERS that occurs most, outside quotes, before the first
 * line end; a comma when none occurs. */
KPI_INTERNAL char kpi_csv_detect_delimiter(const unsigned char *data, size_t n);

/* The text of s[0..*n) without the spaces and tabs around it: returns its
 * start and sets *n to its length.  Never fails. */
KPI_INTERNAL const char *kpi_csv_trim(const char *s, size_t *n);

/* At most this many bytes of a cell are quoted in a message, so that the
 * column name and the expectation always fit. */
#define KPI_CSV_QUOTE_MAX 100

/* How many bytes of s[0..n) to quote: at most KPI_CSV_QUOTE_MAX, cut on a
 * UTF-8 character boundary.  Never fails. */
KPI_INTERNAL int kpi_csv_quote_len(const char *s, size_t n);

/* The error for a record of n fields where the header has ncols (n !=
 * ncols): KPI_ECSV at the first extra field, or at the last one when
 * there are too few.  Returns KPI_ECSV. */
KPI_INTERNAL kpi_status kpi_csv_ragged(const char *source, const kpi_csv_field *f, size_t n,
                                       size_t ncols, kpi_error *err);

/* Whether two field texts are equal ignoring ASCII case and surrounding
 * spaces (how column names are matched). */
KPI_INTERNAL bool kpi_csv_name_eq(const char *a, const char *b);

#endif
