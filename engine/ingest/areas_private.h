/* The small CSV tables of area files (rollup maps, populations): named
 * columns, no ragged rows, no empty cells. */
#ifndef KPI_AREAS_PRIVATE_H
#define KPI_AREAS_PRIVATE_H

#include <stddef.h>

#include "csvscan_private.h"
#include "kpi/areas.h"

/* Reading state shared by both files: the source name and the columns. */
typedef struct kpi_areas_table {
    const char *source;
    long col[3];
    const char *const *names; /* the wanted column names */
    size_t n_names;
    size_t n_required;
    const char *expected; /* the header, for messages */
    size_t ncols;
    void *target;
    int fy_start;
} kpi_areas_table;

/* Row 0: find the wanted columns; a required one missing is KPI_ELAYOUT
 * at line 1. */
KPI_INTERNAL kpi_status kpi_areas_read_header(kpi_areas_table *t, const kpi_csv_field *f, size_t n,
                                              kpi_error *err);

/* A data row: as many fields as the header, and no wanted cell empty. */
KPI_INTERNAL kpi_status kpi_areas_check_row(const kpi_areas_table *t, const kpi_csv_field *f,
                                            size_t n, kpi_error *err);

/* The cell without surrounding spaces, in a new string the caller frees
 * with kpi_free(); NULL when out of memory. */
KPI_INTERNAL char *kpi_areas_trimmed_copy(const kpi_csv_field *f);

/* Open path ("-" is stdin) and scan it with fn, setting t->source.  An
 * empty file is KPI_ELAYOUT. */
KPI_INTERNAL kpi_status kpi_areas_scan_path(const char *path, kpi_areas_table *t, kpi_csv_row_fn fn,
                                            kpi_error *err);

#endif
