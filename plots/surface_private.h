/* Cairo surfaces written to a file: one writer for chart files
 * (chart_write.c) and the PDF pack (publish/pack.c), so that both write
 * through kpi_outfile and tell a failed write from a failed drawing the
 * same way.  Shared with publish/ as core's alloc_private.h is shared with
 * plots/: the functions are exported for it, but no public header
 * declares them. */
#ifndef KPI_SURFACE_PRIVATE_H
#define KPI_SURFACE_PRIVATE_H

#include <cairo.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/outfile.h"

/* Where a stream surface's bytes go. */
typedef struct kpi_surface_sink {
    FILE *fp;
    int errnum; /* 0, or errno of the first failed write */
} kpi_surface_sink;

/* A cairo_write_func_t into ((kpi_surface_sink *)closure)->fp.  After a
 * failed write it refuses every later one, so the first errno stays. */
KPI_API cairo_status_t kpi_surface_write(void *closure, const unsigned char *data,
                                         unsigned int length);

/* End a document drawn on surface, whose bytes go to sk->fp (through
 * kpi_surface_write, or written by the caller for an image surface):
 * finish and destroy surface (always), then flush sk->fp.  drawn is the
 * drawing's cairo status, st its kpi status.  Returns st if it failed;
 * else KPI_EIO "could not write the WHAT: ..." when a write failed, or
 * KPI_ERENDER "could not draw the WHAT: ..." with cairo's message when
 * cairo failed; else KPI_OK. */
KPI_API kpi_status kpi_surface_close(kpi_surface_sink *sk, cairo_surface_t *surface,
                                     cairo_status_t drawn, kpi_status st, const char *what,
                                     kpi_error *err);

/* The bytes of a document, written by fn(ctx, fp, err). */
typedef kpi_status (*kpi_surface_write_fn)(void *ctx, FILE *fp, kpi_error *err);

/* Write path whole or not at all (kpi_outfile) by fn: on its own when
 * set is NULL, else as a member of set, to appear when its owner closes
 * it.  A failure that names no source is given path as its source.  err
 * may be NULL. */
KPI_API kpi_status kpi_surface_write_file(const char *path, kpi_outset *set,
                                          kpi_surface_write_fn fn, void *ctx, kpi_error *err);

#endif
