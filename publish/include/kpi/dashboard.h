/* kpi dashboards: every indicator on one self-contained HTML page, to
 * email, put on an intranet or publish as it is.
 *
 *   the top     one tile per series: its label (and area), the latest
 *               value, the change and percentage change on a year
 *               earlier with an arrow and the word "better" or "worse"
 *               (the metadata's better direction; colour is never the
 *               only sign), the significance of the change, the SPC
 *               variation, the target status, and a sparkline of the
 *               last two years;
 *   then        one section per series: a heading, its sentence (as kpi
 *               summary --sentences), its chart (a line with its trend
 *               for yearly figures, the XmR chart for finer ones with
 *               enough points, the same charts as kpi chart) and a table
 *               of its recent values;
 *   then        the summary table as an HTML <table>, numbers as numbers,
 *               sorted by clicking a column's header;
 *   then        with a milestone register, its counts, movements and
 *               overdue milestones in the report's sentences, its chart
 *               and the status of every milestone.
 *
 * Everything is inline: the CSS, the charts as SVG (kpi/chart_html.h),
 * and a small script for sorting and filtering.  Nothing is fetched, and
 * the file names no URL.  Every text from the data is escaped.  The page
 * reads on a phone as on a desktop, and prints on A4 with no section
 * split across pages.  Every figure is the summary module's, so the page
 * agrees with kpi summary and the PDF pack.
 *
 *     kpi_dashboard_options o = kpi_dashboard_options_default();
 *     o.title = "Business plan: Q4 update";
 *     if (kpi_dashboard_write(store, meta, &o, "q4.html", &err) != KPI_OK) ...
 */
#ifndef KPI_DASHBOARD_H
#define KPI_DASHBOARD_H

#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/period.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_dashboard_options {
    const char *title;        /* the page's title and heading; NULL: "Performance dashboard" */
    const char *source;       /* the source note; NULL for none */
    const kpi_period *period; /* the reporting period; NULL: each series' latest */
    /* The series shown: those whose indicator is one of indicators and
     * whose area is one of areas; an empty list allows any. */
    const char *const *indicators;
    size_t n_indicators;
    const char *const *areas;
    size_t n_areas;
    /* A milestone register and its view at the reporting period
     * (kpi_milestones_at); both NULL for no milestones section. */
    const kpi_milestones *milestones;
    const kpi_milestones_view *milestones_view;
    /* Draw the charts on up to this many threads (0 and 1: the calling
     * thread alone); the page is the same byte for byte on any number. */
    size_t threads;
} kpi_dashboard_options;

/* The default title, no source, each series' latest, every series, no
 * milestones, one thread.  Never fails. */
KPI_API kpi_dashboard_options kpi_dashboard_options_default(void);

/* Write the dashboard of the series of s that opt selects and that have a
 * row at the period (as kpi_summary_write selects them), with metadata
 * from meta (may be NULL), to fp.  Returns KPI_OK; KPI_EINVAL when no
 * series is selected and has a row at the period; KPI_ERENDER when a
 * chart cannot be drawn; KPI_EIO when writing fails; KPI_ENOMEM.  fp
 * stays open and owned by the caller, and may hold part of a page after a
 * failure. */
KPI_API kpi_status kpi_dashboard_write_stream(const kpi_store *s, const kpi_meta *meta,
                                              const kpi_dashboard_options *opt, FILE *fp,
                                              kpi_error *err);

/* The same, into the file at path, which is whole or untouched
 * (kpi/outfile.h). */
KPI_API kpi_status kpi_dashboard_write(const kpi_store *s, const kpi_meta *meta,
                                       const kpi_dashboard_options *opt, const char *path,
                                       kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
