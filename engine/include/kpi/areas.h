/* kpi areas: how area names compare.  Which areas roll up into which is
 * kpi/rollup.h, how many people live in each kpi/population.h; both read
 * small CSV files whose area names match as kpi_areas_same() says. */
#ifndef KPI_AREAS_H
#define KPI_AREAS_H

#include <stdbool.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether two area names are the same: ASCII case and surrounding spaces
 * do not count. */
KPI_API bool kpi_areas_same(const char *a, const char *b);

#ifdef __cplusplus
}
#endif

#endif
