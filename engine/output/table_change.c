/* kpi_table_write_change: the changes kpi_change_at computes, as a table. */
#include "kpi/table.h"

#include <assert.h>

#include "table_private.h"

/* What every thread formatting rows of a change table shares. */
typedef struct change_job {
    const kpi_store *s;
    const kpi_change_options *opt;
    size_t ng;
} change_job;

static kpi_status
change_rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    const change_job *job = ctx;
    const kpi_change_options *opt = job->opt;
    const char *cells[KPI_TABLE_MAX_COLUMNS];
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        int dec = kpi_series_decimals(se);
        const char **row = cells + kpi_table_key_cells(se, job->ng, cells);
        size_t n = kpi_series_length(se);
        for (size_t i = opt->latest && n ? n - 1 : 0; i < n && st == KPI_OK; i++) {
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            kpi_change c;
            kpi_change_at(se, i, opt, &c);
            char period[KPI_PERIOD_TEXT_MAX], base[KPI_PERIOD_TEXT_MAX];
            char value[48], base_value[48], change[48], pct[48], prev[48], cagr[48];
            kpi_period_format(c.period, period, sizeof period);
            kpi_period_format(c.base_period, base, sizeof base);
            row[0] = period;
            row[1] = kpi_table_fixed(c.state == KPI_OBS_VALUE, c.value, dec, value, sizeof value);
            row[2] = c.base_period.freq != KPI_FREQ_NONE ? base : NULL;
            row[3] = kpi_table_fixed(c.base_state == KPI_OBS_VALUE, c.base_value, dec,
                                     base_value, sizeof base_value);
            row[4] = kpi_table_fixed(c.has_change, c.change, dec, change, sizeof change);
            row[5] = kpi_table_fixed(c.has_pct, c.pct_change, opt->decimals, pct, sizeof pct);
            row[6] = c.direction != KPI_DIRECTION_NONE ? kpi_direction_name(c.direction) : NULL;
            row[7] = kpi_table_fixed(c.has_prev_pct, c.prev_pct_change, opt->decimals, prev,
                                     sizeof prev);
            if (opt->cagr)
                row[8] = kpi_table_fixed(c.has_cagr, c.cagr_pct, opt->decimals, cagr,
                                         sizeof cagr);
            st = kpi_table_row(t, cells, err);
        }
    }
    return st;
}

kpi_status
kpi_table_write_change(const kpi_store *s, const kpi_change_options *copt, FILE *out,
                       const kpi_table_options *opt, kpi_error *err)
{
    assert(s && copt && out);
    static const char *const tail[] = {"period",     "value",  "base_period",
                                       "base_value", "change", "pct_change",
                                       "direction",  "prev_pct_change", "cagr_pct"};
    static const kpi_column_type tail_types[] = {
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
        KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER};
    _Static_assert(sizeof tail / sizeof tail[0] == sizeof tail_types / sizeof tail_types[0],
                   "one type per column");
    kpi_table_options defaults = kpi_table_options_default();
    if (!opt)
        opt = &defaults;
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    size_t ntail = sizeof tail / sizeof tail[0] - (copt->cagr ? 0 : 1);
    kpi_table *t = kpi_table_new_keyed(out, opt->format, s, tail, tail_types, ntail, err);
    if (!t)
        return err->code;
    size_t rows = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++)
        rows += copt->latest ? 1 : kpi_series_length(kpi_store_at(s, k));
    change_job job = {s, copt, kpi_store_n_groups(s)};
    kpi_status st =
        kpi_table_write_rows(t, opt->threads, kpi_store_count(s), rows, change_rows, &job, err);
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}
