/* Output that appears whole or not at all. */
#include "cli.h"

#include <errno.h>
#include <string.h>

int
cli_output_open(cli_output *o, const char *path)
{
    *o = (cli_output){.fp = stdout, .path = path};
    kpi_error err;
    if (!(o->files = kpi_outset_new(&err))) {
        cli_report(&err);
        return CLI_EXIT_FAIL;
    }
    if (!path || strcmp(path, "-") == 0)
        return 0;
    kpi_outfile *f = kpi_outset_open(o->files, path, &err);
    if (!f) {
        cli_report(&err);
        kpi_outset_close(o->files, false, NULL);
        o->files = NULL;
        return CLI_EXIT_FAIL;
    }
    o->fp = kpi_outfile_stream(f);
    return 0;
}

void
cli_output_format(const char *path, kpi_format *format, kpi_format default_format)
{
    kpi_format by_path;
    if (*format == default_format && kpi_format_from_path(path, &by_path) &&
        by_path == KPI_FORMAT_XLSX)
        *format = by_path;
}

int
cli_output_close(cli_output *o, bool ok)
{
    kpi_error err;
    kpi_status st = KPI_OK;
    if (o->fp == stdout && fflush(stdout) != 0 && ok)
        st = kpi_error_set(&err, KPI_EIO, "<stdout>", 0, 0, "write failed: %s", strerror(errno));
    kpi_status closed = kpi_outset_close(o->files, ok && st == KPI_OK, st == KPI_OK ? &err : NULL);
    o->files = NULL;
    if (st == KPI_OK)
        st = closed;
    if (st != KPI_OK && ok) {
        cli_report(&err);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

int
cli_read_and_write(char *const *paths, int n, const cli_input *in, const char *output,
                   cli_write_fn write, void *ctx)
{
    /* The metadata is checked before any data is read, so that a bad
     * --meta file fails fast. */
    kpi_meta *meta;
    int rc = cli_load_meta(in, &meta);
    if (rc != 0)
        return rc;
    kpi_store *s = cli_read_files(paths, n, in, meta);
    if (!s) {
        kpi_meta_free(meta);
        return CLI_EXIT_FAIL;
    }
    cli_output out;
    if ((rc = cli_output_open(&out, output)) != 0) {
        kpi_meta_free(meta);
        kpi_store_free(s);
        return rc;
    }
    kpi_error err;
    kpi_status st = write(s, meta, out.fp, ctx, &err);
    kpi_meta_free(meta);
    /* A failed write is the output's; anything else is about the data. */
    if (st == KPI_EIO || st == KPI_ENOMEM)
        cli_report_output(output, &err);
    else if (st != KPI_OK)
        cli_report_path(paths[n - 1], &err);
    rc = cli_output_close(&out, st == KPI_OK);
    kpi_store_free(s);
    return st != KPI_OK ? cli_exit_code(st) : rc;
}

char *
cli_output_dir(const char *output)
{
    const char *slash = output && strcmp(output, "-") != 0 ? strrchr(output, '/') : NULL;
    if (!slash)
        return strdup(".");
    if (slash == output)
        return strdup("/");
    return strndup(output, (size_t)(slash - output));
}
