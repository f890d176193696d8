/* kpi milestones: a business plan's milestone register for one reporting
 * period: counts, movements, overdue milestones and sentences. */
#include "cli.h"

#include <string.h>

typedef struct milestones_cli {
    cli_period_output po;
    bool has_table;
    kpi_milestones_table table;
    cli_register reg;
} milestones_cli;

enum { OPT_TABLE = 2000 };

static const struct option milestones_options[] = {
    CLI_PERIOD_OUTPUT_OPTIONS,
    {"table", required_argument, NULL, OPT_TABLE},
    CLI_STATUS_WORD_OPTION,
    {0},
};

static int
milestones_option(void *ctx, int code, const char *arg)
{
    milestones_cli *o = ctx;
    const cli_command *cmd = &cli_milestones_command;
    kpi_error err;
    int rc = cli_period_output_option(cmd, &o->po, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case CLI_OPT_STATUS_WORD: return cli_register_word(cmd, &o->reg, arg);
    case OPT_TABLE:
        if (kpi_milestones_report_table_parse(arg, &o->table, &err) != KPI_OK)
            return cli_usage_error(cmd, "--table: %s", err.message);
        o->has_table = true;
        return 0;
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

static kpi_status
write_view(const milestones_cli *o, const kpi_milestones_view *v, FILE *out, kpi_error *err)
{
    if (o->po.sentences)
        return kpi_milestones_report_sentences(v, out, err);
    if (!o->has_table && o->po.format == KPI_FORMAT_MD)
        return kpi_milestones_report_write(v, out, err);
    if (!o->has_table && o->po.format == KPI_FORMAT_XLSX)
        return kpi_milestones_report_workbook(v, out, err);
    kpi_milestones_table t = o->has_table ? o->table : KPI_MILESTONES_TABLE_REGISTER;
    return kpi_milestones_report_table(v, t, out, o->po.format, err);
}

static int
run_milestones(int argc, char **argv)
{
    milestones_cli o = {.po.format = KPI_FORMAT_MD};
    cli_input in;
    int n;
    const cli_command *cmd = &cli_milestones_command;
    int rc = cli_parse(cmd, argc, argv, milestones_options, &in, milestones_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n != 1)
        return cli_usage_error(cmd, "expected one FILE, found %d", n);
    /* A register's columns are fixed: --period here can only be the
     * reporting period's old spelling. */
    if (in.reader.period)
        return cli_usage_error(cmd,
                               "--period: a register's period column is 'period'; the "
                               "reporting period is --at %s",
                               in.reader.period);
    if (o.po.sentences && (o.has_table || o.po.format != KPI_FORMAT_MD))
        return cli_usage_error(cmd, "--sentences writes text: leave out --table and --format");
    kpi_milestones *m;
    kpi_milestones_view v;
    rc = cli_register_view(argv[1], &o.reg, in.reader.fy_start,
                           o.po.has_period ? &o.po.period : NULL, &m, &v);
    if (rc)
        return rc;
    kpi_error err;
    cli_output out;
    if ((rc = cli_output_open(&out, o.po.output)) == 0) {
        kpi_status st = write_view(&o, &v, out.fp, &err);
        if (st != KPI_OK)
            cli_report_output(o.po.output, &err);
        rc = cli_output_close(&out, st == KPI_OK);
        if (st != KPI_OK)
            rc = cli_exit_code(st);
    }
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
    return rc;
}

const cli_command cli_milestones_command = {
    "milestones",
    "a milestone register for a reporting period: counts, movements, overdue, sentences",
    "usage: kpi milestones FILE [--at PERIOD] [--format md|csv|json|xlsx]\n"
    "                      [--table T] [--sentences] [--status-word W=S]... [-o OUT]\n"
    "\n"
    "Read a business plan's milestone register, one row per milestone and\n"
    "reporting period: milestone,title,theme,due,period,status,note.  Status is\n"
    "delivered, on track (but not fully delivered) or some delay, a synonym\n"
    "(complete, delayed, ...), or empty when the report gives none.  A delivered\n"
    "milestone that a later row reopens needs a note (a warning); an open\n"
    "milestone with no row in the next period is 'not reported' (a warning).\n"
    "FILE is CSV, or a sheet of an .xlsx or .ods workbook: its first, or the one\n"
    "named after a '#' in FILE, by name or number (plan.xlsx#Milestones).\n"
    "\n"
    "For the reporting period (the latest by default): counts by status and\n"
    "theme, movements since the previous period, milestones past their due\n"
    "period (and how many periods late) or first reported after it, and the\n"
    "report's sentences: Of 42 milestones, 30 delivered, 9 on track, 3 with some\n"
    "delay.\n"
    "\n"
    "  --at PERIOD        the reporting period (default: the register's latest)\n"
    "  --format F         md (default: every section), csv or json (default: the\n"
    "                     register table), or xlsx (a sheet per table; give -o)\n"
    "  --table T          one table: register, status, counts, movements or overdue\n"
    "  --sentences        the sentences only, one per line\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "  --fy-start N       first month of the financial year (default: 4)\n"
    "  --status-word W=S  read the register's word W as status S (delivered, on track\n"
    "                     or some delay), as in green=delivered (repeatable)\n"
    "\n",
    run_milestones,
};
