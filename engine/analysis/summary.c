#include "kpi/summary.h"

#include <math.h>
#include <string.h>

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
    return change > 0   ? KPI_DIRECTION_INCREASE
           : change < 0 ? KPI_DIRECTION_DECREASE
                        : KPI_DIRECTION_NO_CHANGE;
}

/* Whether slot p of se holds a value built from incomplete data. */
static bool
partial_at(const kpi_series *se, kpi_period p)
{
    ptrdiff_t i = kpi_series_index(se, p);
    return i >= 0 && kpi_series_partial(se, (size_t)i);
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

/* "2025Q4 is partial (incomplete data), so it is left out of the test",
 * naming the partial periods of t's span, into buf; returns buf. */
static const char *
partial_left_out(const kpi_trend *t, char *buf, size_t size)
{
    size_t shown = t->partial < KPI_TREND_PARTIAL_SHOWN ? t->partial : KPI_TREND_PARTIAL_SHOWN;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < shown && len < size; k++) {
        char when[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(t->partial_periods[k], when, sizeof when);
        bool last = k + 1 == shown && t->partial == shown;
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                k == 0 ? ""
                                : last ? " and "
                                       : ", ",
                                when);
    }
    if (len < size && t->partial > shown)
        len += (size_t)snprintf(buf + len, size - len, " and %zu more", t->partial - shown);
    if (len < size)
        snprintf(buf + len, size - len, " %s partial (incomplete data), so %s left out of the test",
                 t->partial == 1 ? "is" : "are", t->partial == 1 ? "it is" : "they are");
    return buf;
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
    char why[KPI_SUMMARY_NOTE_MAX / 2];
    r->trend_n = t.n;
    if (t.partial > 0)
        note(r, "trend", partial_left_out(&t, why, sizeof why));
    if (t.n < KPI_SUMMARY_TREND_MIN) {
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
        if (last->period.ordinal == p.ordinal && last->partial)
            note(r, "variation", "the period is partial, not judged against the limits");
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
    /* A partial figure is shown, never compared: not with its base, not
     * with a target. */
    bool partial = r->partial = partial_at(se, p);
    bool base_partial = r->base_partial = partial_at(se, r->base_period);
    if (r->has_value && (partial || (r->has_base && base_partial)))
        note(r, "change",
             partial ? "the period is partial (incomplete data), so it is not compared"
                     : "the base period is partial (incomplete data), so it is not compared");
    if (r->has_value && r->has_base && !partial && !base_partial) {
        r->has_change = true;
        compare(r->value, r->base_value, dec, &r->change, &r->has_pct, &r->pct_change);
        r->direction = direction_of(r->change);
    }
    r->assessment = assess(r->direction, m ? m->better : KPI_BETTER_NONE);

    double before;
    if (r->has_base && !base_partial && !partial_at(se, kpi_period_year_ago(r->base_period)) &&
        value_at(se, kpi_period_year_ago(r->base_period), dec, NULL, &before)) {
        r->has_prev_change = true;
        compare(r->base_value, before, dec, &r->prev_change, &r->has_prev_pct, &r->prev_pct_change);
        r->prev_direction = direction_of(r->prev_change);
    }

    if (m && m->target_op != KPI_TARGET_NONE) {
        r->target_op = m->target_op;
        r->target = m->target;
        if (!partial)
            judge_target(r);
        else
            r->target_decimals = r->margin_decimals = decimals_of(r->target);
    }
    if (r->has_change) {
        kpi_significance_change(r->value, 1, r->base_value, 1, r->unit, kpi_series_decimals(se), m,
                                KPI_SIGNIFICANCE_ALPHA, &r->test);
        if (!r->test.has_test)
            note(r, "significance", r->test.reason);
    }
    if (r->state == KPI_OBS_ABSENT)
        return KPI_OK;
    kpi_status st = trend_to(se, p, r, err);
    return st != KPI_OK ? st : spc_to(se, m, p, r, err);
}
