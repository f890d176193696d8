/* The pieces of kpi audit, shared between its files: the document and its
 * sentences (audit_text.c), the number reader and tokens (audit_number.c),
 * the claim recogniser (audit_clause.c), the checks of what it finds
 * (audit_claim.c), and the checks against data (audit_data.c).  audit.c holds the public object. */
#ifndef KPI_AUDIT_PRIVATE_H
#define KPI_AUDIT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/audit.h"
#include "kpi/value.h"

/* ---- the document (audit_text.c) ---------------------------------------- */

/* A report's bytes and a cleaned copy of the same length, in which HTML
 * tags are blanked (block tags become a paragraph break) and entities are
 * decoded, right-aligned in their own bytes: every offset means the same
 * byte in both, so positions are counted on the original. */
typedef struct audit_doc {
    const char *orig; /* borrowed */
    size_t len;
    char *text;    /* owned; NUL-terminated */
    size_t *lines; /* owned; the offset where each line starts */
    size_t nlines;
} audit_doc;

/* Check that bytes are UTF-8 text (KPI_EVALUE at the first bad byte; a NUL
 * means binary) and build the cleaned copy.  On failure d owns nothing. */
KPI_INTERNAL kpi_status kpi_audit_doc_init(audit_doc *d, const char *source, const char *bytes,
                                           size_t len, kpi_error *err);
KPI_INTERNAL void kpi_audit_doc_fini(audit_doc *d);
/* The line and UTF-8 column of byte off.  Never fails. */
KPI_INTERNAL void kpi_audit_doc_locate(const audit_doc *d, size_t off, unsigned long *line,
                                       unsigned long *column);

typedef enum audit_span_kind {
    AUDIT_SPAN_SENTENCE = 0,
    AUDIT_SPAN_HEADING, /* a Markdown heading or a short line standing alone */
    AUDIT_SPAN_TABLE    /* a table row: not prose, never audited */
} audit_span_kind;

typedef struct audit_span {
    size_t start, end; /* [start, end) of the text, trimmed */
    audit_span_kind kind;
    bool list_item; /* begins with a list marker (removed from start) */
    bool lead_in;   /* ends a paragraph with ':' (introduces a list) */
    bool para_end;  /* the last sentence of its paragraph */
} audit_span;

/* The next sentence of text[0..len) from *pos, which it advances.  A
 * sentence ends at . ! or ? followed by space (not after an abbreviation
 * such as "e.g." or "No.", nor before a lower-case word), at a list item
 * or a table row, and at a blank line unless the text runs on into a
 * lower-case word (PDF extraction breaks sentences across blank lines).
 * Returns false at the end of the text.  Never fails. */
KPI_INTERNAL bool kpi_audit_next_span(const char *text, size_t len, size_t *pos, audit_span *out);

/* ---- numbers and tokens (audit_number.c) -------------------------------- */

/* Whether word w is one of list[0..n).  AUDIT_IN takes a word list's
 * array and counts it. */
KPI_INTERNAL bool kpi_audit_in_list(const char *w, const char *const *list, size_t n);
#define AUDIT_IN(w, list) kpi_audit_in_list((w), (list), sizeof(list) / sizeof(list)[0])

/* A number as reports write it. */
typedef struct audit_number {
    double value;   /* with its multiplier applied: "2.2 million" is 2200000 */
    double scale;   /* 1, 1e3, 1e6 or 1e9 */
    int decimals;   /* digits written after the point */
    int sign;       /* +1 or -1 when a sign is written, else 0 */
    bool percent;   /* %, per cent, percent */
    bool ordinal;   /* 174th */
    bool grouped;   /* written with thousands separators */
    bool lead_zero; /* "020", "0800": never a quantity */
    kpi_unit currency;
} audit_number;

/* Read a number at s[0..len): an optional sign (+, -, U+2212 minus, U+2013
 * en dash), an optional currency sign, digits with thousands separators
 * in groups of three, a decimal part, and then "%", "per cent", "percent",
 * "m", "bn", "million", "billion", "thousand" or an ordinal suffix.
 * Returns the bytes used, 0 when s does not start with a number. */
KPI_INTERNAL size_t kpi_audit_number_read(const char *s, size_t len, audit_number *out);

typedef enum audit_token_kind {
    AUDIT_TOK_WORD = 0,
    AUDIT_TOK_NUMBER, /* a quantity a claim can use */
    AUDIT_TOK_OTHER,  /* a number that is no quantity: a date, time, year,
                         list number, phone number, "101" or "999" */
    AUDIT_TOK_PERIOD, /* "2018-19", "2019", "January 2019" (the month word) */
    AUDIT_TOK_PUNCT
} audit_token_kind;

#define AUDIT_WORD_MAX 24

typedef struct audit_token {
    audit_token_kind kind;
    size_t start, end;         /* byte offsets in the document text */
    char word[AUDIT_WORD_MAX]; /* lower-case word, or the punctuation character */
    audit_number num;          /* for AUDIT_TOK_NUMBER and AUDIT_TOK_OTHER */
    bool has_period;           /* AUDIT_TOK_PERIOD: the period read */
    kpi_period period;
} audit_token;

typedef struct audit_tokens {
    audit_token *items;
    size_t n, cap;
} audit_tokens;

/* Split text[start..end) into tokens, appended to t after clearing it, and
 * mark the numbers that are no quantity.  Fails only with KPI_ENOMEM. */
KPI_INTERNAL kpi_status kpi_audit_tokenize(const char *text, size_t start, size_t end,
                                           audit_tokens *t, kpi_error *err);
KPI_INTERNAL void kpi_audit_tokens_fini(audit_tokens *t);

/* A month name or its abbreviation: 1..12, else 0. */
KPI_INTERNAL int kpi_audit_month(const char *word);

/* Whether token t is the word w. */
static inline bool
audit_is_word(const audit_token *t, const char *w)
{
    return t->kind == AUDIT_TOK_WORD && strcmp(t->word, w) == 0;
}

static inline bool
audit_is_quantity(const audit_token *t)
{
    return t->kind == AUDIT_TOK_NUMBER;
}

/* ---- the recogniser (audit_clause.c) ------------------------------------ */

/* "from A to B" and its other shapes. */
typedef struct audit_pair {
    size_t from, to;    /* number tokens */
    size_t first, last; /* token span */
    int dir;            /* a direction word on the pair ("down from") */
    size_t dir_tok;
    bool approx;
    bool used; /* a figure was checked against it */
} audit_pair;

/* A change figure: "rose 3%", "86 more", "+0.5%". */
typedef struct audit_figure {
    size_t tok;
    size_t first, last;
    bool pct;
    bool points; /* "percentage points" */
    int dir;     /* of the word: +1, -1, or 0 */
    bool has_word;
    bool approx;
    bool relative_year; /* "the previous year" follows */
} audit_figure;

#define AUDIT_MAX_PARTS 32

/* A clause, a sentence's tokens up to a ';', and what it states. */
typedef struct audit_clause {
    size_t a, b; /* tokens [a, b) */
    audit_pair pairs[AUDIT_MAX_PARTS];
    size_t npairs;
    audit_figure figs[AUDIT_MAX_PARTS];
    size_t nfigs;
} audit_clause;

/* The pairs and change figures of the tokens [a, b) of t, into c.  Never
 * fails: past AUDIT_MAX_PARTS, parts are left out. */
KPI_INTERNAL void kpi_audit_clause_read(audit_clause *c, const audit_tokens *t, size_t a, size_t b);

/* Whether token k is one end of a pair of c. */
KPI_INTERNAL bool kpi_audit_in_pair(const audit_clause *c, size_t k);

/* The pair of c nearest to figure f, or SIZE_MAX when c has none. */
KPI_INTERNAL size_t kpi_audit_nearest_pair(const audit_clause *c, const audit_figure *f);

/* ---- claims (audit_claim.c, audit_data.c) ------------------------------- */

/* Where claims go: audit.c's list. */
typedef struct audit_sink audit_sink;

/* One claim found, before it is stored.  Offsets are in the document. */
typedef struct audit_found {
    size_t start, end;
    kpi_audit_kind kind;
    kpi_audit_verdict verdict;
    char stated[48];
    char computed[64];
    char reason[320];
} audit_found;

/* Store f, with its position and text taken from d. */
KPI_INTERNAL kpi_status kpi_audit_sink_add(audit_sink *s, const audit_doc *d, const audit_found *f,
                                           kpi_error *err);

/* The state carried from sentence to sentence of one document. */

/* ---- data (audit_data.c) ------------------------------------------------ */

/* The indicator a stretch of text names, by its metadata label or one of
 * its aliases, matched without case on word boundaries; the longest match
 * wins.  Returns NULL when none; mstart and mend receive
 * where the match is. */
KPI_INTERNAL const kpi_indicator_meta *kpi_audit_find_indicator(const kpi_meta *m, const char *text,
                                                                size_t start, size_t end,
                                                                size_t *mstart, size_t *mend);

/* A period named in words: a period token, or "12 months to (the end of)
 * March 2019" (window = 12). */
typedef struct audit_when {
    bool has;
    kpi_period period; /* a month for a window; else as written */
    int window;        /* 0, the months of "N months to", or -1 for an N of no months */
} audit_when;

/* The state carried from sentence to sentence of one document. */
typedef struct audit_context {
    audit_when heading; /* the period the nearest heading above names */
    audit_when lead;    /* the period a list's lead-in names, for its items */
    /* The previous sentence of the paragraph, whose figures "respectively"
     * may pair with a later sentence's targets. */
    audit_tokens prev;
    audit_tokens cur; /* scratch for the sentence at hand */
    bool item_open;   /* the last sentence was part of a list item that goes on */
} audit_context;

/* Find and check the claims of one sentence; ctx is updated for the next.
 * Fails only with KPI_ENOMEM or when the sink fails. */
KPI_INTERNAL kpi_status kpi_audit_sentence(const audit_doc *d, const audit_span *sp,
                                           const kpi_audit_options *opt, audit_context *ctx,
                                           audit_sink *sink, kpi_error *err);

/* The series' period that when means: the period itself in its frequency,
 * a financial or calendar year that a 12-month window ends, or else the
 * reporting period opt->period, or else the series' latest.  Returns
 * false when the series has none. */
KPI_INTERNAL bool kpi_audit_resolve_period(const kpi_series *se, const audit_when *when,
                                           const kpi_audit_options *opt, kpi_period *out);

/* The one series of indicator id (the first when it has several areas). */
KPI_INTERNAL const kpi_series *kpi_audit_series(const kpi_store *s, const char *id);

#endif
