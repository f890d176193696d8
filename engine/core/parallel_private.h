/* Work shared out over threads and finished in order: the one thread
 * helper of the kpi libraries (engine, plots and publish share it, like
 * alloc_private.h).
 *
 * The library starts no thread unless its caller asks for more than one
 * (zstd's rule): every option struct that can use threads has a `threads`
 * field that defaults to 1.  Items are claimed in order by whichever
 * thread is free; each item's finishing step runs one at a time, strictly
 * in item order, so a result assembled there is the same byte for byte
 * on any number of threads. */
#ifndef KPI_PARALLEL_PRIVATE_H
#define KPI_PARALLEL_PRIVATE_H

#include <stddef.h>

#include "alloc_private.h"
#include "kpi/error.h"

/* More threads than this are taken as this many. */
#define KPI_PARALLEL_MAX_THREADS 64

/* One step of item `item` on thread `worker` (0 <= worker < the number of
 * threads; the calling thread is 0), so that each thread may keep scratch
 * space of its own.  Returns KPI_OK, or a status with err (never NULL)
 * filled. */
typedef kpi_status (*kpi_parallel_fn)(void *ctx, size_t worker, size_t item, kpi_error *err);

/* For every item in [0, n): work(ctx, w, item), then finish(ctx, w, item)
 * (finish may be NULL) on the same thread, the finishing steps one at a
 * time and in item order.  Runs on the calling thread and up to
 * threads - 1 more (0 and 1 mean the calling thread alone; a thread that
 * cannot be started is done without).  After a failure no new item is
 * started.  Returns the failure of the lowest item that failed, whatever
 * the timing, with err filled; KPI_OK otherwise. */
KPI_API kpi_status kpi_parallel_for(size_t threads, size_t n, kpi_parallel_fn work,
                                    kpi_parallel_fn finish, void *ctx, kpi_error *err);

/* The number of threads kpi_parallel_for will use for n items when asked
 * for `threads`: at least 1, at most n and KPI_PARALLEL_MAX_THREADS. */
KPI_API size_t kpi_parallel_threads(size_t threads, size_t n);

#endif
