/* Colours for every chart.  Series take the Okabe-Ito palette (Okabe and
 * Ito 2008), designed to stay distinct under the common colour-vision
 * deficiencies.  "Better" and "worse" are blue and vermilion, a pair that
 * red-green colour-blind readers still tell apart by hue and lightness;
 * neither is green or red.  Text and rules are greys.  SPC charts colour
 * points as Making Data Count does, in the same inks: improvement blue,
 * concern vermilion (its orange), common cause grey, and special cause
 * with no better direction Okabe-Ito's reddish purple. */
#ifndef KPI_PALETTE_PRIVATE_H
#define KPI_PALETTE_PRIVATE_H

#include <stddef.h>

#include "canvas_private.h"
#include "kpi/meta.h"

typedef enum kpi_ink {
    KPI_INK_TITLE = 0, /* near-black headings */
    KPI_INK_TEXT,      /* labels */
    KPI_INK_MUTED,     /* subtitles, tick labels, source note */
    KPI_INK_GRID,      /* light gridlines */
    KPI_INK_AXIS,      /* the baseline and tick marks */
    KPI_INK_ZERO,      /* the zero line of a diverging chart */
    KPI_INK_GOOD,      /* a change in the better direction */
    KPI_INK_BAD,       /* a change in the worse direction */
    KPI_INK_NEUTRAL,   /* no better direction, no change, or not computable */
    KPI_INK_TARGET,    /* target lines */
    KPI_INK_SPECIAL,   /* special-cause variation with no better direction */
    KPI_INK_LAST
} kpi_ink;

KPI_INTERNAL kpi_rgb kpi_palette_ink(kpi_ink ink);

/* The colour of series i: Okabe-Ito, in an order that keeps the first
 * colours dark enough for thin lines on white; it repeats after eight. */
KPI_INTERNAL kpi_rgb kpi_palette_series(size_t i);

/* The ink for a change of sign `sign` (-1, 0, +1) given the indicator's
 * better direction. */
KPI_INTERNAL kpi_ink kpi_palette_direction(int sign, kpi_better better);

#endif
