/* kpi areas: which areas roll up into which, and how many people live in
 * each, read from small CSV files.
 *
 * A rollup map has the header area,parent: one row per child and parent,
 * so a borough may roll up both into its Basic Command Unit and into a
 * London total.  A population file has the header area,population or
 * area,period,population, the period being a year or a financial year
 * (mid-year estimates); an ambiguous "2011-12" is the financial year there.
 * Area names match case-insensitively, ignoring
 * surrounding spaces, so "Kingston Upon Thames" is "Kingston upon
 * Thames". */
#ifndef KPI_AREAS_H
#define KPI_AREAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/period.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether two area names are the same: ASCII case and surrounding spaces
 * do not count. */
KPI_API bool kpi_areas_same(const char *a, const char *b);

typedef struct kpi_rollup kpi_rollup;

/* Read a rollup map (path "-" is stdin).  A child listed twice under the
 * same parent, an empty cell or a missing column is an error at
 * source:line:column.  Returns a new map the caller frees with
 * kpi_rollup_free(), or NULL with err filled. */
KPI_API kpi_rollup *kpi_rollup_read(const char *path, kpi_error *err);
KPI_API void kpi_rollup_free(kpi_rollup *m);

/* Parents in order of first appearance; a parent's children in file
 * order.  Borrowed strings, valid until the map is freed. */
KPI_API size_t kpi_rollup_n_parents(const kpi_rollup *m);
KPI_API const char *kpi_rollup_parent(const kpi_rollup *m, size_t p);
KPI_API size_t kpi_rollup_n_children(const kpi_rollup *m, size_t p);
KPI_API const char *kpi_rollup_child(const kpi_rollup *m, size_t p, size_t c);

/* Whether area is a child of any parent. */
KPI_API bool kpi_rollup_has_child(const kpi_rollup *m, const char *area);

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
