/* kpi scales: the numeric side of every chart's axes.
 *
 * A linear scale maps a data interval onto a page interval.  Tick steps
 * are "nice": 1, 2 or 5 times a power of ten, chosen with Heckbert's
 * nice-number method (Graphics Gems, 1990) and then widened until the
 * ticks fit the number the caller can show.  Tick labels are written with
 * thousands separators ("14,766"), never in exponent form and never with
 * the process locale's separators.  Nothing here draws: the same ticks
 * serve every chart type and every output format. */
#ifndef KPI_SCALE_H
#define KPI_SCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A linear map from the data interval [d0, d1] to the page interval
 * [r0, r1].  r1 may be below r0 (a y axis grows upwards on the page). */
typedef struct kpi_scale {
    double d0, d1;
    double r0, r1;
} kpi_scale;

/* The page position of data value v.  A degenerate domain (d0 == d1) maps
 * everything to the middle of the range.  Never fails. */
KPI_API double kpi_scale_map(const kpi_scale *s, double v);

/* Flags for kpi_scale_ticks. */
enum {
    /* The domain must include zero (bars grow from zero). */
    KPI_SCALE_ZERO = 1u << 0,
    /* Steps are whole numbers (counts never get a 0.5 tick). */
    KPI_SCALE_INTEGER = 1u << 1
};

/* Largest magnitude an axis can show: far beyond any figure kpi reads
 * (below 1e15) or derives from them, and far enough below DBL_MAX that
 * widening a range cannot overflow. */
#define KPI_SCALE_MAX_MAGNITUDE 1e300

/* Most ticks kpi_scale_ticks ever returns. */
#define KPI_SCALE_MAX_TICKS 50

typedef struct kpi_ticks {
    double lo, hi; /* the nice domain: first and last tick */
    double step;   /* 1, 2 or 5 x 10^k */
    size_t count;  /* ticks lo, lo + step, ..., hi: 2..KPI_SCALE_MAX_TICKS */
    int decimals;  /* decimals that label every tick exactly (0..15) */
} kpi_ticks;

/* Heckbert's nice number: x (> 0) rounded to 1, 2, 5 or 10 times a power
 * of ten.  With round, the nearest (thresholds 1.5, 3, 7); otherwise the
 * smallest nice number >= x.  Returns 0 for x <= 0 or non-finite x. */
KPI_API double kpi_scale_nice_num(double x, bool round);

/* Nice ticks covering the data range [lo, hi] (either order) with at most
 * max_ticks ticks (2..KPI_SCALE_MAX_TICKS; 3 when zero lies strictly
 * inside the range, since ticks sit on multiples of the step).  The first and last ticks
 * enclose the data; flags add KPI_SCALE_ZERO.  A flat range (lo == hi) is
 * widened to a sensible interval around the value (0..1 for zero), so a
 * flat series sits in the middle of its axis.  Tick values are exact
 * multiples of the step (use kpi_scale_tick) for ranges from 1e-15 to
 * 1e15 in magnitude, and near multiples up to KPI_SCALE_MAX_MAGNITUDE.
 * Returns KPI_OK, or KPI_EINVAL when lo or hi is not finite or beyond
 * KPI_SCALE_MAX_MAGNITUDE, or max_ticks is out of range (err filled). */
KPI_API kpi_status kpi_scale_ticks(double lo, double hi, size_t max_ticks, unsigned flags,
                                   kpi_ticks *out, kpi_error *err);

/* The i-th tick of t (i < t->count), computed as an integer multiple of
 * the step so that 0.1 + 0.2 drift never shows.  Never fails. */
KPI_API double kpi_scale_tick(const kpi_ticks *t, size_t i);

/* Flags for kpi_scale_label. */
enum {
    KPI_LABEL_SIGN = 1u << 0,   /* "+12" for positive values */
    KPI_LABEL_PERCENT = 1u << 1 /* a trailing "%" */
};

/* Write v rounded half away from zero to `decimals` places (0..15) with
 * thousands separators: "14,766", "-25.2", and with flags "+0.6%".  A
 * value that rounds to zero is written unsigned ("0", "0.0%").  Returns
 * the length written (without the NUL), or the length needed if size is
 * too small, like snprintf.  64 bytes are always enough. */
KPI_API size_t kpi_scale_label(double v, int decimals, unsigned flags, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
