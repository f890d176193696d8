#include "kpi/scale.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kpi/value.h"

double
kpi_scale_map(const kpi_scale *s, double v)
{
    if (s->d1 == s->d0)
        return (s->r0 + s->r1) / 2.0;
    return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

/* Split x > 0 into f * 10^e with 1 <= f < 10.  log10 can land a hair on
 * the wrong side of a power of ten (log10(1000) may be 2.9999...), so the
 * mantissa is corrected into range afterwards. */
static double
mantissa(double x, int *e)
{
    int k = (int)floor(log10(x));
    double f = x / pow(10.0, k);
    if (f >= 10.0) {
        f /= 10.0;
        k++;
    } else if (f < 1.0) {
        f *= 10.0;
        k--;
    }
    *e = k;
    return f;
}

double
kpi_scale_nice_num(double x, bool round)
{
    if (!(x > 0.0) || !isfinite(x))
        return 0.0;
    int e;
    double f = mantissa(x, &e);
    double nf;
    /* Heckbert's thresholds: rounding picks the nearest of 1, 2, 5, 10 on a
     * roughly logarithmic split; the ceiling mode never goes below x. */
    if (round)
        nf = f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0;
    else
        nf = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
    return e >= 0 ? nf * pow(10.0, e) : nf / pow(10.0, -e);
}

/* A step held as m * 10^e with m in {1, 2, 5}, so that tick values can be
 * formed exactly as integers over a power of ten. */
typedef struct step125 {
    int m;
    int e;
} step125;

static double
step_value(step125 s)
{
    return s.e >= 0 ? s.m * pow(10.0, s.e) : s.m / pow(10.0, -s.e);
}

static step125
step_from(double nice)
{
    int e;
    double f = mantissa(nice, &e);
    step125 s = {1, e};
    if (f > 7.5) {
        s.e++;
    } else if (f > 3.5) {
        s.m = 5;
    } else if (f > 1.5) {
        s.m = 2;
    }
    return s;
}

static step125
step_next(step125 s)
{
    if (s.m == 1)
        s.m = 2;
    else if (s.m == 2)
        s.m = 5;
    else {
        s.m = 1;
        s.e++;
    }
    return s;
}

kpi_status
kpi_scale_ticks(double lo, double hi, size_t max_ticks, unsigned flags, kpi_ticks *out,
                kpi_error *err)
{
    if (!isfinite(lo) || !isfinite(hi))
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected a finite axis range, found %g to %g", lo, hi);
    /* Near DBL_MAX the widening and the span below overflow to infinity,
     * and the step search never ended. */
    if (fmax(fabs(lo), fabs(hi)) > KPI_SCALE_MAX_MAGNITUDE)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected axis values below %g in magnitude, found %g to %g",
                             KPI_SCALE_MAX_MAGNITUDE, lo, hi);
    if (max_ticks < 2 || max_ticks > KPI_SCALE_MAX_TICKS)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "expected 2 to %d ticks, found %zu",
                             KPI_SCALE_MAX_TICKS, max_ticks);
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (flags & KPI_SCALE_ZERO) {
        lo = fmin(lo, 0.0);
        hi = fmax(hi, 0.0);
    }
    /* A flat range has no scale of its own: widen it by a tenth of the
     * value's magnitude so the line sits mid-axis, and 0 gets 0..1.  (With
     * KPI_SCALE_ZERO a range is flat only when it is 0..0.) */
    double mag = fmax(fabs(lo), fabs(hi));
    if (hi - lo <= mag * 1e-12) {
        if (mag == 0.0) {
            hi = 1.0;
        } else {
            lo -= mag * 0.1;
            hi += mag * 0.1;
        }
    }

    /* Ticks sit on multiples of the step, so a range with zero strictly
     * inside needs three: -step, 0 and +step. */
    if (lo < 0.0 && hi > 0.0 && max_ticks < 3)
        max_ticks = 3;
    double range = kpi_scale_nice_num(hi - lo, false);
    step125 s = step_from(kpi_scale_nice_num(range / (double)(max_ticks - 1), true));
    /* Labels have at most 15 decimals (value.h), so no step is finer than
     * the 15th decimal: 0..1e-15 gets 0 and 1e-15, not six ticks labelled
     * 0. */
    int finest = (flags & KPI_SCALE_INTEGER) ? 0 : -KPI_VALUE_MAX_DIGITS;
    if (s.e < finest)
        s = (step125){1, finest};
    double k0, k1;
    for (;;) {
        double st = step_value(s);
        /* The tolerance keeps 0.3 / 0.1 = 2.9999... from adding a tick. */
        k0 = floor(lo / st + 1e-9);
        k1 = ceil(hi / st - 1e-9);
        if (k1 <= k0)
            k1 = k0 + 1;
        if (k1 - k0 + 1 <= (double)max_ticks)
            break;
        s = step_next(s);
    }
    out->step = step_value(s);
    out->count = (size_t)(k1 - k0) + 1;
    out->decimals = s.e < 0 ? -s.e : 0;
    if (s.e >= 0) {
        out->lo = k0 * out->step;
        out->hi = k1 * out->step;
    } else {
        double p = pow(10.0, -s.e);
        out->lo = k0 * s.m / p;
        out->hi = k1 * s.m / p;
    }
    return KPI_OK;
}

/* Whole numbers below 2^53 add exactly as doubles, as they would as
 * integers; beyond that a long long would overflow (a range of 1e19 did),
 * while a double only rounds, far below what a label shows. */
double
kpi_scale_tick(const kpi_ticks *t, size_t i)
{
    if (t->decimals == 0)
        return t->lo + (double)i * t->step;
    double p = pow(10.0, t->decimals);
    return (round(t->lo * p) + (double)i * round(t->step * p)) / p;
}

size_t
kpi_scale_label(double v, int decimals, unsigned flags, char *buf, size_t size)
{
    char num[512];
    size_t n = kpi_value_format_fixed(v, decimals, true, num, sizeof num);
    if (n >= sizeof num)
        n = sizeof num - 1;
    /* kpi_value_format_fixed already drops the sign of a value that rounds
     * to zero; a "+" must follow the same rule. */
    bool nonzero = strpbrk(num, "123456789") != NULL;
    const char *sign = (flags & KPI_LABEL_SIGN) && v > 0 && nonzero ? "+" : "";
    const char *pct = (flags & KPI_LABEL_PERCENT) ? "%" : "";
    int r = snprintf(buf, size, "%s%s%s", sign, num, pct);
    return r < 0 ? 0 : (size_t)r;
}
