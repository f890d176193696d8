#include "kpi/chart_build.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/areas.h"
#include "kpi/change.h"
#include "kpi/sentence.h"
#include "kpi/store.h"
#include "kpi/transform.h"
#include "parallel_private.h"

/* How many series one chart shows before it stops being readable. */
#define MAX_LINES 8
#define MAX_PANELS 36

/* Whether text is one of the request's values (value, and list[0..n));
 * true when none is given.  same compares two values. */
static bool
one_of(const char *text, const char *value, const char *const *list, size_t n,
       bool (*same)(const char *, const char *))
{
    if (!value && n == 0)
        return true;
    if (value && same(text, value))
        return true;
    for (size_t i = 0; i < n; i++)
        if (same(text, list[i]))
            return true;
    return false;
}

static bool
same_text(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static bool
selected(const kpi_series *se, const kpi_chart_request *rq)
{
    return one_of(kpi_series_indicator(se), rq->indicator, rq->indicators, rq->n_indicators,
                  same_text) &&
           one_of(kpi_series_area(se), rq->area, rq->areas, rq->n_areas, kpi_areas_same);
}

/* Which parts of the key tell series idx[0..n) of s apart, as bits: the
 * indicator (bit 0), the area (bit 1) and each group g (bit 2 + g).
 * Groups past the 62nd are never told apart (no file has so many). */
#define PART_INDICATOR 1ull
#define PART_AREA 2ull
#define PART_GROUP(g) (4ull << (g))

static unsigned long long
varying_parts(const kpi_store *s, const size_t *idx, size_t n)
{
    size_t groups = kpi_store_n_groups(s);
    if (groups > 62)
        groups = 62;
    unsigned long long parts = 0;
    const kpi_series *a = kpi_store_at(s, idx[0]);
    for (size_t j = 1; j < n; j++) {
        const kpi_series *b = kpi_store_at(s, idx[j]);
        if (strcmp(kpi_series_indicator(a), kpi_series_indicator(b)) != 0)
            parts |= PART_INDICATOR;
        if (strcmp(kpi_series_area(a), kpi_series_area(b)) != 0)
            parts |= PART_AREA;
    }
    /* A group is named only where it tells apart series of one indicator
     * and area (a measure); one that changes only with the indicator (a
     * major category) adds nothing to the name. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const kpi_series *x = kpi_store_at(s, idx[i]), *y = kpi_store_at(s, idx[j]);
            if (strcmp(kpi_series_indicator(x), kpi_series_indicator(y)) != 0 ||
                strcmp(kpi_series_area(x), kpi_series_area(y)) != 0)
                continue;
            for (size_t g = 0; g < groups; g++)
                if (strcmp(kpi_series_group(x, g), kpi_series_group(y, g)) != 0)
                    parts |= PART_GROUP(g);
        }
    return parts;
}

static const char *
indicator_label(const kpi_series *se, const kpi_meta *meta)
{
    const kpi_indicator_meta *m = kpi_meta_find(meta, kpi_series_indicator(se));
    return m ? m->label : kpi_series_indicator(se);
}

/* The label of a series among others: every part of its key that differs
 * between them (parts), in key order and joined by ", ", so that two
 * lines differing only by a group ("Offences", "Positive Outcomes") never
 * read the same.  Alone (no part differs): its area, else its indicator's
 * label. */
static void
series_name(const kpi_series *se, const kpi_store *s, const kpi_meta *meta,
            unsigned long long parts, char *buf, size_t size)
{
    if (!parts) {
        snprintf(buf, size, "%s",
                 kpi_series_area(se)[0] ? kpi_series_area(se) : indicator_label(se, meta));
        return;
    }
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < 2 + kpi_store_n_groups(s) && k < 64; k++) {
        if (!(parts & (1ull << k)))
            continue;
        const char *text = k == 0   ? indicator_label(se, meta)
                           : k == 1 ? kpi_series_area(se)
                                    : kpi_series_group(se, k - 2);
        int w = snprintf(buf + len, len < size ? size - len : 0, "%s%s", len ? ", " : "", text);
        len += w > 0 ? (size_t)w : 0;
    }
}

/* Whether needle occurs in hay, ignoring ASCII case. */
static bool
contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

/* The groups every series shares, for the title: " (Offences)", leaving
 * out those the indicator's name already says ("ROBBERY" beside "ROBBERY
 * OF PERSONAL PROPERTY").  "" when there are none. */
static void
shared_groups(const kpi_series *se, const kpi_store *s, const kpi_meta *meta,
              unsigned long long parts, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t g = 0; g < kpi_store_n_groups(s) && g < 62; g++) {
        const char *text = kpi_series_group(se, g);
        if ((parts & PART_GROUP(g)) || !text[0] ||
            contains_nocase(kpi_series_indicator(se), text) ||
            contains_nocase(indicator_label(se, meta), text))
            continue;
        int w = snprintf(buf + len, len < size ? size - len : 0, "%s%s", len ? ", " : " (", text);
        len += w > 0 ? (size_t)w : 0;
    }
    if (len && len + 1 < size)
        snprintf(buf + len, size - len, ")");
}

static kpi_chart *
refuse(kpi_error *err, const char *fmt, const char *a, const char *b)
{
    kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, fmt, a, b);
    return NULL;
}

/* The latest value's change on a year earlier, as kpi change --latest
 * prints it (into *ch), and with meta its exact test (kpi change --test).
 * False when it cannot be computed, drawn as a bar "n/a". */
static bool
latest_change(const kpi_series *se, const kpi_meta *meta, kpi_change *ch, kpi_significance *sig)
{
    kpi_change_options yoy = kpi_change_options_default();
    yoy.meta = meta;
    size_t len = kpi_series_length(se);
    if (!len)
        return false;
    kpi_change_at(se, len - 1, &yoy, ch);
    if (sig) {
        kpi_rate_test t;
        kpi_change_test(se, ch, &yoy, &t);
        *sig = t.has_test ? t.significance : KPI_SIGNIFICANCE_NONE;
    }
    return ch->has_pct;
}

/* Whether the latest change ch of se has no figure because its period or
 * its base was built from incomplete data; *which is that period. */
static bool
change_partial(const kpi_series *se, const kpi_change *ch, kpi_period *which)
{
    ptrdiff_t at = kpi_series_index(se, ch->period), base = kpi_series_index(se, ch->base_period);
    if (at >= 0 && kpi_series_partial(se, (size_t)at)) {
        *which = ch->period;
        return true;
    }
    if (base >= 0 && kpi_series_partial(se, (size_t)base)) {
        *which = ch->base_period;
        return true;
    }
    return false;
}

/* Whether every series idx[0..n) of s has its latest change over the same
 * periods; *ch is then the first one's. */
static bool
one_comparison(const kpi_store *s, const size_t *idx, size_t n, kpi_change *ch)
{
    for (size_t j = 0; j < n; j++) {
        kpi_change c;
        latest_change(kpi_store_at(s, idx[j]), NULL, &c, NULL);
        if (j == 0)
            *ch = c;
        else if (kpi_period_cmp(c.period, ch->period) != 0 ||
                 kpi_period_cmp(c.base_period, ch->base_period) != 0)
            return false;
    }
    return n > 0;
}

/* Add the series idx[0..n) of s: a bar each for year-on-year charts, a
 * line or panel each otherwise. */
static kpi_status
add_series(kpi_chart *c, const kpi_store *s, const size_t *idx, size_t n,
           const kpi_chart_request *rq, bool name_periods)
{
    unsigned long long parts = varying_parts(s, idx, n);
    for (size_t j = 0; j < n; j++) {
        const kpi_series *se = kpi_store_at(s, idx[j]);
        char name_buf[512];
        series_name(se, s, rq->meta, parts, name_buf, sizeof name_buf);
        const char *name = name_buf;
        if (rq->type != KPI_CHART_YOY) {
            kpi_chart_add_store_series(c, se, name);
            continue;
        }
        kpi_change ch;
        kpi_significance sig = KPI_SIGNIFICANCE_NONE;
        double pct = latest_change(se, rq->meta, &ch, &sig) ? ch.pct_change : NAN;
        kpi_period incomplete;
        const kpi_indicator_meta *m = kpi_meta_find(rq->meta, kpi_series_indicator(se));
        /* Bars over different periods say which, each on its own row. */
        char when[128], label[sizeof name_buf + sizeof when + 4];
        if (name_periods && kpi_sentence_period(ch.period, rq->window, when, sizeof when) > 0) {
            snprintf(label, sizeof label, "%s (%s)", name, when);
            name = label;
        }
        if (change_partial(se, &ch, &incomplete))
            kpi_chart_add_partial_bar(c, name, incomplete);
        else
            kpi_chart_add_tested_bar(c, name, pct, m ? m->better : rq->opt.better, sig);
    }
    return kpi_chart_status(c);
}

/* The chart of series idx[0..n) of s (n >= 1). */
static kpi_chart *
build_from(const kpi_store *s, const size_t *idx, size_t n, const kpi_chart_request *rq,
           kpi_error *err)
{
    const kpi_series *first = kpi_store_at(s, idx[0]);
    kpi_freq freq = kpi_series_freq(first);
    const char *only_indicator = kpi_series_indicator(first);
    bool one_indicator = true;
    for (size_t j = 1; j < n; j++) {
        const kpi_series *se = kpi_store_at(s, idx[j]);
        if (rq->type != KPI_CHART_YOY && kpi_series_freq(se) != freq)
            return refuse(err,
                          "the selected series mix %s and %s periods; choose one with "
                          "the indicator option and the area option",
                          kpi_freq_name(freq), kpi_freq_name(kpi_series_freq(se)));
        one_indicator &= strcmp(kpi_series_indicator(se), only_indicator) == 0;
    }
    size_t limit = rq->type == KPI_CHART_SPARKLINE || rq->type == KPI_CHART_SPC  ? 1
                   : rq->type == KPI_CHART_LINE || rq->type == KPI_CHART_ROLLING ? MAX_LINES
                   : rq->type == KPI_CHART_MULTIPLES                             ? MAX_PANELS
                                                                                 : SIZE_MAX;
    if (n > limit) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "too many series for a %s chart: %zu selected, at most %zu; narrow the "
                      "selection with the indicator and area options%s",
                      kpi_chart_type_name(rq->type), n, limit,
                      rq->type == KPI_CHART_MULTIPLES ? "" : ", or draw multiples");
        return NULL;
    }

    kpi_chart_options o = rq->opt;
    /* The title names what every series shares: the indicator, the area
     * and groups such as a measure; the legend or labels name the rest. */
    unsigned long long parts = varying_parts(s, idx, n);
    const char *area = !(parts & PART_AREA) && kpi_series_area(first)[0] ? kpi_series_area(first)
                                                                         : NULL;
    /* One area's target, or none over several areas when they differ. */
    const kpi_indicator_meta *m = one_indicator ? kpi_meta_find_area(rq->meta, only_indicator, area)
                                                : NULL;
    char title[512], groups[256] = "";
    if (one_indicator)
        shared_groups(first, s, rq->meta, parts, groups, sizeof groups);
    if (!o.title && !one_indicator && rq->type != KPI_CHART_YOY) {
        /* Several indicators: the legend names them; the title says where. */
        snprintf(title, sizeof title, "%s", area ? area : "");
        o.title = title;
    } else if (!o.title) {
        const char *what = m ? m->label : one_indicator ? only_indicator : "Change";
        if (rq->type == KPI_CHART_YOY && one_indicator)
            snprintf(title, sizeof title, "%s%s: change on a year earlier%s%s", what, groups,
                     area ? " in " : "", area ? area : "");
        else if (rq->type == KPI_CHART_YOY)
            snprintf(title, sizeof title, "Change on a year earlier%s%s", area ? " in " : "",
                     area ? area : "");
        else if (area)
            snprintf(title, sizeof title, "%s in %s%s", what, area, groups);
        else
            snprintf(title, sizeof title, "%s%s", what, groups);
        o.title = title;
    }
    o.trend = rq->trend && (rq->type == KPI_CHART_LINE || rq->type == KPI_CHART_ROLLING);
    if (rq->type == KPI_CHART_SPC && !o.subtitle)
        o.subtitle = "XmR chart: mean and process limits (mean \xC2\xB1 2.66 \xC3\x97 mean "
                     "moving range)";

    /* A rolling chart draws the engine's own rolling totals: 12 months,
     * 4 quarters, 365 days. */
    kpi_store *rolled = NULL;
    size_t *all = NULL;
    if (rq->type == KPI_CHART_ROLLING) {
        int window = kpi_period_per_year(freq);
        if (window <= 1) {
            kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                          "a rolling chart needs periods shorter than a year, not %s",
                          kpi_freq_name(freq));
            return NULL;
        }
        kpi_store *sub = kpi_store_subset(s, idx, n, err);
        if (!sub)
            return NULL;
        rolled = kpi_transform_rolling(sub, window, rq->meta, NULL, err);
        kpi_store_free(sub);
        all = kpi_malloc(n * sizeof *all);
        if (!rolled || !all) {
            kpi_store_free(rolled);
            kpi_free(all);
            if (rolled)
                kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        for (size_t j = 0; j < n; j++)
            all[j] = j;
        s = rolled;
        idx = all;
    }
    /* Indicators with no figure a year earlier would fill a chart of
     * several with "n/a" bars: they are left out, and the subtitle says
     * how many.  The subtitle names the periods compared, or, when bars
     * compare different periods, each bar's label does. */
    char subtitle[320];
    size_t *kept = NULL;
    bool name_periods = false;
    if (rq->type == KPI_CHART_YOY) {
        kept = kpi_malloc(n * sizeof *kept);
        if (!kept) {
            kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        size_t k = 0;
        /* A partial figure keeps its row, marked: it is not "without a
         * figure", and leaving it out would hide that. */
        for (size_t j = 0; j < n; j++) {
            kpi_change ch;
            kpi_period which;
            const kpi_series *se = kpi_store_at(s, idx[j]);
            if (one_indicator || latest_change(se, NULL, &ch, NULL) ||
                change_partial(se, &ch, &which))
                kept[k++] = idx[j];
        }
        if (k == 0) {
            kpi_free(kept);
            kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                          "no selected series has a change on a year earlier");
            return NULL;
        }
        kpi_change ch;
        char what[192] = "";
        name_periods = !one_comparison(s, kept, k, &ch);
        if (name_periods ||
            kpi_sentence_comparison(ch.period, ch.base_period, rq->window, what, sizeof what) == 0)
            snprintf(what, sizeof what, "Each bar: its latest period against a year earlier");
        if (!o.subtitle) {
            size_t len = (size_t)snprintf(subtitle, sizeof subtitle, "%s", what);
            if (k < n)
                snprintf(subtitle + len, sizeof subtitle - len,
                         "; %zu indicator%s without a figure a year earlier not shown", n - k,
                         n - k == 1 ? "" : "s");
            o.subtitle = subtitle;
        }
        idx = kept;
        n = k;
    }
    kpi_chart *c = kpi_chart_new(rq->type, &o, err);
    if (c && m)
        kpi_chart_set_meta(c, m);
    if (c && add_series(c, s, idx, n, rq, name_periods) != KPI_OK) {
        if (err)
            *err = *kpi_chart_error(c);
        kpi_chart_free(c);
        c = NULL;
    }
    kpi_store_free(rolled);
    kpi_free(all);
    kpi_free(kept);
    return c;
}

/* The first value of the selection (value, then list[0..n)) that no
 * series idx[0..n_idx) of s has as its part (indicator or area), or
 * NULL when each is there. */
static const char *
unmatched(const kpi_store *s, const size_t *idx, size_t n_idx, bool area, const char *value,
          const char *const *list, size_t n)
{
    for (size_t v = 0; v <= n; v++) {
        const char *want = v == 0 ? value : list[v - 1];
        if (!want)
            continue;
        bool found = false;
        for (size_t j = 0; j < n_idx && !found; j++) {
            const kpi_series *se = kpi_store_at(s, idx[j]);
            found = area ? kpi_areas_same(kpi_series_area(se), want)
                         : strcmp(kpi_series_indicator(se), want) == 0;
        }
        if (!found)
            return want;
    }
    return NULL;
}

/* The selection as text for a message: "'a'", "'a', 'b'" or "(any)". */
static void
selection_text(const char *value, const char *const *list, size_t n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t v = 0; v <= n; v++) {
        const char *want = v == 0 ? value : list[v - 1];
        if (!want)
            continue;
        int w = snprintf(buf + len, len < size ? size - len : 0, "%s'%s'", len ? " or " : "", want);
        len += w > 0 ? (size_t)w : 0;
    }
    if (len == 0)
        snprintf(buf, size, "(any)");
}

/* The store indices of the series rq selects, in store order, in a new
 * array (*n of them; the caller frees it); NULL with err filled when out
 * of memory, when nothing matches, or when a value of the selection
 * matches nothing. */
static size_t *
select_series(const kpi_store *s, const kpi_chart_request *rq, size_t *n, kpi_error *err)
{
    size_t cap = kpi_store_count(s);
    size_t *idx = kpi_malloc((cap ? cap : 1) * sizeof *idx);
    if (!idx) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    *n = 0;
    for (size_t k = 0; k < cap; k++)
        if (selected(kpi_store_at(s, k), rq))
            idx[(*n)++] = k;
    char ind[512], area[512];
    selection_text(rq->indicator, rq->indicators, rq->n_indicators, ind, sizeof ind);
    selection_text(rq->area, rq->areas, rq->n_areas, area, sizeof area);
    const char *lost_ind = unmatched(s, idx, *n, false, rq->indicator, rq->indicators,
                                     rq->n_indicators);
    const char *lost_area = unmatched(s, idx, *n, true, rq->area, rq->areas, rq->n_areas);
    if (*n == 0)
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "no series matches indicator %s and area %s",
                      ind, area);
    else if (lost_ind)
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "no selected series has indicator '%s' (the selection: indicator %s and "
                      "area %s)",
                      lost_ind, ind, area);
    else if (lost_area)
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "no selected series has area '%s' (the selection: indicator %s and "
                      "area %s)",
                      lost_area, ind, area);
    if (*n == 0 || lost_ind || lost_area) {
        kpi_free(idx);
        return NULL;
    }
    return idx;
}

kpi_chart *
kpi_chart_build(const kpi_store *s, const kpi_chart_request *rq, kpi_error *err)
{
    if (rq->type == KPI_CHART_MILESTONES) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "a milestones chart is drawn from a milestone register, not from series");
        return NULL;
    }
    size_t n;
    size_t *idx = select_series(s, rq, &n, err);
    if (!idx)
        return NULL;
    kpi_chart *c = build_from(s, idx, n, rq, err);
    kpi_free(idx);
    return c;
}

/* ---- one chart per series, on several threads ----------------------------- */

/* A chart file's name: at most a slug of KPI_CHART_NAME_MAX bytes, a
 * disambiguator and an extension. */
typedef struct chart_file {
    size_t series; /* index into the store */
    char name[KPI_CHART_NAME_MAX + 32];
} chart_file;

typedef struct batch {
    const kpi_store *s;
    const kpi_chart_request *rq;
    const char *dir;
    chart_file *files;
    size_t total;
    kpi_chart_progress_fn progress;
    void *ud;
} batch;

/* Charts are independent: each thread draws the next series on a cairo
 * surface of its own. */
static kpi_status
draw_one(void *ctx, size_t worker, size_t k, kpi_error *err)
{
    const batch *b = ctx;
    (void)worker;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", b->dir, b->files[k].name) >= (int)sizeof path)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "the folder's path is too long");
    kpi_chart *c = build_from(b->s, &b->files[k].series, 1, b->rq, err);
    kpi_status st = c ? kpi_chart_write(c, path, err) : err->code;
    kpi_chart_free(c);
    return st;
}

static kpi_status
tell_progress(void *ctx, size_t worker, size_t k, kpi_error *err)
{
    const batch *b = ctx;
    (void)worker;
    (void)err;
    b->progress(b->ud, k + 1, b->total);
    return KPI_OK;
}

static int
by_name(const void *a, const void *b)
{
    const chart_file *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->series > y->series) - (x->series < y->series);
}

static int
by_series(const void *a, const void *b)
{
    const chart_file *x = a, *y = b;
    return (x->series > y->series) - (x->series < y->series);
}

/* Name every file; series whose names coincide ("Robbery!" and "ROBBERY")
 * get "-2", "-3", ... in store order after the first, which keeps the
 * plain name, so the names do not depend on thread timing.  A slug never
 * ends in a single '-' and a digit, so no suffixed name meets a plain
 * one. */
static void
name_files(const kpi_store *s, chart_file *f, size_t n, const char *extension)
{
    for (size_t i = 0; i < n; i++)
        kpi_chart_file_name(kpi_store_at(s, f[i].series), kpi_store_n_groups(s), "", f[i].name,
                            KPI_CHART_NAME_MAX);
    qsort(f, n, sizeof *f, by_name);
    size_t run = 0;
    char prev[sizeof f->name] = "";
    for (size_t i = 0; i < n; i++) {
        run = i > 0 && strcmp(f[i].name, prev) == 0 ? run + 1 : 0;
        memcpy(prev, f[i].name, sizeof prev);
        size_t len = strlen(f[i].name) - 1; /* the '.' before the empty extension */
        if (run)
            len += (size_t)snprintf(f[i].name + len, sizeof f[i].name - len, "-%zu", run + 1);
        snprintf(f[i].name + len, sizeof f[i].name - len, ".%s", extension);
    }
    qsort(f, n, sizeof *f, by_series);
}

kpi_status
kpi_chart_build_all(const kpi_store *s, const kpi_chart_request *rq, const char *dir,
                    const char *extension, kpi_chart_progress_fn progress, void *ud, kpi_error *err)
{
    assert(s && rq && dir && extension);
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    if (rq->type == KPI_CHART_YOY || rq->type == KPI_CHART_MULTIPLES)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "one chart per series takes a line, rolling, sparkline or spc "
                             "chart, not %s",
                             kpi_chart_type_name(rq->type));
    size_t n;
    size_t *idx = select_series(s, rq, &n, err);
    if (!idx)
        return err->code;
    chart_file *files = kpi_malloc(n * sizeof *files);
    if (!files) {
        kpi_free(idx);
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        files[i].series = idx[i];
    kpi_free(idx);
    name_files(s, files, n, extension);
    batch b = {
        .s = s, .rq = rq, .dir = dir, .files = files, .total = n, .progress = progress, .ud = ud};
    kpi_status st = kpi_parallel_for(rq->threads, n, draw_one, progress ? tell_progress : NULL, &b,
                                     err);
    kpi_free(files);
    return st;
}

size_t
kpi_chart_slug(const char *s, char *out, size_t size)
{
    size_t n = 0;
    bool gap = false;
    for (; *s; s++) {
        char ch = *s;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                    (unsigned char)ch >= 0x80;
        if (!keep) {
            gap = n > 0;
            continue;
        }
        if (gap && n + 1 < size)
            out[n++] = '_';
        gap = false;
        if (n + 1 < size)
            out[n++] = ch;
    }
    /* A cut must not leave half a UTF-8 character. */
    size_t last = n;
    while (last > 0 && ((unsigned char)out[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > 0 && (unsigned char)out[last - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)out[last - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (n - (last - 1) < need)
            n = last - 1;
    }
    if (size)
        out[n < size ? n : size - 1] = '\0';
    return n;
}

size_t
kpi_chart_file_name(const kpi_series *se, size_t n_groups, const char *extension, char *buf,
                    size_t size)
{
    char stem[KPI_CHART_NAME_MAX], part[128];
    size_t len = kpi_chart_slug(kpi_series_indicator(se), stem, sizeof stem - 16);
    /* "." or ".." has no letter at all: the file must still have a name,
     * and never a hidden one. */
    if (len == 0)
        len = (size_t)snprintf(stem, sizeof stem, "series");
    for (size_t g = 0; g <= n_groups; g++) {
        const char *text = g == 0 ? kpi_series_area(se) : kpi_series_group(se, g - 1);
        if (kpi_chart_slug(text, part, sizeof part) && len + strlen(part) + 3 < sizeof stem)
            len += (size_t)snprintf(stem + len, sizeof stem - len, "--%s", part);
    }
    int n = snprintf(buf, size, "%s.%s", stem, extension);
    return n < 0 ? 0 : (size_t)n;
}

/* ---- milestones ------------------------------------------------------------ */

kpi_chart *
kpi_chart_build_milestones(const kpi_milestones *m, const kpi_chart_options *opt, kpi_error *err)
{
    kpi_chart_options o = opt ? *opt : kpi_chart_options_default();
    if (!o.title)
        o.title = "Milestones by status";
    if (!o.y_label)
        o.y_label = "milestones";
    kpi_chart *c = kpi_chart_new(KPI_CHART_MILESTONES, &o, err);
    for (size_t i = 0; c && i < kpi_milestones_period_count(m); i++) {
        kpi_period p = kpi_milestones_period_at(m, i);
        kpi_milestones_view v;
        kpi_status st = kpi_milestones_at(m, &p, &v, err);
        if (st == KPI_OK && kpi_chart_add_milestones(c, &v) != KPI_OK) {
            st = kpi_chart_status(c);
            if (err)
                *err = *kpi_chart_error(c);
        }
        kpi_milestones_view_fini(&v);
        if (st != KPI_OK) {
            kpi_chart_free(c);
            c = NULL;
        }
    }
    return c;
}
