/* kpi reader: indicator series from CSV files, in long, wide or event
 * layout, with every rejected cell located at source:line:column.
 *
 * Layouts:
 *   long    one row per indicator x area x period x value;
 *   wide    periods as column headers (chosen when header cells parse as
 *           periods); the other columns identify the series;
 *   events  one row per incident; rows are counted per series and period.
 * Columns are found by header name, case-insensitively.  The defaults are
 * "indicator", "area" (optional), "period" (or "date", "month", "year")
 * and "value".  In the long layout without an indicator column, the value
 * column's header names the indicator; in the event layout without one,
 * the indicator is "events" (the name option overrides both).
 *
 * The reader streams through fixed-size blocks with libcsv.  Delimiters
 * , ; tab and | are detected; RFC 4180 quoting, embedded newlines, CRLF,
 * CR-only line ends and a UTF-8 byte-order mark are handled.  Text must be
 * UTF-8 (KPI_EENCODING at the first bad byte otherwise), or UTF-16/32 with
 * a byte-order mark, or in the encoding the options name: these are
 * decoded into UTF-8 first, through iconv.  Line numbers
 * are physical lines: newlines inside quoted fields count.
 *
 * kpi_read_file also reads a sheet of an .xlsx or .ods workbook (known by
 * its content, or its name): the same layouts, options and checks apply to
 * its cells as to a CSV file's fields, a number as stored in the workbook,
 * a date cell as an ISO date (sheet_private.h says how each kind of cell
 * reads).  A failure in a cell is located at its row (line) and column,
 * with the sheet's name in the error's sheet. */
#ifndef KPI_READER_H
#define KPI_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"
#include "kpi/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_layout {
    KPI_LAYOUT_AUTO = 0,
    KPI_LAYOUT_LONG,
    KPI_LAYOUT_WIDE,
    KPI_LAYOUT_EVENTS
} kpi_layout;

/* A row filter: keep rows whose column (by header name) holds value
 * (trimmed, exactly), or with negate those that do not.  Filters on one
 * column with values are alternatives; everything else must all hold. */
typedef struct kpi_where {
    const char *column;
    const char *value;
    bool negate;
} kpi_where;

/* A warning (a row skipped under skip_bad): the record says where and why.
 * The record is valid only during the call. */
typedef void (*kpi_diag_fn)(void *ud, const kpi_error *warning);

typedef struct kpi_reader_options {
    kpi_layout layout;     /* KPI_LAYOUT_AUTO: events if count, else wide if
                              header cells are periods, else long */
    char delimiter;        /* 0: detect */
    const char *indicator; /* column names; NULL for the defaults */
    const char *area;
    const char *period;
    const char *period_month; /* NULL, or a month (or quarter) column that
                                 completes the year in `period`: "2003" and
                                 "Jan", "1" or "Q1" */
    const char *value;
    const char *name;          /* the indicator of a file with no indicator
                              column (default: the value column's header, or
                              "events"); NULL for the default */
    const char *const *groups; /* extra grouping columns */
    size_t n_groups;
    const kpi_where *where; /* row filters, n_where of them */
    size_t n_where;
    bool count;                    /* event layout: count rows per series and period */
    bool fill_zero;                /* a period with no row, inside the file's span, is
                            zero (a long file made from events), as in the
                            event layout; never the default */
    int fy_start;                  /* first month of the financial year, 1..12 */
    kpi_freq freq;                 /* KPI_FREQ_NONE: as written; otherwise an
                            ambiguous period is read in this frequency, a
                            period that cannot fit into it is an error, and
                            finer periods are kept for kpi_transform_freq
                            to map into it (the reader cannot tell a month
                            to add up from a date that stands for a year) */
    bool dayfirst;                 /* dates such as 31/03/2019 are day first (see
                            kpi_period_syntax); without it they are errors */
    const char *tz;                /* NULL, or a time zone (kpi/tz.h) such as "Europe/London":
                       a timestamp written with an offset ("2016-05-31T23:30:00Z")
                       belongs to its date in that zone (1 June); an unknown
                       name is KPI_EINVAL */
    kpi_decimal_mark decimal_mark; /* KPI_DECIMAL_COMMA: values such as
                                      1.234,5 (see kpi_value_parse_mark) */
    bool skip_bad;                 /* bad rows become warnings instead of errors */
    kpi_dup_policy duplicates;
    kpi_value_markers markers; /* extra missing markers */
    const char *encoding;      /* NULL: UTF-8, or UTF-16/32 when a byte-order
                             mark says so; else an iconv name ("latin1",
                             "cp1252") the text is decoded from */
    kpi_diag_fn diag;          /* receives warnings; may be NULL */
    void *diag_ud;
    const char *sheet; /* kpi_read_file on a workbook: the sheet's name, or
                          its 1-based number (the first sheet that matches
                          either); NULL for the first sheet */
    size_t max_field;  /* the longest field, in bytes, a CSV file may have;
                          0: the default, 1 MiB.  A longer one is an error
                          at its start (it is most often a quote never
                          closed), so that no record grows unbounded */
    size_t skip;       /* leave out lines (rows, in a sheet) 1..skip: title
                          rows above the header */
    size_t threads;    /* kpi_read_file: with 2 or more, a regular file of 8 MB
                            or more (an .xlsx sheet of 8 MB or more of XML) is
                            read in two parts on two threads; the store, and
                            any failure, is the same either way */
} kpi_reader_options;

/* The documented defaults: auto layout, detected delimiter, default column
 * names, April financial years, periods as written, strict errors,
 * duplicates are errors, one thread.  Never fails. */
KPI_API kpi_reader_options kpi_reader_options_default(void);

typedef struct kpi_read_stats {
    kpi_layout layout;                  /* the layout used */
    char delimiter;                     /* the delimiter used */
    size_t records;                     /* data records read, header excluded */
    size_t observations;                /* cells stored (or rows counted, for events) */
    size_t skipped;                     /* records skipped under skip_bad */
    size_t filtered;                    /* records the row filters left out */
    size_t skipped_by[KPI_STATUS_LAST]; /* ... by the status that caused it */
    char ignored[256];                  /* header names of columns not used, comma-separated
                            (truncated with "..." when long) */
    size_t threads;                     /* threads the file was read on: 2 when it was read
                            in two parts, else 1 */
} kpi_read_stats;

/* Read a CSV file (path "-" is stdin) into a new store.  Every bad cell,
 * row or header is an error at source:line:column, unless skip_bad turns
 * row errors into warnings (header and syntax errors stay errors).
 * stats (may be NULL) is filled even on failure.  Returns a new store
 * owned by the caller (kpi_store_free), or NULL with err filled. */
KPI_API kpi_store *kpi_read_file(const char *path, const kpi_reader_options *opt,
                                 kpi_read_stats *stats, kpi_error *err);

/* The same from an open stream, named source in messages.  fp stays open. */
KPI_API kpi_store *kpi_read_stream(FILE *fp, const char *source, const kpi_reader_options *opt,
                                   kpi_read_stats *stats, kpi_error *err);

/* "long", "wide", "events" ("auto" for KPI_LAYOUT_AUTO). */
KPI_API const char *kpi_layout_name(kpi_layout layout);

/* Parse a layout name; KPI_EINVAL for anything else. */
KPI_API kpi_status kpi_layout_parse(const char *name, kpi_layout *out, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
