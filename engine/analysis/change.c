#include "kpi/change.h"

#include "significance_private.h"

#include <math.h>
#include <string.h>

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

/* Why slot i of se cannot be compared with slot b (either -1 when
 * outside the series), or NULL when it can. */
static const char *
not_comparable(const kpi_series *se, ptrdiff_t i, ptrdiff_t b)
{
    if (i < 0 || kpi_series_state(se, (size_t)i) != KPI_OBS_VALUE)
        return "value is missing";
    if (b < 0)
        return "no base period in the data";
    kpi_obs base = kpi_series_state(se, (size_t)b);
    if (base != KPI_OBS_VALUE)
        return base != KPI_OBS_ABSENT ? "base value is missing" : "no base period in the data";
    /* A figure added up over an incomplete set is shown, marked, but never
     * compared: part of a year against a whole one is no change at all. */
    if (kpi_series_partial(se, (size_t)i) || kpi_series_partial(se, (size_t)b))
        return "a partial figure is not compared";
    return NULL;
}

static double
pct_of(double change, double base)
{
    return 100.0 * change / fabs(base);
}

/* The comparison of p (slot i) with base (slot b), without the previous
 * step. */
static void
compare(const kpi_series *se, kpi_period p, ptrdiff_t i, kpi_period base, ptrdiff_t b,
        kpi_change *c)
{
    *c = (kpi_change){
        .period = p,
        .state = i >= 0 ? kpi_series_state(se, (size_t)i) : KPI_OBS_ABSENT,
        .value = i >= 0 ? kpi_series_value(se, (size_t)i) : NAN,
        .has_base = b >= 0,
        .base_period = base,
        .base_state = b >= 0 ? kpi_series_state(se, (size_t)b) : KPI_OBS_ABSENT,
        .base_value = b >= 0 ? kpi_series_value(se, (size_t)b) : NAN,
        .reason = not_comparable(se, i, b),
    };
    if (c->reason)
        return;
    c->reason = "";
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
    c->pct_change = pct_of(c->change, c->base_value);
}

void
kpi_change_at(const kpi_series *se, size_t i, const kpi_change_options *opt, kpi_change *out)
{
    kpi_period p = kpi_series_period(se, i), base = base_of(se, p, opt);
    ptrdiff_t b = kpi_series_index(se, base);
    compare(se, p, (ptrdiff_t)i, base, b, out);
    if (opt->vs == KPI_VS_FIXED && opt->base.freq != p.freq) {
        out->base_period.freq = KPI_FREQ_NONE;
        if (out->state == KPI_OBS_VALUE)
            out->reason = "the base period is of another frequency";
    }
    /* "The increase had been +22% the previous year": the same comparison
     * one step back, where a step is a year for year-on-year changes.
     * Only its percentage is wanted, for every row, so the rest of the
     * comparison is not made. */
    if (opt->vs != KPI_VS_FIXED) {
        ptrdiff_t before = kpi_series_index(se, base_of(se, base, opt));
        out->has_prev_pct = !not_comparable(se, b, before) &&
                            kpi_series_value(se, (size_t)before) != 0;
        out->prev_pct_change = out->has_prev_pct ? pct_of(kpi_series_value(se, (size_t)b) -
                                                              kpi_series_value(se, (size_t)before),
                                                          kpi_series_value(se, (size_t)before))
                                                 : 0.0;
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
    const kpi_significance_texts *text;
    kpi_change_test_memo(se, c, opt, NULL, out, &text);
}

void
kpi_change_test_prefetch(const kpi_change *c, const kpi_change_options *opt,
                         const kpi_significance_memo *memo, bool entry)
{
    /* Counts from another store cost a search of it, which a hint is
     * not worth. */
    if (c->has_change && !(opt->counts && opt->population))
        kpi_significance_memo_prefetch(memo, c->value, 1, c->base_value, 1, entry);
}

void
kpi_change_test_memo(const kpi_series *se, const kpi_change *c, const kpi_change_options *opt,
                     kpi_significance_memo *memo, kpi_rate_test *out,
                     const kpi_significance_texts **text)
{
    memset(out, 0, sizeof *out);
    *text = NULL;
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
    kpi_significance_change_memo(x, t, base, base_t, kpi_series_unit(se), decimals,
                                 kpi_meta_find(opt->meta, kpi_series_indicator(se)), opt->alpha,
                                 memo, out, text);
}
