/* Output that appears whole or not at all. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
report_io(const char *path, const char *what)
{
    kpi_error err;
    kpi_error_set(&err, KPI_EIO, path, 0, 0, "%s: %s", what, strerror(errno));
    cli_report(&err);
}

int
cli_output_open(cli_output *o, const char *path)
{
    *o = (cli_output){.fp = stdout, .path = path};
    if (!path || strcmp(path, "-") == 0)
        return 0;
    /* A device or a pipe (-o /dev/null, -o /dev/stdout) is written in place:
     * renaming a file over it would replace the device itself. */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        if (!(o->fp = fopen(path, "w"))) {
            report_io(path, "cannot open the output");
            return CLI_EXIT_FAIL;
        }
        o->direct = true;
        return 0;
    }
    /* The temporary file sits beside the destination so that rename() is
     * atomic: on the same file system. */
    size_t len = strlen(path) + sizeof ".tmp-XXXXXX";
    o->tmp = malloc(len);
    if (!o->tmp) {
        report_io(path, "cannot create the output");
        return CLI_EXIT_FAIL;
    }
    snprintf(o->tmp, len, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        report_io(path, "cannot create the output");
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        return CLI_EXIT_FAIL;
    }
    /* mkstemp makes the file private; give it the mode a new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return 0;
}

int
cli_output_close(cli_output *o, bool ok)
{
    int rc = 0;
    if (o->direct) {
        if (fclose(o->fp) != 0 && ok) {
            report_io(o->path, "write failed");
            rc = CLI_EXIT_FAIL;
        }
        return rc;
    }
    if (!o->tmp) {
        if (fflush(stdout) != 0 && ok) {
            report_io("<stdout>", "write failed");
            rc = CLI_EXIT_FAIL;
        }
        return rc;
    }
    if (fclose(o->fp) != 0 && ok) {
        report_io(o->path, "write failed");
        ok = false;
        rc = CLI_EXIT_FAIL;
    }
    if (ok && rename(o->tmp, o->path) != 0) {
        report_io(o->path, "cannot move the output into place");
        rc = CLI_EXIT_FAIL;
        ok = false;
    }
    if (!ok)
        unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return rc;
}

int
cli_read_and_write(const char *path, const cli_input *in, const char *output, cli_write_fn write,
                   void *ctx)
{
    /* The metadata is checked before any data is read, so that a bad
     * --meta file fails fast. */
    kpi_meta *meta;
    int rc = cli_load_meta(in, &meta);
    if (rc != 0)
        return rc;
    kpi_meta_free(meta);
    kpi_store *s = cli_read(path, in, NULL);
    if (!s)
        return CLI_EXIT_FAIL;
    cli_output out;
    if ((rc = cli_output_open(&out, output)) != 0) {
        kpi_store_free(s);
        return rc;
    }
    kpi_error err;
    kpi_status st = write(s, out.fp, ctx, &err);
    /* A failed write is the output's; anything else is about the data. */
    if (st == KPI_EIO || st == KPI_ENOMEM)
        cli_report_output(output, &err);
    else if (st != KPI_OK)
        fprintf(stderr, "kpi: %s: %s\n", path, err.message);
    rc = cli_output_close(&out, st == KPI_OK);
    kpi_store_free(s);
    return st != KPI_OK ? cli_exit_code(st) : rc;
}
