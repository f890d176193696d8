/* kpi milestones reports: the tables, sentences and template fields of a
 * reporting period's view of a milestone register (kpi/milestones.h).
 *
 * Every count in a sentence is the view's own, so a sentence, a table and
 * a template field never disagree:
 *   Of 12 milestones, 5 delivered, 4 on track, 3 with some delay.
 *   Since 2018-19 Q3, 2 milestones moved forward and 1 moved back; 3
 *     were reported for the first time.
 *   1 milestone is past its due period and not delivered: Civilian
 *     investigators (due 2018-19 Q3, 1 quarter late).
 * A milestone is named by its title, or its id when it has none. */
#ifndef KPI_MILESTONES_REPORT_H
#define KPI_MILESTONES_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/milestones.h"
#include "kpi/table.h"
#include "kpi/template.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_milestones_table {
    /* Every milestone of the period with every field:
     * period,milestone,title,theme,due,status,previous_status,movement,
     * overdue,periods_late,first_reported_late,note */
    KPI_MILESTONES_TABLE_REGISTER = 0,
    /* The list a report prints: milestone (its title), theme, due,
     * status, movement, periods late */
    KPI_MILESTONES_TABLE_STATUS,
    /* Counts by theme, then a row "All": theme,total,delivered,on_track,
     * some_delay,not_stated,not_reported */
    KPI_MILESTONES_TABLE_COUNTS,
    /* The milestones whose status moved since the previous period (not
     * those reported for the first time):
     * milestone,previous_status,status,movement,note */
    KPI_MILESTONES_TABLE_MOVEMENTS,
    /* Past due and not delivered, or first reported late:
     * milestone,due,status,periods_late,first_reported,first_reported_late */
    KPI_MILESTONES_TABLE_OVERDUE,
    KPI_MILESTONES_TABLE_LAST
} kpi_milestones_table;

/* "register", "status", "counts", "movements", "overdue". */
KPI_API const char *kpi_milestones_report_table_name(kpi_milestones_table t);

/* Parse a table name as kpi_milestones_report_table_name writes it;
 * KPI_EINVAL otherwise. */
KPI_API kpi_status kpi_milestones_report_table_parse(const char *name, kpi_milestones_table *out,
                                                     kpi_error *err);

/* Write one table of v to out in format f.  Fails with KPI_EIO, KPI_ENOMEM.
 * out stays owned by the caller. */
KPI_API kpi_status kpi_milestones_report_table(const kpi_milestones_view *v, kpi_milestones_table t,
                                               FILE *out, kpi_format f, kpi_error *err);

/* Write table t of v onto a new sheet of the open workbook wb, named sheet
 * (NULL: as kpi_milestones_report_table_name names it).  Fails as
 * kpi_workbook_table (a sheet name refused or used twice: KPI_EINVAL),
 * KPI_ENOMEM. */
KPI_API kpi_status kpi_milestones_report_sheet(const kpi_milestones_view *v, kpi_milestones_table t,
                                               kpi_workbook *wb, const char *sheet, kpi_error *err);

/* Write every table of v to out as one .xlsx workbook, a sheet each, named
 * as kpi_milestones_report_table_name names them: counts, status,
 * movements, overdue, register.  Fails with KPI_EIO, KPI_ENOMEM. */
KPI_API kpi_status kpi_milestones_report_workbook(const kpi_milestones_view *v, FILE *out,
                                                  kpi_error *err);

/* The counts sentence, "Of 12 milestones, 5 delivered, 4 on track, 3 with
 * some delay." with ", 2 with no status given" and ", 1 not reported"
 * before the full stop when there are such.  Writes at most size bytes,
 * NUL included, and returns the whole length like snprintf.  Never
 * fails. */
KPI_API size_t kpi_milestones_report_sentence(const kpi_milestones_view *v, char *buf, size_t size);

/* The movements since the previous period: "Since 2018-19 Q3, 2
 * milestones moved forward and 1 moved back" (or "no milestone moved
 * forward or back"), then "; N have a status in only one of the two
 * periods" and "; N were reported for the first time" when there are
 * such, and a full stop; "" when there is no previous period.  As
 * above. */
KPI_API size_t kpi_milestones_report_movement_sentence(const kpi_milestones_view *v, char *buf,
                                                       size_t size);

/* The overdue milestones: "2 milestones are past their due period and not
 * delivered: A (due 2018-19 Q3, 1 quarter late), B (...)." (or "No
 * milestone is past its due period and not delivered."); "" when no
 * milestone has a due period.  As above. */
KPI_API size_t kpi_milestones_report_overdue_sentence(const kpi_milestones_view *v, char *buf,
                                                      size_t size);

/* Every sentence, one per line: the counts, the movements, one line per
 * moved milestone ("Civilian investigators: some delay in 2018-19 Q3, on
 * track in 2018-19 Q4. <note>"), the overdue milestones, those first
 * reported late and those not reported.  Fails with KPI_EIO. */
KPI_API kpi_status kpi_milestones_report_sentences(const kpi_milestones_view *v, FILE *out,
                                                   kpi_error *err);

/* A Markdown document: the sentences, then the counts, status, movements
 * and overdue tables under their headings.  Fails with KPI_EIO,
 * KPI_ENOMEM. */
KPI_API kpi_status kpi_milestones_report_write(const kpi_milestones_view *v, FILE *out,
                                               kpi_error *err);

/* A template resolver for the placeholders of the milestones register:
 *   {{milestones.FIELD}}  total, delivered, on_track, delay, not_stated,
 *                         not_reported, overdue, first_late, forward, back,
 *                         new, reopened (numbers); period, previous,
 *                         sentence, movement_sentence, overdue_sentence
 *                         (texts)
 *   {{milestones:table}}  the status table in Markdown;
 *   {{milestones:table:NAME}}  any table by its name
 * ref must be one of these (ref->name or ref->kind "milestones").  An
 * unknown field or table is KPI_EINVAL located at it; KPI_ENOMEM. */
KPI_API kpi_status kpi_milestones_report_resolve(const kpi_milestones_view *v,
                                                 const kpi_template_ref *ref, kpi_template_out *out,
                                                 kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
