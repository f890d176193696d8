#include "kpi/chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "chart_private.h"
#include "kpi/change.h"
#include "kpi/scale.h"
#include "kpi/store.h"
#include "kpi/trend.h"

/* ---- the object ------------------------------------------------------- */

kpi_chart_options
kpi_chart_options_default(void)
{
    return (kpi_chart_options){
        .dpi = 150.0,
        .decimals = -1,
        .latest_label = true,
        .better = KPI_BETTER_NONE,
        .scales = KPI_CHART_SCALES_SHARED,
    };
}

const char *
kpi_chart_type_name(kpi_chart_type type)
{
    static const char *const names[] = {"line",      "rolling", "yoy",       "multiples",
                                        "sparkline", "spc",     "milestones"};
    _Static_assert(sizeof names / sizeof names[0] == KPI_CHART_TYPE_LAST, "one name per type");
    return (unsigned)type < KPI_CHART_TYPE_LAST ? names[type] : "";
}

kpi_status
kpi_chart_type_parse(const char *name, kpi_chart_type *out, kpi_error *err)
{
    /* "line, rolling, ... or milestones", from the names themselves. */
    char expected[128] = "";
    size_t len = 0;
    for (kpi_chart_type t = KPI_CHART_LINE; t < KPI_CHART_TYPE_LAST; t++) {
        if (strcmp(name, kpi_chart_type_name(t)) == 0) {
            *out = t;
            return KPI_OK;
        }
        const char *sep = t == KPI_CHART_LINE ? "" : t + 1 == KPI_CHART_TYPE_LAST ? " or " : ", ";
        len += (size_t)snprintf(expected + len, sizeof expected - len, "%s%s", sep,
                                kpi_chart_type_name(t));
    }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "expected %s, found '%s'", expected, name);
}

kpi_status
kpi_chart_order_parse(const char *name, kpi_chart_order *out, kpi_error *err)
{
    static const char *const names[] = {"added", "latest", "name", "change"};
    _Static_assert(sizeof names / sizeof names[0] == KPI_CHART_ORDER_LAST, "one name per order");
    for (size_t k = 0; k < KPI_CHART_ORDER_LAST; k++) {
        if (strcmp(name, names[k]) == 0) {
            *out = (kpi_chart_order)k;
            return KPI_OK;
        }
    }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                         "expected added, latest, name or change, found '%s'", name);
}

static const kpi_chart_class *
class_of(kpi_chart_type t)
{
    switch (t) {
    case KPI_CHART_LINE:
    case KPI_CHART_ROLLING: return &kpi_chart_line_class;
    case KPI_CHART_YOY: return &kpi_chart_yoy_class;
    case KPI_CHART_MULTIPLES: return &kpi_chart_multiples_class;
    case KPI_CHART_SPARKLINE: return &kpi_chart_sparkline_class;
    case KPI_CHART_SPC: return &kpi_chart_spc_class;
    case KPI_CHART_MILESTONES: return &kpi_chart_milestones_class;
    default: return NULL;
    }
}

/* Copy s (NULL stays NULL).  Sets *ok to false when out of memory. */
static char *
dup_str(const char *s, bool *ok)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = kpi_malloc(n);
    if (!d) {
        *ok = false;
        return NULL;
    }
    memcpy(d, s, n);
    return d;
}

kpi_chart *
kpi_chart_new(kpi_chart_type type, const kpi_chart_options *opt, kpi_error *err)
{
    kpi_chart_options o = opt ? *opt : kpi_chart_options_default();
    const kpi_chart_class *cls = class_of(type);
    if (!cls) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "unknown chart type %d", (int)type);
        return NULL;
    }
    if (!(o.width >= 0.0) || !(o.height >= 0.0) || !isfinite(o.width) || !isfinite(o.height)) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "chart size must be positive, found %g x %g",
                      o.width, o.height);
        return NULL;
    }
    if (o.dpi == 0.0)
        o.dpi = 150.0;
    if (!(o.dpi >= 10.0 && o.dpi <= 2400.0)) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "dpi must be 10 to 2400, found %g", o.dpi);
        return NULL;
    }
    if ((unsigned)o.order >= KPI_CHART_ORDER_LAST) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "unknown panel order %d", (int)o.order);
        return NULL;
    }
    if (o.decimals < -1 || o.decimals > 6) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "decimals must be 0 to 6, found %d", o.decimals);
        return NULL;
    }
    kpi_chart *c = kpi_calloc(1, sizeof *c);
    if (!c) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory creating a chart");
        return NULL;
    }
    bool ok = true;
    c->type = type;
    c->cls = cls;
    c->title = dup_str(o.title, &ok);
    c->subtitle = dup_str(o.subtitle, &ok);
    c->source = dup_str(o.source, &ok);
    c->y_label = dup_str(o.y_label, &ok);
    c->width = o.width;
    c->height = o.height;
    c->dpi = o.dpi;
    c->decimals = o.decimals;
    c->latest_label = o.latest_label;
    c->y_zero = o.y_zero;
    c->trend = o.trend;
    c->better = o.better;
    c->scales = o.scales;
    c->order = o.order;
    if (o.spc) {
        c->spc = *o.spc;
        c->spc.n_rebase = 0;
        if (o.spc->n_rebase && (c->rebase = kpi_malloc(o.spc->n_rebase * sizeof *c->rebase))) {
            memcpy(c->rebase, o.spc->rebase, o.spc->n_rebase * sizeof *c->rebase);
            c->spc.n_rebase = o.spc->n_rebase;
        } else if (o.spc->n_rebase) {
            ok = false;
        }
        c->spc.rebase = c->rebase;
    }
    c->freq = KPI_FREQ_NONE;
    c->device_scale = 1.0;
    if (!ok) {
        kpi_chart_free(c);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory creating a chart");
        return NULL;
    }
    return c;
}

static void
free_series(kpi_plot_series *s)
{
    kpi_free(s->name);
    kpi_free(s->periods);
    kpi_free(s->values);
    kpi_free(s->trend);
    kpi_free(s->trend_lo);
    kpi_free(s->trend_hi);
    kpi_free(s->spc);
    kpi_free(s->partial);
}

void
kpi_chart_free(kpi_chart *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_series; i++)
        free_series(&c->series[i]);
    kpi_free(c->series);
    for (size_t i = 0; i < c->n_bars; i++)
        kpi_free(c->bars[i].label);
    kpi_free(c->bars);
    kpi_free(c->rebase);
    kpi_free(c->stacks);
    kpi_free(c->title);
    kpi_free(c->subtitle);
    kpi_free(c->source);
    kpi_free(c->y_label);
    kpi_free(c->target_label);
    kpi_free(c->boxes);
    kpi_free(c->panels);
    kpi_free(c);
}

kpi_status
kpi_chart_status(const kpi_chart *c)
{
    return c->err.code;
}

const kpi_error *
kpi_chart_error(const kpi_chart *c)
{
    return &c->err;
}

/* The one place a chart's status becomes sticky: the first error wins,
 * because later failures are usually consequences of it. */
static kpi_status
fail(kpi_chart *c, kpi_status code, const char *msg, const char *arg)
{
    if (c->err.code == KPI_OK)
        kpi_error_set(&c->err, code, NULL, 0, 0, "%s%s%s%s", msg, arg ? " '" : "", arg ? arg : "",
                      arg ? "'" : "");
    return c->err.code;
}

/* Make room for item n in *items, of *cap items of elem bytes, doubling
 * from first.  Returns false, changing nothing, when out of memory. */
static bool
room_for_one(void **items, size_t *cap, size_t n, size_t elem, size_t first)
{
    if (n < *cap)
        return true;
    size_t grown_cap = *cap ? 2 * *cap : first;
    void *grown = kpi_realloc(*items, grown_cap * elem);
    if (!grown)
        return false;
    *items = grown;
    *cap = grown_cap;
    return true;
}

static double *
copy_doubles(const double *v, size_t n, bool *ok)
{
    if (!v || !*ok)
        return NULL;
    double *d = kpi_malloc(n * sizeof *d);
    if (!d) {
        *ok = false;
        return NULL;
    }
    memcpy(d, v, n * sizeof *d);
    return d;
}

kpi_status
kpi_chart_add_series(kpi_chart *c, const kpi_chart_series *s)
{
    if (c->err.code != KPI_OK)
        return c->err.code;
    const char *name = s->name ? s->name : "";
    if (c->cls->takes_bars)
        return fail(c, KPI_EINVAL, "a year-on-year chart takes bars, not series: series", name);
    if (c->cls->takes_stacks)
        return fail(c, KPI_EINVAL, "a milestones chart takes milestone counts, not series: series",
                    name);
    if (s->n == 0 || !s->periods || !s->values)
        return fail(c, KPI_EINVAL, "a chart series needs at least one period: series", name);
    kpi_freq f = s->periods[0].freq;
    if (f == KPI_FREQ_NONE || f >= KPI_FREQ_LAST)
        return fail(c, KPI_EINVAL, "a chart series needs periods with a frequency: series", name);
    if (c->freq != KPI_FREQ_NONE && f != c->freq)
        return fail(c, KPI_EINVAL,
                    "every series of a chart must have one frequency, and this one differs:"
                    " series",
                    name);
    for (size_t i = 1; i < s->n; i++) {
        if (s->periods[i].freq != f)
            return fail(c, KPI_EINVAL, "a chart series mixes frequencies: series", name);
        if (s->periods[i].ordinal <= s->periods[i - 1].ordinal)
            return fail(c, KPI_EINVAL, "chart periods must strictly increase: series", name);
    }
    if (s->n > SIZE_MAX / sizeof(double))
        return fail(c, KPI_ENOMEM, "out of memory adding series", name);
    if (!room_for_one((void **)&c->series, &c->cap_series, c->n_series, sizeof *c->series, 4))
        return fail(c, KPI_ENOMEM, "out of memory adding series", name);
    bool ok = true;
    kpi_plot_series ps = {0};
    ps.n = s->n;
    ps.name = dup_str(name, &ok);
    ps.periods = ok ? kpi_malloc(s->n * sizeof *ps.periods) : NULL;
    ps.values = copy_doubles(s->values, s->n, &ok);
    ps.trend = copy_doubles(s->trend, s->n, &ok);
    if (s->trend) {
        ps.trend_lo = copy_doubles(s->trend_lo, s->n, &ok);
        ps.trend_hi = copy_doubles(s->trend_hi, s->n, &ok);
    }
    if (!ok || !ps.periods) {
        free_series(&ps);
        return fail(c, KPI_ENOMEM, "out of memory adding series", name);
    }
    memcpy(ps.periods, s->periods, s->n * sizeof *ps.periods);
    /* A point is a value only in the VALUE state with a finite number;
     * everything else becomes NaN, a gap, never zero. */
    for (size_t i = 0; i < s->n; i++) {
        bool present = (!s->states || s->states[i] == KPI_OBS_VALUE) && isfinite(ps.values[i]);
        if (!present)
            ps.values[i] = NAN;
    }
    /* Partial points are kept only where there is a value to mark. */
    for (size_t i = 0; s->partial && i < s->n && ok; i++) {
        if (!s->partial[i] || isnan(ps.values[i]))
            continue;
        if (!ps.partial && !(ps.partial = kpi_calloc(s->n, sizeof *ps.partial)))
            ok = false;
        else
            ps.partial[i] = true;
    }
    if (!ok) {
        free_series(&ps);
        return fail(c, KPI_ENOMEM, "out of memory adding series", name);
    }
    if ((ps.trend_lo == NULL) != (ps.trend_hi == NULL)) {
        kpi_free(ps.trend_lo);
        kpi_free(ps.trend_hi);
        ps.trend_lo = ps.trend_hi = NULL;
    }
    if (c->type == KPI_CHART_SPC && kpi_chart_spc_points(c, &ps, &c->err) != KPI_OK) {
        free_series(&ps);
        return c->err.code;
    }
    c->series[c->n_series++] = ps;
    c->freq = f;
    return KPI_OK;
}

/* The OLS trend of the values present and complete (a partial one is left
 * out, as kpi trend leaves it out), fitted on the slot index, and its 95%
 * band: 3n doubles (fit, low, high) the caller frees, or NULL when the
 * series is too short for a trend or memory runs out (no trend drawn). */
static double *
trend_band(const double *v, const bool *partial, size_t n)
{
    double *x = kpi_malloc((n ? n : 1) * 2 * sizeof *x);
    double *band = kpi_malloc((n ? n : 1) * 3 * sizeof *band);
    if (!x || !band)
        goto none;
    double *y = x + n;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]) && !partial[i]) {
            x[m] = (double)i;
            y[m++] = v[i];
        }
    kpi_ols o;
    if (kpi_trend_ols(x, y, m, &o, NULL) != KPI_OK)
        goto none;
    for (size_t i = 0; i < n; i++)
        kpi_trend_ols_band(&o, (double)i, &band[i], &band[n + i], &band[2 * n + i]);
    kpi_free(x);
    return band;
none:
    kpi_free(x);
    kpi_free(band);
    return NULL;
}

kpi_status
kpi_chart_add_store_series(kpi_chart *c, const kpi_series *se, const char *name)
{
    if (c->err.code != KPI_OK)
        return c->err.code;
    size_t n = kpi_series_length(se);
    if (!name)
        name = kpi_series_area(se)[0] ? kpi_series_area(se) : kpi_series_indicator(se);
    kpi_period *p = kpi_malloc((n ? n : 1) * sizeof *p);
    double *v = kpi_malloc((n ? n : 1) * sizeof *v);
    bool *partial = kpi_malloc((n ? n : 1) * sizeof *partial);
    if (!p || !v || !partial) {
        kpi_free(p);
        kpi_free(v);
        kpi_free(partial);
        return fail(c, KPI_ENOMEM, "out of memory adding series", name);
    }
    for (size_t i = 0; i < n; i++) {
        p[i] = kpi_series_period(se, i);
        v[i] = kpi_series_state(se, i) == KPI_OBS_VALUE ? kpi_series_value(se, i) : NAN;
        partial[i] = kpi_series_partial(se, i);
    }
    kpi_chart_series s = {.name = name, .periods = p, .values = v, .n = n, .partial = partial};
    double *band = c->trend ? trend_band(v, partial, n) : NULL;
    if (band) {
        s.trend = band;
        s.trend_lo = band + n;
        s.trend_hi = band + 2 * n;
    }
    kpi_status st = kpi_chart_add_series(c, &s);
    kpi_free(band);
    kpi_free(p);
    kpi_free(v);
    kpi_free(partial);
    return st;
}

kpi_status
kpi_chart_set_target(kpi_chart *c, double value, const char *label)
{
    if (c->err.code != KPI_OK)
        return c->err.code;
    if (c->type != KPI_CHART_LINE && c->type != KPI_CHART_ROLLING && c->type != KPI_CHART_SPC)
        return fail(c, KPI_EINVAL, "only line, rolling and spc charts draw a target line", NULL);
    if (!isfinite(value))
        return fail(c, KPI_EINVAL, "a target must be a finite number", NULL);
    bool ok = true;
    char *l = dup_str(label ? label : "Target", &ok);
    if (!ok)
        return fail(c, KPI_ENOMEM, "out of memory setting a target", NULL);
    kpi_free(c->target_label);
    c->target_label = l;
    c->target = value;
    c->has_target = true;
    return KPI_OK;
}

kpi_status
kpi_chart_set_meta(kpi_chart *c, const kpi_indicator_meta *m)
{
    if (c->err.code != KPI_OK || !m)
        return c->err.code;
    c->better = m->better;
    if (m->decimals >= 0 && c->decimals < 0)
        c->decimals = m->decimals > 6 ? 6 : m->decimals;
    if (!c->y_label && m->unit && m->unit[0]) {
        bool ok = true;
        c->y_label = dup_str(m->unit, &ok);
        if (!ok)
            return fail(c, KPI_ENOMEM, "out of memory reading metadata", NULL);
    }
    if (m->target_op != KPI_TARGET_NONE &&
        (c->type == KPI_CHART_LINE || c->type == KPI_CHART_ROLLING || c->type == KPI_CHART_SPC)) {
        char num[64], label[96];
        int d = m->decimals >= 0 ? (m->decimals > 6 ? 6 : m->decimals) : 0;
        if (d == 0 && m->target != floor(m->target))
            d = 1;
        kpi_scale_label(m->target, d, 0, num, sizeof num);
        /* U+2264 and U+2265: the symbols a printed target uses. */
        snprintf(label, sizeof label, "Target %s %s",
                 m->target_op == KPI_TARGET_LE ? "\xe2\x89\xa4" : "\xe2\x89\xa5", num);
        return kpi_chart_set_target(c, m->target, label);
    }
    return KPI_OK;
}

kpi_status
kpi_chart_add_bar(kpi_chart *c, const char *label, double pct, kpi_better better)
{
    return kpi_chart_add_tested_bar(c, label, pct, better, KPI_SIGNIFICANCE_NONE);
}

kpi_status
kpi_chart_add_tested_bar(kpi_chart *c, const char *label, double pct, kpi_better better,
                         kpi_significance significance)
{
    if (c->err.code != KPI_OK)
        return c->err.code;
    if (!c->cls->takes_bars)
        return fail(c, KPI_EINVAL, "only a year-on-year chart takes bars: bar", label);
    if (!room_for_one((void **)&c->bars, &c->cap_bars, c->n_bars, sizeof *c->bars, 8))
        return fail(c, KPI_ENOMEM, "out of memory adding bar", label);
    bool ok = true;
    char *l = dup_str(label ? label : "", &ok);
    if (!ok)
        return fail(c, KPI_ENOMEM, "out of memory adding bar", label);
    c->bars[c->n_bars++] = (kpi_plot_bar){l,     isfinite(pct) ? pct : NAN, better, significance,
                                          false, {KPI_FREQ_NONE, 0}};
    return KPI_OK;
}

kpi_status
kpi_chart_add_partial_bar(kpi_chart *c, const char *label, kpi_period period)
{
    if (kpi_chart_add_tested_bar(c, label, NAN, KPI_BETTER_NONE, KPI_SIGNIFICANCE_NONE) != KPI_OK)
        return c->err.code;
    c->bars[c->n_bars - 1].partial = true;
    c->bars[c->n_bars - 1].partial_period = period;
    return KPI_OK;
}

kpi_status
kpi_chart_add_milestones(kpi_chart *c, const kpi_milestones_view *v)
{
    if (c->err.code != KPI_OK)
        return c->err.code;
    if (!c->cls->takes_stacks)
        return fail(c, KPI_EINVAL, "only a milestones chart takes milestone counts", NULL);
    kpi_period p = v->period;
    if (c->n_stacks > 0) {
        kpi_period last = c->stacks[c->n_stacks - 1].period;
        if (p.freq != last.freq || p.ordinal <= last.ordinal)
            return fail(c, KPI_EINVAL, "milestone periods must strictly increase in one frequency",
                        NULL);
    }
    if (!room_for_one((void **)&c->stacks, &c->cap_stacks, c->n_stacks, sizeof *c->stacks, 8))
        return fail(c, KPI_ENOMEM, "out of memory adding milestone counts", NULL);
    kpi_plot_stack *s = &c->stacks[c->n_stacks++];
    s->period = p;
    memcpy(s->counts, v->all.by_status, sizeof s->counts);
    c->freq = p.freq;
    return KPI_OK;
}

/* ---- helpers shared by the chart types --------------------------------- */

void
kpi_chart_series_domain(const kpi_plot_series *s, kpi_domain *d)
{
    d->kind = KPI_DOMAIN_TIME;
    d->first = s->periods[0];
    d->last = s->periods[s->n - 1];
    kpi_chart_extend(&d->has_values, &d->lo, &d->hi, s->values, s->n);
}

unsigned
kpi_chart_value_flags(const kpi_chart *c)
{
    return (c->y_zero ? KPI_SCALE_ZERO : 0u) | (kpi_chart_integral(c) ? KPI_SCALE_INTEGER : 0u);
}

bool
kpi_chart_integral(const kpi_chart *c)
{
    for (size_t k = 0; k < c->n_series; k++) {
        const kpi_plot_series *s = &c->series[k];
        for (size_t i = 0; i < s->n; i++)
            if (isfinite(s->values[i]) && s->values[i] != floor(s->values[i]))
                return false;
    }
    return true;
}

int
kpi_chart_decimals(const kpi_chart *c)
{
    if (c->decimals >= 0)
        return c->decimals;
    return kpi_chart_integral(c) ? 0 : 1;
}

void
kpi_chart_extend(bool *has, double *lo, double *hi, const double *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        if (!*has) {
            *lo = *hi = v[i];
            *has = true;
        } else {
            *lo = fmin(*lo, v[i]);
            *hi = fmax(*hi, v[i]);
        }
    }
}

bool
kpi_chart_yoy(const kpi_plot_series *s, size_t i, double *pct, kpi_period *base)
{
    /* The change comes from the engine, so a chart label and `kpi change`
     * can never disagree: the points go into a one-series store. */
    kpi_store *st = kpi_store_new(0, NULL, NULL);
    if (!st)
        return false;
    const char *key[2] = {"chart", ""};
    kpi_series *se = kpi_store_intern(st, key, NULL);
    bool ok = se != NULL;
    for (size_t k = 0; ok && k < s->n; k++) {
        kpi_value v = {isfinite(s->values[k]) ? KPI_VALUE_NUMBER : KPI_VALUE_MISSING,
                       KPI_UNIT_PLAIN, s->values[k], 0};
        ok = kpi_series_put(se, s->periods[k], 0, &v, KPI_DUP_LAST, 0, NULL) == KPI_OK;
        /* A partial figure is never compared, here as in kpi change. */
        if (ok && kpi_chart_partial(s, k))
            kpi_series_set_partial(se, (size_t)kpi_series_index(se, s->periods[k]));
    }
    ptrdiff_t slot = ok ? kpi_series_index(se, s->periods[i]) : -1;
    kpi_change ch;
    kpi_change_options opt = kpi_change_options_default();
    if (slot >= 0)
        kpi_change_at(se, (size_t)slot, &opt, &ch);
    ok = slot >= 0 && ch.has_pct;
    if (ok) {
        *pct = ch.pct_change;
        *base = ch.base_period;
    }
    kpi_store_free(st);
    return ok;
}
