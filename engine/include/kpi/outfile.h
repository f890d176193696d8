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
