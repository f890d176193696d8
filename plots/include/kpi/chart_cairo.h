/* kpi charts drawn into a caller's cairo context: for documents that
 * place charts on their own pages (the PDF pack).  The only kpi header
 * that includes cairo.h; a program that only writes chart files needs
 * kpi/chart.h alone. */
#ifndef KPI_CHART_CAIRO_H
#define KPI_CHART_CAIRO_H

#include <cairo.h>

#include "kpi/chart.h"
#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Draw c into cr in a box of width x height user units (points on a PDF
 * page) whose top-left corner is the origin of cr's user space; the
 * caller translates cr to place it.  Nothing is drawn outside the box,
 * which gets the chart's white background.  cr's state is restored
 * afterwards.  Returns the chart's sticky status if set; KPI_EINVAL when
 * there is nothing to draw or the box is empty; KPI_ERENDER when cr is in
 * an error state (message from cairo); KPI_ENOMEM. */
KPI_API kpi_status kpi_chart_draw_cairo(kpi_chart *c, cairo_t *cr, double width, double height,
                                        kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
