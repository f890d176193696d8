/* What a document says about each indicator.  Every figure is the summary
 * module's (kpi/summary.h), every sentence the sentence module's, so a
 * pack, a dashboard and kpi summary agree. */
#include "digest_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/significance.h"
#include "kpi/spc.h"
#include "kpi/value.h"

/* A line's trend needs enough points to mean something. */
#define TREND_MIN 6

const char *
kpi_digest_figure(kpi_unit unit, bool has, double x, int decimals, bool sign, char *buf,
                  size_t size)
{
    if (!has || !isfinite(x)) {
        snprintf(buf, size, "\xe2\x80\x93"); /* an en dash: no figure */
        return buf;
    }
    char num[KPI_VALUE_TEXT_MAX];
    kpi_value_format_fixed(x, decimals, true, num, sizeof num);
    bool prefix = false;
    const char *sym = kpi_unit_symbol(unit, &prefix);
    const char *plus = sign && num[0] != '-' && kpi_value_round(x, decimals) != 0.0 ? "+" : "";
    const char *neg = num[0] == '-' ? "-" : "";
    const char *digits = num[0] == '-' ? num + 1 : num;
    if (prefix)
        snprintf(buf, size, "%s%s%s%s", plus, neg, sym, digits);
    else
        snprintf(buf, size, "%s%s%s%s", plus, neg, digits, sym);
    return buf;
}

static const char *
percent(bool has, double pct, char *buf, size_t size)
{
    return kpi_digest_figure(KPI_UNIT_PERCENT, has, pct, KPI_SUMMARY_PCT_DECIMALS, true, buf, size);
}

/* The target cell: its status and the target, "met (\u2264 10)". */
static void
target_cell(const kpi_summary_row *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (r->target_op == KPI_TARGET_NONE)
        return;
    char t[KPI_VALUE_TEXT_MAX];
    kpi_value_format_fixed(r->target, r->target_decimals, true, t, sizeof t);
    const char *op = r->target_op == KPI_TARGET_LE ? "\xe2\x89\xa4" : "\xe2\x89\xa5";
    const char *status = kpi_target_status_name(r->status);
    snprintf(buf, size, "%s%s(%s %s)", status, status[0] ? " " : "", op, t);
}

/* The significance of the row's change as counts: the summary row's
 * exact test (kpi/significance.h); false when there is none (averages,
 * percentages, a missing base). */
static bool
significance_cell(const kpi_summary_row *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!r->test.has_test)
        return false;
    snprintf(buf, size, "%s", kpi_significance_name(r->test.significance));
    return true;
}

/* The SPC variation in words; false when the row has none. */
static bool
variation_cell(const kpi_summary_row *r, char *buf, size_t size)
{
    static const char *const words[KPI_SPC_VARIATION_LAST] = {
        [KPI_SPC_COMMON] = "common cause",
        [KPI_SPC_IMPROVEMENT] = "special cause: improvement",
        [KPI_SPC_CONCERN] = "special cause: concern",
        [KPI_SPC_NEUTRAL_HIGH] = "special cause: high",
        [KPI_SPC_NEUTRAL_LOW] = "special cause: low",
    };
    const char *w = (unsigned)r->variation < KPI_SPC_VARIATION_LAST ? words[r->variation] : NULL;
    snprintf(buf, size, "%s", w ? w : "");
    return w != NULL;
}

/* The last KPI_DIGEST_RECENT_MAX periods of the series up to the row's
 * that are in the data (a figure, or one marked missing), each with the
 * summary module's value and change on a year earlier. */
static kpi_status
fill_recent(kpi_digest_entry *e, kpi_error *err)
{
    const kpi_series *se = e->se;
    size_t len = kpi_series_length(se);
    size_t end = 0;
    while (end < len && kpi_period_cmp(kpi_series_period(se, end), e->row.period) <= 0)
        end++;
    size_t pick[KPI_DIGEST_RECENT_MAX], n = 0;
    for (size_t i = end; i-- > 0;) {
        kpi_obs state = kpi_series_state(se, i);
        e->n_values += state == KPI_OBS_VALUE;
        if (state != KPI_OBS_ABSENT && n < KPI_DIGEST_RECENT_MAX)
            pick[n++] = i;
    }
    e->n_recent = 0;
    while (n > 0) {
        kpi_period p = kpi_series_period(se, pick[--n]);
        kpi_summary_row r;
        kpi_status st = kpi_summary_at(se, e->m, &p, &r, err);
        if (st != KPI_OK)
            return st;
        kpi_digest_recent *c = &e->recent[e->n_recent++];
        c->p = p;
        kpi_period_format(p, c->period, sizeof c->period);
        kpi_digest_figure(r.unit, r.has_value, r.value, r.decimals, false, c->value,
                          sizeof c->value);
        percent(r.has_pct, r.pct_change, c->pct, sizeof c->pct);
    }
    return KPI_OK;
}

/* How many series of the store have this indicator: an area is named in
 * headings only when there is more than one. */
static size_t
indicator_series(const kpi_store *s, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_store_count(s); i++)
        n += strcmp(kpi_series_indicator(kpi_store_at(s, i)), id) == 0;
    return n;
}

static kpi_status
fill_entry(kpi_digest *d, const kpi_store *s, const kpi_meta *meta, const kpi_series *se,
           const kpi_summary_row *row, kpi_digest_entry *e, kpi_error *err)
{
    e->se = se;
    e->m = kpi_meta_find_series(meta, se);
    e->row = *row;
    const kpi_summary_row *r = &e->row;
    bool named_area = r->area[0] && indicator_series(s, r->indicator) > 1;
    snprintf(e->heading, sizeof e->heading, "%s%s%s", r->label, named_area ? " \xe2\x80\x93 " : "",
             named_area ? r->area : "");
    char per[KPI_PERIOD_TEXT_MAX], base[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(r->period, per, sizeof per);
    kpi_period_format(r->base_period, base, sizeof base);
    snprintf(e->sub, sizeof e->sub, "%s%s%s, compared with %s", per, r->area[0] ? " \xc2\xb7 " : "",
             r->area, base);
    size_t n = kpi_sentence(r, e->m, e->sentence, sizeof e->sentence);
    if (n == 0)
        snprintf(e->sentence, sizeof e->sentence, "%s: no figure for %s.", r->label, per);

    char(*c)[KPI_DIGEST_CELL_MAX] = e->cells;
    const size_t cell = KPI_DIGEST_CELL_MAX;
    snprintf(c[KPI_DIGEST_COL_LABEL], cell, "%s", e->heading);
    snprintf(c[KPI_DIGEST_COL_PERIOD], cell, "%s", per);
    kpi_digest_figure(r->unit, r->has_value, r->value, r->decimals, false, c[KPI_DIGEST_COL_VALUE],
                      cell);
    kpi_digest_figure(r->unit, r->has_base, r->base_value, r->decimals, false,
                      c[KPI_DIGEST_COL_BASE], cell);
    kpi_digest_figure(r->unit == KPI_UNIT_PERCENT ? KPI_UNIT_PLAIN : r->unit, r->has_change,
                      r->change, r->decimals, true, c[KPI_DIGEST_COL_CHANGE], cell);
    if (r->unit == KPI_UNIT_PERCENT && r->has_change)
        strncat(c[KPI_DIGEST_COL_CHANGE], " pts", cell - strlen(c[KPI_DIGEST_COL_CHANGE]) - 1);
    percent(r->has_pct, r->pct_change, c[KPI_DIGEST_COL_PCT], cell);
    if (significance_cell(r, c[KPI_DIGEST_COL_SIGNIF], cell)) {
        d->has_signif = true;
        /* p as the summary prints it, or a bound when it rounds to 0. */
        char p[KPI_VALUE_TEXT_MAX + 8] = "p < 0.001";
        if (kpi_value_round(r->test.p, KPI_SUMMARY_P_DECIMALS) > 0.0) {
            strcpy(p, "p = ");
            kpi_value_format_fixed(r->test.p, KPI_SUMMARY_P_DECIMALS, false, p + 4, sizeof p - 4);
        }
        size_t used = strlen(e->sub);
        snprintf(e->sub + used, sizeof e->sub - used, " \xc2\xb7 %s (%s)", c[KPI_DIGEST_COL_SIGNIF],
                 p);
    }
    target_cell(r, c[KPI_DIGEST_COL_TARGET], cell);
    d->has_variation |= variation_cell(r, c[KPI_DIGEST_COL_VARIATION], cell);
    return fill_recent(e, err);
}

static bool
listed(const char *name, const char *const *list, size_t n)
{
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

kpi_status
kpi_digest_collect(kpi_digest *d, const kpi_store *s, const kpi_meta *meta,
                   const kpi_period *period, const kpi_digest_select *sel, kpi_error *err)
{
    *d = (kpi_digest){0};
    size_t total = kpi_store_count(s);
    d->entries = kpi_calloc(total ? total : 1, sizeof *d->entries);
    if (!d->entries)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < total; k++) {
        const kpi_series *se = kpi_store_at(s, k);
        if (sel && (!listed(kpi_series_indicator(se), sel->indicators, sel->n_indicators) ||
                    !listed(kpi_series_area(se), sel->areas, sel->n_areas)))
            continue;
        kpi_period p;
        if (!kpi_summary_period(se, period, &p))
            continue;
        kpi_summary_row r;
        kpi_status st = kpi_summary_at(se, kpi_meta_find_series(meta, se), &p, &r, err);
        if (st != KPI_OK)
            return st;
        if (r.state == KPI_OBS_ABSENT)
            continue;
        if ((st = fill_entry(d, s, meta, se, &r, &d->entries[d->n], err)) != KPI_OK)
            return st;
        d->n++;
    }
    return KPI_OK;
}

void
kpi_digest_fini(kpi_digest *d)
{
    kpi_free(d->entries);
    *d = (kpi_digest){0};
}

kpi_chart *
kpi_digest_chart(const kpi_digest_entry *e, bool spc, double width, double height, kpi_error *err)
{
    kpi_chart_options o = kpi_chart_options_default();
    o.width = width;
    o.height = height;
    bool yearly = kpi_period_per_year(kpi_series_freq(e->se)) <= 1;
    kpi_chart_type type = spc && !yearly && e->n_values >= KPI_SPC_RELIABLE ? KPI_CHART_SPC
                                                                            : KPI_CHART_LINE;
    /* The section's heading names the indicator. */
    o.trend = type == KPI_CHART_LINE && e->n_values >= TREND_MIN;
    kpi_chart *c = kpi_chart_new(type, &o, err);
    if (!c)
        return NULL;
    kpi_chart_add_store_series(c, e->se, e->row.area[0] ? e->row.area : e->row.label);
    kpi_chart_set_meta(c, e->m);
    if (kpi_chart_status(c) != KPI_OK) {
        if (err)
            *err = *kpi_chart_error(c);
        kpi_chart_free(c);
        return NULL;
    }
    return c;
}
