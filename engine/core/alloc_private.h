/* The one allocation choke point of the kpi libraries.
 *
 * All engine, plots and publish code allocates through these, and libcsv
 * is handed the same functions, so a test can make the Nth allocation
 * fail and check that every caller turns it into KPI_ENOMEM without
 * leaking.  Like zstd's lib/common, this header (and parallel_private.h)
 * is shared by the libraries above the engine; the functions are
 * exported for them, but no public header declares them. */
#ifndef KPI_ALLOC_PRIVATE_H
#define KPI_ALLOC_PRIVATE_H

#include <stddef.h>

#include "kpi/export.h"

#if defined(__GNUC__)
#define KPI_INTERNAL __attribute__((visibility("hidden")))
#else
#define KPI_INTERNAL
#endif

KPI_API void *kpi_malloc(size_t size);
KPI_API void *kpi_calloc(size_t n, size_t size);
KPI_API void *kpi_realloc(void *p, size_t size);
KPI_API void kpi_free(void *p);

/* Duplicate s[0..len) as a NUL-terminated string, or NULL when out of
 * memory.  The caller frees it with kpi_free(). */
KPI_API char *kpi_strndup(const char *s, size_t len);

/* Grow *items (of *cap elements of elem_size bytes) so that it holds at
 * least need elements, doubling.  Returns 0, or -1 when out of memory or
 * when the size would overflow, leaving *items and *cap as they were. */
KPI_API int kpi_grow(void **items, size_t *cap, size_t need, size_t elem_size);

/* Test hook: make the allocation that is `n` allocations from now fail
 * (0 = the next one), and every one after it until reset; n < 0 turns
 * failures off.  Not thread-safe: tests only.  Declared for tests in
 * tests/support/harness.h as well. */
KPI_API void kpi_alloc_fail_after(long n);

#endif
