/* kpi sentences: the lines of a published report, built from a summary
 * row, for example
 *   Knife crime: +0.6% (increase of 86 offences, from 14,766 to 14,852).
 *   Knife injuries: -9.6% (decrease of 455 offences, from 4,732 to
 *     4,277). The increase had been +6.4% the previous year.
 *   999 calls were answered in an average of 5.2 seconds, against a target
 *     of 10 seconds (target met).
 *
 * Every number in a sentence is one of the row's figures as printed
 * (kpi/summary.h builds the change, the percentage and the target status
 * from the rounded value and base), so no number disagrees with another:
 * from 14,766 to 14,852 is an increase of 86, and 86 / 14,766 is +0.6%.
 * Numbers carry thousands separators; a percentage is signed and has
 * KPI_SUMMARY_PCT_DECIMALS decimals; the direction word of the previous
 * year's clause follows the previous change, not the current one.
 *
 * Words come from the indicator's metadata (may be NULL): the label, the
 * plural (the unit by default) after any number but exactly "1", the
 * singular after "1" (the plural when the metadata gives none), and the
 * target sentence's opening phrase.  A series whose values are
 * percentages ("73%") changes by percentage points and gets no
 * percentage change of a percentage.
 *
 * Each function writes at most size bytes, NUL included, and returns the
 * length of the whole sentence (without the NUL), like snprintf: a result
 * >= size means buf was too small and holds a truncated sentence.  buf may
 * be NULL when size is 0.  None of them fails. */
#ifndef KPI_SENTENCE_H
#define KPI_SENTENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/store.h"
#include "kpi/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer of this size holds any sentence of a label, plural, singular
 * and phrase of up to 200 bytes each. */
#define KPI_SENTENCE_MAX 2048

/* A period as a sentence names it: "November 2025", "3 January 2025",
 * "Q3 2025", "2025", "2024-25", "2024-25 Q4"; with window > 1 (each value
 * a rolling total of window periods), "12 months to November 2025",
 * "4 quarters to Q3 2025", "3 years to 2024-25".  Writes at most size
 * bytes like snprintf and returns the length; 0 for a period that cannot
 * be written.  Never fails. */
KPI_API size_t kpi_sentence_period(kpi_period p, int window, char *buf, size_t size);

/* What a change compares, for a chart's subtitle or a sentence:
 * "2024-25 against 2023-24", "November 2025 against November 2024", and
 * for rolling totals "12 months to November 2025 against the previous 12
 * months" (the base window ends where the latest starts) or "3 months to
 * November 2025 against the 3 months to November 2024".  As
 * kpi_sentence_period otherwise. */
KPI_API size_t kpi_sentence_comparison(kpi_period period, kpi_period base, int window, char *buf,
                                       size_t size);

/* The change on a year earlier, in one of these forms:
 *   increase or decrease   "Knife crime: +0.6% (increase of 86 offences,
 *                           from 14,766 to 14,852)."
 *   ... from a zero base   "X: increase of 5 offences, from 0 to 5."
 *   ... of a percentage    "X: increase of 3 percentage points, from 70%
 *                           to 73%."
 *   no change              "X: no change (14,766 offences in both 2017-18
 *                           and 2018-19)."
 *   no base                "X: 14,852 offences in 2018-19; no figure for
 *                           2017-18 to compare with."
 * An increase or decrease in a count that the row's exact test judged
 * ends ", a statistically significant fall." (rise), or ", within normal
 * variation." when the test found nothing:
 *   "Homicide: -25.2% (decrease of 41 offences, from 163 to 122), a
 *    statistically significant fall."
 * followed, when the row has the previous year's change, by " The
 * increase had been +22.0% the previous year." (decrease, or "There had
 * been no change the previous year.").  Empty ("", 0) when the row has no
 * value. */
KPI_API size_t kpi_sentence_change(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf,
                                   size_t size);

/* The value against its target:
 *   "999 calls were answered in an average of 5.2 seconds, against a target
 *    of 10 seconds (target met)."   (with the metadata's phrase)
 *   "101 calls: average time to answer: 30.2 seconds, against a target of
 *    30 seconds (target missed by 0.2 seconds)."   (without: the label)
 * Empty when the row has no value or no target. */
KPI_API size_t kpi_sentence_target(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf,
                                   size_t size);

/* The sentence a report prints for the row: the change sentence, followed
 * by the target: the target sentence when the metadata has a phrase, else
 * (the label and value being said already) "The target of 1,000 offences
 * was missed by 116 offences." or "... was met.".  A row with a target but
 * no change gets the target sentence alone, so the 999 call answer time
 * reads as above.  Empty when the row has no value. */
KPI_API size_t kpi_sentence(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf,
                            size_t size);

/* What a sentence names besides the label, when a set of sentences covers
 * more than one area or period. */
typedef struct kpi_sentence_subject {
    bool area;   /* name the row's area (when it has one): "Robbery in Westminster: ..." */
    bool period; /* name the row's period: "Robbery, November 2025: ..." */
    int window;  /* each value is a rolling total of window periods (> 1): the
                    period reads "12 months to November 2025" */
} kpi_sentence_subject;

/* kpi_sentence, naming the subject: "Robbery in Westminster, 12 months to
 * November 2025: -15.8% (decrease of 543 offences, from 3,426 to 2,883)."
 * A phrase-led target sentence opens "In Westminster in the 12 months to
 * November 2025, 999 calls were ...".  With the period named, the base is
 * named in the same words ("no change (14 offences, as in November
 * 2024)"; "no figure for the 12 months to November 2024 to compare
 * with").  subject may be NULL: as kpi_sentence. */
KPI_API size_t kpi_sentence_about(const kpi_summary_row *r, const kpi_indicator_meta *m,
                                  const kpi_sentence_subject *subject, char *buf, size_t size);

/* Write the sentence of every row kpi_table_write_summary would write, one
 * per line (rows with no value write nothing).  When those rows hold more
 * than one area, every sentence names its area; when they hold more than
 * one period, its period (window: each value is a rolling total of that
 * many periods, 0 when not).  Fails with KPI_ENOMEM and KPI_EIO. */
KPI_API kpi_status kpi_sentence_write(const kpi_store *s, const kpi_meta *meta,
                                      const kpi_period *period, int window, FILE *out,
                                      kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
