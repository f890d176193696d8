/* kpi spc: XmR charts with the Making Data Count rules, as a table. */
#include "cli.h"

#include <string.h>

typedef struct spc_cli {
    cli_spc xmr;
    kpi_spc_write_options spc;
    kpi_format format;
    const char *output;
} spc_cli;

enum { OPT_FORMAT = 2000, OPT_LATEST };

static const struct option spc_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"latest", no_argument, NULL, OPT_LATEST},
    CLI_SPC_OPTIONS,
    {0},
};

void
cli_spc_init(cli_spc *o)
{
    o->spc = kpi_spc_options_default();
    o->spc.rebase = o->rebase;
}

int
cli_spc_option(const cli_command *cmd, cli_spc *o, int code, const char *arg)
{
    kpi_error err;
    int n;
    switch (code) {
    case CLI_OPT_SCREEN: o->spc.screen = true; return 0;
    case CLI_OPT_BASELINE:
        if (cli_parse_int(arg, 2, 1000000, &n) != 0)
            return cli_usage_error(cmd,
                                   "--baseline: expected a number of points 2-1000000, "
                                   "found '%s'",
                                   arg);
        o->spc.baseline = (size_t)n;
        return 0;
    case CLI_OPT_REBASE:
        for (const char *p = arg;; p++) {
            size_t len = strcspn(p, ",");
            if (o->spc.n_rebase == CLI_MAX_REBASE)
                return cli_usage_error(cmd, "--rebase: at most %d periods", CLI_MAX_REBASE);
            if (kpi_period_parse(p, len, KPI_FREQ_NONE, &o->rebase[o->spc.n_rebase], NULL, &err) !=
                KPI_OK)
                return cli_usage_error(cmd, "--rebase: %s", err.message);
            o->spc.n_rebase++;
            p += len;
            if (!*p)
                break;
        }
        return 0;
    default: return -1;
    }
}

static int
spc_option(void *ctx, int code, const char *arg)
{
    spc_cli *o = ctx;
    const cli_command *cmd = &cli_spc_command;
    kpi_error err;
    int rc = cli_spc_option(cmd, &o->xmr, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case 'o':
        o->output = arg;
        cli_output_format(arg, &o->format, KPI_FORMAT_CSV);
        return 0;
    case OPT_LATEST: o->spc.latest = true; return 0;
    case OPT_FORMAT:
        if (kpi_format_parse(arg, &o->format, &err) != KPI_OK)
            return cli_usage_error(cmd, "--format: %s", err.message);
        return 0;
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

static kpi_status
write_spc(const kpi_store *s, const kpi_meta *meta, FILE *out, void *ctx, kpi_error *err)
{
    spc_cli *o = ctx;
    o->spc.spc = o->xmr.spc;
    o->spc.meta = meta;
    return kpi_spc_write(s, &o->spc, out, o->format, err);
}

static int
run_spc(int argc, char **argv)
{
    spc_cli o = {.format = KPI_FORMAT_CSV};
    cli_spc_init(&o.xmr);
    cli_input in;
    int n;
    int rc = cli_parse(&cli_spc_command, argc, argv, spc_options, &in, spc_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_spc_command, "expected at least one FILE");
    o.spc.threads = in.reader.threads;
    return cli_read_and_write(argv + 1, n, &in, o.output, write_spc, &o);
}

const cli_command cli_spc_command = {
    "spc",
    "statistical process control: XmR limits and special-cause variation",
    "usage: kpi spc FILE... [--meta META] [--baseline N] [--rebase PERIOD[,PERIOD...]]\n"
    "               [--screen] [--latest] [--format csv|json|md|xlsx] [-o OUT]\n"
    "               [input options]\n"
    "\n"
    "XmR (individuals) charts as the NHS 'Making Data Count' guidance draws\n"
    "them, one row per point: indicator,area,period,value,mean,lpl,upl,rules,\n"
    "variation,note. The mean and the process limits (mean -+ 2.66 times the\n"
    "mean moving range) rest on the whole series by default. rules lists the\n"
    "special-cause rules a point is part of (outside: beyond a limit; shift: 7\n"
    "or more on one side of the mean; trend: 7 or more each above, or each\n"
    "below, the one before; two_of_three: 2 of 3 beyond two thirds of the way\n"
    "to a limit), and variation says whether that is an improvement or a\n"
    "concern (the metadata's better direction) or neutral_high/neutral_low.\n"
    "Fewer than 12 points give limits with a note; fewer than 2 none.\n"
    "Missing values are not points. A partial value (kept by --partial) is\n"
    "shown against the limits of the complete ones, takes no part in them\n"
    "and is never judged: no rules, no variation, a note saying why.\n"
    "\n"
    "  --meta META        better directions and targets\n" CLI_SPC_HELP
    "  --latest           one row per series, its last point, with assurance\n"
    "                     (pass, fail or hit_and_miss: the target against the\n"
    "                     limits) and points (how many the limits rest on)\n"
    "  --format F         csv (default), json, md or xlsx (a workbook; give -o)\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_spc,
};
