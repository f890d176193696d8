/* The kpi spc table: one row per point, or per series with latest.
 * Computing is analysis/spc.c's; this file only writes. */
#include "kpi/spc_write.h"

#include <stdbool.h>

#include "kpi/value.h"
#include "table_private.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Mean and limits print with this many decimals more than the values. */
#define EXTRA_DECIMALS 2

typedef struct spc_job {
    const kpi_store *s;
    const kpi_spc_write_options *opt;
    size_t ng;
} spc_job;

static kpi_status
spc_rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    const spc_job *job = ctx;
    const kpi_spc_write_options *wo = job->opt;
    const char *cells[64];
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        const kpi_indicator_meta *m = kpi_meta_find_series(wo->meta, se);
        kpi_spc_options o = wo->spc;
        o.better = m ? m->better : KPI_BETTER_NONE;
        kpi_spc chart;
        st = kpi_spc_series(se, &o, NULL, &chart, err);
        int dec = kpi_series_decimals(se), ldec = dec + EXTRA_DECIMALS;
        cells[0] = kpi_series_indicator(se);
        cells[1] = kpi_series_area(se);
        for (size_t g = 0; g < job->ng; g++)
            cells[2 + g] = kpi_series_group(se, g);
        const char **c = cells + 2 + job->ng;
        for (size_t i = wo->latest && chart.n ? chart.n - 1 : 0; i < chart.n && st == KPI_OK; i++) {
            const kpi_spc_point *p = &chart.points[i];
            char per[KPI_PERIOD_TEXT_MAX], value[48], mean[48], lpl[48], upl[48], rules[64],
                points[32];
            kpi_period_format(p->period, per, sizeof per);
            kpi_spc_rules_format(p->rules, rules, sizeof rules);
            c[0] = per;
            c[1] = kpi_table_fixed(true, p->value, dec, value, sizeof value);
            c[2] = kpi_table_fixed(p->has_limits, p->mean, ldec, mean, sizeof mean);
            c[3] = kpi_table_fixed(p->has_limits, p->lpl, ldec, lpl, sizeof lpl);
            c[4] = kpi_table_fixed(p->has_limits, p->upl, ldec, upl, sizeof upl);
            c[5] = kpi_table_text(rules);
            c[6] = kpi_table_text(kpi_spc_variation_name(p->variation));
            size_t next = 7;
            if (wo->latest) {
                kpi_spc_assurance a = KPI_SPC_ASSURANCE_NONE;
                if (m && m->target_op != KPI_TARGET_NONE)
                    a = kpi_spc_assure(p, m->target, m->better);
                snprintf(points, sizeof points, "%zu", p->basis);
                c[next++] = kpi_table_text(kpi_spc_assurance_name(a));
                c[next++] = points;
            }
            c[next] = kpi_table_text(kpi_spc_note(p));
            st = kpi_table_row(t, cells, err);
        }
        kpi_spc_free(&chart);
    }
    return st;
}

kpi_status
kpi_spc_write(const kpi_store *s, const kpi_spc_write_options *opt, FILE *out, kpi_format format,
              kpi_error *err)
{
    static const char *const all[] = {"period", "value", "mean",      "lpl",
                                      "upl",    "rules", "variation", "note"};
    static const char *const latest[] = {"period", "value",     "mean",      "lpl",    "upl",
                                         "rules",  "variation", "assurance", "points", "note"};
    static const kpi_column_type all_types[] = {
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
        KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT};
    static const kpi_column_type latest_types[] = {
        KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT};
    _Static_assert(COUNT(all) == COUNT(all_types), "one type per column");
    _Static_assert(COUNT(latest) == COUNT(latest_types), "one type per column");
    size_t rows = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++)
        rows += opt->latest ? 1 : kpi_series_length(kpi_store_at(s, k));
    spc_job job = {s, opt, kpi_store_n_groups(s)};
    kpi_table_options topt = kpi_table_options_default();
    topt.format = format;
    topt.threads = opt->threads;
    topt.meta = opt->meta;
    return opt->latest ? kpi_table_write_keyed(out, s, &topt, latest, latest_types, COUNT(latest),
                                               false, rows, spc_rows, &job, err)
                       : kpi_table_write_keyed(out, s, &topt, all, all_types, COUNT(all), false,
                                               rows, spc_rows, &job, err);
}
