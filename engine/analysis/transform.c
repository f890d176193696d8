#include "kpi/transform.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/population.h"
#include "kpi/rollup.h"
#include "kpi/store.h"
#include "kpi/value.h"
#include "store_private.h"

/* ---- exact aggregation ------------------------------------------------- */

/* Whole numbers up to 2^53 add exactly as doubles, but decimals do not:
 * 0.1 + 0.2 is not 0.3.  So values are added as integers scaled by
 * 10^decimals (the most decimals any of them was written with), and
 * divided back once at the end.  Past 9 decimals or 2^53 the accumulator
 * falls back to compensated (Neumaier) summation. */
#define EXACT_MAX_DECIMALS 9

typedef struct acc {
    kpi_agg how;
    double scale; /* 10^decimals */
    int exact;
    int64_t isum;
    double fsum, comp;
    size_t n;
    double last;
} acc;

static const double p10[EXACT_MAX_DECIMALS + 1] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                                   1e5, 1e6, 1e7, 1e8, 1e9};

static void
acc_init(acc *a, kpi_agg how, int decimals)
{
    *a = (acc){.how = how, .exact = decimals >= 0 && decimals <= EXACT_MAX_DECIMALS};
    a->scale = a->exact ? p10[decimals] : 1.0;
}

static void
acc_float(acc *a, double v)
{
    double t = a->fsum + v;
    a->comp += fabs(a->fsum) >= fabs(v) ? (a->fsum - t) + v : (v - t) + a->fsum;
    a->fsum = t;
}

static void
acc_add(acc *a, double v)
{
    a->n++;
    a->last = v;
    if (a->exact) {
        double s = v * a->scale;
        double r = nearbyint(s);
        if (fabs(r) < KPI_VALUE_EXACT_LIMIT / 2 &&
            fabs((double)a->isum) < KPI_VALUE_EXACT_LIMIT / 2) {
            a->isum += (int64_t)r;
            return;
        }
        a->exact = 0;
        a->fsum = (double)a->isum / a->scale;
        a->comp = 0;
    }
    acc_float(a, v);
}

static double
acc_sum(const acc *a)
{
    return a->exact ? (double)a->isum / a->scale : a->fsum + a->comp;
}

/* Across areas a stock adds up; over time it is the last value. */
static double
acc_result(const acc *a, int across_areas)
{
    switch (a->how) {
    case KPI_AGG_MEAN: return acc_sum(a) / (double)a->n;
    case KPI_AGG_LAST: return across_areas ? acc_sum(a) : a->last;
    default: return acc_sum(a);
    }
}

/* ---- shared helpers ------------------------------------------------------ */

static kpi_agg
aggregation(const kpi_meta *meta, const kpi_series *se)
{
    const kpi_indicator_meta *m = kpi_meta_find(meta, kpi_series_indicator(se));
    return m ? m->aggregation : KPI_AGG_SUM;
}

/* Decimals a derived value prints with: the metadata's, else the source's,
 * with one more for a mean. */
static int
derived_decimals(const kpi_meta *meta, const kpi_series *se, kpi_agg how, int source)
{
    const kpi_indicator_meta *m = kpi_meta_find(meta, kpi_series_indicator(se));
    if (m && m->decimals >= 0)
        return m->decimals;
    return how == KPI_AGG_MEAN && source < 6 ? source + 1 : source;
}

static kpi_store *
empty_like(const kpi_store *s, kpi_error *err)
{
    size_t ng = kpi_store_n_groups(s);
    const char *names[64];
    if (ng > sizeof names / sizeof names[0]) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "too many grouping columns (%zu)", ng);
        return NULL;
    }
    for (size_t g = 0; g < ng; g++)
        names[g] = kpi_store_group_name(s, g);
    return kpi_store_new(ng, names, err);
}

/* The key of se, with its area replaced when area is not NULL. */
static kpi_series *
intern_like(kpi_store *out, const kpi_series *se, const char *area, size_t ng, kpi_error *err)
{
    const char *key[66];
    key[0] = kpi_series_indicator(se);
    key[1] = area ? area : kpi_series_area(se);
    for (size_t g = 0; g < ng; g++)
        key[2 + g] = kpi_series_group(se, g);
    return kpi_store_intern(out, key, err);
}

static kpi_status
put(kpi_series *out, kpi_period p, kpi_obs state, double x, kpi_unit unit, int decimals,
    kpi_error *err)
{
    kpi_value v = {.kind = state == KPI_OBS_VALUE        ? KPI_VALUE_NUMBER
                           : state == KPI_OBS_SUPPRESSED ? KPI_VALUE_SUPPRESSED
                                                         : KPI_VALUE_MISSING,
                   .unit = unit,
                   .number = x,
                   .decimals = decimals};
    return kpi_series_put(out, p, 0, &v, KPI_DUP_ERROR, 0, err);
}

/* Aggregate slots [from, to] of se when every one holds a value, or, with
 * partial, over those that do.  Returns how many held a value. */
static size_t
aggregate_span(const kpi_series *se, ptrdiff_t from, ptrdiff_t to, kpi_agg how, acc *a)
{
    acc_init(a, how, kpi_series_decimals(se));
    size_t n = kpi_series_length(se), present = 0;
    for (ptrdiff_t i = from; i <= to; i++) {
        if (i < 0 || (size_t)i >= n || kpi_series_state(se, (size_t)i) != KPI_OBS_VALUE)
            continue;
        acc_add(a, kpi_series_value(se, (size_t)i));
        present++;
    }
    return present;
}

/* Append text to a comma-or-semicolon list in buf, ending it with "..."
 * once it is full. */
static void
list_add(char *buf, size_t size, const char *sep, const char *text)
{
    size_t len = strlen(buf);
    if (len >= 3 && strcmp(buf + len - 3, "...") == 0)
        return;
    int w = snprintf(buf + len, size - len, "%s%s", len ? sep : "", text);
    if (w < 0 || (size_t)w >= size - len)
        memcpy(buf + size - 4, "...", 4);
}

/* How many incomplete periods are named in the stats; the count says how
 * many there were in all. */
#define EXAMPLES_MAX 3

/* Count an incomplete period p of series se (with ng groups; area: its
 * area, or the parent's for a roll-up), kept partial or not, naming the
 * first few. */
static void
note_incomplete(kpi_transform_stats *st, const kpi_series *se, size_t ng, const char *area,
                kpi_period p, bool kept)
{
    st->incomplete++;
    if (kept)
        st->kept_partial++;
    if (st->incomplete > EXAMPLES_MAX + 1)
        return;
    if (st->incomplete == EXAMPLES_MAX + 1) {
        list_add(st->examples, sizeof st->examples, "", "; ...");
        return;
    }
    char period[KPI_PERIOD_TEXT_MAX], text[160];
    kpi_period_format(p, period, sizeof period);
    if (!area)
        area = kpi_series_area(se);
    snprintf(text, sizeof text, "%s", kpi_series_indicator(se));
    if (*area)
        list_add(text, sizeof text, ", ", area);
    for (size_t g = 0; g < ng; g++)
        list_add(text, sizeof text, ", ", kpi_series_group(se, g));
    list_add(text, sizeof text, ", ", period);
    list_add(st->examples, sizeof st->examples, "; ", text);
}

static void
finish_stats(kpi_transform_stats *stats, const kpi_transform_stats *local)
{
    if (stats)
        *stats = *local;
}

/* ---- rolling and year to date ----------------------------------------- */

/* The first slot of the window that ends at slot i: i - window + 1 for a
 * rolling window, the start of the financial year for year to date. */
typedef ptrdiff_t (*window_start_fn)(const kpi_series *se, size_t i, const void *arg);

static ptrdiff_t
rolling_start(const kpi_series *se, size_t i, const void *arg)
{
    (void)se;
    return (ptrdiff_t)i - *(const int *)arg + 1;
}

static ptrdiff_t
ytd_start(const kpi_series *se, size_t i, const void *arg)
{
    int fy_start = *(const int *)arg;
    kpi_period p = kpi_series_period(se, i), fy, first, last, start;
    kpi_period_convert(p, KPI_FREQ_FYEAR, fy_start, &fy, NULL);
    kpi_period_days(fy, fy_start, &first, &last);
    kpi_period_convert(first, p.freq, fy_start, &start, NULL);
    return (ptrdiff_t)i - kpi_period_diff(start, p);
}

/* Running counts of a series, so that each window costs the same
 * whatever its length: before slot i, how many slots hold a value, how
 * many of those are partial, and the sum of their values as acc_add
 * scales them to whole numbers.  A window's sum is a difference of two
 * totals, taken modulo 2^64; when every scaled value is below 2^52 over
 * the series' length, no window's sum reaches 2^52, so the difference is
 * exactly the sum acc_add reaches adding the window up (exact is false
 * otherwise, and windows are added up one by one). */
typedef struct running {
    size_t *values, *partial;
    uint64_t *sum;
    size_t cap;
    bool exact;
    double scale;
} running;

static void
running_free(running *r)
{
    kpi_free(r->values);
    kpi_free(r->partial);
    kpi_free(r->sum);
}

static kpi_status
running_build(running *r, const kpi_series *se, kpi_error *err)
{
    size_t n = kpi_series_length(se);
    if (n + 1 > r->cap) {
        running_free(r);
        *r = (running){.values = kpi_malloc((n + 1) * sizeof *r->values),
                       .partial = kpi_malloc((n + 1) * sizeof *r->partial),
                       .sum = kpi_malloc((n + 1) * sizeof *r->sum),
                       .cap = n + 1};
        if (!r->values || !r->partial || !r->sum) {
            r->cap = 0;
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    int d = kpi_series_decimals(se);
    r->exact = d >= 0 && d <= EXACT_MAX_DECIMALS;
    r->scale = r->exact ? p10[d] : 1.0;
    double bound = KPI_VALUE_EXACT_LIMIT / 2 / (double)(n ? n : 1);
    r->values[0] = r->partial[0] = 0;
    r->sum[0] = 0;
    for (size_t i = 0; i < n; i++) {
        bool value = kpi_series_state(se, i) == KPI_OBS_VALUE;
        uint64_t add = 0;
        if (value && r->exact) {
            double x = nearbyint(kpi_series_value(se, i) * r->scale);
            if (fabs(x) < bound)
                add = (uint64_t)(int64_t)x;
            else
                r->exact = false;
        }
        r->values[i + 1] = r->values[i] + value;
        r->partial[i + 1] = r->partial[i] + kpi_series_partial(se, i);
        r->sum[i + 1] = r->sum[i] + add;
    }
    return KPI_OK;
}

/* What the complete window of slots [from, to] of se comes to, as
 * aggregate_span and acc_result make it. */
static double
window_result(const running *r, const kpi_series *se, size_t from, size_t to, kpi_agg how)
{
    if (!r->exact) {
        acc a;
        aggregate_span(se, (ptrdiff_t)from, (ptrdiff_t)to, how, &a);
        return acc_result(&a, 0);
    }
    if (how == KPI_AGG_LAST)
        return kpi_series_value(se, to);
    double sum = (double)(int64_t)(r->sum[to + 1] - r->sum[from]) / r->scale;
    return how == KPI_AGG_MEAN ? sum / (double)(to - from + 1) : sum;
}

/* The windows of s's series; with consume (s itself, owned by the
 * caller) each series' observations are freed once its windows are
 * taken. */
static kpi_store *
windowed(const kpi_store *s, kpi_store *consume, window_start_fn start_of, const void *arg,
         const kpi_meta *meta, kpi_transform_stats *stats, kpi_error *err)
{
    kpi_transform_stats local = {0};
    kpi_store *out = empty_like(s, err);
    size_t ng = kpi_store_n_groups(s);
    running run = {0};
    for (size_t k = 0; out && k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_agg how = aggregation(meta, se);
        int dec = derived_decimals(meta, se, how, kpi_series_decimals(se));
        kpi_series *o = intern_like(out, se, NULL, ng, err);
        if (!o || running_build(&run, se, err) != KPI_OK)
            goto fail;
        for (size_t i = 0; i < kpi_series_length(se); i++) {
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            ptrdiff_t from = start_of(se, i, arg);
            /* Windows reaching before the data are not incomplete: they
             * were never there to be counted. */
            if (from < 0)
                continue;
            size_t f = (size_t)from;
            if (run.values[i + 1] - run.values[f] != i - f + 1) {
                note_incomplete(&local, se, ng, NULL, kpi_series_period(se, i), false);
                local.incomplete_windows++;
                continue;
            }
            kpi_period p = kpi_series_period(se, i);
            if (put(o, p, KPI_OBS_VALUE, window_result(&run, se, f, i, how), kpi_series_unit(se),
                    dec, err) != KPI_OK)
                goto fail;
            /* A window over a partial value is itself built from
             * incomplete data. */
            if (run.partial[i + 1] != run.partial[f])
                kpi_series_set_partial(o, (size_t)kpi_series_index(o, p));
        }
        if (consume)
            kpi_store_drop_values(consume, k);
    }
    running_free(&run);
    finish_stats(stats, &local);
    return out;
fail:
    running_free(&run);
    kpi_store_free(out);
    return NULL;
}

static kpi_store *
rolling(const kpi_store *s, kpi_store *consume, int window, const kpi_meta *meta,
        kpi_transform_stats *stats, kpi_error *err)
{
    if (window < 1) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "a rolling window must be at least 1 period, found %d", window);
        return NULL;
    }
    return windowed(s, consume, rolling_start, &window, meta, stats, err);
}

kpi_store *
kpi_transform_rolling(const kpi_store *s, int window, const kpi_meta *meta,
                      kpi_transform_stats *stats, kpi_error *err)
{
    return rolling(s, NULL, window, meta, stats, err);
}

static kpi_store *
ytd(const kpi_store *s, kpi_store *consume, int fy_start, const kpi_meta *meta,
    kpi_transform_stats *stats, kpi_error *err)
{
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_freq f = kpi_series_freq(se);
        /* An empty series (an earlier step kept none of its periods) has no
         * frequency yet, and nothing to accumulate. */
        if (kpi_series_length(se) == 0)
            continue;
        if (f == KPI_FREQ_YEAR || f == KPI_FREQ_FYEAR ||
            !kpi_period_can_convert(f, KPI_FREQ_FYEAR, fy_start)) {
            kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                          "year to date needs periods that fit inside a financial year; "
                          "series '%s' has %s periods",
                          kpi_series_indicator(se), kpi_freq_name(f));
            return NULL;
        }
    }
    return windowed(s, consume, ytd_start, &fy_start, meta, stats, err);
}

kpi_store *
kpi_transform_ytd(const kpi_store *s, int fy_start, const kpi_meta *meta,
                  kpi_transform_stats *stats, kpi_error *err)
{
    return ytd(s, NULL, fy_start, meta, stats, err);
}

/* ---- resampling ---------------------------------------------------------- */

kpi_store *
kpi_transform_resample(const kpi_store *s, kpi_freq to, int fy_start, bool partial,
                       const kpi_meta *meta, kpi_transform_stats *stats, kpi_error *err)
{
    kpi_transform_stats local = {0};
    kpi_store *out = empty_like(s, err);
    size_t ng = kpi_store_n_groups(s);
    for (size_t k = 0; out && k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        size_t n = kpi_series_length(se);
        kpi_freq from = kpi_series_freq(se);
        if (n > 0 && !kpi_period_can_convert(from, to, fy_start)) {
            kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                          "series '%s' has %s periods, which do not fit into %s periods",
                          kpi_series_indicator(se), kpi_freq_name(from), kpi_freq_name(to));
            goto fail;
        }
        kpi_series *o = intern_like(out, se, NULL, ng, err);
        if (!o)
            goto fail;
        if (n == 0)
            continue;
        kpi_agg how = aggregation(meta, se);
        int dec = derived_decimals(meta, se, how, kpi_series_decimals(se));
        kpi_period t, last_t;
        kpi_period_convert(kpi_series_period(se, 0), to, fy_start, &t, NULL);
        kpi_period_convert(kpi_series_period(se, n - 1), to, fy_start, &last_t, NULL);
        for (; t.ordinal <= last_t.ordinal; t.ordinal++) {
            /* The source periods a target period spans, from its first and
             * last days: 3 months a quarter, 28 to 31 days a month. */
            kpi_period d0, d1, s0, s1;
            kpi_period_days(t, fy_start, &d0, &d1);
            kpi_period_convert(d0, from, fy_start, &s0, NULL);
            kpi_period_convert(d1, from, fy_start, &s1, NULL);
            ptrdiff_t i0 = kpi_period_diff(kpi_series_period(se, 0), s0);
            ptrdiff_t i1 = kpi_period_diff(kpi_series_period(se, 0), s1);
            acc a;
            size_t present = aggregate_span(se, i0, i1, how, &a);
            bool whole = present == (size_t)(i1 - i0 + 1);
            if (!whole) {
                note_incomplete(&local, se, ng, NULL, t, partial && present > 0);
                if (!partial || present == 0)
                    continue;
            }
            if (put(o, t, KPI_OBS_VALUE, acc_result(&a, 0), kpi_series_unit(se), dec, err) !=
                KPI_OK)
                goto fail;
            if (!whole)
                kpi_series_set_partial(o, (size_t)kpi_series_index(o, t));
        }
    }
    finish_stats(stats, &local);
    return out;
fail:
    kpi_store_free(out);
    return NULL;
}

/* Whether se is daily with at most one date in each period of `to`. */
static bool
dates_stand_for_periods(const kpi_series *se, kpi_freq to, int fy_start)
{
    if (kpi_series_freq(se) != KPI_FREQ_DAY)
        return false;
    bool seen = false;
    kpi_period prev = {0};
    for (size_t i = 0; i < kpi_series_length(se); i++) {
        if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
            continue;
        kpi_period t;
        kpi_period_convert(kpi_series_period(se, i), to, fy_start, &t, NULL);
        if (seen && t.ordinal == prev.ordinal)
            return false;
        prev = t;
        seen = true;
    }
    return true;
}

/* A copy of se's slots, each at the period of `to` that holds it. */
static kpi_status
relabel(kpi_series *o, const kpi_series *se, kpi_freq to, int fy_start, kpi_error *err)
{
    for (size_t i = 0; i < kpi_series_length(se); i++) {
        kpi_obs state = kpi_series_state(se, i);
        if (state == KPI_OBS_ABSENT)
            continue;
        kpi_period t;
        kpi_period_convert(kpi_series_period(se, i), to, fy_start, &t, NULL);
        if (put(o, t, state, kpi_series_value(se, i), kpi_series_unit(se),
                kpi_series_decimals_at(se, i), err) != KPI_OK)
            return err->code;
    }
    return KPI_OK;
}

kpi_store *
kpi_transform_freq(const kpi_store *s, kpi_freq to, int fy_start, bool partial,
                   const kpi_meta *meta, kpi_transform_stats *stats, kpi_error *err)
{
    kpi_error local_err;
    if (!err)
        err = &local_err; /* a failure's status is read back */
    /* The series to aggregate go through resample as one store, the rest
     * are relabelled (or copied, when already at `to`) into the result. */
    kpi_transform_stats local = {0};
    size_t n = kpi_store_count(s), n_agg = 0;
    size_t *agg = kpi_calloc(n ? n : 1, sizeof *agg);
    kpi_store *out = empty_like(s, err), *sampled = NULL;
    if (!agg) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    for (size_t k = 0; out && k < n; k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_freq from = kpi_series_freq(se);
        if (kpi_series_length(se) && from != to && !dates_stand_for_periods(se, to, fy_start))
            agg[n_agg++] = k;
    }
    if (!out)
        goto fail;
    if (n_agg) {
        kpi_store *part = kpi_store_subset(s, agg, n_agg, err);
        if (!part)
            goto fail;
        sampled = kpi_transform_resample(part, to, fy_start, partial, meta, &local, err);
        kpi_store_free(part);
        if (!sampled)
            goto fail;
    }
    /* Series keep their order of first appearance. */
    size_t next_agg = 0;
    size_t ng = kpi_store_n_groups(s);
    for (size_t k = 0; k < n; k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_series *o = intern_like(out, se, NULL, ng, err);
        if (!o)
            goto fail;
        if (next_agg < n_agg && agg[next_agg] == k) {
            const kpi_series *r = kpi_store_at(sampled, next_agg++);
            for (size_t i = 0; i < kpi_series_length(r); i++) {
                if (kpi_series_state(r, i) == KPI_OBS_ABSENT)
                    continue;
                kpi_period t = kpi_series_period(r, i);
                if (put(o, t, kpi_series_state(r, i), kpi_series_value(r, i), kpi_series_unit(r),
                        kpi_series_decimals_at(r, i), err) != KPI_OK)
                    goto fail;
                if (kpi_series_partial(r, i))
                    kpi_series_set_partial(o, (size_t)kpi_series_index(o, t));
            }
        } else if (relabel(o, se, to, fy_start, err) != KPI_OK) {
            goto fail;
        }
    }
    kpi_store_free(sampled);
    kpi_free(agg);
    finish_stats(stats, &local);
    return out;
fail:
    kpi_store_free(sampled);
    kpi_free(agg);
    kpi_store_free(out);
    return NULL;
}

/* ---- area roll-ups --------------------------------------------------------- */

/* One parent series being built: its child series, one per child area
 * (model, the first child series met for its key, gives the unit and
 * metadata; a parent none of whose children has a series has no kids but
 * a model from another parent), an accumulator per
 * period from first on, and how many children gave a value there. */
typedef struct parent_acc {
    kpi_series *out;
    size_t parent;
    int32_t first;
    size_t len;
    acc *accs;
    size_t *present;
    int decimals;
    kpi_freq freq;
    const kpi_series *model;
    const kpi_series **kids;
    size_t n_kids, kids_cap;
} parent_acc;

/* The areas counted as unmapped so far, borrowed from the store: an area
 * is counted once however many series it has, and matched as a whole name
 * (the text list is cut short when long, so it cannot tell). */
typedef struct area_set {
    const char **names;
    size_t n, cap;
} area_set;

static int
note_unmapped(kpi_transform_stats *st, area_set *seen, const char *area)
{
    for (size_t i = 0; i < seen->n; i++)
        if (kpi_areas_same(seen->names[i], area))
            return 0;
    if (kpi_grow((void **)&seen->names, &seen->cap, seen->n + 1, sizeof *seen->names) != 0)
        return -1;
    seen->names[seen->n++] = area;
    st->unmapped_areas++;
    size_t len = strlen(st->unmapped);
    if (len + 1 >= sizeof st->unmapped)
        return 0; /* already cut short */
    /* A store without an area column has one nameless area. */
    int w = snprintf(st->unmapped + len, sizeof st->unmapped - len, "%s%s", len ? ", " : "",
                     *area ? area : "(no area)");
    if (w < 0 || (size_t)w >= sizeof st->unmapped - len)
        memcpy(st->unmapped + sizeof st->unmapped - 4, "...", 4);
    return 0;
}

static void
free_parents(parent_acc *pa, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kpi_free(pa[i].accs);
        kpi_free(pa[i].present);
        kpi_free(pa[i].kids);
    }
    kpi_free(pa);
}

/* Name the children of x's parent that have no value at p, once for
 * each parent series: "indicator, parent: child, child". */
static void
note_missing_children(kpi_transform_stats *st, const kpi_rollup *map, const parent_acc *x,
                      size_t ng, kpi_period p)
{
    char text[256];
    snprintf(text, sizeof text, "%s", kpi_series_indicator(x->model));
    for (size_t g = 0; g < ng; g++)
        list_add(text, sizeof text, ", ", kpi_series_group(x->model, g));
    list_add(text, sizeof text, ", ", kpi_rollup_parent(map, x->parent));
    list_add(text, sizeof text, "", ":");
    if (strstr(st->missing_children, text))
        return;
    const char *sep = " ";
    for (size_t c = 0; c < kpi_rollup_n_children(map, x->parent); c++) {
        const char *child = kpi_rollup_child(map, x->parent, c);
        bool there = false;
        for (size_t k = 0; k < x->n_kids && !there; k++) {
            if (!kpi_areas_same(kpi_series_area(x->kids[k]), child))
                continue;
            ptrdiff_t i = kpi_series_index(x->kids[k], p);
            there = i >= 0 && kpi_series_state(x->kids[k], (size_t)i) == KPI_OBS_VALUE;
        }
        if (!there) {
            list_add(text, sizeof text, sep, child);
            sep = ", ";
        }
    }
    list_add(st->missing_children, sizeof st->missing_children, "; ", text);
}

kpi_store *
kpi_transform_rollup(const kpi_store *s, const kpi_rollup *map, const kpi_meta *meta, bool partial,
                     kpi_transform_stats *stats, kpi_error *err)
{
    kpi_transform_stats local = {0};
    kpi_store *out = empty_like(s, err);
    size_t ng = kpi_store_n_groups(s), npa = 0, cap = 0;
    parent_acc *pa = NULL;
    area_set unmapped = {0};
    if (!out)
        return NULL;
    /* Pass 1: every (parent, indicator, groups) series, with its child
     * series and the span and decimals of them all. */
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        if (!kpi_rollup_has_child(map, kpi_series_area(se))) {
            if (note_unmapped(&local, &unmapped, kpi_series_area(se)) != 0) {
                kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
                goto fail;
            }
            continue;
        }
        for (size_t p = 0; p < kpi_rollup_n_parents(map); p++) {
            bool child = false;
            for (size_t c = 0; c < kpi_rollup_n_children(map, p) && !child; c++)
                child = kpi_areas_same(kpi_rollup_child(map, p, c), kpi_series_area(se));
            if (!child || kpi_series_length(se) == 0)
                continue;
            kpi_series *o = intern_like(out, se, kpi_rollup_parent(map, p), ng, err);
            if (!o)
                goto fail;
            size_t j = 0;
            while (j < npa && pa[j].out != o)
                j++;
            if (j == npa) {
                if (kpi_grow((void **)&pa, &cap, npa + 1, sizeof *pa) != 0) {
                    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
                    goto fail;
                }
                pa[npa++] = (parent_acc){.out = o,
                                         .parent = p,
                                         .first = kpi_series_period(se, 0).ordinal,
                                         .freq = kpi_series_freq(se),
                                         .model = se};
            }
            parent_acc *x = &pa[j];
            if (x->freq != kpi_series_freq(se)) {
                kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                              "'%s' has %s periods in area '%s' but %s periods in '%s'",
                              kpi_series_indicator(se), kpi_freq_name(kpi_series_freq(se)),
                              kpi_series_area(se), kpi_freq_name(x->freq),
                              kpi_series_area(x->kids[0]));
                goto fail;
            }
            /* The store keys areas by their exact text, the map by name:
             * "Camden" and "CAMDEN" are two series of one child, and
             * counting both would let them stand in for a missing sibling. */
            for (size_t c = 0; c < x->n_kids; c++)
                if (kpi_areas_same(kpi_series_area(x->kids[c]), kpi_series_area(se))) {
                    kpi_error_set(err, KPI_EDUPLICATE, NULL, 0, 0,
                                  "'%s' has series for both '%s' and '%s', which are one area "
                                  "of the roll-up map",
                                  kpi_series_indicator(se), kpi_series_area(x->kids[c]),
                                  kpi_series_area(se));
                    goto fail;
                }
            if (kpi_grow((void **)&x->kids, &x->kids_cap, x->n_kids + 1, sizeof *x->kids) != 0) {
                kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
                goto fail;
            }
            x->kids[x->n_kids++] = se;
            int32_t first = kpi_series_period(se, 0).ordinal;
            int32_t last = first + (int32_t)kpi_series_length(se) - 1;
            int32_t old_last = x->first + (int32_t)x->len - 1;
            if (x->len == 0 || first < x->first)
                x->first = first;
            if (x->len && old_last > last)
                last = old_last;
            x->len = (size_t)(last - x->first + 1);
            if (kpi_series_decimals(se) > x->decimals)
                x->decimals = kpi_series_decimals(se);
        }
    }
    /* Every parent of the map gets every key some parent has: a parent
     * whose children have no rows at all is as incomplete as one with a
     * child missing, and says so instead of vanishing. */
    for (size_t j = 0, n_seen = npa; j < n_seen; j++) {
        for (size_t p = 0; p < kpi_rollup_n_parents(map); p++) {
            kpi_series *o = intern_like(out, pa[j].model, kpi_rollup_parent(map, p), ng, err);
            if (!o)
                goto fail;
            size_t q = 0;
            while (q < npa && pa[q].out != o)
                q++;
            if (q < npa)
                continue;
            if (kpi_grow((void **)&pa, &cap, npa + 1, sizeof *pa) != 0) {
                kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
                goto fail;
            }
            pa[npa++] = (parent_acc){.out = o,
                                     .parent = p,
                                     .first = pa[j].first,
                                     .len = pa[j].len,
                                     .freq = pa[j].freq,
                                     .decimals = pa[j].decimals,
                                     .model = pa[j].model};
        }
    }
    /* Pass 2: add every child's values into its parents. */
    for (size_t j = 0; j < npa; j++) {
        pa[j].accs = kpi_calloc(pa[j].len, sizeof *pa[j].accs);
        pa[j].present = kpi_calloc(pa[j].len, sizeof *pa[j].present);
        if (!pa[j].accs || !pa[j].present) {
            kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < pa[j].len; i++)
            acc_init(&pa[j].accs[i], aggregation(meta, pa[j].model), pa[j].decimals);
        for (size_t c = 0; c < pa[j].n_kids; c++) {
            const kpi_series *se = pa[j].kids[c];
            for (size_t i = 0; i < kpi_series_length(se); i++) {
                if (kpi_series_state(se, i) != KPI_OBS_VALUE)
                    continue;
                size_t at = (size_t)(kpi_series_period(se, i).ordinal - pa[j].first);
                acc_add(&pa[j].accs[at], kpi_series_value(se, i));
                pa[j].present[at]++;
            }
        }
    }
    /* Pass 3: a parent's period is whole only when every child of the map
     * gave a value; otherwise it is missing (or, with partial, aggregated
     * over the children there and marked), never silently a sum of some
     * children.  A child with no series at all is missing everywhere. */
    for (size_t j = 0; j < npa; j++) {
        parent_acc *x = &pa[j];
        const kpi_series *model = x->model;
        size_t want = kpi_rollup_n_children(map, x->parent);
        kpi_agg how = aggregation(meta, model);
        int dec = derived_decimals(meta, model, how, x->decimals);
        for (size_t i = 0; i < x->len; i++) {
            kpi_period p = {x->freq, x->first + (int32_t)i};
            bool whole = x->present[i] == want;
            bool keep = whole || (partial && x->present[i] > 0);
            if (!whole) {
                note_incomplete(&local, model, ng, kpi_rollup_parent(map, x->parent), p, keep);
                note_missing_children(&local, map, x, ng, p);
            }
            if (put(x->out, p, keep ? KPI_OBS_VALUE : KPI_OBS_MISSING,
                    keep ? acc_result(&x->accs[i], 1) : 0.0, kpi_series_unit(model), dec,
                    err) != KPI_OK)
                goto fail;
            if (!whole && keep)
                kpi_series_set_partial(x->out, (size_t)kpi_series_index(x->out, p));
        }
    }
    free_parents(pa, npa);
    kpi_free(unmapped.names);
    finish_stats(stats, &local);
    return out;
fail:
    free_parents(pa, npa);
    kpi_free(unmapped.names);
    kpi_store_free(out);
    return NULL;
}

/* ---- rates per head ------------------------------------------------------------ */

/* Rates per 1,000 people need more than the counts' decimals. */
#define RATE_DECIMALS 2

kpi_store *
kpi_transform_per(const kpi_store *s, const kpi_population *pop, double per,
                  kpi_transform_stats *stats, kpi_error *err)
{
    if (!(per > 0) || !isfinite(per)) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "rates need a positive number of people per rate, found %g", per);
        return NULL;
    }
    kpi_transform_stats local = {0};
    kpi_store *out = empty_like(s, err);
    size_t ng = kpi_store_n_groups(s);
    for (size_t k = 0; out && k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_series *o = intern_like(out, se, NULL, ng, err);
        if (!o)
            goto fail;
        for (size_t i = 0; i < kpi_series_length(se); i++) {
            kpi_obs state = kpi_series_state(se, i);
            if (state == KPI_OBS_ABSENT)
                continue;
            kpi_period p = kpi_series_period(se, i);
            double people = 0, rate = 0;
            if (state == KPI_OBS_VALUE) {
                if (kpi_population_find(pop, kpi_series_area(se), p, &people)) {
                    rate = kpi_series_value(se, i) / people * per;
                } else {
                    state = KPI_OBS_MISSING;
                    local.no_population++;
                }
            }
            if (put(o, p, state, rate, KPI_UNIT_PLAIN, RATE_DECIMALS, err) != KPI_OK)
                goto fail;
        }
    }
    finish_stats(stats, &local);
    return out;
fail:
    kpi_store_free(out);
    return NULL;
}

/* ---- pipelines --------------------------------------------------------- */

static void
add_stats(kpi_transform_stats *sum, const kpi_transform_stats *step)
{
    sum->incomplete += step->incomplete;
    sum->kept_partial += step->kept_partial;
    sum->incomplete_windows += step->incomplete_windows;
    if (step->examples[0])
        list_add(sum->examples, sizeof sum->examples, "; ", step->examples);
    if (step->missing_children[0])
        memcpy(sum->missing_children, step->missing_children, sizeof sum->missing_children);
    sum->no_population += step->no_population;
    if (step->unmapped_areas) {
        sum->unmapped_areas += step->unmapped_areas;
        memcpy(sum->unmapped, step->unmapped, sizeof sum->unmapped);
    }
}

/* Replace *s by next (the result of a step on *s); false when the step
 * failed, with *s freed. */
static bool
step(kpi_store **s, kpi_store *next, const kpi_transform_stats *st, kpi_transform_stats *sum)
{
    kpi_store_free(*s);
    *s = next;
    if (next)
        add_stats(sum, st);
    return next != NULL;
}

kpi_store *
kpi_transform_apply(kpi_store *s, const kpi_pipeline *p, kpi_transform_stats *stats, kpi_error *err)
{
    kpi_transform_stats sum = {0}, st;
    if (p->rolling && p->ytd) {
        kpi_store_free(s);
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "a rolling window and year to date cannot be combined");
        return NULL;
    }
    bool ok = true;
    if (ok && p->freq != KPI_FREQ_NONE)
        ok = step(&s, kpi_transform_freq(s, p->freq, p->fy_start, p->partial, p->meta, &st, err),
                  &st, &sum);
    if (ok && p->rollup)
        ok = step(&s, kpi_transform_rollup(s, p->rollup, p->meta, p->partial, &st, err), &st, &sum);
    if (ok && p->to != KPI_FREQ_NONE)
        ok = step(&s, kpi_transform_resample(s, p->to, p->fy_start, p->partial, p->meta, &st, err),
                  &st, &sum);
    /* The windows free each series they are done with: at no moment is
     * there a whole input and a whole output. */
    if (ok && p->rolling)
        ok = step(&s, rolling(s, s, p->rolling, p->meta, &st, err), &st, &sum);
    if (ok && p->ytd)
        ok = step(&s, ytd(s, s, p->fy_start, p->meta, &st, err), &st, &sum);
    if (ok && p->per_population)
        ok = step(&s, kpi_transform_per(s, p->per_population, p->per, &st, err), &st, &sum);
    if (stats)
        *stats = sum;
    return ok ? s : NULL;
}
