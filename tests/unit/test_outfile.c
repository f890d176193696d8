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

static void
write_file(const char *path, const char *text, mode_t mode)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(chmod(path, mode), 0);
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
    write_file(path, "old\n", 0644);
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

static void
write_through(const char *path, const char *text)
{
    kpi_error err;
    kpi_outfile *f = kpi_outfile_open(path, &err);
    assert_non_null(f);
    fputs(text, kpi_outfile_stream(f));
    assert_int_equal(kpi_outfile_close(f, true, &err), KPI_OK);
}

/* An overwritten file keeps its own permission bits, not the umask's. */
static void
test_outfile_overwrite_keeps_mode(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char path[128], got[64];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    write_file(path, "old\n", 0640);
    mode_t old = umask(077);
    write_through(path, "new\n");
    umask(old);
    slurp(path, got, sizeof got);
    assert_string_equal(got, "new\n");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
    assert_int_equal(kpi_test_entries(dir), 1);
    remove(path);
    rmdir(dir);
}

/* A chain of symbolic links, one relative to its own folder, is written
 * through to the final target; the links stay links. */
static void
test_outfile_symlink_written_through(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char sub[128], target[160], inner[160], outer[128], got[64];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(target, sizeof target, "%s/real.csv", sub);
    snprintf(inner, sizeof inner, "%s/inner", sub);
    snprintf(outer, sizeof outer, "%s/out.csv", dir);
    write_file(target, "old\n", 0604);
    assert_int_equal(symlink("real.csv", inner), 0);
    assert_int_equal(symlink("sub/inner", outer), 0);
    write_through(outer, "new\n");
    struct stat sb;
    assert_int_equal(lstat(outer, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(lstat(inner, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    slurp(target, got, sizeof got);
    assert_string_equal(got, "new\n");
    assert_int_equal(stat(target, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0604);
    assert_int_equal(kpi_test_entries(dir), 2);
    assert_int_equal(kpi_test_entries(sub), 2);
    remove(outer);
    remove(inner);
    remove(target);
    rmdir(sub);
    rmdir(dir);
}

/* A dangling link gets its target made, as cp makes it. */
static void
test_outfile_dangling_symlink_makes_target(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char link[128], target[128], got[64];
    snprintf(link, sizeof link, "%s/out.csv", dir);
    snprintf(target, sizeof target, "%s/made.csv", dir);
    assert_int_equal(symlink(target, link), 0);
    write_through(link, "made\n");
    slurp(target, got, sizeof got);
    assert_string_equal(got, "made\n");
    struct stat sb;
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    remove(link);
    remove(target);
    rmdir(dir);
}

/* A link to itself is refused, naming the path given. */
static void
test_outfile_symlink_loop(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char link[128];
    snprintf(link, sizeof link, "%s/loop", dir);
    assert_int_equal(symlink("loop", link), 0);
    kpi_error err;
    assert_null(kpi_outfile_open(link, &err));
    assert_int_equal(err.code, KPI_EIO);
    assert_string_equal(err.source, link);
    assert_non_null(strstr(err.message, "Too many levels of symbolic links"));
    remove(link);
    rmdir(dir);
}

/* A file the user may not write is refused, as by cp, and left as it
 * was.  (Root may write anything, so the test needs another user.) */
static void
test_outfile_read_only_refused(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip();
    const char *dir = kpi_test_fresh_dir();
    char path[128], got[64];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    write_file(path, "old\n", 0444);
    kpi_error err;
    assert_null(kpi_outfile_open(path, &err));
    assert_int_equal(err.code, KPI_EIO);
    assert_non_null(strstr(err.message, "Permission denied"));
    slurp(path, got, sizeof got);
    assert_string_equal(got, "old\n");
    assert_int_equal(kpi_test_entries(dir), 1);
    remove(path);
    rmdir(dir);
}

/* The cleanup a signal handler calls removes every unfinished file (more
 * than one chunk of the registry's slots), leaves the older outputs as
 * they were, and closing such an output then fails. */
static void
test_outfile_cleanup_removes_temporaries(void **state)
{
    (void)state;
    enum { N = 40 };
    const char *dir = kpi_test_fresh_dir();
    char path[N][128], got[64];
    kpi_outfile *f[N];
    for (int i = 0; i < N; i++) {
        snprintf(path[i], sizeof path[i], "%s/out%d.csv", dir, i);
        write_file(path[i], "old\n", 0644);
        assert_non_null(f[i] = kpi_outfile_open(path[i], NULL));
        fputs("half", kpi_outfile_stream(f[i]));
        fflush(kpi_outfile_stream(f[i]));
    }
    assert_int_equal(kpi_test_entries(dir), 2 * N);
    kpi_outfile_cleanup();
    assert_int_equal(kpi_test_entries(dir), N);
    kpi_error err;
    for (int i = 0; i < N; i++) {
        assert_int_equal(kpi_outfile_close(f[i], true, &err), KPI_EIO);
        assert_string_equal(err.message, "interrupted: the unfinished file was removed");
        slurp(path[i], got, sizeof got);
        assert_string_equal(got, "old\n");
    }
    /* The slots are free again: a later output is kept. */
    write_through(path[0], "new\n");
    slurp(path[0], got, sizeof got);
    assert_string_equal(got, "new\n");
    for (int i = 0; i < N; i++)
        remove(path[i]);
    assert_int_equal(kpi_test_entries(dir), 0);
    rmdir(dir);
}

/* Writes "old\n" to dir/name, and its path to path. */
static void
old_file(const char *dir, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    write_file(path, "old\n", 0644);
}

/* A set's members appear together when every one is written whole; a
 * member that cannot be written keeps all of them from appearing, and
 * leaves the files before them as they were, with no temporary file. */
static void
test_outset_all_or_nothing(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char a[128], b[128], got[64];
    old_file(dir, "a.md", a, sizeof a);
    old_file(dir, "b.png", b, sizeof b);
    kpi_error err;
    kpi_outset *set = kpi_outset_new(&err);
    assert_non_null(set);
    fputs("new a\n", kpi_outfile_stream(kpi_outset_open(set, a, &err)));
    fputs("new b\n", kpi_outfile_stream(kpi_outset_open(set, b, &err)));
    /* Written, but not in place before the set is closed. */
    slurp(a, got, sizeof got);
    assert_string_equal(got, "old\n");
    assert_int_equal(kpi_test_entries(dir), 4);
    assert_int_equal(kpi_outset_close(set, true, &err), KPI_OK);
    slurp(a, got, sizeof got);
    assert_string_equal(got, "new a\n");
    slurp(b, got, sizeof got);
    assert_string_equal(got, "new b\n");
    assert_int_equal(kpi_test_entries(dir), 2);

    /* The third member fills /dev/full: neither earlier one is moved. */
    set = kpi_outset_new(&err);
    fputs("newer a\n", kpi_outfile_stream(kpi_outset_open(set, a, &err)));
    fputs("newer b\n", kpi_outfile_stream(kpi_outset_open(set, b, &err)));
    kpi_outfile *full = kpi_outset_open(set, "/dev/full", &err);
    assert_non_null(full);
    fputs("x\n", kpi_outfile_stream(full));
    assert_int_equal(kpi_outset_close(set, true, &err), KPI_EIO);
    assert_string_equal(err.source, "/dev/full");
    slurp(a, got, sizeof got);
    assert_string_equal(got, "new a\n");
    slurp(b, got, sizeof got);
    assert_string_equal(got, "new b\n");
    assert_int_equal(kpi_test_entries(dir), 2);

    /* Not kept, a set removes its temporary files; a path opened twice
     * is the member opened last. */
    set = kpi_outset_new(&err);
    fputs("dropped\n", kpi_outfile_stream(kpi_outset_open(set, a, &err)));
    assert_int_equal(kpi_outset_close(set, false, &err), KPI_OK);
    slurp(a, got, sizeof got);
    assert_string_equal(got, "new a\n");
    set = kpi_outset_new(&err);
    fputs("first\n", kpi_outfile_stream(kpi_outset_open(set, b, &err)));
    fputs("second\n", kpi_outfile_stream(kpi_outset_open(set, b, &err)));
    assert_int_equal(kpi_outset_close(set, true, &err), KPI_OK);
    slurp(b, got, sizeof got);
    assert_string_equal(got, "second\n");
    assert_int_equal(kpi_test_entries(dir), 2);
    assert_int_equal(kpi_outset_close(NULL, true, &err), KPI_OK);
    remove(a);
    remove(b);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outfile_keep_moves_into_place),
        cmocka_unit_test(test_outfile_discard_leaves_old_file),
        cmocka_unit_test(test_outfile_pipe_written_in_place),
        cmocka_unit_test(test_outfile_missing_folder),
        cmocka_unit_test(test_outfile_overwrite_keeps_mode),
        cmocka_unit_test(test_outfile_symlink_written_through),
        cmocka_unit_test(test_outfile_dangling_symlink_makes_target),
        cmocka_unit_test(test_outfile_symlink_loop),
        cmocka_unit_test(test_outfile_read_only_refused),
        cmocka_unit_test(test_outfile_cleanup_removes_temporaries),
        cmocka_unit_test(test_outset_all_or_nothing),
    };
    return kpi_test_run(tests);
}
