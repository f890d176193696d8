/* kpi trend: one row of trend statistics per series. */
#include "cli.h"

#include <string.h>

typedef struct trend_cli {
    kpi_trend_options trend;
    kpi_format format;
    const char *output;
} trend_cli;

enum { OPT_FORMAT = 2000, OPT_FROM, OPT_TO, OPT_SEASONAL, OPT_STATS };

static const struct option trend_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"seasonal", no_argument, NULL, OPT_SEASONAL},
    {"stats", required_argument, NULL, OPT_STATS},
    {0},
};

static int
period_option(const char *name, const char *arg, kpi_period *out)
{
    kpi_error err;
    if (kpi_period_parse(arg, strlen(arg), KPI_FREQ_NONE, out, NULL, &err) != KPI_OK)
        return cli_usage_error(&cli_trend_command, "%s: %s", name, err.message);
    return 0;
}

static int
trend_option(void *ctx, int code, const char *arg)
{
    trend_cli *o = ctx;
    kpi_error err;
    switch (code) {
    case 'o':
        o->output = arg;
        cli_output_format(arg, &o->format, KPI_FORMAT_CSV);
        return 0;
    case OPT_SEASONAL: o->trend.seasonal = true; return 0;
    case OPT_FROM: o->trend.has_from = true; return period_option("--from", arg, &o->trend.from);
    case OPT_TO: o->trend.has_to = true; return period_option("--to", arg, &o->trend.to);
    case OPT_STATS:
        if (kpi_trend_stats_parse(arg, &o->trend.stats, &err) != KPI_OK)
            return cli_usage_error(&cli_trend_command, "--stats: %s", err.message);
        return 0;
    case OPT_FORMAT:
        if (kpi_format_parse(arg, &o->format, &err) != KPI_OK)
            return cli_usage_error(&cli_trend_command, "--format: %s", err.message);
        return 0;
    default: return cli_usage_error(&cli_trend_command, "unexpected option");
    }
}

static kpi_status
write_trend(const kpi_store *s, const kpi_meta *meta, FILE *out, void *ctx, kpi_error *err)
{
    const trend_cli *o = ctx;
    kpi_trend_options trend = o->trend;
    trend.meta = meta;
    return kpi_trend_write(s, &trend, out, o->format, err);
}

static int
run_trend(int argc, char **argv)
{
    trend_cli o = {.trend = kpi_trend_options_default(), .format = KPI_FORMAT_CSV};
    o.trend.seasonal = false;
    cli_input in;
    int n;
    int rc = cli_parse(&cli_trend_command, argc, argv, trend_options, &in, trend_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_trend_command, "expected at least one FILE");
    o.trend.threads = in.reader.threads;
    return cli_read_and_write(argv + 1, n, &in, o.output, write_trend, &o);
}

const cli_command cli_trend_command = {
    "trend",
    "trend statistics per series: OLS, Theil-Sen, Mann-Kendall, seasonal",
    "usage: kpi trend FILE... [--from PERIOD] [--to PERIOD] [--seasonal] [--stats LIST]\n"
    "                 [--format csv|json|md|xlsx] [-o OUT] [input options]\n"
    "\n"
    "One row per series over a span (the whole series by default): the OLS\n"
    "slope per period with its intercept, 95% confidence interval, p-value and\n"
    "R-squared; the Theil-Sen slope; the Mann-Kendall test (S, tau, z, p, with\n"
    "the tie correction) and its verdict at 5%; and with --seasonal the slope\n"
    "with month or quarter effects removed. A series too short for a statistic\n"
    "gets empty fields, and the note column says why.\n"
    "\n"
    "  --from PERIOD      start of the span (inclusive), in the series' frequency\n"
    "  --to PERIOD        end of the span (inclusive)\n"
    "  --seasonal         also fit the trend on seasonal dummies (monthly and\n"
    "                     quarterly series, two full cycles at least)\n"
    "  --stats LIST       only these statistics, with only their columns: a comma\n"
    "                     list of ols, theil-sen, mann-kendall (default: all);\n"
    "                     --stats ols takes one pass over each series\n"
    "  --format F         csv (default), json, md or xlsx (a workbook; give -o)\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_trend,
};
