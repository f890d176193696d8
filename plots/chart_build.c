#include "kpi/chart_build.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/areas.h"
#include "kpi/change.h"
#include "kpi/store.h"
#include "kpi/transform.h"
#include "parallel_private.h"

/* How many series one chart shows before it stops being readable. */
#define MAX_LINES 8
#define MAX_PANELS 36

static bool
selected(const kpi_series *se, const kpi_chart_request *rq)
{
    return (!rq->indicator || strcmp(kpi_series_indicator(se), rq->indicator) == 0) &&
           (!rq->area || kpi_areas_same(kpi_series_area(se), rq->area));
}

/* The label of a series on a chart with several: its area when the chart
 * is about one indicator, otherwise its indicator's label. */
static const char *
series_name(const kpi_series *se, const kpi_chart_request *rq, bool one_indicator)
{
    if (one_indicator && kpi_series_area(se)[0])
        return kpi_series_area(se);
    const kpi_indicator_meta *m = kpi_meta_find(rq->meta, kpi_series_indicator(se));
    return m ? m->label : kpi_series_indicator(se);
}

static kpi_chart *
refuse(kpi_error *err, const char *fmt, const char *a, const char *b)
{
    kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, fmt, a, b);
    return NULL;
}

/* The latest value's change on a year earlier, as kpi change --latest
 * prints it, and with meta its exact test (kpi change --test).  False
 * (and *pct left alone) when it cannot be computed, drawn as a bar
 * "n/a". */
static bool
latest_pct(const kpi_series *se, const kpi_meta *meta, double *pct, kpi_significance *sig)
{
    kpi_change_options yoy = kpi_change_options_default();
    yoy.meta = meta;
    size_t len = kpi_series_length(se);
    if (!len)
        return false;
    kpi_change ch;
    kpi_change_at(se, len - 1, &yoy, &ch);
    if (ch.has_pct && pct)
        *pct = ch.pct_change;
    if (sig) {
        kpi_rate_test t;
        kpi_change_test(se, &ch, &yoy, &t);
        *sig = t.has_test ? t.significance : KPI_SIGNIFICANCE_NONE;
    }
    return ch.has_pct;
}

/* Add the series idx[0..n) of s: a bar each for year-on-year charts, a
 * line or panel each otherwise. */
static kpi_status
add_series(kpi_chart *c, const kpi_store *s, const size_t *idx, size_t n,
           const kpi_chart_request *rq, bool one_indicator)
{
    for (size_t j = 0; j < n; j++) {
        const kpi_series *se = kpi_store_at(s, idx[j]);
        if (rq->type != KPI_CHART_YOY) {
            kpi_chart_add_store_series(c, se, series_name(se, rq, one_indicator));
            continue;
        }
        double pct = NAN;
        kpi_significance sig = KPI_SIGNIFICANCE_NONE;
        latest_pct(se, rq->meta, &pct, &sig);
        const kpi_indicator_meta *m = kpi_meta_find(rq->meta, kpi_series_indicator(se));
        kpi_chart_add_tested_bar(c, series_name(se, rq, one_indicator), pct,
                                 m ? m->better : rq->opt.better, sig);
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
    const char *type = kpi_chart_type_name(rq->type);
    if (((rq->type == KPI_CHART_SPARKLINE || rq->type == KPI_CHART_SPC) && n > 1) ||
        ((rq->type == KPI_CHART_LINE || rq->type == KPI_CHART_ROLLING) && n > MAX_LINES) ||
        (rq->type == KPI_CHART_MULTIPLES && n > MAX_PANELS))
        return refuse(err,
                      "too many series for a %s chart (%s); narrow the selection with "
                      "the indicator option and the area option, or draw multiples",
                      type, n > MAX_PANELS ? "over 36" : "several");

    kpi_chart_options o = rq->opt;
    const char *area = rq->area                              ? rq->area
                       : n == 1 && kpi_series_area(first)[0] ? kpi_series_area(first)
                                                             : NULL;
    /* One area's target, or none over several areas when they differ. */
    const kpi_indicator_meta *m = one_indicator
                                      ? kpi_meta_find_area(rq->meta, only_indicator,
                                                           n == 1 ? kpi_series_area(first) : area)
                                      : NULL;
    char title[256];
    if (!o.title) {
        const char *what = m ? m->label : one_indicator ? only_indicator : "Change";
        if (rq->type == KPI_CHART_YOY && one_indicator)
            snprintf(title, sizeof title, "%s: change on a year earlier%s%s", what,
                     area ? " in " : "", area ? area : "");
        else if (rq->type == KPI_CHART_YOY)
            snprintf(title, sizeof title, "Change on a year earlier%s%s", area ? " in " : "",
                     area ? area : "");
        else if (area)
            snprintf(title, sizeof title, "%s in %s", what, area);
        else
            snprintf(title, sizeof title, "%s", what);
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
     * how many. */
    char subtitle[160];
    size_t *kept = NULL;
    if (rq->type == KPI_CHART_YOY && !one_indicator) {
        kept = kpi_malloc(n * sizeof *kept);
        if (!kept) {
            kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            if (latest_pct(kpi_store_at(s, idx[j]), NULL, NULL, NULL))
                kept[k++] = idx[j];
        if (k == 0) {
            kpi_free(kept);
            kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                          "no selected series has a change on a year earlier");
            return NULL;
        }
        if (k < n && !o.subtitle) {
            snprintf(subtitle, sizeof subtitle,
                     "Latest period against a year earlier; %zu indicator%s without a figure a "
                     "year earlier not shown",
                     n - k, n - k == 1 ? "" : "s");
            o.subtitle = subtitle;
        }
        idx = kept;
        n = k;
    }
    kpi_chart *c = kpi_chart_new(rq->type, &o, err);
    if (c && m)
        kpi_chart_set_meta(c, m);
    if (c && add_series(c, s, idx, n, rq, one_indicator) != KPI_OK) {
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

/* The store indices of the series rq selects, in store order, in a new
 * array (*n of them; the caller frees it); NULL with err filled when out
 * of memory or when nothing matches. */
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
    if (*n == 0) {
        kpi_free(idx);
        refuse(err, "no series matches indicator '%s' and area '%s'",
               rq->indicator ? rq->indicator : "(any)", rq->area ? rq->area : "(any)");
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
    if (rq->type == KPI_CHART_YOY || rq->type == KPI_CHART_MULTIPLES)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "one chart per series takes a line, rolling, sparkline or spc "
                             "chart, not %s",
                             kpi_chart_type_name(rq->type));
    size_t n;
    size_t *idx = select_series(s, rq, &n, err);
    if (!idx)
        return err ? err->code : KPI_EINVAL;
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
