/* kpi: a time-series KPI analytics engine.
 *
 * Ownership, once for the whole library: whoever calls a function that
 * returns a new object (`_new`, `_read`) frees it with the matching `_free`,
 * and every `_free` accepts NULL.  Inputs are copied, so the library keeps
 * no pointer to caller memory after a call returns.  Getters return const
 * pointers that the owner keeps, valid until the owner is changed or freed.
 * The library never prints and never exits: failures are a kpi_status plus
 * a filled kpi_error. */
#ifndef KPI_KPI_H
#define KPI_KPI_H

#include "kpi/areas.h"
#include "kpi/audit.h"
#include "kpi/change.h"
#include "kpi/error.h"
#include "kpi/escape.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/milestones_report.h"
#include "kpi/outfile.h"
#include "kpi/period.h"
#include "kpi/population.h"
#include "kpi/reader.h"
#include "kpi/rollup.h"
#include "kpi/sentence.h"
#include "kpi/series.h"
#include "kpi/significance.h"
#include "kpi/spc.h"
#include "kpi/spc_write.h"
#include "kpi/store.h"
#include "kpi/summary.h"
#include "kpi/table.h"
#include "kpi/template.h"
#include "kpi/transform.h"
#include "kpi/trend.h"
#include "kpi/trend_write.h"
#include "kpi/tz.h"
#include "kpi/value.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KPI_VERSION_MAJOR 0
#define KPI_VERSION_MINOR 1
#define KPI_VERSION_PATCH 0
#define KPI_VERSION_STRING "0.1.0"

/* Prepare the library: switch GSL's abort-on-error handler off so that
 * every GSL failure comes back as a status.  Call it once, first, before
 * any other kpi function.  Never fails; calling it again does nothing. */
KPI_API void kpi_init(void);

/* The version of the library actually linked ("0.1.0"). */
KPI_API const char *kpi_version(void);

#ifdef __cplusplus
}
#endif

#endif
