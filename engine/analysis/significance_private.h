/* What change.c and the change table share with significance.c: a memo of
 * finished tests, so that a table of a million changes runs the exact test
 * once for each distinct pair of counts rather than once a row. */
#ifndef KPI_SIGNIFICANCE_PRIVATE_H
#define KPI_SIGNIFICANCE_PRIVATE_H

#include <stdint.h>

#include "alloc_private.h"
#include "kpi/change.h"
#include "kpi/significance.h"

typedef struct kpi_significance_memo kpi_significance_memo;

/* A test's numbers as tables print them, to KPI_SIGNIFICANCE_DIGITS
 * significant digits (kpi_value_format_sig), one after another in text,
 * each with its NUL: the rate ratio, rr_low, rr_high and the p-value,
 * "" where the test has none.  Sized so that a memo entry fills two
 * cache lines; the four numbers take 35 bytes or so. */
#define KPI_SIGNIFICANCE_TEXT_SIZE 59
enum { KPI_TEXT_RATE_RATIO, KPI_TEXT_RR_LOW, KPI_TEXT_RR_HIGH, KPI_TEXT_P, KPI_TEXT_NUMBERS };
typedef struct kpi_significance_texts {
    char text[KPI_SIGNIFICANCE_TEXT_SIZE];
    uint8_t at[KPI_TEXT_NUMBERS]; /* where each number starts in text */
} kpi_significance_texts;

/* An empty memo, which threads may share.  Returns one the caller frees
 * with kpi_significance_memo_free, or NULL when out of memory. */
KPI_INTERNAL kpi_significance_memo *kpi_significance_memo_new(void);

/* Release memo.  memo may be NULL. */
KPI_INTERNAL void kpi_significance_memo_free(kpi_significance_memo *memo);

/* kpi_significance_change, answered from memo when it holds the same
 * counts and exposures, and remembered there otherwise.  memo may be NULL
 * (no memo).  *text gets the test's numbers printed, owned by memo and
 * valid until it is freed, or NULL when memo does not hold them (no
 * memo, no test, no room, or numbers too long for the room kept). */
KPI_INTERNAL void kpi_significance_change_memo(double x, double t, double base_x, double base_t,
                                               kpi_unit unit, int decimals,
                                               const kpi_indicator_meta *m, double alpha,
                                               kpi_significance_memo *memo, kpi_rate_test *out,
                                               const kpi_significance_texts **text);

/* Ask the processor in advance for the memory a lookup of this test in
 * memo will read, so that the lookups of a table's rows wait on memory
 * side by side rather than one after another: the index slot when
 * !entry, else (once that slot has arrived) the entry it points to.  A
 * hint only: it never changes what memo holds or answers.  memo may be
 * NULL. */
KPI_INTERNAL void kpi_significance_memo_prefetch(const kpi_significance_memo *memo, double x,
                                                 double t, double base_x, double base_t,
                                                 bool entry);

/* kpi_significance_memo_prefetch for the test kpi_change_test_memo would
 * run on c; nothing when the test takes its counts from opt->counts. */
KPI_INTERNAL void kpi_change_test_prefetch(const kpi_change *c, const kpi_change_options *opt,
                                           const kpi_significance_memo *memo, bool entry);

/* kpi_change_test through memo (which may be NULL), with *text as above. */
KPI_INTERNAL void kpi_change_test_memo(const kpi_series *se, const kpi_change *c,
                                       const kpi_change_options *opt, kpi_significance_memo *memo,
                                       kpi_rate_test *out, const kpi_significance_texts **text);

#endif
