/* kpi rollups: which areas roll up into which, read from a CSV file with
 * the header area,parent: one row per child and parent, so a borough may
 * roll up both into its Basic Command Unit and into a London total.  Area
 * names match as kpi_areas_same() says. */
#ifndef KPI_ROLLUP_H
#define KPI_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/areas.h"
#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

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

#ifdef __cplusplus
}
#endif

#endif
