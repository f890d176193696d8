/* kpi_table_write_change: the changes kpi_change_at computes, as a table. */
#include "kpi/table.h"

#include <assert.h>

#include "kpi/value.h"
#include "significance_private.h"
#include "table_private.h"

/* What every thread formatting rows of a change table shares. */
typedef struct change_job {
    const kpi_store *s;
    const kpi_change_options *opt;
    bool partial; /* the last column says which values are partial */
    /* With the test: the memo of tests every worker shares (a test met
     * by one is one the others need not run); NULL when out of memory,
     * which only costs time. */
    kpi_significance_memo *memo;
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
        kpi_table_fixed(true, kpi_series_value(se, (size_t)i), dec, e->value, sizeof e->value);
    return e;
}

/* Rows are compared this many ahead of the one being written, so that
 * the memo's index slot of a row's test is fetched AHEAD rows early and
 * its entry AHEAD / 2 rows early: a million rows' tests spread over 17 MB
 * miss the cache nearly every time, and those misses, waited for one by
 * one, were a quarter of the CPU of kpi change --test. */
enum { AHEAD = 16, RING = 32 };
_Static_assert(RING > AHEAD, "the ring keeps the rows ahead and the current one");

/* The comparison of row i of se into ring, and its test's slot fetched. */
static void
change_ahead(const change_job *job, const kpi_series *se, size_t i, kpi_change *ring)
{
    if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
        return;
    kpi_change *c = &ring[i % RING];
    kpi_change_at(se, i, job->opt, c);
    if (job->opt->test)
        kpi_change_test_prefetch(c, job->opt, job->memo, false);
}

static kpi_status
change_rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    change_job *job = ctx;
    const kpi_change_options *opt = job->opt;
    const char *row[KPI_TABLE_MAX_COLUMNS];
    slot_text cache[TEXT_CACHE];
    kpi_change ring[RING];
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        int dec = kpi_series_decimals(se);
        for (size_t e = 0; e < TEXT_CACHE; e++)
            cache[e].used = false;
        st = kpi_table_series(t, se, err);
        size_t n = kpi_series_length(se), from = opt->latest && n ? n - 1 : 0;
        for (size_t i = from; i < from + AHEAD && i < n; i++)
            change_ahead(job, se, i, ring);
        for (size_t i = from; i < n && st == KPI_OK; i++) {
            if (i + AHEAD < n)
                change_ahead(job, se, i + AHEAD, ring);
            size_t soon = i + AHEAD / 2;
            if (opt->test && soon < n && kpi_series_state(se, soon) != KPI_OBS_ABSENT)
                kpi_change_test_prefetch(&ring[soon % RING], opt, job->memo, true);
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            const kpi_change *c = &ring[i % RING];
            char change[48], pct[48], prev[48], cagr[48];
            const slot_text *now = texts_at(cache, se, c->period, dec);
            row[0] = now->period;
            row[1] = now->has_value ? now->value : NULL;
            row[2] = row[3] = NULL;
            if (c->base_period.freq != KPI_FREQ_NONE) {
                const slot_text *base = texts_at(cache, se, c->base_period, dec);
                row[2] = base->period;
                row[3] = base->has_value ? base->value : NULL;
            }
            row[4] = kpi_table_fixed(c->has_change, c->change, dec, change, sizeof change);
            row[5] = kpi_table_fixed(c->has_pct, c->pct_change, opt->decimals, pct, sizeof pct);
            row[6] = c->direction != KPI_DIRECTION_NONE ? kpi_direction_name(c->direction) : NULL;
            row[7] = kpi_table_fixed(c->has_prev_pct, c->prev_pct_change, opt->decimals, prev,
                                     sizeof prev);
            size_t next = 8;
            if (opt->cagr)
                row[next++] = kpi_table_fixed(c->has_cagr, c->cagr_pct, opt->decimals, cagr,
                                              sizeof cagr);
            char rr[32], lo[32], hi[32], p[32];
            if (opt->test) {
                kpi_rate_test r;
                const kpi_significance_texts *text;
                kpi_change_test_memo(se, c, opt, job->memo, &r, &text);
                if (text) {
                    for (size_t j = 0; j < KPI_TEXT_NUMBERS; j++)
                        row[next++] = kpi_table_text(text->text + text->at[j]);
                } else {
                    row[next++] = kpi_table_sig(r.has_ratio, r.rate_ratio, KPI_SIGNIFICANCE_DIGITS,
                                                rr, sizeof rr);
                    row[next++] = kpi_table_sig(r.has_test, r.rr_low, KPI_SIGNIFICANCE_DIGITS, lo,
                                                sizeof lo);
                    row[next++] = kpi_table_sig(r.has_high, r.rr_high, KPI_SIGNIFICANCE_DIGITS, hi,
                                                sizeof hi);
                    row[next++] = kpi_table_sig(r.has_test, r.p, KPI_SIGNIFICANCE_DIGITS, p,
                                                sizeof p);
                }
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
kpi_table_write_change(const kpi_store *s, const kpi_change_options *copt, FILE *out,
                       const kpi_table_options *opt, kpi_error *err)
{
    assert(s && copt && out);
    enum { CAGR_COL = 8, FIRST_TEST_COL = 9, N_COLS = 15 };
    static const char *const names[] = {
        "period",     "value",     "base_period",     "base_value",   "change",
        "pct_change", "direction", "prev_pct_change", "cagr_pct",     "rate_ratio",
        "rr_low",     "rr_high",   "p_value",         "significance", "test_note"};
    static const kpi_column_type types[] = {KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
                                            KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
                                            KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
                                            KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
                                            KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT};
    _Static_assert(sizeof names / sizeof names[0] == N_COLS, "every column named");
    _Static_assert(sizeof types / sizeof types[0] == N_COLS, "one type per column");
    kpi_table_options defaults = kpi_table_options_default();
    if (!opt)
        opt = &defaults;
    const char *tail[N_COLS + 1];
    kpi_column_type tail_types[N_COLS + 1];
    size_t ntail = 0;
    for (size_t k = 0; k < N_COLS; k++) {
        if ((k == CAGR_COL && !copt->cagr) || (k >= FIRST_TEST_COL && !copt->test))
            continue;
        tail[ntail] = names[k];
        tail_types[ntail++] = types[k];
    }
    size_t rows = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++)
        rows += copt->latest ? 1 : kpi_series_length(kpi_store_at(s, k));
    change_job job = {.s = s,
                      .opt = copt,
                      .partial = kpi_store_has_partial(s),
                      .memo = copt->test ? kpi_significance_memo_new() : NULL};
    kpi_status st = kpi_table_write_keyed(out, s, opt, tail, tail_types, ntail, job.partial, rows,
                                          change_rows, &job, err);
    kpi_significance_memo_free(job.memo);
    return st;
}
