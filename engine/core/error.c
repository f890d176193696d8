#include "kpi/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {
    "success",
    "out of memory",
    "input/output error",
    "CSV syntax error",
    "bad period",
    "bad value",
    "bad layout",
    "duplicate key",
    "frequency mismatch",
    "bad metadata",
    "not defined for this input",
    "invalid argument",
    "render error",
    "bad encoding",
};

_Static_assert(sizeof status_names / sizeof status_names[0] == KPI_STATUS_LAST,
               "status_names must have one entry per kpi_status");

const char *
kpi_status_str(kpi_status code)
{
    if ((int)code < 0 || code >= KPI_STATUS_LAST)
        return "unknown status";
    return status_names[code];
}

void
kpi_error_clear(kpi_error *err)
{
    if (!err)
        return;
    err->code = KPI_OK;
    err->line = 0;
    err->column = 0;
    err->source[0] = '\0';
    err->message[0] = '\0';
    err->sheet[0] = '\0';
}

kpi_status
kpi_error_set(kpi_error *err, kpi_status code, const char *source, unsigned long line,
              unsigned long column, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    err->sheet[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

/* A spreadsheet's column name: 1 is A, 26 Z, 27 AA. */
static void
column_name(unsigned long col, char *buf, size_t size)
{
    char rev[16];
    size_t n = 0;
    for (; col && n < sizeof rev; col = (col - 1) / 26)
        rev[n++] = (char)('A' + (col - 1) % 26);
    size_t i = 0;
    for (; i < n && i + 1 < size; i++)
        buf[i] = rev[n - 1 - i];
    buf[i] = '\0';
}

size_t
kpi_error_format(const kpi_error *err, char *buf, size_t size)
{
    const char *msg = err->message[0] ? err->message : kpi_status_str(err->code);
    int n;
    char col[16];
    column_name(err->column, col, sizeof col);
    if (err->source[0] && err->sheet[0] && err->line && err->column)
        n = snprintf(buf, size, "%s: sheet \"%s\", cell %s%lu: %s", err->source, err->sheet, col,
                     err->line, msg);
    else if (err->source[0] && err->sheet[0] && err->line)
        n = snprintf(buf, size, "%s: sheet \"%s\", row %lu: %s", err->source, err->sheet, err->line,
                     msg);
    else if (err->source[0] && err->sheet[0])
        n = snprintf(buf, size, "%s: sheet \"%s\": %s", err->source, err->sheet, msg);
    else if (err->source[0] && err->line && err->column)
        n = snprintf(buf, size, "%s:%lu:%lu: %s", err->source, err->line, err->column, msg);
    else if (err->source[0] && err->line)
        n = snprintf(buf, size, "%s:%lu: %s", err->source, err->line, msg);
    else if (err->source[0])
        n = snprintf(buf, size, "%s: %s", err->source, msg);
    else
        n = snprintf(buf, size, "%s", msg);
    return n < 0 ? 0 : (size_t)n;
}
