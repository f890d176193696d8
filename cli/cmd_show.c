/* kpi show: the parsed data in canonical long form. */
#include "cli.h"

#include <string.h>

typedef struct show_opts {
    kpi_format format;
    const char *output;
} show_opts;

enum { OPT_FORMAT = 2000 };

static const struct option show_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {0},
};

static int
show_option(void *ctx, int code, const char *arg)
{
    show_opts *o = ctx;
    kpi_error err;
    if (code == 'o') {
        o->output = arg;
        return 0;
    }
    if (kpi_format_parse(arg, &o->format, &err) != KPI_OK)
        return cli_usage_error(&cli_show_command, "--format: %s", err.message);
    return 0;
}

static int
run_show(int argc, char **argv)
{
    show_opts o = {.format = KPI_FORMAT_CSV};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_show_command, argc, argv, show_options, &in, show_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n != 1)
        return cli_usage_error(&cli_show_command, "expected one FILE, found %d", n);
    /* The metadata is checked before any data is read, so that a bad
     * --meta file fails fast. */
    kpi_meta *meta;
    if ((rc = cli_load_meta(&in, &meta)) != 0)
        return rc;
    kpi_meta_free(meta);
    kpi_store *s = cli_read(argv[1], &in, NULL);
    if (!s)
        return CLI_EXIT_FAIL;
    cli_output out;
    if ((rc = cli_output_open(&out, o.output)) != 0) {
        kpi_store_free(s);
        return rc;
    }
    kpi_error err;
    kpi_status st = kpi_table_write_store(s, out.fp, o.format, &err);
    if (st != KPI_OK)
        cli_report_output(o.output, &err);
    rc = cli_output_close(&out, st == KPI_OK);
    kpi_store_free(s);
    return st != KPI_OK ? cli_exit_code(st) : rc;
}

const cli_command cli_show_command = {
    "show",
    "write the parsed data in canonical long form",
    "usage: kpi show FILE [--format csv|json|md] [-o OUT] [input options]\n"
    "\n"
    "Write every series of FILE in canonical long form, with the header\n"
    "indicator,area,period,value (plus any --group columns), canonical periods\n"
    "(2019-03, 2019Q1, 2018-19, 2018-19 Q4, 2019, 2019-03-31) and values as\n"
    "written. Missing values are empty; suppressed ones are '*'.\n"
    "\n"
    "  --format F         csv (default), json or md\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_show,
};
