/* kpi populations: how many people live in each area, read from a CSV
 * file with the header area,population or area,period,population, the
 * period being a year or a financial year (mid-year estimates); an
 * ambiguous "2011-12" is the financial year there.  Area names match
 * case-insensitively, ignoring surrounding spaces, so "Kingston Upon
 * Thames" is "Kingston upon Thames" (kpi_areas_same). */
#ifndef KPI_POPULATION_H
#define KPI_POPULATION_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/areas.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_population kpi_population;

/* Read a population file (path "-" is stdin).  Populations must be
 * positive numbers; a repeated area (and period) is an error.  fy_start is
 * the first month of the financial year for mapping periods into
 * financial-year populations.  Returns a new table the caller frees with
 * kpi_population_free(), or NULL with err filled. */
KPI_API kpi_population *kpi_population_read(const char *path, int fy_start, kpi_error *err);
KPI_API void kpi_population_free(kpi_population *pop);

/* The population of area during period p: the row for area whose period
 * contains p (a month of 2019 takes the 2019 estimate), or the area's only
 * row when the file has no period column.  Returns false when there is
 * none. */
KPI_API bool kpi_population_find(const kpi_population *pop, const char *area, kpi_period p,
                                 double *out);

#ifdef __cplusplus
}
#endif

#endif
