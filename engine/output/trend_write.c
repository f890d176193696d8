/* kpi trend tables: one row of trend statistics per series
 * (kpi/trend_write.h). */
#include "kpi/trend_write.h"

#include <stdio.h>

#include "kpi/value.h"
#include "table_private.h"

enum {
    COL_FREQ,
    COL_FROM,
    COL_TO,
    COL_N,
    COL_SLOPE,
    COL_INTERCEPT,
    COL_CI_LOW,
    COL_CI_HIGH,
    COL_P,
    COL_R2,
    COL_TS,
    COL_MK_S,
    COL_MK_TAU,
    COL_MK_Z,
    COL_MK_P,
    COL_MK_TREND,
    COL_SEAS_SLOPE,
    COL_SEAS_LOW,
    COL_SEAS_HIGH,
    COL_SEAS_P,
    COL_NOTE,
    COL_COUNT
};

static const char *const tail_names[COL_COUNT] = {
    "frequency",
    "from",
    "to",
    "n",
    "slope",
    "intercept",
    "slope_ci_low",
    "slope_ci_high",
    "slope_p",
    "r2",
    "theil_sen_slope",
    "mk_s",
    "mk_tau",
    "mk_z",
    "mk_p",
    "mk_trend",
    "seasonal_slope",
    "seasonal_ci_low",
    "seasonal_ci_high",
    "seasonal_p",
    "note",
};

/* Fill row[0..COL_COUNT) from t; text goes into bufs. */
static void
format_row(const kpi_trend *t, const char **row, char (*bufs)[40])
{
    const kpi_ols *o = &t->ols;
    const kpi_mann_kendall *mk = &t->mann_kendall;
    const kpi_seasonal *sn = &t->seasonal;
    row[COL_FREQ] = kpi_freq_name(t->freq);
    row[COL_FROM] = row[COL_TO] = NULL;
    if (t->n > 0) {
        kpi_period_format(t->from, bufs[COL_FROM], sizeof bufs[0]);
        kpi_period_format(t->to, bufs[COL_TO], sizeof bufs[0]);
        row[COL_FROM] = bufs[COL_FROM];
        row[COL_TO] = bufs[COL_TO];
    }
    snprintf(bufs[COL_N], sizeof bufs[0], "%zu", t->n);
    row[COL_N] = bufs[COL_N];
    row[COL_MK_S] = NULL;
    if (t->has_mann_kendall) {
        snprintf(bufs[COL_MK_S], sizeof bufs[0], "%lld", (long long)mk->s);
        row[COL_MK_S] = bufs[COL_MK_S];
    }
    row[COL_MK_TREND] = t->has_mann_kendall ? kpi_trend_direction_name(mk->trend) : NULL;
    /* The statistics, to KPI_TREND_DIGITS significant digits. */
    const struct {
        int col;
        bool present;
        double x;
    } stats[] = {
        {COL_SLOPE, t->has_ols, o->slope},
        {COL_INTERCEPT, t->has_ols, o->intercept},
        {COL_CI_LOW, t->has_ols, o->slope_ci_low},
        {COL_CI_HIGH, t->has_ols, o->slope_ci_high},
        {COL_P, t->has_ols && o->has_p, o->slope_p},
        {COL_R2, t->has_ols && o->has_r2, o->r2},
        {COL_TS, t->has_theil_sen, t->theil_sen.slope},
        {COL_MK_TAU, t->has_mann_kendall && mk->has_tau, mk->tau},
        {COL_MK_Z, t->has_mann_kendall, mk->z},
        {COL_MK_P, t->has_mann_kendall, mk->p},
        {COL_SEAS_SLOPE, t->has_seasonal, sn->slope},
        {COL_SEAS_LOW, t->has_seasonal, sn->slope_ci_low},
        {COL_SEAS_HIGH, t->has_seasonal, sn->slope_ci_high},
        {COL_SEAS_P, t->has_seasonal && sn->has_p, sn->slope_p},
    };
    for (size_t k = 0; k < sizeof stats / sizeof stats[0]; k++)
        row[stats[k].col] = kpi_table_sig(stats[k].present, stats[k].x, KPI_TREND_DIGITS,
                                          bufs[stats[k].col], sizeof bufs[0]);
    row[COL_NOTE] = t->note[0] ? t->note : NULL;
}

/* Whether a column belongs in the table: those of the statistics asked
 * for, the seasonal ones also in the full default table, so that its
 * layout does not depend on the seasonal switch. */
static bool
column_shown(const kpi_trend_options *opt, size_t col)
{
    if (col >= COL_SLOPE && col <= COL_R2)
        return opt->stats & KPI_TREND_OLS;
    if (col == COL_TS)
        return opt->stats & KPI_TREND_THEIL_SEN;
    if (col >= COL_MK_S && col <= COL_MK_TREND)
        return opt->stats & KPI_TREND_MANN_KENDALL;
    if (col >= COL_SEAS_SLOPE && col <= COL_SEAS_P)
        return opt->seasonal || (opt->stats & KPI_TREND_ALL) == KPI_TREND_ALL;
    return true;
}

typedef struct trend_job {
    const kpi_store *s;
    const kpi_trend_options *opt;
    size_t ng, longest;
    size_t shown[COL_COUNT], nshown; /* the columns written, in order */
} trend_job;

/* Rows of series [first, last).  Each call owns its workspace, sized for
 * the longest series so that it never grows, because calls run on any
 * of the writing threads. */
static kpi_status
trend_rows(void *ctx, size_t first, size_t last, kpi_table *table, kpi_error *err)
{
    const trend_job *job = ctx;
    const char *cells[KPI_TABLE_MAX_COLUMNS], *row[COL_COUNT];
    char bufs[COL_COUNT][40];
    kpi_trend t;
    kpi_trend_workspace *w = kpi_trend_workspace_new(job->longest, err);
    if (!w)
        return KPI_ENOMEM;
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        if ((st = kpi_trend_series(se, job->opt, w, &t, err)) != KPI_OK)
            break;
        const char **tail = cells + kpi_table_key_cells(se, job->ng, cells);
        format_row(&t, row, bufs);
        for (size_t c = 0; c < job->nshown; c++)
            tail[c] = row[job->shown[c]];
        st = kpi_table_row(table, cells, err);
    }
    kpi_trend_workspace_free(w);
    return st;
}

kpi_status
kpi_trend_write(const kpi_store *s, const kpi_trend_options *opt, FILE *out, kpi_format format,
                kpi_error *err)
{
    size_t ng = kpi_store_n_groups(s), longest = 0, rows = 0;
    trend_job job = {.s = s, .opt = opt, .ng = ng};
    for (size_t k = 0; k < COL_COUNT; k++)
        if (column_shown(opt, k))
            job.shown[job.nshown++] = k;
    const char *names[COL_COUNT];
    kpi_column_type types[COL_COUNT];
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        size_t len = kpi_series_length(kpi_store_at(s, k));
        longest = len > longest ? len : longest;
        /* A row costs about as much as sorting its series' values. */
        rows += len + 1;
    }
    job.longest = longest;
    for (size_t c = 0; c < job.nshown; c++) {
        size_t k = job.shown[c];
        names[c] = tail_names[k];
        types[c] = k == COL_FREQ || k == COL_FROM || k == COL_TO || k == COL_MK_TREND ||
                           k == COL_NOTE
                       ? KPI_COLUMN_TEXT
                       : KPI_COLUMN_NUMBER;
    }
    kpi_table_options topt = kpi_table_options_default();
    topt.format = format;
    topt.threads = opt->threads;
    topt.meta = opt->meta;
    return kpi_table_write_keyed(out, s, &topt, names, types, job.nshown, false, rows, trend_rows,
                                 &job, err);
}
