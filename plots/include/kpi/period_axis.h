/* kpi period axes: where a time axis puts its labels, and what they say.
 *
 * A period axis steps in whole periods, never in seconds: every 1, 2, 3,
 * 4 or 6 months, every quarter or two, every 1, 2, 5, 10, ... calendar or
 * financial years.  Ticks land on period boundaries (January, Q1, the
 * first quarter of a financial year) and the finest step whose labels all
 * fit the width without touching is chosen.  Labels have one or two
 * lines: the period ("Jan", "Q1", "2019", "2016-17") and, under the first
 * tick and wherever the year changes, the year ("2019", "2018-19").
 *
 * The module does not draw and knows no font: the caller passes a function
 * that measures text in the same units as the page positions, so the plan
 * can be tested without a drawing surface. */
#ifndef KPI_PERIOD_AXIS_H
#define KPI_PERIOD_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"
#include "kpi/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Width of text (UTF-8) on the page, in the units of the axis. */
typedef double (*kpi_text_width_fn)(void *ud, const char *text);

/* Most labels a period axis carries; no reader follows more. */
#define KPI_PERIOD_AXIS_MAX_TICKS 64

typedef struct kpi_period_tick {
    kpi_period period;               /* the period the tick marks */
    double x;                        /* the tick's page position */
    double x0, x1;                   /* the label's horizontal extent, kept inside the limits */
    char line1[KPI_PERIOD_TEXT_MAX]; /* "Jan", "Q4", "2019", "2016-17", "3 Jan" */
    char line2[KPI_PERIOD_TEXT_MAX]; /* the year when it starts or changes, or "" */
} kpi_period_tick;

typedef struct kpi_period_axis {
    kpi_freq unit;  /* what the step counts: day, month, quarter, fquarter, year, fy */
    int32_t step;   /* a label every step units */
    bool two_lines; /* some label has a second line */
    size_t count;   /* labels in ticks[] */
    kpi_period_tick ticks[KPI_PERIOD_AXIS_MAX_TICKS];
} kpi_period_axis;

/* Plan the labels of a time axis over the periods first..last (same
 * frequency, first <= last).  xs maps a period ordinal to its page
 * position; label boxes are kept inside [lim0, lim1] (an edge label is
 * shifted inwards rather than cut), and neighbouring boxes are at least
 * gap apart.  width measures text.  The finest step whose labels fit is
 * chosen; if none fits, the coarsest step is thinned so that no two
 * labels touch (possibly to none).  Returns KPI_OK, or KPI_EINVAL when the
 * periods differ in frequency, are in the wrong order or have no
 * frequency (err filled). */
KPI_API kpi_status kpi_period_axis_plan(kpi_period first, kpi_period last, const kpi_scale *xs,
                                        double lim0, double lim1, double gap,
                                        kpi_text_width_fn width, void *ud, kpi_period_axis *out,
                                        kpi_error *err);

/* The same for a small panel, whose reader must see where its time
 * starts and ends: the first and last periods are always labelled, in
 * full ("Dec" over "2023", "2016-17"), and the finest step's labels are
 * added between them only when all of them fit beside the ends.  When
 * the two ends cannot both fit, the last period is labelled alone (none
 * when even it does not fit).  Fails as kpi_period_axis_plan does. */
KPI_API kpi_status kpi_period_axis_plan_ends(kpi_period first, kpi_period last, const kpi_scale *xs,
                                             double lim0, double lim1, double gap,
                                             kpi_text_width_fn width, void *ud,
                                             kpi_period_axis *out, kpi_error *err);

/* Write p as a reader sees it in a chart annotation: "Jan 2019",
 * "2019 Q1", "2018-19 Q4", "2016-17", "2019", "3 Jan 2019".  Returns the
 * length written (without the NUL), or 0 when size is too small (use
 * KPI_PERIOD_TEXT_MAX) or p is invalid. */
KPI_API size_t kpi_period_axis_label(kpi_period p, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
