/* kpi audit: check every numeric claim a written report states.
 *
 * A report (plain text, Markdown or HTML) is read sentence by sentence.
 * In each sentence the ways reports state a change are recognised: a
 * percentage or absolute change with its "from A to B", a direction word
 * against the figures, and a value against a target with its verdict.
 * Each stated figure is one claim, checked against the sentence's own
 * figures and, when data and metadata are given, against the values and
 * changes kpi change computes.  A figure that disagrees is an error; a
 * claim that cannot be checked is unverified with the reason; a number
 * that is part of no recognised claim is ignored, never guessed at.
 *
 * A stated percentage with d decimals is consistent when it lies within
 * half a unit of its d-th decimal of the true value (15% for 14.96%
 * passes, 0.5% for 0.58% does not).  Every location is the claim's first
 * character in the original file: a 1-based line and a column counting
 * UTF-8 characters, across HTML tags and CRLF line ends. */
#ifndef KPI_AUDIT_H
#define KPI_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"
#include "kpi/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_audit_kind {
    KPI_AUDIT_PCT_CHANGE = 0, /* "-25%", "rose 3%", "9.6% fewer" */
    KPI_AUDIT_CHANGE,         /* "decrease of 39", "86 more" */
    KPI_AUDIT_DIRECTION,      /* "increased from 90 to 400": the word against the figures */
    KPI_AUDIT_TARGET,         /* "30.2 seconds against a target of 30 seconds (missed)" */
    KPI_AUDIT_VALUE,          /* a level checked against the data */
    KPI_AUDIT_KIND_LAST
} kpi_audit_kind;

typedef enum kpi_audit_verdict {
    KPI_AUDIT_CONSISTENT = 0,
    KPI_AUDIT_ERROR,      /* the figures disagree */
    KPI_AUDIT_UNVERIFIED, /* recognised in part; reason says what is missing */
    KPI_AUDIT_VERDICT_LAST
} kpi_audit_verdict;

/* One checked figure.  Every string is owned by the audit that made it. */
typedef struct kpi_audit_claim {
    const char *source;   /* the report's name */
    unsigned long line;   /* of the claim's first character, 1-based */
    unsigned long column; /* in UTF-8 characters, 1-based */
    const char *text;     /* the claim as written, white space collapsed */
    kpi_audit_kind kind;
    const char *stated;   /* the figure as stated, normalised ("-39", "+0.5%") */
    const char *computed; /* what the figures or the data give; "" when nothing */
    kpi_audit_verdict verdict;
    const char *reason; /* one sentence: why an error or unverified; "" when consistent */
} kpi_audit_claim;

/* What to check against.  With store and meta both NULL only the
 * report's internal arithmetic is checked. */
typedef struct kpi_audit_options {
    const kpi_store *store; /* borrowed; the data to check levels and changes against */
    const kpi_meta *meta;   /* borrowed; labels and aliases name the indicators */
    bool has_period;
    kpi_period period; /* the reporting period when a sentence names none */
    int fy_start;      /* first month of the financial year, 1..12 (asserted) */
} kpi_audit_options;

/* No data, no period, financial years from April.  Never fails. */
KPI_API kpi_audit_options kpi_audit_options_default(void);

typedef struct kpi_audit kpi_audit;

/* A new, empty audit with opt (copied; the store and metadata stay the
 * caller's and must outlive the audit).  Returns NULL with err filled when
 * memory runs out.  Released with kpi_audit_free(). */
KPI_API kpi_audit *kpi_audit_new(const kpi_audit_options *opt, kpi_error *err);

/* Release a.  a may be NULL. */
KPI_API void kpi_audit_free(kpi_audit *a);

/* Audit len bytes of report text named source.  Text that is not UTF-8 is
 * KPI_EVALUE at the line and column of the first bad byte; a NUL byte
 * means a binary file and is refused the same way.  On failure no claim of
 * this text is kept. */
KPI_API kpi_status kpi_audit_text(kpi_audit *a, const char *source, const char *bytes, size_t len,
                                  kpi_error *err);

/* Read the file at path ("-" is stdin) and audit it.  KPI_EIO names the
 * file when it cannot be read. */
KPI_API kpi_status kpi_audit_file(kpi_audit *a, const char *path, kpi_error *err);

/* The claims so far, in the order of the reports and of their text.  The
 * pointer is borrowed: valid until the next call on a. */
KPI_API size_t kpi_audit_count(const kpi_audit *a);
KPI_API const kpi_audit_claim *kpi_audit_at(const kpi_audit *a, size_t i);

/* How many claims have verdict v. */
KPI_API size_t kpi_audit_count_verdict(const kpi_audit *a, kpi_audit_verdict v);

/* "pct_change", "change", "direction", "target", "value". */
KPI_API const char *kpi_audit_kind_name(kpi_audit_kind k);
/* "consistent", "error", "unverified". */
KPI_API const char *kpi_audit_verdict_name(kpi_audit_verdict v);

/* Write one line per finding in the shape compilers use,
 * "source:line:column: error: reason" and "...: note: reason" for
 * unverified claims (left out when quiet), then the summary line
 * "12 claims checked: 9 consistent, 2 errors, 1 unverified".  Fails only
 * when writing fails. */
KPI_API kpi_status kpi_audit_write_text(const kpi_audit *a, FILE *out, bool quiet, kpi_error *err);

/* Write one row per claim with the header
 * file,line,column,text,kind,stated,computed,verdict,reason
 * in csv, json or md (a kpi_format of kpi/table.h). */
KPI_API kpi_status kpi_audit_write_table(const kpi_audit *a, FILE *out, kpi_format format,
                                         kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
