/* Shared helpers for the kpi cmocka tests. */
#ifndef KPI_TEST_HARNESS_H
#define KPI_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "kpi/error.h"
#include "kpi/meta.h"
#include "kpi/reader.h"
#include "kpi/store.h"

/* Path of a file under the repository, e.g. kpi_test_path("datasets/x.csv").
 * Returns a static buffer, overwritten by the next call. */
const char *kpi_test_path(const char *relative);

/* Path of a file under the shared data folder (../shared/data next to the
 * checkout), or NULL when that folder is not there. */
const char *kpi_test_shared(const char *relative);

/* Write text to a new temporary file and return its path (static buffer,
 * overwritten by the next call).  The file is removed at exit. */
const char *kpi_test_tmpfile(const char *text, size_t len);

/* Make a new, empty folder under /tmp and return its path (static
 * buffer, overwritten by the next call). */
const char *kpi_test_fresh_dir(void);

/* How many entries folder dir holds, besides "." and "..". */
size_t kpi_test_entries(const char *dir);

/* Open an in-memory stream over text (for readers that take a FILE *). */
FILE *kpi_test_memfile(const char *text);

/* Read CSV text into a store (opt may be NULL), failing the test with the
 * reader's message when it cannot.  The caller frees the store. */
kpi_store *kpi_test_read(const char *text, const kpi_reader_options *opt);

/* Read metadata CSV text, failing the test when it cannot.  The caller
 * frees it with kpi_meta_free(). */
kpi_meta *kpi_test_meta(const char *text);

/* Assert that two doubles agree to a relative tolerance. */
#define assert_double_rel(a, b, rel) kpi_test_assert_rel((a), (b), (rel), __FILE__, __LINE__)
void kpi_test_assert_rel(double a, double b, double rel, const char *file, int line);

/* Assert that two doubles agree to an absolute tolerance (cmocka 1.1.5,
 * Debian 12's, has no double assertions of its own). */
#ifndef assert_double_equal
#define assert_double_equal(a, b, eps) kpi_test_assert_abs((a), (b), (eps), __FILE__, __LINE__)
#endif
void kpi_test_assert_abs(double a, double b, double eps, const char *file, int line);

/* Assert an error record's code, line, column and that its message
 * contains `needle` (NULL skips the message check). */
#define assert_error(err, code_, line_, col_, needle)                                              \
    kpi_test_assert_error((err), (code_), (line_), (col_), (needle), __FILE__, __LINE__)
void kpi_test_assert_error(const kpi_error *err, kpi_status code, unsigned long line,
                           unsigned long column, const char *needle, const char *file, int lineno);

/* Fail the allocation that is n allocations from now (tests only). */
void kpi_alloc_fail_after(long n);

/* Run a group after kpi_init(), honouring KPI_TEST_FILTER from the
 * environment. */
#define kpi_test_run(tests) kpi_test_run_group(#tests, tests, sizeof(tests) / sizeof((tests)[0]))
int kpi_test_run_group(const char *name, const struct CMUnitTest *tests, size_t n);

#endif
