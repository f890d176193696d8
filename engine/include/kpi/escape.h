/* kpi escaping: text made safe to stand inside a document of a given
 * format, so that a label such as "<script>" or "50% & more" is shown as
 * the characters it holds and never read as markup.
 *
 *   none      plain text: written as it is
 *   html      & < > " ' as entities (element content and quoted attribute
 *             values of HTML, XHTML, XML and SVG)
 *   latex     the ten special characters (# $ % & ~ _ ^ \ { }) and < > |
 *             as commands that print them
 *   md        Markdown (CommonMark, with GitHub's tables): a backslash
 *             before \ ` [ ] | ~ always, and before the characters that
 *             are markup where they stand: * and _ that could emphasise (an
 *             '_' inside a word cannot), < before a letter, / ! or ? (a
 *             tag), & before a letter or # (an entity), a leading #, and a
 *             leading > - + = alone or before a space; a line end becomes a
 *             space, so a value never starts a block of its own
 *   csv       one RFC 4180 field: quoted when it holds a comma, a quote or
 *             a line end, or starts or ends with a space; quotes doubled
 *   json      the inside of a JSON string: " and \ escaped, and every
 *             control character as \n, \r, \t or \u00XX
 *
 * Escaping works on bytes and keeps UTF-8 sequences whole. */
#ifndef KPI_ESCAPE_H
#define KPI_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_escape {
    KPI_ESCAPE_NONE = 0,
    KPI_ESCAPE_HTML,
    KPI_ESCAPE_LATEX,
    KPI_ESCAPE_MD,
    KPI_ESCAPE_CSV,
    KPI_ESCAPE_JSON,
    KPI_ESCAPE_LAST
} kpi_escape;

#define KPI_ESCAPE_NAMES "none, html, latex, md, csv or json"

/* "none", "html", "latex", "md", "csv", "json".  Never fails. */
KPI_API const char *kpi_escape_name(kpi_escape e);

/* Read a name above ("markdown" is md, "tex" latex, "text" none) into
 * *out.  Returns KPI_OK, or KPI_EINVAL with a message listing the names. */
KPI_API kpi_status kpi_escape_parse(const char *name, kpi_escape *out, kpi_error *err);

/* The format a file's extension names, case-insensitively: .html .htm
 * .xhtml .xml .svg are html; .tex .latex latex; .md .markdown md; .csv
 * csv; .json json; .txt .text none.  Returns false, leaving *out alone,
 * for no extension or another one.  Never fails. */
KPI_API bool kpi_escape_for_path(const char *path, kpi_escape *out);

/* Escape text[0..len) for e into buf (size bytes, NUL-terminated when size
 * > 0; buf may be NULL when size is 0).  Returns the length of the whole
 * escaped text, without the NUL, as snprintf does: it was cut when the
 * result is >= size.  Never fails. */
KPI_API size_t kpi_escape_text(kpi_escape e, const char *text, size_t len, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
