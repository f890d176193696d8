/* kpi show: the parsed data in canonical long form. */
#include "cli.h"

#include <string.h>

typedef struct show_opts {
    kpi_table_options table;
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
        cli_output_format(arg, &o->table.format, KPI_FORMAT_CSV);
        return 0;
    }
    if (kpi_format_parse(arg, &o->table.format, &err) != KPI_OK)
        return cli_usage_error(&cli_show_command, "--format: %s", err.message);
    return 0;
}

static kpi_status
write_show(const kpi_store *s, const kpi_meta *meta, FILE *out, void *ctx, kpi_error *err)
{
    const show_opts *o = ctx;
    kpi_table_options table = o->table;
    table.meta = meta;
    return kpi_table_write_store(s, out, &table, err);
}

static int
run_show(int argc, char **argv)
{
    show_opts o = {.table = kpi_table_options_default()};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_show_command, argc, argv, show_options, &in, show_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_show_command, "expected at least one FILE");
    o.table.threads = in.reader.threads;
    return cli_read_and_write(argv + 1, n, &in, o.output, write_show, &o);
}

const cli_command cli_show_command = {
    "show",
    "write the parsed data in canonical long form",
    "usage: kpi show FILE... [--format csv|json|md|xlsx] [-o OUT] [input options]\n"
    "\n"
    "Write every series of FILE in canonical long form, with the header\n"
    "indicator,area,period,value (plus any --group columns), canonical periods\n"
    "(2019-03, 2019Q1, 2018-19, 2018-19 Q4, 2019, 2019-03-31) and values as\n"
    "written. Missing values are empty; suppressed ones are '*'.\n"
    "\n"
    "  --format F         csv (default), json, md or xlsx (a workbook; give -o)\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_show,
};
