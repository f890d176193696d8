/* kpi templates: any text (Markdown, HTML, LaTeX) with {{placeholders}}
 * that a caller fills in.
 *
 * The module knows the syntax and the formatting filters, never what a
 * name means: the caller resolves every placeholder through a callback
 * that gives back a number, a text or a missing value, and the module
 * applies the filters and writes the result.
 *
 * Syntax.  A placeholder opens with "{{" and closes with the first "}}" on
 * the same line; spaces and tabs inside are ignored around each part.
 *
 *   {{ name }}                      a plain name
 *   {{ name.field }}                a name and a field (everything after
 *                                   the first '.')
 *   {{ kind:arg1:arg2 ... }}        a kind with arguments ({{table:summary}},
 *                                   {{chart:knife_crime:line}})
 *   ... | filter | filter:arg }}    filters, applied left to right
 *
 * A name, field or argument is any text without '{', '}', '|' or a
 * newline (and without ':' and, for a name, '.'), trimmed: inner spaces
 * are kept, so "{{POSSESSION OF WEAPONS.value}}" is one name.  A filter's
 * argument is the text up to the next '|' or "}}", trimmed.
 *
 * Filters:
 *   decimals:N   numbers: round half away from zero to N places (0..15)
 *   thousands    numbers: thousands separators (14,852)
 *   signed       numbers: a '+' before a positive figure (+0.6; 0 stays 0)
 *   abs          numbers: the absolute value (-86 becomes 86)
 *   percent      numbers: a '%' after the figure
 *   upper, lower any value: letters in upper or lower case (a number
 *                becomes its text, so numeric filters must come first)
 *   default:TEXT a missing value (or an empty text) becomes TEXT
 * A numeric filter on a missing value does nothing; on a text it is an
 * error.  A missing value with no default is written as the text its
 * resolver gave ("n/a", say).
 *
 * Escapes.  Before "{{", a backslash makes the braces literal: "\{{" writes
 * "{{".  "\\{{" writes one backslash and opens a placeholder.  A backslash
 * anywhere else is plain text, and so is a "}}" outside a placeholder.  A
 * run of three or more '{' opens the placeholder at its last two, so
 * LaTeX's "\textbf{{{x}}}" is "\textbf{" + {{x}} + "}".
 *
 * Values are escaped for the output's format (kpi_template_set_escape):
 * in an HTML template a label "<script>" is written "&lt;script&gt;", in
 * LaTeX a figure "12%" is "12\%".  The template's own text never is.
 *
 * Errors are located at the template's source:line:column (1-based; the
 * column counts UTF-8 characters) of the part at fault: an unterminated
 * "{{" at the braces, an empty name or field where it should be, an
 * unknown filter at its name, a bad filter argument at the argument, and a
 * resolver's error where the resolver says (the placeholder by default).
 *
 *     kpi_template *t = kpi_template_parse(text, len, "report.md", &err);
 *     if (!t || kpi_template_write(t, resolve, &ctx, out, &err) != KPI_OK) ...
 *     kpi_template_free(t);
 */
#ifndef KPI_TEMPLATE_H
#define KPI_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/escape.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many arguments in {{kind:arg1:...}}. */
#define KPI_TEMPLATE_MAX_ARGS 8

/* One placeholder as the resolver sees it.  Strings are NUL-terminated,
 * never NULL, and owned by the template. */
typedef struct kpi_template_ref {
    const char *kind;  /* "" for {{name.field}}; "table", "chart", ... */
    const char *name;  /* the name; for a kind, its first argument ("" if none) */
    const char *field; /* the field after the '.', "" when there is none */
    const char *args[KPI_TEMPLATE_MAX_ARGS]; /* a kind's arguments, n_args of them */
    size_t n_args;
    /* Where each part starts, for the resolver's error (1-based). */
    unsigned long line;
    unsigned long column;       /* the opening "{{" */
    unsigned long name_column;  /* the name, or a kind's first argument */
    unsigned long field_column; /* the field; 0 when there is none */
    unsigned long arg_columns[KPI_TEMPLATE_MAX_ARGS];
    /* True during the checking pass: the resolver must report what it
     * would write (the same kind of value) and every error it would
     * meet, but cause no side effects such as writing chart files. */
    bool check;
} kpi_template_ref;

/* Where a resolver puts its value.  Opaque; valid only during the call. */
typedef struct kpi_template_out kpi_template_out;

/* Resolve ref into out with exactly one kpi_template_out_* call.  Return
 * KPI_OK, or a status with err filled: a resolver that does not know the
 * name or field returns KPI_EINVAL with a message such as "unknown field
 * 'valu' of 'knife_crime' (expected value, pct_change, ...)" and may set
 * err->column to one of ref's columns (0: the placeholder's).  The module
 * fills in the template's source and line. */
typedef kpi_status (*kpi_template_fn)(void *ud, const kpi_template_ref *ref, kpi_template_out *out,
                                      kpi_error *err);

/* A parsed template.  Opaque. */
typedef struct kpi_template kpi_template;

/* ---- create and destroy ------------------------------------------------ */

/* Parse text[0..len) (no NUL needed); source names it in errors ("report.md";
 * NULL for none).  Checks the syntax of every placeholder and the name and
 * arguments of every filter.  Returns a template the caller frees with
 * kpi_template_free(), or NULL with err filled: KPI_EINVAL at the first
 * syntax error, KPI_ENOMEM. */
KPI_API kpi_template *kpi_template_parse(const char *text, size_t len, const char *source,
                                         kpi_error *err);

/* Release t.  t may be NULL. */
KPI_API void kpi_template_free(kpi_template *t);

/* Escape every value written into t for format e (kpi/escape.h): figures,
 * texts, a missing value's text and a default filter's text alike, after
 * the filters.  Markup a resolver gives (kpi_template_out_markup) is
 * written as it is when it is markup in e, and escaped as text otherwise;
 * a file name (kpi_template_out_file) is written as it is.  The default,
 * KPI_ESCAPE_NONE, writes every value as it is.  Never fails. */
KPI_API void kpi_template_set_escape(kpi_template *t, kpi_escape e);

/* ---- queries ----------------------------------------------------------- */

/* Number of placeholders, and the i-th (i < count) in text order, with
 * check false.  Borrowed: valid until kpi_template_free(t).  Never fail. */
KPI_API size_t kpi_template_count(const kpi_template *t);
KPI_API const kpi_template_ref *kpi_template_at(const kpi_template *t, size_t i);

/* ---- operations -------------------------------------------------------- */

/* Resolve every placeholder with ref->check set and apply its filters,
 * writing nothing.  Returns KPI_OK, or the first error, located. */
KPI_API kpi_status kpi_template_check(const kpi_template *t, kpi_template_fn fn, void *ud,
                                      kpi_error *err);

/* Check every placeholder (kpi_template_check), then resolve them again
 * with check false and write the filled text to out.  Nothing is written
 * when the check fails.  Returns KPI_OK; the check's error; an error the
 * resolver meets only in the writing pass (a chart that cannot be
 * written, say), after part of the text is written; KPI_EIO when writing
 * fails; KPI_ENOMEM.  out stays owned by the caller. */
KPI_API kpi_status kpi_template_write(const kpi_template *t, kpi_template_fn fn, void *ud,
                                      FILE *out, kpi_error *err);

/* Parse, check and write in one call: kpi_template_parse, then
 * kpi_template_write, then kpi_template_free. */
KPI_API kpi_status kpi_template_expand(const char *text, size_t len, const char *source,
                                       kpi_template_fn fn, void *ud, FILE *out, kpi_error *err);

/* ---- for resolvers ----------------------------------------------------- */

/* The placeholder is a number x (finite) printed by default with
 * `decimals` places (0..15), or, with -1, in its shortest form ("30.2").
 * Never fails. */
KPI_API void kpi_template_out_number(kpi_template_out *out, double x, int decimals);

/* The placeholder is text[0..len) (copied).  Returns KPI_OK or
 * KPI_ENOMEM. */
KPI_API kpi_status kpi_template_out_text(kpi_template_out *out, const char *text, size_t len);

/* The placeholder is text[0..len) (copied), markup in `format` (a
 * Markdown table, say): written as it is into a template escaped for
 * that format or for none, and escaped as text into any other.  Returns
 * KPI_OK or KPI_ENOMEM. */
KPI_API kpi_status kpi_template_out_markup(kpi_template_out *out, const char *text, size_t len,
                                           kpi_escape format);

/* The placeholder is the name of a file the output refers to (a chart
 * drawn beside it), name[0..len) (copied): written as it is, so that a
 * link, an src attribute or \includegraphics finds the file, when it
 * holds only letters, digits, '.', '-', '_', '/' and non-ASCII
 * characters; escaped as text otherwise.  Returns KPI_OK or KPI_ENOMEM. */
KPI_API kpi_status kpi_template_out_file(kpi_template_out *out, const char *name, size_t len);

/* The placeholder is a missing value (a change with no base, a target
 * that is not set), written as `shown` (copied; NULL for "") unless a
 * |default filter replaces it.  Returns KPI_OK or KPI_ENOMEM. */
KPI_API kpi_status kpi_template_out_missing(kpi_template_out *out, const char *shown);

#ifdef __cplusplus
}
#endif

#endif
