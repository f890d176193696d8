/* Text in other encodings, turned into the UTF-8 the scanner reads. */
#ifndef KPI_TRANSCODE_PRIVATE_H
#define KPI_TRANSCODE_PRIVATE_H

#include <stdbool.h>
#include <stdio.h>

#include "alloc_private.h"
#include "kpi/error.h"

/* Make fp readable as UTF-8.  A UTF-16 or UTF-32 byte-order mark names the
 * encoding (it wins only when encoding is NULL); encoding, an iconv name
 * such as "latin1", "cp1252" or "utf-16", names it otherwise; UTF-8 (with
 * or without its mark) is read as it is.  On KPI_OK *out is either NULL,
 * with fp still at its first byte, or a new temporary stream holding the
 * text in UTF-8 (without a mark), positioned at its start, which the
 * caller closes with fclose().  A byte sequence that is not valid in the
 * encoding is KPI_EENCODING at source:line:column (of the text decoded so
 * far); an unknown encoding is KPI_EINVAL; fp unreadable is KPI_EIO. */
KPI_INTERNAL kpi_status kpi_transcode(FILE *fp, const char *source, const char *encoding,
                                      FILE **out, kpi_error *err);

/* Whether kpi_transcode would decode fp (a seekable stream, left at its
 * start): its first bytes are a UTF-16 or UTF-32 mark, or encoding names
 * something other than UTF-8. */
KPI_INTERNAL bool kpi_transcode_needed(FILE *fp, const char *encoding);

#endif
