/* kpi audit: check every numeric claim of written reports, on their own
 * arithmetic and, with --data and --meta, against the data. */
#include "cli.h"

#include <string.h>

#include "kpi/audit.h"

typedef struct audit_cli {
    bool has_period;
    kpi_period period;
    bool text; /* the compiler-style lines, else a table */
    kpi_format format;
    bool quiet;
    const char *data;
    const char *output;
} audit_cli;

enum { OPT_DATA = 2000, OPT_FORMAT, OPT_QUIET };

static const struct option audit_options[] = {
    {"data", required_argument, NULL, OPT_DATA}, {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},    {"at", required_argument, NULL, CLI_OPT_AT},
    {"quiet", no_argument, NULL, OPT_QUIET},     {0},
};

static int
audit_option(void *ctx, int code, const char *arg)
{
    audit_cli *o = ctx;
    const cli_command *cmd = &cli_audit_command;
    kpi_error err;
    switch (code) {
    case 'o': o->output = arg; return 0;
    case OPT_DATA: o->data = arg; return 0;
    case OPT_QUIET: o->quiet = true; return 0;
    case CLI_OPT_AT: return cli_at_option(cmd, arg, &o->period, &o->has_period);
    case OPT_FORMAT:
        o->text = strcmp(arg, "text") == 0;
        if (!o->text && kpi_format_parse(arg, &o->format, &err) != KPI_OK)
            return cli_usage_error(cmd, "--format: expected text, csv, json or md, found '%s'",
                                   arg);
        return 0;
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

static int
run_audit(int argc, char **argv)
{
    audit_cli o = {.text = true};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_audit_command, argc, argv, audit_options, &in, audit_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_audit_command, "expected at least one REPORT");
    if (o.data && !in.meta)
        return cli_usage_error(&cli_audit_command,
                               "--data needs --meta META (labels and aliases name the "
                               "indicators in the text)");
    kpi_meta *meta = NULL;
    kpi_store *s = NULL;
    kpi_audit *a = NULL;
    rc = CLI_EXIT_FAIL;
    if (cli_load_meta(&in, &meta) != 0)
        goto done;
    if (o.data && !(s = cli_read(o.data, &in, meta, NULL)))
        goto done;
    kpi_audit_options opt = kpi_audit_options_default();
    opt.store = s;
    opt.meta = meta;
    opt.has_period = o.has_period;
    opt.period = o.period;
    opt.fy_start = in.reader.fy_start;
    kpi_error err;
    if (!(a = kpi_audit_new(&opt, &err))) {
        cli_report(&err);
        goto done;
    }
    for (int i = 1; i <= n; i++)
        if (kpi_audit_file(a, argv[i], &err) != KPI_OK) {
            cli_report(&err);
            goto done;
        }
    cli_output out;
    if ((rc = cli_output_open(&out, o.output)) != 0)
        goto done;
    kpi_status st = o.text ? kpi_audit_write_text(a, out.fp, o.quiet, &err)
                           : kpi_audit_write_table(a, out.fp, o.format, &err);
    if (st != KPI_OK)
        cli_report_output(o.output, &err);
    rc = cli_output_close(&out, st == KPI_OK);
    if (st != KPI_OK)
        rc = cli_exit_code(st);
    else if (rc == 0 && kpi_audit_count_verdict(a, KPI_AUDIT_ERROR) > 0)
        rc = CLI_EXIT_FAIL;
done:
    kpi_audit_free(a);
    kpi_store_free(s);
    kpi_meta_free(meta);
    return rc;
}

const cli_command cli_audit_command = {
    "audit",
    "check every figure a written report states: its arithmetic, and against data",
    "usage: kpi audit REPORT... [--data FILE --meta META] [--at PERIOD]\n"
    "                 [--format text|csv|json|md] [--quiet] [-o OUT] [input options]\n"
    "\n"
    "Reads plain text, Markdown or HTML and finds the numeric claims of every\n"
    "sentence: a percentage or absolute change with its \"from A to B\", a\n"
    "direction word against the figures, and a value against a target with its\n"
    "verdict (met, achieved, within, missed, exceeded).  Each stated figure is\n"
    "checked against the sentence's own figures; a percentage written with d\n"
    "decimals is right within half a unit of its d-th decimal.\n"
    "\n"
    "With --data and --meta, a sentence that names an indicator (its label or\n"
    "one of the metadata's ';'-separated aliases) is also checked against the\n"
    "values and year-on-year changes of the data, at the period the sentence or\n"
    "the nearest heading above it names, else --at, else the latest.\n"
    "\n"
    "Output: one line per finding, as compilers write them\n"
    "(report.txt:118:55: error: ...), notes for claims that cannot be checked\n"
    "(--quiet hides them), and a summary line; --format csv|json|md writes one\n"
    "row per claim: file,line,column,text,kind,stated,computed,verdict,reason.\n"
    "Exit status 1 when a claim is wrong, so a pipeline can refuse to publish.\n"
    "\n"
    "  --data FILE       the data to check the claims against (read with the\n"
    "                    input options)\n"
    "  --at PERIOD       the reporting period for sentences that name none\n"
    "  --format F        text (default), csv, json or md\n"
    "  --quiet           leave out the notes on unverified claims\n"
    "  -o, --output OUT  write there instead of stdout\n",
    run_audit,
};
