/* kpi reports: the placeholders of a report template (kpi/template.h)
 * resolved from a series store, its summary rows and its charts.
 *
 *   {{ID.FIELD}}              one field of the summary row of indicator ID
 *                             (ID@AREA when it has several areas) at the
 *                             report's period: value, period, base_value,
 *                             base_period, change, pct_change, direction,
 *                             assessment, prev_change, prev_pct_change,
 *                             trend, trend_p, label, unit, indicator, area,
 *                             target, target_op, target_status,
 *                             target_margin, significance, p_value,
 *                             variation, assurance, note, sentence
 *   {{table:summary[:ID,ID]}} the summary table in Markdown, of every series
 *                             or of the listed indicators
 *   {{chart:ID:TYPE[:AREA]}}  a chart (kpi_chart_type_name) of the listed
 *                             indicators (ID,ID or all), written as
 *                             ID-TYPE[-AREA].png in chart_dir; the
 *                             placeholder becomes the file's name
 * and, when the context has a milestone register:
 *   {{milestones.FIELD}}, {{milestones:table[:NAME]}}
 *                             the register at the report's period, as
 *                             kpi_milestones_report_resolve gives them
 *                             (milestones.delivered, milestones.sentence)
 *   {{milestones:chart}}      the milestones chart of every reporting
 *                             period, written as milestones.png
 * The name "milestones" is kept for the register: an indicator of that
 * name cannot be reached.
 *
 * Every figure is the summary module's, so a report agrees with
 * kpi_table_write_summary's table.
 *
 * A report run computes each series' summary row, each table and each
 * chart once, however many placeholders use it, when its context has a
 * cache; and writes its charts to temporary files that appear only with
 * the report, when the context has a set of outputs (kpi/outfile.h):
 *
 *     kpi_report_context ctx = {.store = s, .meta = meta, .chart_dir = ".",
 *                               .cache = kpi_report_cache_new(&err),
 *                               .files = kpi_outset_new(&err)};
 *     FILE *out = kpi_outfile_stream(kpi_outset_open(ctx.files, "r.md", &err));
 *     st = kpi_template_write(t, kpi_report_resolve, &ctx, out, &err);
 *     kpi_outset_close(ctx.files, st == KPI_OK, &err);
 *     kpi_report_cache_free(ctx.cache);
 */
#ifndef KPI_REPORT_H
#define KPI_REPORT_H

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/outfile.h"
#include "kpi/period.h"
#include "kpi/store.h"
#include "kpi/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The figures of a report run, kept for every placeholder that needs
 * them again.  Opaque. */
typedef struct kpi_report_cache kpi_report_cache;

/* An empty cache, freed by the caller with kpi_report_cache_free(); NULL
 * with err filled (KPI_ENOMEM). */
KPI_API kpi_report_cache *kpi_report_cache_new(kpi_error *err);

/* Release c.  c may be NULL. */
KPI_API void kpi_report_cache_free(kpi_report_cache *c);

/* What the placeholders are resolved from.  Borrowed: the caller keeps
 * every pointer valid while the template is checked and written. */
typedef struct kpi_report_context {
    const kpi_store *store;
    const kpi_meta *meta;             /* labels, units, targets; may be NULL */
    const kpi_period *period;         /* the reporting period; NULL: each series' latest */
    const char *chart_dir;            /* the existing folder that charts are written to */
    const kpi_milestones *milestones; /* the milestone register, or NULL */
    const kpi_milestones_view *milestones_view; /* it at the reporting period (NULL
                                                    when milestones is NULL) */
    /* What the placeholders computed, kept for the run's next placeholder
     * that needs it (a cache serves one context: given another, it starts
     * afresh); NULL: each placeholder computes its figures itself. */
    kpi_report_cache *cache;
    /* Where the writing pass writes charts: members of this set, which
     * appear when the caller closes it, with the report; NULL: each chart
     * file is written whole on its own as soon as it is drawn. */
    kpi_outset *files;
} kpi_report_context;

/* A kpi_template_fn for the placeholders above; ud is a const
 * kpi_report_context *.  In the checking pass (ref->check) charts are
 * built but not written.  Returns KPI_OK, or KPI_EINVAL located at the
 * part of the placeholder at fault (an unknown indicator, field, table,
 * kind or chart type, an indicator that needs its area, a period the
 * series does not have, a milestones placeholder without a register); a chart that cannot be written gives its
 * failure with the file's path; KPI_ENOMEM. */
KPI_API kpi_status kpi_report_resolve(void *ud, const kpi_template_ref *ref, kpi_template_out *out,
                                      kpi_error *err);

/* The report as an .xlsx workbook: the table of each {{table:...}} and
 * {{milestones:table[:NAME]}} placeholder of t on a sheet of its own, in
 * template order, named "summary", "summary ID,ID" (cut to fit Excel's 31
 * characters, with " (2)" after a name used before) or "milestones
 * NAME"; then the "metadata" sheet of kpi_workbook_meta.  Cells are as
 * kpi_table_write_summary and the milestones tables write them as .xlsx
 * (numbers as numbers).  The template's text and other placeholders are
 * not written: check t with kpi_template_check first, as for the text
 * report.  Fails with KPI_EINVAL for a bad table placeholder or a
 * template with none, KPI_EIO when writing fails, KPI_ENOMEM. */
KPI_API kpi_status kpi_report_workbook(const kpi_template *t, const kpi_report_context *ctx,
                                       FILE *out, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
