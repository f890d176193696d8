/* kpi spc tables: the XmR points of every series, or the latest point of
 * each, as CSV, JSON or Markdown.  Computing is kpi/spc.h's; this header
 * only writes. */
#ifndef KPI_SPC_WRITE_H
#define KPI_SPC_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/spc.h"
#include "kpi/store.h"
#include "kpi/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What kpi_spc_write writes. */
typedef struct kpi_spc_write_options {
    kpi_spc_options spc;  /* better is taken from the metadata, per indicator */
    const kpi_meta *meta; /* better directions and targets; may be NULL */
    bool latest;          /* one row per series, its last point, with assurance and points */
    size_t threads;       /* rows on up to this many threads; 0 or 1: the calling thread */
} kpi_spc_write_options;

/* One row per point of every series of s:
 *   indicator,area[,groups],period,value,mean,lpl,upl,rules,variation,note
 * or with latest one row per series with a point:
 *   ...,rules,variation,assurance,points,note
 * Values print with the series' decimals, mean and limits with 2 more.
 * Fails with KPI_ENOMEM and when writing fails. */
KPI_API kpi_status kpi_spc_write(const kpi_store *s, const kpi_spc_write_options *opt, FILE *out,
                                 kpi_format format, kpi_error *err);

#ifdef __cplusplus
}
#endif

#endif
