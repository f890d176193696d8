/* PNG output tuned for charts. */
#ifndef KPI_PNG_PRIVATE_H
#define KPI_PNG_PRIVATE_H

#include <cairo.h>
#include <stdio.h>

#include "kpi/error.h"

/* Write an RGB24 image surface to fp as an 8-bit RGB PNG.  Returns KPI_OK,
 * KPI_ENOMEM or KPI_EIO with err filled. */
kpi_status kpi_png_write(cairo_surface_t *surface, FILE *fp, kpi_error *err);

#endif
