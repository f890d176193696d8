/* What the table writer needs of escaping beyond kpi/escape.h. */
#ifndef KPI_ESCAPE_PRIVATE_H
#define KPI_ESCAPE_PRIVATE_H

#include <stddef.h>

#include "alloc_private.h"

/* The CSV field of the NUL-terminated text when it needs no quotes
 * (kpi/escape.h's csv), copied into buf[0..room) in one pass: its
 * length, or room when it needs quotes or does not fit, for
 * kpi_escape_text to write.  No NUL is written.  A table's cells are
 * mostly a few bytes, for which measuring, checking and copying in three
 * calls cost more than the bytes themselves. */
KPI_INTERNAL size_t kpi_escape_csv_plain(const char *text, char *buf, size_t room);

#endif
