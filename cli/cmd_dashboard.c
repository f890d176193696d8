/* kpi dashboard: every indicator on one self-contained HTML page. */
#include "cli.h"

#include <string.h>

#include "kpi/dashboard.h"

#define MAX_PICKS 64

typedef struct dashboard_cli {
    cli_document doc;
    const char *indicators[MAX_PICKS];
    size_t n_indicators;
    const char *areas[MAX_PICKS];
    size_t n_areas;
} dashboard_cli;

enum { OPT_INDICATOR_ID = 2000, OPT_AREA_NAME };

/* Listed before the input options, so that --indicator and --area pick
 * series, as in kpi chart; the columns are --indicator-column and
 * --area-column here. */
static const struct option dashboard_options[] = {
    CLI_DOCUMENT_OPTIONS,
    CLI_TITLE_OPTIONS,
    {"indicator", required_argument, NULL, OPT_INDICATOR_ID},
    {"area", required_argument, NULL, OPT_AREA_NAME},
    {0},
};

static int
pick(const char *flag, const char **list, size_t *n, const char *arg)
{
    if (*n == MAX_PICKS)
        return cli_usage_error(&cli_dashboard_command, "%s: at most %d of them", flag, MAX_PICKS);
    list[(*n)++] = arg;
    return 0;
}

static int
dashboard_option(void *ctx, int code, const char *arg)
{
    dashboard_cli *o = ctx;
    const cli_command *cmd = &cli_dashboard_command;
    int rc = cli_document_option(cmd, &o->doc, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case OPT_INDICATOR_ID: return pick("--indicator", o->indicators, &o->n_indicators, arg);
    case OPT_AREA_NAME: return pick("--area", o->areas, &o->n_areas, arg);
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

static int
run_dashboard(int argc, char **argv)
{
    dashboard_cli o = {0};
    cli_input in;
    int n;
    const cli_command *cmd = &cli_dashboard_command;
    int rc = cli_parse(cmd, argc, argv, dashboard_options, &in, dashboard_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(cmd, "expected at least one FILE");
    if (!o.doc.output || strcmp(o.doc.output, "-") == 0)
        return cli_usage_error(cmd, "expected -o OUT.html");
    kpi_error err;
    kpi_report_context ctx;
    if ((rc = cli_document_read(&o.doc, argv + 1, n, &in, &ctx)) == 0) {
        kpi_dashboard_options d = kpi_dashboard_options_default();
        d.title = o.doc.title;
        d.source = o.doc.source;
        d.period = ctx.period;
        d.indicators = o.indicators;
        d.n_indicators = o.n_indicators;
        d.areas = o.areas;
        d.n_areas = o.n_areas;
        d.milestones = ctx.milestones;
        d.milestones_view = ctx.milestones_view;
        d.threads = in.reader.threads;
        if (kpi_dashboard_write(ctx.store, ctx.meta, &d, o.doc.output, &err) != KPI_OK)
            rc = cli_document_failed(&err);
    }
    cli_document_fini(&o.doc);
    return rc;
}

const cli_command cli_dashboard_command = {
    "dashboard",
    "one self-contained HTML page of every indicator: tiles, charts, sortable table",
    "usage: kpi dashboard FILE... -o OUT.html [--meta META] [--at PERIOD] [--title T]\n"
    "                     [--source S] [--indicator ID]... [--area A]...\n"
    "                     [--milestones REGISTER [--status-word W=S]...] [input options]\n"
    "\n"
    "Write one HTML page, whole or not at all, with everything inline (styles,\n"
    "charts as SVG, a small script to sort and filter): nothing is fetched, so it\n"
    "reads the same offline, by email or on an intranet.  At the top, one tile\n"
    "per series: the latest value, the change on a year earlier with an arrow and\n"
    "'better' or 'worse' (the metadata's better direction), the exact test, the\n"
    "SPC variation, the target status and a sparkline of the last two years.\n"
    "Then one section per series: its sentence (as kpi summary --sentences), its\n"
    "chart (a line with its trend for yearly figures, the XmR chart for monthly\n"
    "ones) and its recent values; then the summary table, sorted by clicking a\n"
    "column's heading; then, with --milestones, the milestone register.\n"
    "\n"
    "  --meta META           indicator metadata: labels, units, better, targets\n"
    "  --at PERIOD           the reporting period (default: each series' latest)\n"
    "  --title T             the page's title (default: Performance dashboard)\n"
    "  --source S            the source note under the title\n"
    "  --indicator ID        show this indicator (repeatable; default: every one);\n"
    "                        its column is --indicator-column here\n"
    "  --area A              show this area (repeatable; default: every one); its\n"
    "                        column is --area-column here\n"
    "  --milestones REGISTER a milestone register (see kpi milestones): its counts,\n"
    "                        movements, overdue milestones, chart and status table\n"
    "                        at the reporting period, after the indicators\n"
    "  --status-word W=S     read the register's word W as status S (repeatable)\n"
    "  -o, --output FILE     the HTML file to write (required)\n"
    "\n",
    run_dashboard,
};
