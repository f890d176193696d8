#include "kpi/summary.h"

#include <math.h>
#include <string.h>

#include "kpi/store.h"
#include "kpi/value.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

const char *
kpi_assessment_name(kpi_assessment a)
{
    static const char *const names[] = {"", "good", "bad", "neutral"};
    return (unsigned)a < COUNT(names) ? names[a] : "";
}

const char *
kpi_target_status_name(kpi_target_status s)
{
    static const char *const names[] = {"", "met", "missed"};
    return (unsigned)s < COUNT(names) ? names[s] : "";
}

/* A month YYYY-MM also reads as the financial year YYYY-YY when MM is the
 * next year's last two digits, as in 2011-12. */
static bool
month_reads_as_fy(kpi_period p, kpi_period *fy)
{
    int32_t year = p.ordinal >= 0 ? p.ordinal / 12 : -((-p.ordinal + 11) / 12);
    int32_t month = p.ordinal - year * 12 + 1;
    if (year < 0 || month != (year + 1) % 100)
        return false;
    *fy = (kpi_period){KPI_FREQ_FYEAR, year};
    return true;
}

bool
kpi_summary_period(const kpi_series *se, const kpi_period *period, kpi_period *out)
{
    if (kpi_series_length(se) == 0)
        return false;
    if (!period) {
        *out = kpi_series_period(se, kpi_series_length(se) - 1);
        return true;
    }
    kpi_freq f = kpi_series_freq(se);
    if (period->freq == f) {
        *out = *period;
        return true;
    }
    if (period->freq == KPI_FREQ_MONTH && f == KPI_FREQ_FYEAR)
        return month_reads_as_fy(*period, out);
    return false;
}

/* The fewest decimals (0..15) that write x exactly, as its shortest form
 * shows them. */
static int
decimals_of(double x)
{
    char buf[48];
    kpi_value_format(x, buf, sizeof buf);
    const char *dot = strchr(buf, '.');
    if (!dot || strchr(buf, 'e'))
        return 0;
    size_t n = strspn(dot + 1, "0123456789");
    return n > 15 ? 15 : (int)n;
}

static kpi_direction
direction_of(double change)
{
    return change > 0 ? KPI_DIRECTION_INCREASE
           : change < 0 ? KPI_DIRECTION_DECREASE
                        : KPI_DIRECTION_NO_CHANGE;
}

/* The rounded value of slot p of se, when it holds one. */
static bool
value_at(const kpi_series *se, kpi_period p, int decimals, kpi_obs *state, double *out)
{
    ptrdiff_t i = kpi_series_index(se, p);
    kpi_obs st = i >= 0 ? kpi_series_state(se, (size_t)i) : KPI_OBS_ABSENT;
    if (state)
        *state = st;
    if (st != KPI_OBS_VALUE)
        return false;
    *out = kpi_value_round(kpi_series_value(se, (size_t)i), decimals);
    return true;
}

/* Change and percentage change from rounded figures; the change is
 * rounded again so that 30.2 - 30.0 is 0.2, not 0.1999999999999993. */
static void
compare(double value, double base, int decimals, double *change, bool *has_pct, double *pct)
{
    *change = kpi_value_round(value - base, decimals);
    *has_pct = base != 0;
    *pct = base != 0 ? 100.0 * *change / fabs(base) : 0;
}

static kpi_assessment
assess(kpi_direction d, kpi_better better)
{
    if (d == KPI_DIRECTION_NONE)
        return KPI_ASSESSMENT_NONE;
    if (d == KPI_DIRECTION_NO_CHANGE || better == KPI_BETTER_NONE)
        return KPI_ASSESSMENT_NEUTRAL;
    bool up = d == KPI_DIRECTION_INCREASE;
    return up == (better == KPI_BETTER_UP) ? KPI_ASSESSMENT_GOOD : KPI_ASSESSMENT_BAD;
}

static void
judge_target(kpi_summary_row *r)
{
    r->target_decimals = decimals_of(r->target);
    r->margin_decimals = r->decimals > r->target_decimals ? r->decimals : r->target_decimals;
    if (!r->has_value)
        return;
    double diff = kpi_value_round(r->value - r->target, r->margin_decimals);
    bool met = r->target_op == KPI_TARGET_LE ? diff <= 0 : diff >= 0;
    r->status = met ? KPI_TARGET_MET : KPI_TARGET_MISSED;
    r->margin = fabs(diff);
}

/* Add "what: why" to the row's note. */
static void
note(kpi_summary_row *r, const char *what, const char *why)
{
    size_t len = strlen(r->note);
    snprintf(r->note + len, sizeof r->note - len, "%s%s: %s", len ? "; " : "", what, why);
}

static kpi_status
trend_to(const kpi_series *se, kpi_period p, kpi_summary_row *r, kpi_error *err)
{
    kpi_trend_options opt = kpi_trend_options_default();
    opt.seasonal = false;
    opt.has_to = true;
    opt.to = p;
    kpi_trend t;
    kpi_status st = kpi_trend_series(se, &opt, NULL, &t, err);
    if (st != KPI_OK)
        return st;
    r->trend_n = t.n;
    if (t.n < KPI_SUMMARY_TREND_MIN) {
        char why[96];
        snprintf(why, sizeof why, "only %zu value%s; a trend test needs %d", t.n,
                 t.n == 1 ? "" : "s", KPI_SUMMARY_TREND_MIN);
        note(r, "trend", why);
    } else if (t.has_mann_kendall) {
        r->has_trend = true;
        r->trend = t.mann_kendall.trend;
        r->trend_p = t.mann_kendall.p;
    }
    return KPI_OK;
}

/* The XmR chart up to p: the variation of p's point, and the assurance of
 * its limits against the target. */
static kpi_status
spc_to(const kpi_series *se, const kpi_indicator_meta *m, kpi_period p, kpi_summary_row *r,
       kpi_error *err)
{
    kpi_spc_options opt = kpi_spc_options_default();
    opt.better = m ? m->better : KPI_BETTER_NONE;
    kpi_spc chart;
    kpi_status st = kpi_spc_series(se, &opt, &p, &chart, err);
    if (st == KPI_OK && chart.n < KPI_SPC_RELIABLE) {
        char why[96];
        snprintf(why, sizeof why, "only %zu value%s; process limits need %d", chart.n,
                 chart.n == 1 ? "" : "s", KPI_SPC_RELIABLE);
        note(r, "variation", why);
    } else if (st == KPI_OK) {
        const kpi_spc_point *last = &chart.points[chart.n - 1];
        if (last->period.ordinal == p.ordinal)
            r->variation = last->variation;
        if (r->target_op != KPI_TARGET_NONE)
            r->assurance = kpi_spc_assure(last, r->target, opt.better);
    }
    kpi_spc_free(&chart);
    return st;
}

kpi_status
kpi_summary_at(const kpi_series *se, const kpi_indicator_meta *m, const kpi_period *period,
               kpi_summary_row *out, kpi_error *err)
{
    kpi_period p;
    if (!kpi_summary_period(se, period, &p)) {
        char want[KPI_PERIOD_TEXT_MAX] = "";
        if (period)
            kpi_period_format(*period, want, sizeof want);
        return kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                             "series %s%s%s: expected a period of its frequency (%s), found '%s'",
                             kpi_series_indicator(se), kpi_series_area(se)[0] ? " " : "",
                             kpi_series_area(se), kpi_freq_name(kpi_series_freq(se)),
                             period ? want : "an empty series");
    }
    kpi_summary_row *r = out;
    memset(r, 0, sizeof *r);
    r->indicator = kpi_series_indicator(se);
    r->area = kpi_series_area(se);
    r->label = m ? m->label : r->indicator;
    r->unit = kpi_series_unit(se);
    r->decimals = m && m->decimals >= 0 ? m->decimals : kpi_series_decimals(se);
    r->period = p;
    r->base_period = kpi_period_year_ago(p);
    int dec = r->decimals;

    r->has_value = value_at(se, p, dec, &r->state, &r->value);
    r->has_base = value_at(se, r->base_period, dec, NULL, &r->base_value);
    if (r->has_value && r->has_base) {
        r->has_change = true;
        compare(r->value, r->base_value, dec, &r->change, &r->has_pct, &r->pct_change);
        r->direction = direction_of(r->change);
    }
    r->assessment = assess(r->direction, m ? m->better : KPI_BETTER_NONE);

    double before;
    if (r->has_base && value_at(se, kpi_period_year_ago(r->base_period), dec, NULL, &before)) {
        r->has_prev_change = true;
        compare(r->base_value, before, dec, &r->prev_change, &r->has_prev_pct,
                &r->prev_pct_change);
        r->prev_direction = direction_of(r->prev_change);
    }

    if (m && m->target_op != KPI_TARGET_NONE) {
        r->target_op = m->target_op;
        r->target = m->target;
        judge_target(r);
    }
    if (r->has_change) {
        kpi_significance_change(r->value, 1, r->base_value, 1, r->unit,
                                kpi_series_decimals(se), m, KPI_SIGNIFICANCE_ALPHA, &r->test);
        if (!r->test.has_test)
            note(r, "significance", r->test.reason);
    }
    if (r->state == KPI_OBS_ABSENT)
        return KPI_OK;
    kpi_status st = trend_to(se, p, r, err);
    return st != KPI_OK ? st : spc_to(se, m, p, r, err);
}

/* ---- the table ---------------------------------------------------------- */

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
text_or_null(const char *s)
{
    return s && s[0] ? s : NULL;
}

kpi_status
kpi_summary_write(const kpi_store *s, const kpi_meta *meta, const kpi_period *period, FILE *out,
                  kpi_format format, kpi_error *err)
{
    static const char *const tail[] = {
        "label",      "period",         "value",           "base_period", "base_value",
        "change",     "pct_change",     "direction",       "assessment",  "prev_pct_change",
        "trend",      "trend_p",        "target_op",       "target",      "target_status",
        "target_margin", "significance", "p_value",   "variation",     "assurance",
        "note",
    };
    static const kpi_column_type tail_types[] = {
        KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
        KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,
        KPI_COLUMN_TEXT,
    };
    _Static_assert(COUNT(tail) == COUNT(tail_types), "one type per column");
    enum { MAX_COLS = KPI_TABLE_MAX_COLUMNS };
    size_t ng = kpi_store_n_groups(s);
    kpi_table *t = kpi_table_new_keyed(out, format, s, tail, tail_types, COUNT(tail), err);
    if (!t)
        return err ? err->code : KPI_ENOMEM;
    kpi_status st = KPI_OK;
    for (size_t k = 0; k < kpi_store_count(s) && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_period p;
        if (!kpi_summary_period(se, period, &p))
            continue;
        kpi_summary_row r;
        st = kpi_summary_at(se, kpi_meta_find(meta, kpi_series_indicator(se)), &p, &r, err);
        if (st != KPI_OK || r.state == KPI_OBS_ABSENT)
            continue;
        char per[KPI_PERIOD_TEXT_MAX], base_per[KPI_PERIOD_TEXT_MAX];
        char value[48], base[48], change[48], pct[48], prev[48], tp[48], target[48], margin[48],
            pv[48];
        const char *cells[MAX_COLS];
        cells[0] = r.indicator;
        cells[1] = r.area;
        for (size_t g = 0; g < ng; g++)
            cells[2 + g] = kpi_series_group(se, g);
        const char **c = cells + 2 + ng;
        kpi_period_format(r.period, per, sizeof per);
        kpi_period_format(r.base_period, base_per, sizeof base_per);
        bool has_target = r.target_op != KPI_TARGET_NONE;
        c[0] = r.label;
        c[1] = per;
        c[2] = fixed(r.has_value, r.value, r.decimals, value, sizeof value);
        c[3] = base_per;
        c[4] = fixed(r.has_base, r.base_value, r.decimals, base, sizeof base);
        c[5] = fixed(r.has_change, r.change, r.decimals, change, sizeof change);
        c[6] = fixed(r.has_pct, r.pct_change, KPI_SUMMARY_PCT_DECIMALS, pct, sizeof pct);
        c[7] = text_or_null(kpi_direction_name(r.direction));
        c[8] = text_or_null(kpi_assessment_name(r.assessment));
        c[9] = fixed(r.has_prev_pct, r.prev_pct_change, KPI_SUMMARY_PCT_DECIMALS, prev,
                     sizeof prev);
        c[10] = r.has_trend ? kpi_trend_direction_name(r.trend) : NULL;
        c[11] = fixed(r.has_trend, r.trend_p, KPI_SUMMARY_P_DECIMALS, tp, sizeof tp);
        c[12] = has_target ? kpi_target_op_name(r.target_op) : NULL;
        c[13] = fixed(has_target, r.target, r.target_decimals, target, sizeof target);
        c[14] = text_or_null(kpi_target_status_name(r.status));
        c[15] = fixed(r.status != KPI_TARGET_STATUS_NONE, r.margin, r.margin_decimals, margin,
                      sizeof margin);
        c[16] = r.test.has_test ? kpi_significance_name(r.test.significance) : NULL;
        c[17] = NULL;
        if (r.test.has_test) {
            kpi_value_format_sig(r.test.p, KPI_SIGNIFICANCE_DIGITS, pv, sizeof pv);
            c[17] = pv;
        }
        c[18] = text_or_null(kpi_spc_variation_name(r.variation));
        c[19] = text_or_null(kpi_spc_assurance_name(r.assurance));
        c[20] = text_or_null(r.note);
        st = kpi_table_row(t, cells, err);
    }
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}
