/* Inside kpi reports: the cache of one run's figures (report_cache.c),
 * which the resolver (report.c) fills and reads.  A template names the
 * same series, table or chart many times, and passes over its
 * placeholders three times (two checks, then the writing), so each is
 * computed once per run and kept here. */
#ifndef KPI_REPORT_PRIVATE_H
#define KPI_REPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/chart.h"
#include "kpi/report.h"
#include "kpi/summary.h"

#if defined(__GNUC__)
#define KPI_INTERNAL __attribute__((visibility("hidden")))
#else
#define KPI_INTERNAL
#endif

/* What one placeholder computes, by what it names.  Only the part for its
 * kind is set. */
typedef struct kpi_report_entry {
    /* {{ID.FIELD}}: the series ID names, its metadata and its summary row
     * at the report's period; the sentence once one was asked for. */
    const kpi_series *se;
    const kpi_indicator_meta *m;
    kpi_summary_row row;
    char *sentence; /* owned; NULL until asked for */
    /* {{table:...}}: the Markdown table. */
    char *text; /* owned */
    size_t len;
    /* {{chart:...}}, {{milestones:chart}}: the chart, built once and
     * drawn by each placeholder's writing. */
    kpi_chart *chart; /* owned */
} kpi_report_entry;

/* The entry of c for key[0..n) (the parts of what a placeholder names:
 * its kind and arguments), or NULL when there is none.  A cache meeting a
 * context other than the one it was filled from is emptied first: its
 * figures would not be that context's. */
KPI_INTERNAL kpi_report_entry *kpi_report_cache_find(kpi_report_cache *c,
                                                     const kpi_report_context *ctx,
                                                     const char *const *key, size_t n);

/* Keep value as c's entry for key[0..n) (not in c yet), taking over the
 * parts it owns.  Returns the entry, owned by c; NULL with err filled
 * (KPI_ENOMEM), value's parts then freed. */
KPI_INTERNAL kpi_report_entry *kpi_report_cache_put(kpi_report_cache *c, const char *const *key,
                                                    size_t n, const kpi_report_entry *value,
                                                    kpi_error *err);

#endif
