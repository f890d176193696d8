#include "kpi/period_axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Floor division and modulo, so that ordinals before year 0 still split
 * into a year and a month in 0..11. */
static int32_t
fdiv(int32_t a, int32_t b)
{
    int32_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int32_t
fmod32(int32_t a, int32_t b)
{
    return a - fdiv(a, b) * b;
}

/* A candidate labelling: every `step` units of `unit`. */
typedef struct candidate {
    kpi_freq unit;
    int32_t step;
} candidate;

static const int32_t year_steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
#define N_YEAR_STEPS (sizeof year_steps / sizeof year_steps[0])

/* The candidates for data of frequency f, finest first.  Months step by
 * divisors of twelve so that ticks repeat on the same months every year. */
static size_t
candidates(kpi_freq f, candidate *out)
{
    size_t n = 0;
    kpi_freq years = KPI_FREQ_YEAR;
    switch (f) {
    case KPI_FREQ_DAY: {
        static const int32_t d[] = {1, 2, 7, 14};
        for (size_t i = 0; i < 4; i++)
            out[n++] = (candidate){KPI_FREQ_DAY, d[i]};
        static const int32_t m[] = {1, 2, 3, 6};
        for (size_t i = 0; i < 4; i++)
            out[n++] = (candidate){KPI_FREQ_MONTH, m[i]};
        break;
    }
    case KPI_FREQ_MONTH: {
        static const int32_t m[] = {1, 2, 3, 4, 6};
        for (size_t i = 0; i < 5; i++)
            out[n++] = (candidate){KPI_FREQ_MONTH, m[i]};
        break;
    }
    case KPI_FREQ_QUARTER:
        out[n++] = (candidate){KPI_FREQ_QUARTER, 1};
        out[n++] = (candidate){KPI_FREQ_QUARTER, 2};
        break;
    case KPI_FREQ_FQUARTER:
        out[n++] = (candidate){KPI_FREQ_FQUARTER, 1};
        out[n++] = (candidate){KPI_FREQ_FQUARTER, 2};
        years = KPI_FREQ_FYEAR;
        break;
    case KPI_FREQ_FYEAR: years = KPI_FREQ_FYEAR; break;
    default: break;
    }
    for (size_t i = 0; i < N_YEAR_STEPS; i++)
        out[n++] = (candidate){years, year_steps[i]};
    return n;
}

static void
fy_text(int32_t start_year, char *buf, size_t size)
{
    kpi_period p = {KPI_FREQ_FYEAR, start_year};
    if (kpi_period_format(p, buf, size) == 0 && size > 0)
        buf[0] = '\0';
}

/* Whether ordinal o of data frequency f carries a tick under candidate c,
 * and if so its label line and its year text (for the second line). */
static bool
tick_at(kpi_freq f, int32_t o, candidate c, char *line1, char *year)
{
    int32_t y = 0, sub = 0; /* year and position within it */
    int yy = 0, mm = 1, dd = 1;
    switch (f) {
    case KPI_FREQ_DAY:
        kpi_period_day_to_ymd(o, &yy, &mm, &dd);
        y = yy;
        break;
    case KPI_FREQ_MONTH:
        y = fdiv(o, 12);
        sub = fmod32(o, 12);
        break;
    case KPI_FREQ_QUARTER:
    case KPI_FREQ_FQUARTER:
        y = fdiv(o, 4);
        sub = fmod32(o, 4);
        break;
    default: y = o; break;
    }
    if (f == KPI_FREQ_FQUARTER || f == KPI_FREQ_FYEAR)
        fy_text(y, year, KPI_PERIOD_TEXT_MAX);
    else
        snprintf(year, KPI_PERIOD_TEXT_MAX, "%ld", (long)y);

    switch (c.unit) {
    case KPI_FREQ_DAY:
        /* Day 0 (1970-01-01) was a Thursday: weekly ticks fall on Mondays. */
        if (fmod32(c.step >= 7 ? o + 3 : o, c.step) != 0)
            return false;
        snprintf(line1, KPI_PERIOD_TEXT_MAX, "%d %s", dd, month_abbr[mm - 1]);
        return true;
    case KPI_FREQ_MONTH:
        if (f == KPI_FREQ_DAY) {
            if (dd != 1 || (mm - 1) % c.step != 0)
                return false;
            sub = mm - 1;
        } else if (sub % c.step != 0) {
            return false;
        }
        snprintf(line1, KPI_PERIOD_TEXT_MAX, "%s", month_abbr[sub]);
        return true;
    case KPI_FREQ_QUARTER:
    case KPI_FREQ_FQUARTER:
        if (sub % c.step != 0)
            return false;
        snprintf(line1, KPI_PERIOD_TEXT_MAX, "Q%d", (int)sub + 1);
        return true;
    default: /* calendar or financial years */
        if (f == KPI_FREQ_DAY && (dd != 1 || mm != 1))
            return false;
        if (sub != 0 || fmod32(y, c.step) != 0)
            return false;
        snprintf(line1, KPI_PERIOD_TEXT_MAX, "%s", year);
        year[0] = '\0'; /* the year is the label itself */
        return true;
    }
}

/* Set tick t at ordinal o of frequency f with its label lines, its page
 * position and its label's extent, shifted inside [lim0, lim1]. */
static void
set_tick(kpi_period_tick *t, kpi_freq f, int32_t o, const char *line1, const char *line2,
         const kpi_scale *xs, double lim0, double lim1, kpi_text_width_fn width, void *ud)
{
    t->period = (kpi_period){f, o};
    t->x = kpi_scale_map(xs, (double)o);
    snprintf(t->line1, sizeof t->line1, "%s", line1);
    snprintf(t->line2, sizeof t->line2, "%s", line2);
    double w = width(ud, t->line1);
    if (t->line2[0] != '\0')
        w = fmax(w, width(ud, t->line2));
    t->x0 = t->x - w / 2.0;
    t->x1 = t->x + w / 2.0;
    if (t->x0 < lim0) {
        t->x1 += lim0 - t->x0;
        t->x0 = lim0;
    }
    if (t->x1 > lim1) {
        t->x0 -= t->x1 - lim1;
        t->x1 = lim1;
    }
}

/* The ticks of candidate c, and with ends (c may then be NULL: the ends
 * alone) the first and last periods too, each with its year.  The year
 * is written under the first label and where it changes, so "Jan" ..
 * "Dec" read without repeating "2019" twelve times.  Returns false when
 * there would be more than KPI_PERIOD_AXIS_MAX_TICKS labels. */
static bool
build(kpi_period first, kpi_period last, const candidate *c, bool ends, const kpi_scale *xs,
      double lim0, double lim1, kpi_text_width_fn width, void *ud, kpi_period_axis *ax)
{
    candidate fine[32];
    candidates(first.freq, fine);
    fine[0].step = 1; /* every period, named in full */
    ax->unit = c ? c->unit : fine[0].unit;
    ax->step = c ? c->step : 1;
    ax->count = 0;
    ax->two_lines = false;
    char prev_year[KPI_PERIOD_TEXT_MAX] = "";
    for (int32_t o = first.ordinal; o <= last.ordinal; o++) {
        char line1[KPI_PERIOD_TEXT_MAX], year[KPI_PERIOD_TEXT_MAX];
        bool end = ends && (o == first.ordinal || o == last.ordinal);
        if (end)
            tick_at(first.freq, o, fine[0], line1, year);
        else if (!c || !tick_at(first.freq, o, *c, line1, year))
            continue;
        if (ax->count == KPI_PERIOD_AXIS_MAX_TICKS)
            return false;
        bool show_year = year[0] != '\0' && (end || strcmp(year, prev_year) != 0);
        set_tick(&ax->ticks[ax->count++], first.freq, o, line1, show_year ? year : "", xs, lim0,
                 lim1, width, ud);
        ax->two_lines = ax->two_lines || show_year;
        snprintf(prev_year, sizeof prev_year, "%s", year);
    }
    return true;
}

static bool
fits(const kpi_period_axis *ax, double lim0, double lim1, double gap)
{
    for (size_t i = 0; i < ax->count; i++) {
        const kpi_period_tick *t = &ax->ticks[i];
        if (t->x0 < lim0 - 1e-9 || t->x1 > lim1 + 1e-9)
            return false;
        if (i > 0 && t->x0 < ax->ticks[i - 1].x1 + gap)
            return false;
    }
    return true;
}

/* Keep the labels that do not touch the last one kept.  Used only when no
 * step fits, so that the axis is sparse rather than unreadable. */
static void
thin(kpi_period_axis *ax, double lim0, double lim1, double gap)
{
    size_t k = 0;
    for (size_t i = 0; i < ax->count; i++) {
        const kpi_period_tick *t = &ax->ticks[i];
        if (t->x0 < lim0 - 1e-9 || t->x1 > lim1 + 1e-9)
            continue;
        if (k > 0 && t->x0 < ax->ticks[k - 1].x1 + gap)
            continue;
        ax->ticks[k++] = *t;
    }
    ax->count = k;
}

static kpi_status
check_span(kpi_period first, kpi_period last, kpi_error *err)
{
    if (first.freq == KPI_FREQ_NONE || first.freq >= KPI_FREQ_LAST || first.freq != last.freq)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "a period axis needs two periods of one frequency, found %s and %s",
                             kpi_freq_name(first.freq), kpi_freq_name(last.freq));
    if (first.ordinal > last.ordinal)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "a period axis needs its first period before its last");
    return KPI_OK;
}

/* The first of the nc candidate steps whose labels (only the two ends
 * when ends is set) fit between lim0 and lim1, gap apart, left in out. */
static bool
first_fit(kpi_period first, kpi_period last, const candidate *cand, size_t nc, bool ends,
          const kpi_scale *xs, double lim0, double lim1, double gap, kpi_text_width_fn width,
          void *ud, kpi_period_axis *out)
{
    for (size_t i = 0; i < nc; i++)
        if (build(first, last, &cand[i], ends, xs, lim0, lim1, width, ud, out) &&
            (ends || out->count > 0) && fits(out, lim0, lim1, gap))
            return true;
    return false;
}

/* Both ends cannot be labelled: the latest period, which a reader looks
 * for first, alone if it fits. */
static void
ends_fallback(kpi_period first, kpi_period last, const kpi_scale *xs, double lim0, double lim1,
              double gap, kpi_text_width_fn width, void *ud, kpi_period_axis *out)
{
    build(first, last, NULL, true, xs, lim0, lim1, width, ud, out);
    if (fits(out, lim0, lim1, gap))
        return;
    out->ticks[0] = out->ticks[out->count - 1];
    out->count = 1;
    if (!fits(out, lim0, lim1, gap))
        out->count = 0;
    out->two_lines = out->count > 0 && out->ticks[0].line2[0] != '\0';
}

/* No step fits: the coarsest step that has any label, thinned. */
static void
thinned_fallback(kpi_period first, kpi_period last, const candidate *cand, size_t nc,
                 const kpi_scale *xs, double lim0, double lim1, double gap, kpi_text_width_fn width,
                 void *ud, kpi_period_axis *out)
{
    out->count = 0;
    for (size_t i = nc; i-- > 0;) {
        if (build(first, last, &cand[i], false, xs, lim0, lim1, width, ud, out) && out->count > 0)
            break;
        out->count = 0;
    }
    thin(out, lim0, lim1, gap);
    out->two_lines = false;
    for (size_t i = 0; i < out->count; i++)
        out->two_lines = out->two_lines || out->ticks[i].line2[0] != '\0';
}

static kpi_status
plan(kpi_period first, kpi_period last, bool ends, const kpi_scale *xs, double lim0, double lim1,
     double gap, kpi_text_width_fn width, void *ud, kpi_period_axis *out, kpi_error *err)
{
    kpi_status st = check_span(first, last, err);
    if (st != KPI_OK)
        return st;
    candidate cand[32];
    size_t nc = candidates(first.freq, cand);
    if (first_fit(first, last, cand, nc, ends, xs, lim0, lim1, gap, width, ud, out))
        return KPI_OK;
    if (ends)
        ends_fallback(first, last, xs, lim0, lim1, gap, width, ud, out);
    else
        thinned_fallback(first, last, cand, nc, xs, lim0, lim1, gap, width, ud, out);
    return KPI_OK;
}

kpi_status
kpi_period_axis_plan_ends(kpi_period first, kpi_period last, const kpi_scale *xs, double lim0,
                          double lim1, double gap, kpi_text_width_fn width, void *ud,
                          kpi_period_axis *out, kpi_error *err)
{
    return plan(first, last, true, xs, lim0, lim1, gap, width, ud, out, err);
}

kpi_status
kpi_period_axis_plan(kpi_period first, kpi_period last, const kpi_scale *xs, double lim0,
                     double lim1, double gap, kpi_text_width_fn width, void *ud,
                     kpi_period_axis *out, kpi_error *err)
{
    return plan(first, last, false, xs, lim0, lim1, gap, width, ud, out, err);
}

size_t
kpi_period_axis_label(kpi_period p, char *buf, size_t size)
{
    int r;
    switch (p.freq) {
    case KPI_FREQ_DAY: {
        int y, m, d;
        kpi_period_day_to_ymd(p.ordinal, &y, &m, &d);
        r = snprintf(buf, size, "%d %s %d", d, month_abbr[m - 1], y);
        break;
    }
    case KPI_FREQ_MONTH:
        r = snprintf(buf, size, "%s %ld", month_abbr[fmod32(p.ordinal, 12)],
                     (long)fdiv(p.ordinal, 12));
        break;
    case KPI_FREQ_QUARTER:
        r = snprintf(buf, size, "%ld Q%d", (long)fdiv(p.ordinal, 4), (int)fmod32(p.ordinal, 4) + 1);
        break;
    case KPI_FREQ_YEAR: r = snprintf(buf, size, "%ld", (long)p.ordinal); break;
    case KPI_FREQ_FYEAR:
    case KPI_FREQ_FQUARTER:
        /* The canonical forms, 2018-19 and 2018-19 Q4, are what reports print. */
        return kpi_period_format(p, buf, size);
    default: return 0;
    }
    if (r < 0 || (size_t)r >= size) {
        if (size > 0)
            buf[0] = '\0';
        return 0;
    }
    return (size_t)r;
}
