/* kpi packs: a performance pack as one A4 PDF, the document a force's
 * quarterly update is published as.
 *
 *   page 1      the title, the reporting period, the date of production,
 *               the source note, an introduction paragraph, then the
 *               summary table of every indicator (label, period, value,
 *               base, change, percentage change, and significance and
 *               target status when any row knows them), continued on the
 *               next pages with its header row repeated when it does not
 *               fit;
 *   then        one block per indicator: a heading, its sentence
 *               (kpi/sentence.h), its line chart (kpi/chart.h, the same
 *               code as kpi chart) and a small table of its recent
 *               values.  Blocks share a page where they fit and never
 *               split across pages;
 *   then        with a milestone register, a milestones section on a new
 *               page: the counts sentence, the movements and overdue
 *               sentences (kpi/milestones_report.h), the counts by status
 *               with each status's word and chart colour, the
 *               milestones chart of every reporting period, and the
 *               table of the milestones not delivered (status, due
 *               period, note), its header repeated on every page.
 *
 * Every page carries "Page N of M"; the PDF has the title in its
 * metadata and an outline (bookmarks) with the summary, one entry per
 * indicator and one for the milestones.  Text is vector, selectable and searchable, set by Pango in
 * DejaVu Sans with fontconfig's fallback fonts.  Every figure is the
 * summary module's (kpi/summary.h), so the pack agrees with kpi summary.
 *
 *     kpi_pack_options o = kpi_pack_options_default();
 *     o.title = "Business plan: Q4 update";
 *     if (kpi_pack_write(store, meta, &o, "q4.pdf", &err) != KPI_OK) ...
 */
#ifndef KPI_PACK_H
#define KPI_PACK_H

#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/outfile.h"
#include "kpi/period.h"
#include "kpi/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_pack_options {
    const char *title;        /* cover, page footers and PDF metadata; NULL: "Performance pack" */
    const char *source;       /* the source note on the cover; NULL for none */
    const char *intro;        /* an introduction paragraph on the cover (a filled
                                 template, say); NULL for none.  Blank lines start
                                 new paragraphs; a single line break is a space. */
    const kpi_period *period; /* the reporting period; NULL: each series' latest */
    /* The date of production, "YYYY-MM-DD", printed on the cover as
     * "1 December 2026" and stored as the PDF's creation date; NULL for
     * none.  The caller passes today's date, so that the same input and
     * date give the same file. */
    const char *date;
    /* A milestone register and its view at the reporting period
     * (kpi_milestones_at), for the milestones section; both NULL for
     * none.  The chart shows every reporting period of the register. */
    const kpi_milestones *milestones;
    const kpi_milestones_view *milestones_view;
    /* For kpi_pack_write: a set of outputs (kpi/outfile.h) the pack joins,
     * to appear when the caller closes it, with the charts its
     * introduction names; NULL: the file is written whole on its own. */
    kpi_outset *files;
} kpi_pack_options;

/* No title (the default one), source, introduction, period, date,
 * milestones or set of outputs.
 * Never fails. */
KPI_API kpi_pack_options kpi_pack_options_default(void);

/* Write the pack of every series of s (in store order) that has a row at
 * the period (as kpi_summary_write selects them), with metadata from meta
 * (may be NULL), to fp as a PDF.  Returns KPI_OK; KPI_EINVAL when no
 * series has a row at the period, the date is not a valid "YYYY-MM-DD",
 * or only one of milestones and milestones_view is given; KPI_ERENDER when cairo fails; KPI_EIO when writing
 * fails; KPI_ENOMEM.  fp stays open and owned by the caller. */
KPI_API kpi_status kpi_pack_write_stream(const kpi_store *s, const kpi_meta *meta,
                                         const kpi_pack_options *opt, FILE *fp, kpi_error *err);

/* The same, into the file at path, which is whole or untouched
 * (kpi/outfile.h). */
KPI_API kpi_status kpi_pack_write(const kpi_store *s, const kpi_meta *meta,
                                  const kpi_pack_options *opt, const char *path, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
