/* kpi error model: one status enum and one error record.
 *
 * Every call that can fail on input returns a kpi_status and takes a
 * kpi_error *err last (err may be NULL).  The record has fixed buffers so
 * that reporting an error never allocates: the error may itself be
 * out-of-memory.  The library never prints; callers format the record with
 * kpi_error_format(). */
#ifndef KPI_ERROR_H
#define KPI_ERROR_H

#include <stddef.h>

#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_status {
    KPI_OK = 0,
    KPI_ENOMEM,     /* an allocation failed */
    KPI_EIO,        /* a file could not be opened, read or written */
    KPI_ECSV,       /* CSV syntax: unterminated quote, bare quote, ragged row */
    KPI_EPERIOD,    /* a cell that should be a period is not one */
    KPI_EVALUE,     /* a cell that should be a number or missing marker is not one */
    KPI_ELAYOUT,    /* a required column is absent or the layout cannot be told */
    KPI_EDUPLICATE, /* the same series and period occur twice */
    KPI_EFREQ,      /* one series mixes frequencies, or a conversion is impossible */
    KPI_EMETA,      /* the indicator metadata file is invalid */
    KPI_EDOMAIN,    /* a statistic is not defined for this input */
    KPI_EINVAL,     /* an invalid argument or option value */
    KPI_ERENDER,    /* a chart could not be drawn or written */
    KPI_EENCODING,  /* text is not in the encoding it is read as */
    KPI_STATUS_LAST
} kpi_status;

#define KPI_ERROR_SOURCE_MAX 256
#define KPI_ERROR_MESSAGE_MAX 320
#define KPI_ERROR_SHEET_MAX 128

typedef struct kpi_error {
    kpi_status code;
    unsigned long line;                  /* 1-based physical line; 0 = not applicable */
    unsigned long column;                /* 1-based character column; 0 = not applicable */
    char source[KPI_ERROR_SOURCE_MAX];   /* file name or "<stdin>"; "" if none */
    char message[KPI_ERROR_MESSAGE_MAX]; /* what was expected and what was found */
    char sheet[KPI_ERROR_SHEET_MAX];     /* the workbook sheet of source, "" for a text file;
                                            then line is the row and column the column */
} kpi_error;

/* A fixed English name for a status ("out of memory", "bad period", ...).
 * Never fails; unknown codes give "unknown status". */
KPI_API const char *kpi_status_str(kpi_status code);

/* Reset err to KPI_OK with empty fields.  err may be NULL. */
KPI_API void kpi_error_clear(kpi_error *err);

/* Fill err (if not NULL) with code, location and a printf-style message,
 * truncating what does not fit, and no sheet.  source may be NULL.  Returns code, so a
 * caller can write `return kpi_error_set(err, KPI_EVALUE, ...);`. */
KPI_API kpi_status kpi_error_set(kpi_error *err, kpi_status code, const char *source,
                                 unsigned long line, unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Write the one message shape, "source:line:column: message", into buf
 * (always NUL-terminated when size > 0).  Parts that do not apply are left
 * out: "source: message" or just "message".  In a workbook sheet, the
 * place is named as spreadsheets name cells: 'source: sheet "Table 3",
 * cell D12: message' (or "row 12" without a column).  Returns the length that the
 * full text needs, like snprintf. */
KPI_API size_t kpi_error_format(const kpi_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
