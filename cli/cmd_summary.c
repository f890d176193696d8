/* kpi summary: one row (or one sentence) per indicator for a reporting
 * period. */
#include "cli.h"

#include <string.h>

#include "kpi/sentence.h"
#include "kpi/summary.h"

/* The options are kpi summary's own: a table or sentences for one
 * reporting period. */
typedef cli_period_output summary_cli;

static const struct option summary_options[] = {
    CLI_PERIOD_OUTPUT_OPTIONS,
    {0},
};

static int
summary_option(void *ctx, int code, const char *arg)
{
    int rc = cli_period_output_option(&cli_summary_command, ctx, code, arg);
    return rc >= 0 ? rc : cli_usage_error(&cli_summary_command, "unexpected option");
}

/* How many series a summary at o's period has a row for. */
static size_t
count_rows(const kpi_store *s, const summary_cli *o)
{
    size_t n = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_period p;
        if (!kpi_summary_period(se, o->has_period ? &o->period : NULL, &p))
            continue;
        ptrdiff_t i = kpi_series_index(se, p);
        n += i >= 0 && kpi_series_state(se, (size_t)i) != KPI_OBS_ABSENT;
    }
    return n;
}

static int
run_summary(int argc, char **argv)
{
    summary_cli o = {.format = KPI_FORMAT_MD};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_summary_command, argc, argv, summary_options, &in, summary_option, &o,
                       &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_summary_command, "expected at least one FILE");
    if (!in.meta)
        return cli_usage_error(&cli_summary_command,
                               "expected --meta META (labels, units, better directions and "
                               "targets)");
    kpi_meta *meta = NULL;
    kpi_store *s = NULL;
    rc = CLI_EXIT_FAIL;
    if (cli_load_meta(&in, &meta) != 0)
        goto done;
    if (!(s = cli_read_files(argv + 1, n, &in, meta)))
        goto done;
    if (o.has_period && count_rows(s, &o) == 0) {
        char text[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(o.period, text, sizeof text);
        fprintf(stderr, "kpi: warning: %s: no series has a figure for %s\n", argv[1], text);
    }
    cli_output out;
    if ((rc = cli_output_open(&out, o.output)) != 0)
        goto done;
    kpi_error err;
    const kpi_period *period = o.has_period ? &o.period : NULL;
    kpi_table_options table = cli_table_options(&in, o.format);
    kpi_status st = o.sentences
                        ? kpi_sentence_write(s, meta, period, in.pipeline.rolling, out.fp, &err)
                        : kpi_table_write_summary(s, meta, period, out.fp, &table, &err);
    if (st != KPI_OK)
        cli_report_output(o.output, &err);
    rc = cli_output_close(&out, st == KPI_OK);
    if (st != KPI_OK)
        rc = cli_exit_code(st);
done:
    kpi_store_free(s);
    kpi_meta_free(meta);
    return rc;
}

const cli_command cli_summary_command = {
    "summary",
    "one row or sentence per indicator for a reporting period: change, trend, target",
    "usage: kpi summary FILE... --meta META [--at PERIOD] [--sentences]\n"
    "                   [--format md|csv|json|xlsx] [-o OUT] [input options]\n"
    "\n"
    "One row per series for the reporting period (each series' latest by\n"
    "default): label, value, the same period a year earlier and its value,\n"
    "the change and percentage change, its direction and whether that is good\n"
    "or bad (the metadata's better direction), the percentage change the year\n"
    "before, the Mann-Kendall trend up to the period and its p-value, and the\n"
    "target with its status and margin (30.2 against <= 30 is missed by 0.2).\n"
    "Figures are rounded to the metadata's decimals (else the data's) before\n"
    "anything is computed from them, so the printed numbers always agree.\n"
    "\n"
    "  --meta META        indicator metadata (required)\n"
    "  --at PERIOD        the reporting period, such as 2018-19 or 2019-01; only\n"
    "                     series of that frequency holding it get a row\n"
    "  --sentences        one report sentence per row instead of the table:\n"
    "                     Homicide: -25.2% (decrease of 41 offences, from 163 to 122).\n"
    "                     Rows of several areas or periods name their own:\n"
    "                     Robbery in Camden, 12 months to November 2025: ...\n"
    "  --format F         md (default), csv, json or xlsx (a workbook; give -o)\n"
    "  -o, --output FILE  write to FILE (whole or not at all) instead of stdout\n"
    "\n",
    run_summary,
};
