/* What a document says about each indicator: its summary row (kpi/
 * summary.h), heading, sentence (kpi/sentence.h), the cells of the summary
 * table as published, its recent values, and the chart that suits it.
 * The PDF pack and the HTML dashboard both print from this, so they never
 * disagree with each other or with kpi summary. */
#ifndef KPI_DIGEST_PRIVATE_H
#define KPI_DIGEST_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/chart.h"
#include "kpi/error.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/sentence.h"
#include "kpi/store.h"
#include "kpi/summary.h"

#if defined(__GNUC__)
#define KPI_INTERNAL __attribute__((visibility("hidden")))
#else
#define KPI_INTERNAL
#endif

#define KPI_DIGEST_CELL_MAX 512 /* the label cell holds the heading */
/* The recent values: up to this many periods. */
#define KPI_DIGEST_RECENT_MAX 6

/* The columns of the summary table. */
enum {
    KPI_DIGEST_COL_LABEL,
    KPI_DIGEST_COL_PERIOD,
    KPI_DIGEST_COL_VALUE,
    KPI_DIGEST_COL_BASE,
    KPI_DIGEST_COL_CHANGE,
    KPI_DIGEST_COL_PCT,
    KPI_DIGEST_COL_SIGNIF,
    KPI_DIGEST_COL_TARGET,
    KPI_DIGEST_COL_VARIATION, /* the SPC variation of the latest point, in words */
    KPI_DIGEST_N_COLS
};

typedef struct kpi_digest_recent {
    kpi_period p;
    char period[KPI_PERIOD_TEXT_MAX];
    char value[KPI_DIGEST_CELL_MAX];
    char pct[KPI_DIGEST_CELL_MAX];
} kpi_digest_recent;

typedef struct kpi_digest_entry {
    const kpi_series *se;
    const kpi_indicator_meta *m; /* may be NULL */
    kpi_summary_row row;
    char heading[512]; /* the label, and the area when the indicator has several */
    char sub[256];     /* "2018-19 · London, compared with 2017-18 · significant (p = ...)" */
    char sentence[KPI_SENTENCE_MAX];
    char cells[KPI_DIGEST_N_COLS][KPI_DIGEST_CELL_MAX];
    kpi_digest_recent recent[KPI_DIGEST_RECENT_MAX]; /* oldest first */
    size_t n_recent;
    size_t n_values; /* present values up to the period: a chart needs two */
} kpi_digest_entry;

/* Which series a document shows; empty lists select every one. */
typedef struct kpi_digest_select {
    const char *const *indicators; /* ids, exactly as in the data */
    size_t n_indicators;
    const char *const *areas;
    size_t n_areas;
} kpi_digest_select;

typedef struct kpi_digest {
    kpi_digest_entry *entries; /* owned; kpi_digest_fini releases them */
    size_t n;
    bool has_signif;    /* some row has a significance test */
    bool has_variation; /* some row has an SPC variation */
} kpi_digest;

/* Fill d with an entry for every series of s (in store order) that sel
 * selects (sel may be NULL) and that has a row at period (NULL: each
 * series' latest), as kpi_summary_write selects them; d may end up with
 * no entry.  Returns KPI_OK, KPI_ENOMEM, or a summary's failure; d is
 * then to be released all the same. */
KPI_INTERNAL kpi_status kpi_digest_collect(kpi_digest *d, const kpi_store *s, const kpi_meta *meta,
                                           const kpi_period *period, const kpi_digest_select *sel,
                                           kpi_error *err);

KPI_INTERNAL void kpi_digest_fini(kpi_digest *d);

/* x as published: rounded, with thousands separators, the unit's symbol,
 * and a '+' on a rise when sign is set; an en dash when there is no
 * figure.  Returns buf. */
KPI_INTERNAL const char *kpi_digest_figure(kpi_unit unit, bool has, double x, int decimals,
                                           bool sign, char *buf, size_t size);

/* The chart an entry's section shows, the same as kpi chart draws: for a
 * yearly series a line with its trend (from 6 values), for a finer one
 * its XmR chart (from KPI_SPC_RELIABLE values) or else a line.  With
 * width and height in millimetres (0: the default).  Returns a chart the
 * caller frees, or NULL with err filled. */
KPI_INTERNAL kpi_chart *kpi_digest_chart(const kpi_digest_entry *e, bool spc, double width,
                                         double height, kpi_error *err);

#endif
