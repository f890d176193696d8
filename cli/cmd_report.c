/* kpi report: fill a text template's {{placeholders}} from a store, its
 * summary rows and charts. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/report.h"

typedef struct report_cli {
    cli_document doc;
    const char *template_path;
    bool has_escape;
    kpi_escape escape; /* --escape FORMAT */
} report_cli;

enum { OPT_TEMPLATE = 2000, OPT_ESCAPE };

static const struct option report_options[] = {
    CLI_DOCUMENT_OPTIONS,
    {"template", required_argument, NULL, OPT_TEMPLATE},
    {"escape", required_argument, NULL, OPT_ESCAPE},
    {0},
};

static int
report_option(void *ctx, int code, const char *arg)
{
    report_cli *o = ctx;
    int rc = cli_document_option(&cli_report_command, &o->doc, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case OPT_TEMPLATE: o->template_path = arg; return 0;
    case OPT_ESCAPE: {
        kpi_error err;
        if (kpi_escape_parse(arg, &o->escape, &err) != KPI_OK)
            return cli_usage_error(&cli_report_command, "--escape: %s", err.message);
        o->has_escape = true;
        return 0;
    }
    default: return cli_usage_error(&cli_report_command, "unexpected option");
    }
}

/* What values are escaped for: --escape, else the template's extension,
 * else the output's, else nothing. */
static kpi_escape
report_escape(const report_cli *o)
{
    kpi_escape e = KPI_ESCAPE_NONE;
    if (o->has_escape)
        return o->escape;
    if (!kpi_escape_for_path(o->template_path, &e) && o->doc.output)
        kpi_escape_for_path(o->doc.output, &e);
    return e;
}

/* ---- the command -------------------------------------------------------- */

static int
run_report(int argc, char **argv)
{
    report_cli o = {0};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_report_command, argc, argv, report_options, &in, report_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_report_command, "expected at least one FILE");
    if (!o.template_path)
        return cli_usage_error(&cli_report_command, "expected --template T");
    kpi_template *t = NULL;
    char *text = NULL;
    size_t len;
    kpi_error err;
    rc = CLI_EXIT_FAIL;
    /* The template is parsed first: a syntax error needs no data. */
    if (!(text = cli_read_template(o.template_path, &len)))
        goto done;
    if (!(t = kpi_template_parse(text, len, o.template_path, &err))) {
        cli_report(&err);
        goto done;
    }
    kpi_template_set_escape(t, report_escape(&o));
    kpi_report_context ctx;
    if ((rc = cli_document_read(&o.doc, argv + 1, n, &in, &ctx)) != 0)
        goto done;
    /* Every placeholder is checked before the output is even created. */
    if (kpi_template_check(t, kpi_report_resolve, &ctx, &err) != KPI_OK) {
        rc = cli_document_failed(&err);
        goto done;
    }
    cli_output out;
    if ((rc = cli_output_open(&out, o.doc.output)) != 0)
        goto done;
    /* The charts appear with the report, or neither does. */
    ctx.files = out.files;
    /* An .xlsx output holds the template's tables, a sheet each. */
    kpi_format format;
    bool workbook = kpi_format_from_path(o.doc.output, &format) && format == KPI_FORMAT_XLSX;
    kpi_status st = workbook ? kpi_report_workbook(t, &ctx, out.fp, &err)
                             : kpi_template_write(t, kpi_report_resolve, &ctx, out.fp, &err);
    if (st != KPI_OK)
        cli_report(&err);
    rc = cli_output_close(&out, st == KPI_OK);
    if (st != KPI_OK)
        rc = CLI_EXIT_FAIL;
done:
    cli_document_fini(&o.doc);
    kpi_template_free(t);
    free(text);
    return rc;
}

const cli_command cli_report_command = {
    "report",
    "fill a report template's {{placeholders}}: figures, sentences, tables, charts",
    "usage: kpi report FILE... --template T -o OUT [--meta META] [--at PERIOD]\n"
    "                  [--escape FORMAT] [--milestones REGISTER [--status-word W=S]...]\n"
    "                  [input options]\n"
    "\n"
    "Fill the placeholders of the text template T (Markdown, HTML, LaTeX, ...)\n"
    "from FILE and write OUT, whole or not at all: every placeholder is checked\n"
    "first, and an unknown indicator, field or filter is an error at T's\n"
    "line and column with nothing written.\n"
    "\n"
    "Every value is escaped for the output's format, found from T's extension\n"
    "(.html .htm .xml .svg, .tex, .md, .csv, .json; .txt or another: none), else\n"
    "OUT's, or given with --escape: a label <b> is written &lt;b&gt; in HTML, a\n"
    "figure 12% is 12\\% in LaTeX, 14,852 is \"14,852\" in CSV.  Tables are\n"
    "Markdown, written as they are into Markdown and plain text and escaped as\n"
    "text into the other formats; chart file names are written as they are.\n"
    "An OUT ending .xlsx is a workbook of the template's tables instead: each\n"
    "{{table:...}} and {{milestones:table}} on a sheet of its own (numbers as\n"
    "numbers), then the indicators' metadata on a sheet \"metadata\".\n"
    "\n"
    "  {{ID.FIELD}}             a figure of indicator ID's summary row (ID@AREA when\n"
    "                           it has several areas): value, period, base_value,\n"
    "                           base_period, change, pct_change, direction,\n"
    "                           assessment, prev_change, prev_pct_change, trend,\n"
    "                           trend_p, label, unit, indicator, area, target,\n"
    "                           target_op, target_status, target_margin,\n"
    "                           significance, p_value, variation, assurance, note,\n"
    "                           sentence\n"
    "  {{table:summary[:ID,ID]}} kpi summary's Markdown table (all indicators or\n"
    "                           the listed ones)\n"
    "  {{chart:ID:TYPE[:AREA]}} draw the chart (TYPE line, rolling, yoy, multiples\n"
    "                           or sparkline; ID a list ID,ID or all) as\n"
    "                           ID-TYPE[-AREA].png in OUT's folder; insert its name\n"
    "  {{milestones.FIELD}}     with --milestones, the register at the period:\n"
    "                           total, delivered, on_track, delay, not_stated,\n"
    "                           not_reported, overdue, first_late, forward, back,\n"
    "                           new, reopened, period, previous, sentence,\n"
    "                           movement_sentence, overdue_sentence\n"
    "  {{milestones:table[:T]}} a milestones table (T status by default, register,\n"
    "                           counts, movements or overdue)\n"
    "  {{milestones:chart}}     the milestones chart, as milestones.png\n"
    "  |decimals:N |thousands |signed |abs |percent |upper |lower |default:TEXT\n"
    "                           filters, left to right: {{ID.pct_change|signed}}%\n"
    "  \\{{                      a literal {{\n"
    "\n"
    "  --template T       the template (required)\n"
    "  --meta META        indicator metadata: labels, units, better, targets\n"
    "  --at PERIOD        the reporting period (default: each series' latest; the\n"
    "                     register's latest reporting period in it)\n"
    "  --escape FORMAT    escape values for html, latex, md, csv, json or none\n"
    "                     (default: by the extension of T, else of OUT)\n"
    "  --milestones REGISTER  a milestone register (see kpi milestones)\n"
    "  --status-word W=S  read the register's word W as status S (repeatable)\n"
    "  -o, --output FILE  write to FILE (charts go beside it) instead of stdout\n"
    "\n",
    run_report,
};
