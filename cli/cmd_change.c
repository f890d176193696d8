/* kpi change: each period against a base period. */
#include "cli.h"

#include <string.h>

typedef struct change_cli {
    kpi_change_options change;
    kpi_format format;
    const char *output;
} change_cli;

enum { OPT_FORMAT = 2000, OPT_VS, OPT_LATEST, OPT_DECIMALS, OPT_CAGR, OPT_TEST, OPT_ALPHA };

static const struct option change_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"vs", required_argument, NULL, OPT_VS},
    {"latest", no_argument, NULL, OPT_LATEST},
    {"decimals", required_argument, NULL, OPT_DECIMALS},
    {"cagr", no_argument, NULL, OPT_CAGR},
    {"test", no_argument, NULL, OPT_TEST},
    {"alpha", required_argument, NULL, OPT_ALPHA},
    {0},
};

static int
change_option(void *ctx, int code, const char *arg)
{
    change_cli *o = ctx;
    const cli_command *cmd = &cli_change_command;
    kpi_error err;
    switch (code) {
    case 'o':
        o->output = arg;
        cli_output_format(arg, &o->format, KPI_FORMAT_CSV);
        return 0;
    case OPT_LATEST: o->change.latest = true; return 0;
    case OPT_CAGR: o->change.cagr = true; return 0;
    case OPT_TEST: o->change.test = true; return 0;
    case OPT_ALPHA:
        if (cli_parse_alpha(arg, &o->change.alpha) != 0)
            return cli_usage_error(cmd, "--alpha: expected a level between 0 and 1, found '%s'",
                                   arg);
        return 0;
    case OPT_FORMAT:
        if (kpi_format_parse(arg, &o->format, &err) != KPI_OK)
            return cli_usage_error(cmd, "--format: %s", err.message);
        return 0;
    case OPT_DECIMALS:
        if (cli_parse_int(arg, 0, 6, &o->change.decimals) != 0)
            return cli_usage_error(cmd, "--decimals: expected a whole number 0-6, found '%s'", arg);
        return 0;
    case OPT_VS:
        if (strcmp(arg, "year") == 0) {
            o->change.vs = KPI_VS_YEAR;
        } else if (strcmp(arg, "prev") == 0) {
            o->change.vs = KPI_VS_PREV;
        } else if (kpi_period_parse(arg, strlen(arg), KPI_FREQ_NONE, &o->change.base, NULL, &err) ==
                   KPI_OK) {
            o->change.vs = KPI_VS_FIXED;
        } else {
            return cli_usage_error(cmd, "--vs: expected year, prev or a period; %s", err.message);
        }
        return 0;
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

static int
run_change(int argc, char **argv)
{
    change_cli o = {.change = kpi_change_options_default(), .format = KPI_FORMAT_CSV};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_change_command, argc, argv, change_options, &in, change_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_change_command, "expected at least one FILE");
    kpi_meta *meta = NULL;
    kpi_store *s = NULL, *counts = NULL;
    kpi_population *pop = NULL;
    kpi_error err;
    rc = CLI_EXIT_FAIL;
    if (cli_load_meta(&in, &meta) != 0)
        goto done;
    /* The test compares counts over populations, so with --per it keeps
     * the counts that the rates are taken from. */
    bool keep_counts = o.change.test && in.population;
    cli_input counted = in;
    if (keep_counts)
        counted.population = NULL;
    if (!(s = cli_read_files(argv + 1, n, &counted, meta)))
        goto done;
    if (keep_counts) {
        counts = s;
        if (!(s = cli_per(counts, argv[1], &in, &pop)))
            goto done;
        o.change.counts = counts;
        o.change.population = pop;
    }
    o.change.meta = meta;
    cli_output out;
    if ((rc = cli_output_open(&out, o.output)) != 0)
        goto done;
    kpi_table_options table = cli_table_options(&in, o.format);
    table.meta = meta;
    kpi_status status = kpi_table_write_change(s, &o.change, out.fp, &table, &err);
    if (status != KPI_OK)
        cli_report_output(o.output, &err);
    rc = cli_output_close(&out, status == KPI_OK);
    if (status != KPI_OK)
        rc = cli_exit_code(status);
done:
    kpi_store_free(s);
    kpi_store_free(counts);
    kpi_population_free(pop);
    kpi_meta_free(meta);
    return rc;
}

const cli_command cli_change_command = {
    "change",
    "compare each period with the same period a year earlier, or another base",
    "usage: kpi change FILE... [--vs year|prev|PERIOD] [--rolling N | --ytd]\n"
    "                  [--to quarter|year|fy|fquarter [--partial]] [--rollup MAP]\n"
    "                  [--per POP] [--meta META] [--latest] [--decimals N] [--cagr]\n"
    "                  [--test [--alpha A]]\n"
    "                  [--format csv|json|md|xlsx] [-o OUT] [input options]\n"
    "\n"
    "For every series and period, compare the value with a base period and write\n"
    "indicator,area,period,value,base_period,base_value,change,pct_change,\n"
    "direction,prev_pct_change. A missing base leaves the change fields empty, a\n"
    "zero base the percentage. Percentages round half away from zero, as\n"
    "published figures do.\n"
    "\n"
    "  --vs year          the same period a year earlier (default)\n"
    "  --vs prev          the previous period\n"
    "  --vs PERIOD        a fixed base period, such as 2016-17\n"
    "  --cagr             add the compound annual growth rate from the base\n"
    "  --test             add the exact test of each change in a count (R's\n"
    "                     poisson.test): rate_ratio,rr_low,rr_high (95%),\n"
    "                     p_value, significance and test_note (why a test is\n"
    "                     empty: averages, percentages and stocks are not counts);\n"
    "                     with --per, counts are compared over populations\n"
    "  --alpha A          the level of the test's verdict (default 0.05)\n"
    "  --latest           only the last period of each series\n"
    "  --decimals N       decimals of percentages, 0-6 (default 1)\n"
    "  --format F         csv (default), json, md or xlsx (a workbook; give -o)\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_change,
};
