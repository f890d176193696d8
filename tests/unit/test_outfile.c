/* Tests of output files that appear whole or not at all. */
#include "harness.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kpi/outfile.h"

static void
slurp(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = '\0';
    fclose(fp);
}

/* A kept output appears under its name, with the umask's mode, and
 * nothing else is left in the folder. */
static void
test_outfile_keep_moves_into_place(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char path[128], got[64];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    mode_t old = umask(022);
    kpi_error err;
    kpi_outfile *f = kpi_outfile_open(path, &err);
    assert_non_null(f);
    fputs("a,b\n", kpi_outfile_stream(f));
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(kpi_outfile_close(f, true, &err), KPI_OK);
    umask(old);
    slurp(path, got, sizeof got);
    assert_string_equal(got, "a,b\n");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644);
    assert_int_equal(kpi_test_entries(dir), 1);
    remove(path);
    rmdir(dir);
}

/* An output not kept leaves nothing, and an older file as it was. */
static void
test_outfile_discard_leaves_old_file(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char path[128], got[64];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("old\n", fp);
    fclose(fp);
    kpi_outfile *f = kpi_outfile_open(path, NULL);
    assert_non_null(f);
    fputs("half a table", kpi_outfile_stream(f));
    assert_int_equal(kpi_outfile_close(f, false, NULL), KPI_OK);
    slurp(path, got, sizeof got);
    assert_string_equal(got, "old\n");
    assert_int_equal(kpi_test_entries(dir), 1);
    remove(path);
    rmdir(dir);
}

static void *
drain(void *arg)
{
    char *buf = arg;
    FILE *fp = fopen(buf, "rb");
    size_t n = fp ? fread(buf, 1, 127, fp) : 0;
    buf[n] = '\0';
    if (fp)
        fclose(fp);
    return NULL;
}

/* A pipe is written through, and stays a pipe: no rename replaces it. */
static void
test_outfile_pipe_written_in_place(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char path[128], buf[128];
    snprintf(path, sizeof path, "%s/pipe", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(buf, sizeof buf, "%s", path);
    pthread_t reader;
    assert_int_equal(pthread_create(&reader, NULL, drain, buf), 0);
    kpi_outfile *f = kpi_outfile_open(path, NULL);
    assert_non_null(f);
    fputs("through\n", kpi_outfile_stream(f));
    assert_int_equal(kpi_outfile_close(f, true, NULL), KPI_OK);
    pthread_join(reader, NULL);
    assert_string_equal(buf, "through\n");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    assert_int_equal(kpi_test_entries(dir), 1);
    remove(path);
    rmdir(dir);
}

/* A folder that does not exist is an I/O error naming the path. */
static void
test_outfile_missing_folder(void **state)
{
    (void)state;
    kpi_error err;
    assert_null(kpi_outfile_open("/nonexistent-kpi/out.csv", &err));
    assert_int_equal(err.code, KPI_EIO);
    assert_string_equal(err.source, "/nonexistent-kpi/out.csv");
    assert_non_null(strstr(err.message, "cannot create a file next to it"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outfile_keep_moves_into_place),
        cmocka_unit_test(test_outfile_discard_leaves_old_file),
        cmocka_unit_test(test_outfile_pipe_written_in_place),
        cmocka_unit_test(test_outfile_missing_folder),
    };
    return kpi_test_run(tests);
}
