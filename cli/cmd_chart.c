/* kpi chart: charts for a report, one or a folder of them. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kpi/chart_build.h"

typedef struct chart_cli {
    kpi_chart_request rq;
    cli_spc xmr;
    const char *output;
    const char *all;    /* --all DIR */
    const char *format; /* --format for --all: png, pdf or svg */
    bool format_given;
    cli_register reg; /* --type milestones: how the register is read */
    /* Every --indicator and --area value, in order: room for argc each. */
    const char **indicators, **areas;
    size_t n_indicators, n_areas;
} chart_cli;

enum {
    OPT_TYPE = 2000,
    OPT_INDICATOR_ID,
    OPT_AREA_NAME,
    OPT_TREND,
    OPT_ALL,
    OPT_FORMAT,
    OPT_TITLE,
    OPT_SUBTITLE,
    OPT_SOURCE,
    OPT_Y_LABEL,
    OPT_WIDTH,
    OPT_HEIGHT,
    OPT_DPI,
    OPT_FREE,
    OPT_ZERO,
    OPT_NO_LATEST,
    OPT_SORT
};

/* Listed before the input options, so that --indicator and --area pick a
 * series here; the columns are --indicator-column and --area-column. */
static const struct option chart_options[] = {
    {"type", required_argument, NULL, OPT_TYPE},
    {"indicator", required_argument, NULL, OPT_INDICATOR_ID},
    {"area", required_argument, NULL, OPT_AREA_NAME},
    {"trend", no_argument, NULL, OPT_TREND},
    {"all", required_argument, NULL, OPT_ALL},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"title", required_argument, NULL, OPT_TITLE},
    {"subtitle", required_argument, NULL, OPT_SUBTITLE},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"y-label", required_argument, NULL, OPT_Y_LABEL},
    {"width", required_argument, NULL, OPT_WIDTH},
    {"height", required_argument, NULL, OPT_HEIGHT},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"free-scales", no_argument, NULL, OPT_FREE},
    {"y-zero", no_argument, NULL, OPT_ZERO},
    {"no-latest", no_argument, NULL, OPT_NO_LATEST},
    {"sort", required_argument, NULL, OPT_SORT},
    CLI_SPC_OPTIONS,
    CLI_STATUS_WORD_OPTION,
    {0},
};

static int
size_option(const char *name, const char *arg, int min, int max, double *out)
{
    int v;
    if (cli_parse_int(arg, min, max, &v) != 0)
        return cli_usage_error(&cli_chart_command, "%s: expected a whole number %d-%d, found '%s'",
                               name, min, max, arg);
    *out = v;
    return 0;
}

static int
chart_option(void *ctx, int code, const char *arg)
{
    chart_cli *o = ctx;
    kpi_chart_options *c = &o->rq.opt;
    int rc = cli_spc_option(&cli_chart_command, &o->xmr, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case 'o': o->output = arg; return 0;
    case OPT_INDICATOR_ID: o->indicators[o->n_indicators++] = arg; return 0;
    case OPT_AREA_NAME: o->areas[o->n_areas++] = arg; return 0;
    case OPT_TREND: o->rq.trend = true; return 0;
    case OPT_ALL: o->all = arg; return 0;
    case OPT_TITLE: c->title = arg; return 0;
    case OPT_SUBTITLE: c->subtitle = arg; return 0;
    case OPT_SOURCE: c->source = arg; return 0;
    case OPT_Y_LABEL: c->y_label = arg; return 0;
    case OPT_FREE: c->scales = KPI_CHART_SCALES_FREE; return 0;
    case OPT_ZERO: c->y_zero = true; return 0;
    case OPT_NO_LATEST: c->latest_label = false; return 0;
    case CLI_OPT_STATUS_WORD: return cli_register_word(&cli_chart_command, &o->reg, arg);
    case OPT_WIDTH: return size_option("--width", arg, 1, 20000, &c->width);
    case OPT_HEIGHT: return size_option("--height", arg, 1, 20000, &c->height);
    /* The library's range (kpi_chart_options.dpi). */
    case OPT_DPI: return size_option("--dpi", arg, 10, 2400, &c->dpi);
    case OPT_FORMAT:
        if (strcmp(arg, "png") && strcmp(arg, "pdf") && strcmp(arg, "svg"))
            return cli_usage_error(&cli_chart_command,
                                   "--format: expected png, pdf or svg, found '%s'", arg);
        o->format = arg;
        o->format_given = true;
        return 0;
    case OPT_SORT: {
        kpi_error err;
        /* "added" is the default, the order of the input. */
        if (strcmp(arg, "added") == 0 || kpi_chart_order_parse(arg, &c->order, &err) != KPI_OK)
            return cli_usage_error(&cli_chart_command,
                                   "--sort: expected latest, name or change, found '%s'", arg);
        return 0;
    }
    case OPT_TYPE: {
        kpi_error err;
        if (kpi_chart_type_parse(arg, &o->rq.type, &err) != KPI_OK)
            return cli_usage_error(&cli_chart_command, "--type: %s", err.message);
        return 0;
    }
    default: return cli_usage_error(&cli_chart_command, "unexpected option");
    }
}

/* A progress line on a terminal, overwritten in place; nothing otherwise. */
static void
progress(void *ud, size_t done, size_t total)
{
    (void)ud;
    fprintf(stderr, "\rkpi: chart %zu of %zu", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* A milestones chart is drawn from a register, not from series. */
static int
run_milestones_chart(const chart_cli *o, const char *path, int fy_start)
{
    kpi_milestones *m = cli_register_read(path, &o->reg, fy_start);
    if (!m)
        return CLI_EXIT_FAIL;
    kpi_error err;
    kpi_chart *c = kpi_chart_build_milestones(m, &o->rq.opt, &err);
    kpi_status st = c ? kpi_chart_write(c, o->output, &err) : err.code;
    if (st != KPI_OK)
        fprintf(stderr, "kpi: %s: %s\n", c ? o->output : path, err.message);
    kpi_chart_free(c);
    kpi_milestones_free(m);
    kpi_chart_release_fonts();
    return cli_exit_code(st);
}

/* The chart once its options are parsed into o and in, with n FILEs at
 * argv[1..n]. */
static int
chart_parsed(chart_cli *o, cli_input *in, char **argv, int n)
{
    int rc;
    if (n < 1)
        return cli_usage_error(&cli_chart_command, "expected at least one FILE");
    if (!o->output == !o->all)
        return cli_usage_error(&cli_chart_command, "give either -o OUT or --all DIR");
    /* -o's extension picks the format; a --format that disagrees would
     * be silently ignored. */
    if (o->output && o->format_given) {
        char probe[16];
        kpi_chart_format want, got;
        kpi_error err;
        snprintf(probe, sizeof probe, "-.%s", o->format);
        if (kpi_chart_format_from_path(probe, &want, &err) == KPI_OK &&
            kpi_chart_format_from_path(o->output, &got, &err) == KPI_OK && want != got)
            return cli_usage_error(&cli_chart_command,
                                   "--format %s does not match -o %s, whose extension gives "
                                   "the format",
                                   o->format, o->output);
    }
    if (o->rq.opt.order != KPI_CHART_ORDER_ADDED && o->rq.type != KPI_CHART_MULTIPLES)
        return cli_usage_error(&cli_chart_command,
                               "--sort orders the panels of --type multiples, not a %s chart",
                               kpi_chart_type_name(o->rq.type));
    if (o->rq.type == KPI_CHART_MILESTONES) {
        if (o->all)
            return cli_usage_error(&cli_chart_command,
                                   "a milestones chart is one chart: give -o OUT");
        if (n != 1)
            return cli_usage_error(&cli_chart_command,
                                   "a milestones chart reads one register, "
                                   "found %d files",
                                   n);
        return run_milestones_chart(o, argv[1], in->reader.fy_start);
    }
    kpi_meta *meta = NULL;
    if ((rc = cli_load_meta(in, &meta)) != 0)
        return rc;
    o->rq.meta = meta;
    o->rq.threads = in->reader.threads;
    o->rq.window = in->pipeline.rolling;
    kpi_store *s = cli_read_files(argv + 1, n, in, meta);
    kpi_error err;
    kpi_status st = KPI_EIO;
    if (s && o->all && mkdir(o->all, 0777) != 0 && errno != EEXIST) {
        /* The folder is made when its parent exists; a whole missing path
         * is more likely a typing slip than a wish. */
        fprintf(stderr, "kpi: %s: cannot create the folder: %s\n", o->all, strerror(errno));
    } else if (s && o->all) {
        st = kpi_chart_build_all(s, &o->rq, o->all, o->format, isatty(2) ? progress : NULL, NULL,
                                 &err);
        if (st != KPI_OK)
            cli_report_path(o->all, &err);
    } else if (s) {
        kpi_chart *c = kpi_chart_build(s, &o->rq, &err);
        st = c ? kpi_chart_write(c, o->output, &err) : err.code;
        if (st != KPI_OK)
            cli_report_path(c ? o->output : argv[1], &err);
        kpi_chart_free(c);
    }
    kpi_store_free(s);
    kpi_meta_free(meta);
    kpi_chart_release_fonts();
    return s ? cli_exit_code(st) : CLI_EXIT_FAIL;
}

static int
run_chart(int argc, char **argv)
{
    chart_cli o = {.rq = {.type = KPI_CHART_LINE, .opt = kpi_chart_options_default()},
                   .format = "png"};
    cli_spc_init(&o.xmr);
    o.rq.opt.spc = &o.xmr.spc;
    /* No option can be given more often than there are arguments. */
    o.indicators = calloc((size_t)argc, sizeof *o.indicators);
    o.areas = calloc((size_t)argc, sizeof *o.areas);
    if (!o.indicators || !o.areas) {
        free(o.indicators);
        free(o.areas);
        fprintf(stderr, "kpi: out of memory\n");
        return CLI_EXIT_FAIL;
    }
    cli_input in;
    int n;
    int rc = cli_parse(&cli_chart_command, argc, argv, chart_options, &in, chart_option, &o, &n);
    o.rq.indicators = o.indicators;
    o.rq.n_indicators = o.n_indicators;
    o.rq.areas = o.areas;
    o.rq.n_areas = o.n_areas;
    if (rc == 0)
        rc = chart_parsed(&o, &in, argv, n);
    free(o.indicators);
    free(o.areas);
    return rc < 0 ? CLI_EXIT_OK : rc;
}

const cli_command cli_chart_command = {
    "chart",
    "charts: line, rolling, yoy, multiples, sparkline, spc, milestones (PNG, PDF, SVG)",
    "usage: kpi chart FILE... --type T [--indicator ID] [--area A] -o OUT.png|.pdf|.svg\n"
    "       kpi chart FILE --type line|rolling|sparkline|spc --all DIR\n"
    "                  [--format png|pdf|svg] [--baseline N] [--rebase P[,P...]] [--screen]\n"
    "                  [--meta META] [--trend] [--title T] [--subtitle S] [--source S]\n"
    "                  [--y-label L] [--width W] [--height H] [--dpi N] [--free-scales]\n"
    "                  [--y-zero] [--no-latest] [--sort latest|name|change]\n"
    "                  [input options]\n"
    "\n"
    "Draw the series that --indicator and --area select (each may be given\n"
    "several times; every series when neither is given; a value that selects\n"
    "nothing is an error):\n"
    "  line       one line per series (up to 8), the latest value labelled with\n"
    "             its change on a year earlier; --trend adds the OLS trend and its\n"
    "             95% band; the metadata's target is drawn as a line\n"
    "  rolling    the 12-month (4-quarter) rolling total, '12 months to ...'\n"
    "  yoy        one bar per series: the latest change on a year earlier,\n"
    "             coloured by the metadata's better direction\n"
    "  multiples  one small panel per series (up to 36), each with its own time\n"
    "             axis, on one value scale unless --free-scales; --sort puts the\n"
    "             panels in order of the latest value (largest first), name, or\n"
    "             change on a year earlier (largest rise first), each read at a\n"
    "             series' last complete point; ties and series without one (put\n"
    "             last) go by name\n"
    "  sparkline  a tiny line with no axes, for tables\n"
    "  spc        one series' XmR chart (see kpi spc): mean and process limits,\n"
    "             the target, points coloured by variation (improvement blue,\n"
    "             concern orange, special cause with no better direction purple,\n"
    "             common cause grey); --baseline, --rebase and --screen as there\n"
    "  milestones FILE is a milestone register (see kpi milestones): one bar per\n"
    "             reporting period, its milestones stacked by status;\n"
    "             --status-word W=S reads the register's own status words\n"
    "The format follows OUT's extension. --width and --height are pixels for PNG\n"
    "(at --dpi, default 150) and millimetres for PDF and SVG. --all DIR writes one\n"
    "chart per series into DIR, on two threads, with a progress line on a\n"
    "terminal. The columns of FILE are named with --indicator-column and\n"
    "--area-column here.\n"
    "\n",
    run_chart,
};
