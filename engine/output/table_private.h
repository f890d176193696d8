/* Tables written by several threads: each formats rows into a fork, and
 * the forks' text joins the table in order. */
#ifndef KPI_TABLE_PRIVATE_H
#define KPI_TABLE_PRIVATE_H

#include "alloc_private.h"
#include "kpi/table.h"

/* A table with t's format and columns that keeps its rows in memory and
 * writes no header.  Returns a fork the caller frees with
 * kpi_table_fork_free(), or NULL when out of memory (err filled). */
KPI_INTERNAL kpi_table *kpi_table_fork(const kpi_table *t, kpi_error *err);

/* Append fork's rows to t, as if written there, and empty the fork for
 * reuse.  A fork's failure becomes t's (sticky).  Returns t's status. */
KPI_INTERNAL kpi_status kpi_table_join(kpi_table *t, kpi_table *fork, kpi_error *err);

KPI_INTERNAL void kpi_table_fork_free(kpi_table *fork);

#endif
