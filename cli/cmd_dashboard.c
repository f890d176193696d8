/* kpi dashboard: every indicator on one self-contained HTML page. */
#include "cli.h"

#include <string.h>

#include "kpi/chart.h"
#include "kpi/dashboard.h"

#define MAX_PICKS 64

typedef struct dashboard_cli {
    bool has_period;
    kpi_period period;
    const char *title, *source, *output, *milestones;
    const char *indicators[MAX_PICKS];
    size_t n_indicators;
    const char *areas[MAX_PICKS];
    size_t n_areas;
    cli_register reg;
} dashboard_cli;

enum { OPT_AT = 2000, OPT_TITLE, OPT_SOURCE, OPT_INDICATOR_ID, OPT_AREA_NAME, OPT_MILESTONES };

/* Listed before the input options, so that --indicator and --area pick
 * series, as in kpi chart; the columns are --indicator-column and
 * --area-column here. */
static const struct option dashboard_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"at", required_argument, NULL, OPT_AT},
    {"title", required_argument, NULL, OPT_TITLE},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"indicator", required_argument, NULL, OPT_INDICATOR_ID},
    {"area", required_argument, NULL, OPT_AREA_NAME},
    {"milestones", required_argument, NULL, OPT_MILESTONES},
    CLI_STATUS_WORD_OPTION,
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
    switch (code) {
    case 'o': o->output = arg; return 0;
    case OPT_TITLE: o->title = arg; return 0;
    case OPT_SOURCE: o->source = arg; return 0;
    case OPT_MILESTONES: o->milestones = arg; return 0;
    case OPT_INDICATOR_ID: return pick("--indicator", o->indicators, &o->n_indicators, arg);
    case OPT_AREA_NAME: return pick("--area", o->areas, &o->n_areas, arg);
    case CLI_OPT_STATUS_WORD: return cli_register_word(cmd, &o->reg, arg);
    case OPT_AT: return cli_at_option(cmd, arg, &o->period, &o->has_period);
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
    if (!o.output || strcmp(o.output, "-") == 0)
        return cli_usage_error(cmd, "expected -o OUT.html");
    kpi_meta *meta = NULL;
    kpi_store *s = NULL;
    kpi_milestones *reg = NULL;
    kpi_milestones_view view = {0};
    kpi_error err;
    rc = CLI_EXIT_FAIL;
    if (cli_load_meta(&in, &meta) != 0)
        goto done;
    if (!(s = cli_read_files(argv + 1, n, &in, meta)))
        goto done;
    if (o.milestones && (rc = cli_register_view(o.milestones, &o.reg, in.reader.fy_start,
                                                o.has_period ? &o.period : NULL, &reg, &view)))
        goto done;
    rc = CLI_EXIT_FAIL;
    kpi_dashboard_options d = kpi_dashboard_options_default();
    d.title = o.title;
    d.source = o.source;
    d.period = o.has_period ? &o.period : NULL;
    d.indicators = o.indicators;
    d.n_indicators = o.n_indicators;
    d.areas = o.areas;
    d.n_areas = o.n_areas;
    d.milestones = reg;
    d.milestones_view = reg ? &view : NULL;
    if (kpi_dashboard_write(s, meta, &d, o.output, &err) != KPI_OK) {
        cli_report(&err);
        rc = cli_exit_code(err.code);
        goto done;
    }
    rc = CLI_EXIT_OK;
done:
    kpi_chart_release_fonts();
    kpi_milestones_view_fini(&view);
    kpi_milestones_free(reg);
    kpi_store_free(s);
    kpi_meta_free(meta);
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
