#include "kpi/spc.h"

#include <math.h>
#include <string.h>

#include "alloc_private.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* The near-limit band starts two thirds of the way to a process limit. */
#define NEAR_FRACTION (2.0 / 3.0)

static const char NO_LIMITS[] = "no limits: fewer than 2 points";
static const char UNRELIABLE[] = "limits rest on fewer than 12 points";
static const char PARTIAL[] = "partial period: built from incomplete data, not judged";

kpi_spc_options
kpi_spc_options_default(void)
{
    return (kpi_spc_options){.baseline = 0};
}

const char *
kpi_spc_variation_name(kpi_spc_variation v)
{
    static const char *const names[] = {"",        "common",       "improvement",
                                        "concern", "neutral_high", "neutral_low"};
    _Static_assert(COUNT(names) == KPI_SPC_VARIATION_LAST, "one name per variation");
    return (unsigned)v < COUNT(names) ? names[v] : "";
}

const char *
kpi_spc_assurance_name(kpi_spc_assurance a)
{
    static const char *const names[] = {"", "pass", "fail", "hit_and_miss"};
    return (unsigned)a < COUNT(names) ? names[a] : "";
}

size_t
kpi_spc_rules_format(unsigned rules, char *buf, size_t size)
{
    static const char *const names[] = {"outside", "shift", "trend", "two_of_three"};
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    for (size_t r = 0; r < COUNT(names); r++) {
        if (!(rules & (1u << r)))
            continue;
        int n = snprintf(size > len ? buf + len : NULL, size > len ? size - len : 0, "%s%s",
                         len ? ";" : "", names[r]);
        len += (size_t)n;
    }
    return len;
}

const char *
kpi_spc_note(const kpi_spc_point *p)
{
    if (p->partial)
        return PARTIAL;
    if (!p->has_limits)
        return NO_LIMITS;
    return p->basis < KPI_SPC_RELIABLE ? UNRELIABLE : "";
}

kpi_spc_assurance
kpi_spc_assure(const kpi_spc_point *p, double target, kpi_better better)
{
    if (!p->has_limits || better == KPI_BETTER_NONE || !isfinite(target))
        return KPI_SPC_ASSURANCE_NONE;
    /* Where lower is better, a target above the upper limit is met by
     * every ordinary point; higher is better mirrors it. */
    double easy = better == KPI_BETTER_DOWN ? p->upl : -p->lpl;
    double hard = better == KPI_BETTER_DOWN ? p->lpl : -p->upl;
    double t = better == KPI_BETTER_DOWN ? target : -target;
    if (t > easy)
        return KPI_SPC_PASS;
    if (t < hard)
        return KPI_SPC_FAIL;
    return KPI_SPC_HIT_AND_MISS;
}

/* ---- one segment -------------------------------------------------------- */

/* Mean and limits of y[0..n) from its first nb points. */
static void
limits(const double *y, size_t n, size_t nb, bool screen, kpi_spc_point *out)
{
    double mean = 0, amr = 0;
    for (size_t i = 0; i < nb; i++)
        mean += (y[i] - mean) / (double)(i + 1);
    for (size_t i = 1; i < nb; i++)
        amr += fabs(y[i] - y[i - 1]);
    amr /= (double)(nb - 1);
    if (screen) {
        double cut = KPI_SPC_SCREEN_FACTOR * amr, kept = 0;
        size_t m = 0;
        for (size_t i = 1; i < nb; i++) {
            double mr = fabs(y[i] - y[i - 1]);
            if (mr <= cut) {
                kept += mr;
                m++;
            }
        }
        /* Every range equal to the others is kept, so m > 0. */
        amr = kept / (double)m;
    }
    double width = KPI_SPC_LIMIT_FACTOR * amr;
    for (size_t i = 0; i < n; i++) {
        kpi_spc_point *p = &out[i];
        p->has_limits = true;
        p->mean = mean;
        p->lpl = mean - width;
        p->upl = mean + width;
        p->near_low = mean - NEAR_FRACTION * width;
        p->near_high = mean + NEAR_FRACTION * width;
    }
}

/* Which side of the mean: 1 above, -1 below, 0 on it. */
static int
side(const kpi_spc_point *p, size_t i)
{
    return p[i].value > p[i].mean ? 1 : p[i].value < p[i].mean ? -1 : 0;
}

/* Runs of KPI_SPC_RUN or more points on one side of the mean. */
static void
flag_shifts(kpi_spc_point *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int s = side(p, i);
        size_t j = i + 1;
        while (s != 0 && j < n && side(p, j) == s)
            j++;
        if (s != 0 && j - i >= KPI_SPC_RUN)
            for (size_t k = i; k < j; k++)
                p[k].rules |= KPI_SPC_SHIFT;
        i = j;
    }
}

/* The step into point i: 1 up, -1 down, 0 level (or the first point). */
static int
step(const kpi_spc_point *p, size_t i)
{
    if (i == 0)
        return 0;
    return p[i].value > p[i - 1].value ? 1 : p[i].value < p[i - 1].value ? -1 : 0;
}

/* Runs of KPI_SPC_RUN - 1 or more steps the same way: KPI_SPC_RUN points
 * or more, the one the run starts from included.  Each takes the run's
 * direction. */
static void
flag_trends(kpi_spc_point *p, size_t n)
{
    size_t i = 1;
    while (i < n) {
        int s = step(p, i);
        size_t j = i;
        while (s != 0 && j + 1 < n && step(p, j + 1) == s)
            j++;
        if (s != 0 && j - i + 2 >= KPI_SPC_RUN)
            for (size_t k = i - 1; k <= j; k++) {
                p[k].rules |= KPI_SPC_TREND;
                p[k].direction = s;
            }
        i = j + 1;
    }
}

static int
beyond_near(const kpi_spc_point *p, int s)
{
    return s > 0 ? p->value > p->near_high : p->value < p->near_low;
}

static void
flag_two_of_three(kpi_spc_point *p, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        for (int s = -1; s <= 1; s += 2) {
            int c = beyond_near(&p[i], s) + beyond_near(&p[i + 1], s) + beyond_near(&p[i + 2], s);
            if (c < 2)
                continue;
            for (size_t k = i; k < i + 3; k++)
                if (beyond_near(&p[k], s))
                    p[k].rules |= KPI_SPC_TWO_OF_THREE;
        }
}

static kpi_spc_variation
variation_of(int dir, kpi_better better)
{
    if (better == KPI_BETTER_NONE)
        return dir > 0 ? KPI_SPC_NEUTRAL_HIGH : KPI_SPC_NEUTRAL_LOW;
    return (dir > 0) == (better == KPI_BETTER_UP) ? KPI_SPC_IMPROVEMENT : KPI_SPC_CONCERN;
}

static void
segment(const double *y, size_t n, size_t seg, const kpi_spc_options *opt, kpi_spc_point *p)
{
    size_t nb = opt->baseline && opt->baseline < n ? opt->baseline : n;
    for (size_t i = 0; i < n; i++) {
        kpi_period period = p[i].period;
        p[i] = (kpi_spc_point){.period = period, .value = y[i], .segment = seg, .basis = nb};
    }
    if (nb < 2)
        return;
    limits(y, n, nb, opt->screen, p);
    for (size_t i = 0; i < n; i++)
        if (y[i] > p[i].upl || y[i] < p[i].lpl)
            p[i].rules |= KPI_SPC_OUTSIDE;
    flag_shifts(p, n);
    flag_trends(p, n);
    flag_two_of_three(p, n);
    for (size_t i = 0; i < n; i++) {
        /* A point beside the mean for any other rule is high or low by
         * its side; a trend alone gives its own direction. */
        if (p[i].rules & (KPI_SPC_OUTSIDE | KPI_SPC_TWO_OF_THREE | KPI_SPC_SHIFT))
            p[i].direction = side(p, i);
        p[i].variation = p[i].rules ? variation_of(p[i].direction, opt->better) : KPI_SPC_COMMON;
    }
}

kpi_status
kpi_spc_compute(const double *y, size_t n, const size_t *starts, size_t n_starts,
                const kpi_spc_options *opt, kpi_spc_point *out, kpi_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "y[%zu] is not a finite number", i);
    for (size_t k = 0; k < n_starts; k++)
        if (starts[k] == 0 || starts[k] >= n || (k > 0 && starts[k] <= starts[k - 1]))
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                                 "segment start %zu must lie in 1..%zu after the one before",
                                 starts[k], n ? n - 1 : 0);
    size_t from = 0;
    for (size_t k = 0; k <= n_starts; k++) {
        size_t to = k < n_starts ? starts[k] : n;
        segment(y + from, to - from, k, opt, out + from);
        from = to;
    }
    return KPI_OK;
}

/* ---- series ------------------------------------------------------------- */

void
kpi_spc_free(kpi_spc *out)
{
    if (!out)
        return;
    kpi_free(out->points);
    out->points = NULL;
    out->n = 0;
}

/* Whether a rebase period of opt lies after prev and on or before cur. */
static bool
rebased_between(const kpi_spc_options *opt, kpi_period prev, kpi_period cur)
{
    for (size_t r = 0; r < opt->n_rebase; r++) {
        kpi_period b = opt->rebase[r];
        if (b.freq == cur.freq && b.ordinal > prev.ordinal && b.ordinal <= cur.ordinal)
            return true;
    }
    return false;
}

/* The chart of complete points: segments from the rebase periods. */
static kpi_status
complete_chart(const kpi_period *periods, const double *y, size_t n, const kpi_spc_options *opt,
               kpi_spc_point *out, kpi_error *err)
{
    size_t *starts = kpi_malloc((n ? n : 1) * sizeof *starts), ns = 0;
    if (!starts)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "%s", "out of memory");
    for (size_t i = 1; i < n; i++)
        if (rebased_between(opt, periods[i - 1], periods[i]))
            starts[ns++] = i;
    for (size_t i = 0; i < n; i++)
        out[i].period = periods[i];
    kpi_status st = kpi_spc_compute(y, n, starts, ns, opt, out, err);
    kpi_free(starts);
    return st;
}

kpi_status
kpi_spc_periods(const kpi_period *periods, const double *y, const bool *partial, size_t n,
                const kpi_spc_options *opt, kpi_spc_point *out, kpi_error *err)
{
    size_t nc = 0;
    for (size_t i = 0; i < n; i++)
        nc += !(partial && partial[i]);
    if (nc == n)
        return complete_chart(periods, y, n, opt, out, err);
    /* The complete points alone make the chart; then each partial point
     * takes the limits of its segment (of the complete point before it,
     * or after it when none is), for reading beside them, and no rule. */
    kpi_spc_point *pc = kpi_malloc((nc ? nc : 1) * (sizeof *pc + sizeof(double) + sizeof *periods));
    if (!pc)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "%s", "out of memory");
    double *yc = (double *)(pc + (nc ? nc : 1));
    kpi_period *perc = (kpi_period *)(yc + (nc ? nc : 1));
    for (size_t i = 0, k = 0; i < n; i++)
        if (!partial[i]) {
            perc[k] = periods[i];
            yc[k++] = y[i];
        }
    kpi_status st = complete_chart(perc, yc, nc, opt, pc, err);
    for (size_t i = 0, k = 0; i < n && st == KPI_OK; i++) {
        if (!partial[i]) {
            out[i] = pc[k++];
            continue;
        }
        bool before = k > 0 && !(k < nc && rebased_between(opt, perc[k - 1], periods[i]));
        const kpi_spc_point *ref = before ? &pc[k - 1] : k < nc ? &pc[k] : NULL;
        out[i] = (kpi_spc_point){.period = periods[i], .value = y[i], .partial = true};
        if (ref) {
            out[i].segment = ref->segment;
            out[i].basis = ref->basis;
            out[i].has_limits = ref->has_limits;
            out[i].mean = ref->mean;
            out[i].lpl = ref->lpl;
            out[i].upl = ref->upl;
            out[i].near_low = ref->near_low;
            out[i].near_high = ref->near_high;
        }
    }
    kpi_free(pc);
    return st;
}

kpi_status
kpi_spc_series(const kpi_series *se, const kpi_spc_options *opt, const kpi_period *to, kpi_spc *out,
               kpi_error *err)
{
    out->points = NULL;
    out->n = 0;
    size_t len = kpi_series_length(se), n = 0;
    bool has_to = to && to->freq == kpi_series_freq(se);
    for (size_t i = 0; i < len; i++)
        if (kpi_series_state(se, i) == KPI_OBS_VALUE &&
            !(has_to && kpi_series_period(se, i).ordinal > to->ordinal))
            n++;
    if (n == 0)
        return KPI_OK;
    /* One block: the points, then the values and their periods. */
    size_t bytes = n * (sizeof(kpi_spc_point) + sizeof(double) + sizeof(kpi_period) + sizeof(bool));
    kpi_spc_point *p = kpi_malloc(bytes);
    if (!p)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "%s", "out of memory");
    double *y = (double *)(p + n);
    kpi_period *periods = (kpi_period *)(y + n);
    bool *partial = (bool *)(periods + n);
    size_t m = 0;
    for (size_t i = 0; i < len && m < n; i++) {
        if (kpi_series_state(se, i) != KPI_OBS_VALUE)
            continue;
        periods[m] = kpi_series_period(se, i);
        partial[m] = kpi_series_partial(se, i);
        y[m++] = kpi_series_value(se, i);
    }
    kpi_status st = kpi_spc_periods(periods, y, partial, n, opt, p, err);
    if (st != KPI_OK) {
        kpi_free(p);
        return st;
    }
    out->points = p;
    out->n = n;
    return KPI_OK;
}
