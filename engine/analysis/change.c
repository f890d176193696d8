#include "kpi/change.h"

#include <math.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/store.h"
#include "parallel_private.h"

bool
kpi_change_cagr(double from, double to, double years, double *out)
{
    if (!(from > 0 && to > 0 && years > 0))
        return false;
    *out = 100.0 * (pow(to / from, 1.0 / years) - 1.0);
    return true;
}

/* Years between two periods of one frequency; days count 365.25 a year. */
static double
years_between(kpi_period a, kpi_period b)
{
    double per = a.freq == KPI_FREQ_DAY ? 365.25 : (double)kpi_period_per_year(a.freq);
    return kpi_period_diff(a, b) / per;
}

kpi_change_options
kpi_change_options_default(void)
{
    return (kpi_change_options){.vs = KPI_VS_YEAR, .decimals = 1, .alpha = KPI_SIGNIFICANCE_ALPHA};
}

const char *
kpi_direction_name(kpi_direction d)
{
    static const char *const names[] = {"", "increase", "decrease", "no change"};
    return (unsigned)d < 4 ? names[d] : "";
}

static kpi_period
base_of(const kpi_series *se, kpi_period p, const kpi_change_options *opt)
{
    (void)se;
    switch (opt->vs) {
    case KPI_VS_PREV: return kpi_period_shift(p, -1);
    case KPI_VS_FIXED: return opt->base;
    default: return kpi_period_year_ago(p);
    }
}

/* The comparison of p with base, without the previous step. */
static void
compare(const kpi_series *se, kpi_period p, kpi_period base, kpi_change *c)
{
    ptrdiff_t i = kpi_series_index(se, p), b = kpi_series_index(se, base);
    memset(c, 0, sizeof *c);
    c->period = p;
    c->base_period = base;
    c->state = i >= 0 ? kpi_series_state(se, (size_t)i) : KPI_OBS_ABSENT;
    c->value = i >= 0 ? kpi_series_value(se, (size_t)i) : NAN;
    c->has_base = b >= 0;
    c->base_state = b >= 0 ? kpi_series_state(se, (size_t)b) : KPI_OBS_ABSENT;
    c->base_value = b >= 0 ? kpi_series_value(se, (size_t)b) : NAN;
    c->reason = "";
    if (c->state != KPI_OBS_VALUE) {
        c->reason = "value is missing";
        return;
    }
    if (c->base_state != KPI_OBS_VALUE) {
        c->reason = c->has_base && c->base_state != KPI_OBS_ABSENT ? "base value is missing"
                                                                    : "no base period in the data";
        return;
    }
    /* A figure added up over an incomplete set is shown, marked, but never
     * compared: part of a year against a whole one is no change at all. */
    if (kpi_series_partial(se, (size_t)i) || kpi_series_partial(se, (size_t)b)) {
        c->reason = "a partial figure is not compared";
        return;
    }
    c->has_change = true;
    c->change = c->value - c->base_value;
    c->direction = c->change > 0   ? KPI_DIRECTION_INCREASE
                   : c->change < 0 ? KPI_DIRECTION_DECREASE
                                   : KPI_DIRECTION_NO_CHANGE;
    if (c->base_value == 0) {
        c->reason = "base value is zero";
        return;
    }
    c->has_pct = true;
    c->pct_change = 100.0 * c->change / fabs(c->base_value);
}

void
kpi_change_at(const kpi_series *se, size_t i, const kpi_change_options *opt, kpi_change *out)
{
    kpi_period p = kpi_series_period(se, i);
    compare(se, p, base_of(se, p, opt), out);
    if (opt->vs == KPI_VS_FIXED && opt->base.freq != p.freq) {
        out->base_period.freq = KPI_FREQ_NONE;
        if (out->state == KPI_OBS_VALUE)
            out->reason = "the base period is of another frequency";
    }
    /* "The increase had been +22% the previous year": the same comparison
     * one step back, where a step is a year for year-on-year changes. */
    if (opt->vs != KPI_VS_FIXED) {
        kpi_period prev = base_of(se, p, opt);
        kpi_change earlier;
        compare(se, prev, base_of(se, prev, opt), &earlier);
        out->has_prev_pct = earlier.has_pct;
        out->prev_pct_change = earlier.pct_change;
    }
    if (opt->cagr && out->has_change)
        out->has_cagr = kpi_change_cagr(out->base_value, out->value,
                                        years_between(out->base_period, p), &out->cagr_pct);
}

/* The count behind slot p of se, or NaN. */
static double
count_at(const kpi_series *se, kpi_period p)
{
    ptrdiff_t i = se ? kpi_series_index(se, p) : -1;
    return i >= 0 && kpi_series_state(se, (size_t)i) == KPI_OBS_VALUE
               ? kpi_series_value(se, (size_t)i)
               : NAN;
}

static double
population_at(const kpi_population *pop, const char *area, kpi_period p)
{
    double n;
    return kpi_population_find(pop, area, p, &n) ? n : NAN;
}

void
kpi_change_test(const kpi_series *se, const kpi_change *c, const kpi_change_options *opt,
                kpi_rate_test *out)
{
    memset(out, 0, sizeof *out);
    if (!c->has_change) {
        out->reason = c->reason[0] ? c->reason : "no change to test";
        return;
    }
    double x = c->value, base = c->base_value, t = 1, base_t = 1;
    int decimals = kpi_series_decimals(se);
    if (opt->counts && opt->population) {
        enum { MAX_KEY = 64 };
        const char *key[MAX_KEY];
        size_t ng = kpi_store_n_groups(opt->counts);
        const kpi_series *cs = NULL;
        if (ng + 2 <= MAX_KEY) {
            key[0] = kpi_series_indicator(se);
            key[1] = kpi_series_area(se);
            for (size_t g = 0; g < ng; g++)
                key[2 + g] = kpi_series_group(se, g);
            cs = kpi_store_find(opt->counts, key);
        }
        x = count_at(cs, c->period);
        base = count_at(cs, c->base_period);
        if (isnan(x) || isnan(base)) {
            out->reason = "no count behind a rate";
            return;
        }
        decimals = kpi_series_decimals(cs);
        t = population_at(opt->population, kpi_series_area(se), c->period);
        base_t = population_at(opt->population, kpi_series_area(se), c->base_period);
    }
    kpi_significance_change(x, t, base, base_t, kpi_series_unit(se), decimals,
                            kpi_meta_find(opt->meta, kpi_series_indicator(se)), opt->alpha, out);
}

/* A cell's text, or NULL (an empty cell) when there is nothing to say. */
static const char *
fixed(bool present, double x, int decimals, char *buf, size_t size)
{
    if (!present)
        return NULL;
    kpi_value_format_fixed(x, decimals, false, buf, size);
    return buf;
}

static const char *
sig(bool present, double x, char *buf, size_t size)
{
    if (!present)
        return NULL;
    kpi_value_format_sig(x, KPI_SIGNIFICANCE_DIGITS, buf, size);
    return buf;
}

/* What every thread formatting rows of a change table shares. */
typedef struct change_job {
    const kpi_store *s;
    const kpi_change_options *opt;
    bool partial; /* the last column says which values are partial */
} change_job;

/* Texts of recent periods of one series, and of the values there, so
 * that a row's base period (a year back, usually) reuses what that row
 * formatted: direct-mapped by ordinal, TEXT_CACHE of them. */
#define TEXT_CACHE 32

typedef struct slot_text {
    bool used, has_value;
    int32_t ordinal;
    char period[KPI_PERIOD_TEXT_MAX];
    char value[48];
} slot_text;

/* The texts at p, a period of se's frequency; values with dec decimals. */
static const slot_text *
texts_at(slot_text *cache, const kpi_series *se, kpi_period p, int dec)
{
    slot_text *e = &cache[(uint32_t)p.ordinal % TEXT_CACHE];
    if (e->used && e->ordinal == p.ordinal)
        return e;
    e->used = true;
    e->ordinal = p.ordinal;
    kpi_period_format(p, e->period, sizeof e->period);
    ptrdiff_t i = kpi_series_index(se, p);
    e->has_value = i >= 0 && kpi_series_state(se, (size_t)i) == KPI_OBS_VALUE;
    if (e->has_value)
        kpi_value_format_fixed(kpi_series_value(se, (size_t)i), dec, false, e->value,
                               sizeof e->value);
    return e;
}

static kpi_status
change_rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    const change_job *job = ctx;
    const kpi_change_options *opt = job->opt;
    const char *row[KPI_TABLE_MAX_COLUMNS];
    slot_text cache[TEXT_CACHE];
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        int dec = kpi_series_decimals(se);
        for (size_t e = 0; e < TEXT_CACHE; e++)
            cache[e].used = false;
        st = kpi_table_series(t, se, err);
        size_t n = kpi_series_length(se);
        for (size_t i = opt->latest && n ? n - 1 : 0; i < n && st == KPI_OK; i++) {
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            kpi_change c;
            kpi_change_at(se, i, opt, &c);
            char change[48], pct[48], prev[48], cagr[48];
            const slot_text *now = texts_at(cache, se, c.period, dec);
            row[0] = now->period;
            row[1] = now->has_value ? now->value : NULL;
            row[2] = row[3] = NULL;
            if (c.base_period.freq != KPI_FREQ_NONE) {
                const slot_text *base = texts_at(cache, se, c.base_period, dec);
                row[2] = base->period;
                row[3] = base->has_value ? base->value : NULL;
            }
            row[4] = fixed(c.has_change, c.change, dec, change, sizeof change);
            row[5] = fixed(c.has_pct, c.pct_change, opt->decimals, pct, sizeof pct);
            row[6] = c.direction != KPI_DIRECTION_NONE ? kpi_direction_name(c.direction) : NULL;
            row[7] = fixed(c.has_prev_pct, c.prev_pct_change, opt->decimals, prev, sizeof prev);
            size_t next = 8;
            if (opt->cagr)
                row[next++] = fixed(c.has_cagr, c.cagr_pct, opt->decimals, cagr, sizeof cagr);
            char rr[32], lo[32], hi[32], p[32];
            if (opt->test) {
                kpi_rate_test r;
                kpi_change_test(se, &c, opt, &r);
                row[next++] = sig(r.has_ratio, r.rate_ratio, rr, sizeof rr);
                row[next++] = sig(r.has_test, r.rr_low, lo, sizeof lo);
                row[next++] = sig(r.has_high, r.rr_high, hi, sizeof hi);
                row[next++] = sig(r.has_test, r.p, p, sizeof p);
                row[next++] = r.has_test ? kpi_significance_name(r.significance) : NULL;
                row[next++] = r.reason[0] ? r.reason : NULL;
            }
            if (job->partial)
                row[next] = kpi_table_partial_cell(se, i);
            st = kpi_table_series_row(t, row, err);
        }
    }
    return st;
}

kpi_status
kpi_change_write(const kpi_store *s, const kpi_change_options *opt, FILE *out, kpi_format format,
                 kpi_error *err)
{
    enum { CAGR_COL = 8, FIRST_TEST_COL = 9, N_COLS = 15 };
    static const char *const names[] = {
        "period",     "value",   "base_period", "base_value", "change",  "pct_change",
        "direction",  "prev_pct_change", "cagr_pct", "rate_ratio", "rr_low", "rr_high",
        "p_value",    "significance", "test_note"};
    static const kpi_column_type types[] = {
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
        KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT};
    _Static_assert(sizeof names / sizeof names[0] == N_COLS, "every column named");
    _Static_assert(sizeof types / sizeof types[0] == N_COLS, "one type per column");
    const char *tail[N_COLS + 1];
    kpi_column_type tail_types[N_COLS + 1];
    size_t ntail = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if ((k == CAGR_COL && !opt->cagr) || (k >= FIRST_TEST_COL && !opt->test))
            continue;
        tail[ntail] = names[k];
        tail_types[ntail++] = types[k];
    }
    bool partial = kpi_store_has_partial(s);
    if (partial) {
        tail[ntail] = KPI_TABLE_PARTIAL_COLUMN;
        tail_types[ntail++] = KPI_COLUMN_TEXT;
    }
    kpi_table *t = kpi_table_new_keyed(out, format, s, tail, tail_types, ntail, err);
    if (!t)
        return err ? err->code : KPI_ENOMEM;
    size_t rows = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++)
        rows += opt->latest ? 1 : kpi_series_length(kpi_store_at(s, k));
    change_job job = {s, opt, partial};
    kpi_status st = kpi_parallel_rows(t, kpi_store_count(s), rows, change_rows, &job, err);
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    if (st == KPI_OK && end == KPI_OK && partial)
        end = kpi_table_partial_note(out, format, err);
    return st != KPI_OK ? st : end;
}
