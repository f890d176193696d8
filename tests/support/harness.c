#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kpi/kpi.h"
#include "kpi/store.h"

static char path_buf[4096];
static char tmp_paths[64][64];
static int n_tmp;

const char *
kpi_test_path(const char *relative)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", KPI_SOURCE_DIR, relative);
    return path_buf;
}

const char *
kpi_test_shared(const char *relative)
{
    snprintf(path_buf, sizeof path_buf, "%s/../shared/data/%s", KPI_SOURCE_DIR, relative);
    if (access(path_buf, R_OK) != 0)
        return NULL;
    return path_buf;
}

static void
remove_tmp(void)
{
    for (int i = 0; i < n_tmp; i++)
        remove(tmp_paths[i]);
}

const char *
kpi_test_tmpfile(const char *text, size_t len)
{
    assert_true(n_tmp < 64);
    char *p = tmp_paths[n_tmp];
    snprintf(p, sizeof tmp_paths[0], "/tmp/kpi-test-XXXXXX");
    int fd = mkstemp(p);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    if (n_tmp++ == 0)
        atexit(remove_tmp);
    return p;
}

const char *
kpi_test_fresh_dir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/kpi-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

size_t
kpi_test_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

FILE *
kpi_test_memfile(const char *text)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    return fp;
}

kpi_store *
kpi_test_read(const char *text, const kpi_reader_options *opt)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_store *s = kpi_read_stream(fp, "t.csv", opt, NULL, &err);
    fclose(fp);
    if (!s)
        fprintf(stderr, "%s:%lu:%lu: %s\n", err.source, err.line, err.column, err.message);
    assert_non_null(s);
    return s;
}

kpi_meta *
kpi_test_meta(const char *text)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_meta *m = kpi_meta_read_stream(fp, "meta.csv", &err);
    fclose(fp);
    if (!m)
        fprintf(stderr, "%s:%lu:%lu: %s\n", err.source, err.line, err.column, err.message);
    assert_non_null(m);
    return m;
}

void
kpi_test_assert_rel(double a, double b, double rel, const char *file, int line)
{
    double scale = fabs(b) > 1e-300 ? fabs(b) : 1.0;
    if (!(fabs(a - b) / scale <= rel)) {
        fprintf(stderr, "%s:%d: %.17g != %.17g (rel %.3g > %.3g)\n", file, line, a, b,
                fabs(a - b) / scale, rel);
        fail();
    }
}

void
kpi_test_assert_abs(double a, double b, double eps, const char *file, int line)
{
    if (!(fabs(a - b) <= eps)) {
        fprintf(stderr, "%s:%d: %.17g != %.17g (difference %.3g > %.3g)\n", file, line, a, b,
                fabs(a - b), eps);
        fail();
    }
}

void
kpi_test_assert_error(const kpi_error *err, kpi_status code, unsigned long line,
                      unsigned long column, const char *needle, const char *file, int lineno)
{
    int ok = err->code == code && err->line == line && err->column == column &&
             (!needle || strstr(err->message, needle));
    if (!ok) {
        fprintf(stderr,
                "%s:%d: expected %s at %lu:%lu containing '%s'\n"
                "  got %s at %lu:%lu: '%s'\n",
                file, lineno, kpi_status_str(code), line, column, needle ? needle : "",
                kpi_status_str(err->code), err->line, err->column, err->message);
        fail();
    }
}

int
kpi_test_run_group(const char *name, const struct CMUnitTest *tests, size_t n)
{
    kpi_init();
    const char *filter = getenv("KPI_TEST_FILTER");
    if (filter && *filter)
        cmocka_set_test_filter(filter);
    return _cmocka_run_group_tests(name, tests, n, NULL, NULL);
}
