/* kpi output files that appear whole or not at all.
 *
 * Text goes to a temporary file beside the destination, which is renamed
 * over it only when the writer says the output is complete; a failed run
 * leaves nothing behind and the old file untouched.  An existing device or
 * pipe (/dev/null, /dev/stdout, a FIFO) is written in place instead:
 * renaming a file over it would replace the device itself.
 *
 * As with cp, a file overwritten keeps its permission bits, a file the
 * user may not write is refused, and a symbolic link is written through:
 * its final target is replaced, the link stays. */
#ifndef KPI_OUTFILE_H
#define KPI_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_outfile kpi_outfile;

/* Start writing path.  Returns a handle the caller ends with
 * kpi_outfile_close(), or NULL with err filled (KPI_EIO naming path, or
 * KPI_ENOMEM). */
KPI_API kpi_outfile *kpi_outfile_open(const char *path, kpi_error *err);

/* The stream to write to; borrowed, valid until kpi_outfile_close(). */
KPI_API FILE *kpi_outfile_stream(const kpi_outfile *f);

/* Finish f and free it.  With keep, the output is flushed and moved into
 * place; without, it is removed (a device or pipe just closed).  Returns
 * KPI_OK, or KPI_EIO naming the path when keeping fails (err may be
 * NULL). */
KPI_API kpi_status kpi_outfile_close(kpi_outfile *f, bool keep, kpi_error *err);

/* ---- sets of outputs ----------------------------------------------------- */

/* Outputs that appear together or not at all, such as a report and the
 * charts written beside it: each member is written to a temporary file
 * as by kpi_outfile_open, and kpi_outset_close moves them into place only
 * once every one is written whole, so a run that fails part-way leaves
 * every file of an earlier run as it was. */
typedef struct kpi_outset kpi_outset;

/* An empty set, ended with kpi_outset_close(); NULL with err filled
 * (KPI_ENOMEM). */
KPI_API kpi_outset *kpi_outset_new(kpi_error *err);

/* Start writing path as a member of set, as kpi_outfile_open does.
 * Returns a handle the set owns (never closed by the caller; its stream
 * is valid until kpi_outset_close), or NULL with err filled (KPI_EIO
 * naming path, or KPI_ENOMEM), the set unchanged.  A path opened twice
 * is written twice, and the member opened last is the one that stays. */
KPI_API kpi_outfile *kpi_outset_open(kpi_outset *set, const char *path, kpi_error *err);

/* Finish every member of set and free it (set may be NULL).  With keep,
 * every member is flushed and checked first, then moved into place in
 * the order opened; after any failure, and without keep, every temporary
 * file is removed instead.  Returns KPI_OK, or KPI_EIO naming the path of
 * the first member that failed (err may be NULL); only a move that fails
 * after earlier ones succeeded, which the checks make unlikely, leaves
 * those earlier members in place. */
KPI_API kpi_status kpi_outset_close(kpi_outset *set, bool keep, kpi_error *err);

/* Remove the temporary file of every output still being written, from
 * any thread.  Async-signal-safe, for a program's SIGINT and SIGTERM
 * handler, which then ends the process (the library installs no handler
 * of its own).  An output whose file was removed fails to close with
 * KPI_EIO. */
KPI_API void kpi_outfile_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
