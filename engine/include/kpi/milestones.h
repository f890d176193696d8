/* kpi milestones: a business plan's delivery register, read from CSV and
 * reported per reporting period like the figures are.
 *
 * The register has one row per milestone and reporting period:
 *   milestone,title,theme,due,period,status,note
 * in any order, matched case-insensitively; milestone, period and status
 * are required, the others optional.  Cells:
 *   milestone  an id, unique per period ("vctf-civilian-investigators")
 *   period     the reporting period, as kpi_period_parse reads it; every
 *              row's period has one frequency (the register's)
 *   due        the period the milestone is due in, of any frequency
 *              ("2018-19 Q4", "2019-06", "2019-20"); empty: no due period
 *              (an empty cell keeps the due period of earlier rows)
 *   status     one of the report's words, "delivered", "on track but not
 *              fully delivered" or "some delay"; the built-in synonyms
 *              "on track", "complete", "completed", "some delays",
 *              "delay" and "delayed"; or a caller's synonym (RAG words
 *              are not built in: whether "green" means delivered or on
 *              track is the register's own convention).  Case and spaces
 *              around the text are ignored.  Empty: the report gives no
 *              status.
 *   title, theme, note  free text; a later row's non-empty title or
 *              theme replaces an earlier one
 *
 * Rules, each checked when reading:
 *   - A bad status, period or due period, a repeated (milestone, period)
 *     and a period of another frequency are errors located at the cell.
 *   - A delivered milestone stays delivered.  A later row that says it is
 *     on track or delayed reopens it, which needs a note saying why: with
 *     one it is a warning (to opt.diag), without one an error.  A later
 *     row with no status keeps it delivered.
 *   - Every reporting period has one row per open milestone: a milestone
 *     that is open (not delivered) in one reporting period and has no row
 *     in the next is "not reported" there (kpi_milestones_at lists it).
 *     "The next" is the very next period of the register's frequency: a
 *     register that skips periods (two business plans a year apart) says
 *     nothing about the periods it skips.
 * The reporting periods are the distinct periods of the rows, in order;
 * "the previous period" is the one before in that list. */
#ifndef KPI_MILESTONES_H
#define KPI_MILESTONES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"
#include "kpi/reader.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A milestone's status in one reporting period, from the nearest to
 * delivery down, then the two states without a status. */
typedef enum kpi_milestone_status {
    KPI_MILESTONE_DELIVERED = 0,
    KPI_MILESTONE_ON_TRACK,
    KPI_MILESTONE_DELAY,
    KPI_MILESTONE_UNSTATED,     /* the row gives no status */
    KPI_MILESTONE_NOT_REPORTED, /* no row: open in the previous period, absent here */
    KPI_MILESTONE_STATUS_LAST
} kpi_milestone_status;

/* How a milestone moved since the previous reporting period. */
typedef enum kpi_milestone_move {
    KPI_MILESTONE_SAME = 0, /* the same status as before */
    KPI_MILESTONE_NEW,      /* first reported in this period */
    KPI_MILESTONE_FORWARD,  /* nearer delivery: some delay, on track, delivered */
    KPI_MILESTONE_BACK,     /* further from it (a reopened milestone moves back) */
    KPI_MILESTONE_CHANGED,  /* a status was given on one side only */
    KPI_MILESTONE_MISSING,  /* no row in this period (KPI_MILESTONE_NOT_REPORTED) */
    KPI_MILESTONE_MOVE_LAST
} kpi_milestone_move;

/* A word the register uses for a status ("green" for delivered, say). */
typedef struct kpi_milestone_synonym {
    const char *word;            /* matched ignoring ASCII case and surrounding spaces */
    kpi_milestone_status status; /* delivered, on track or some delay */
} kpi_milestone_synonym;

typedef struct kpi_milestones_options {
    const kpi_milestone_synonym *synonyms; /* added to the built-in words; copied */
    size_t n_synonyms;
    int fy_start;     /* first month of the financial year, 1..12 */
    kpi_diag_fn diag; /* receives warnings (a reopened milestone); may be NULL */
    void *diag_ud;
} kpi_milestones_options;

/* No synonyms, April financial years, no warning callback.  Never fails. */
KPI_API kpi_milestones_options kpi_milestones_options_default(void);

typedef struct kpi_milestones kpi_milestones;

/* ---- create and destroy ------------------------------------------------ */

/* Read a register from a CSV file (path "-" is stdin).  opt may be NULL for
 * the defaults.  Returns a new register, owned by the caller and released
 * with kpi_milestones_free(), or NULL with err filled: KPI_EIO, KPI_ECSV,
 * KPI_ELAYOUT (a required column missing), KPI_EPERIOD, KPI_EFREQ,
 * KPI_EVALUE (a bad status, an empty id, a reopening without a note),
 * KPI_EDUPLICATE, KPI_EINVAL (a synonym that is not a status), KPI_ENOMEM.
 * A register with no rows is KPI_EVALUE. */
KPI_API kpi_milestones *kpi_milestones_read(const char *path, const kpi_milestones_options *opt,
                                            kpi_error *err);

/* The same from an open stream; source names it in messages. */
KPI_API kpi_milestones *kpi_milestones_read_stream(FILE *fp, const char *source,
                                                   const kpi_milestones_options *opt,
                                                   kpi_error *err);

/* Release m.  m may be NULL. */
KPI_API void kpi_milestones_free(kpi_milestones *m);

/* ---- queries ----------------------------------------------------------- */

/* The reporting periods, ascending (i < kpi_milestones_period_count(m)),
 * and how many milestones the register names.  Never fail. */
KPI_API size_t kpi_milestones_period_count(const kpi_milestones *m);
KPI_API kpi_period kpi_milestones_period_at(const kpi_milestones *m, size_t i);
KPI_API size_t kpi_milestones_count(const kpi_milestones *m);

/* Read a status word as the register reads it (the built-in words plus
 * synonyms[0..n)).  An empty text is KPI_MILESTONE_UNSTATED.  Returns
 * KPI_EVALUE with a message naming the words it expected. */
KPI_API kpi_status kpi_milestone_status_parse(const char *text, size_t len,
                                              const kpi_milestone_synonym *synonyms, size_t n,
                                              kpi_milestone_status *out, kpi_error *err);

/* Short names for tables: "delivered", "on track", "some delay", "not
 * stated", "not reported". */
KPI_API const char *kpi_milestone_status_name(kpi_milestone_status s);

/* The report's own words for a legend: "Delivered", "On track but not
 * fully delivered", "Some delay", "No status given", "Not reported". */
KPI_API const char *kpi_milestone_status_label(kpi_milestone_status s);

/* "same", "new", "forward", "back", "changed", "not reported". */
KPI_API const char *kpi_milestone_move_name(kpi_milestone_move m);

/* ---- one reporting period ---------------------------------------------- */

/* A milestone as a reporting period sees it.  Strings are borrowed from the
 * register (valid until kpi_milestones_free) and never NULL. */
typedef struct kpi_milestone_item {
    const char *id, *title, *theme;
    const char *note; /* this period's note; "" when none or not reported */
    kpi_milestone_status status;
    bool has_previous;             /* a row in the previous reporting period */
    kpi_milestone_status previous; /* its status there */
    kpi_milestone_move move;
    bool reopened; /* delivered before, on track or delayed now */
    bool has_due;
    kpi_period due;       /* as written */
    bool overdue;         /* past its due period and not delivered */
    int32_t periods_late; /* reporting periods past due (0 unless overdue) */
    kpi_period first;     /* the period it was first reported in */
    bool first_late;      /* first reported after its due period */
    unsigned long line;   /* this period's row; 0 when not reported */
} kpi_milestone_item;

/* Counts of one theme ("" for rows without one), or of all themes. */
typedef struct kpi_milestone_counts {
    const char *theme;
    size_t total;
    size_t by_status[KPI_MILESTONE_STATUS_LAST];
} kpi_milestone_counts;

/* A reporting period's view of the register.  Filled by kpi_milestones_at,
 * released with kpi_milestones_view_fini. */
typedef struct kpi_milestones_view {
    kpi_period period;
    bool has_previous;
    kpi_period previous; /* the reporting period before, when there is one */
    kpi_milestone_counts all;
    size_t n_overdue, n_first_late, n_reopened;
    size_t by_move[KPI_MILESTONE_MOVE_LAST];
    /* The milestones with a row in the period, then those not reported, in
     * the register's order of first mention. */
    kpi_milestone_item *items;
    size_t n_items;
    /* One entry per theme, in order of first mention. */
    kpi_milestone_counts *themes;
    size_t n_themes;
} kpi_milestones_view;

/* The register at period: a reporting period, or a coarser period (a
 * financial year for a quarterly register) meaning the latest reporting
 * period inside it; NULL: the latest reporting period.  Fills *out, which
 * the caller releases with kpi_milestones_view_fini() (also after a
 * failure).  Returns KPI_EINVAL when no reporting period is or falls in
 * period (err names the register's range), KPI_ENOMEM. */
KPI_API kpi_status kpi_milestones_at(const kpi_milestones *m, const kpi_period *period,
                                     kpi_milestones_view *out, kpi_error *err);

/* Release what kpi_milestones_at allocated.  v may be NULL. */
KPI_API void kpi_milestones_view_fini(kpi_milestones_view *v);

#ifdef __cplusplus
}
#endif

#endif
