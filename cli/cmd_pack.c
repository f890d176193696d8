/* kpi pack: the performance pack as one A4 PDF. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kpi/pack.h"
#include "kpi/report.h"

typedef struct pack_cli {
    cli_document doc;
    const char *template_path, *date;
} pack_cli;

enum { OPT_TEMPLATE = 2000, OPT_DATE };

static const struct option pack_options[] = {
    CLI_DOCUMENT_OPTIONS,
    CLI_TITLE_OPTIONS,
    {"template", required_argument, NULL, OPT_TEMPLATE},
    {"date", required_argument, NULL, OPT_DATE},
    {0},
};

static int
pack_option(void *ctx, int code, const char *arg)
{
    pack_cli *o = ctx;
    kpi_error err;
    int rc = cli_document_option(&cli_pack_command, &o->doc, code, arg);
    if (rc >= 0)
        return rc;
    switch (code) {
    case OPT_TEMPLATE: o->template_path = arg; return 0;
    case OPT_DATE: {
        kpi_period day;
        if (strlen(arg) != 10 ||
            kpi_period_parse(arg, strlen(arg), KPI_FREQ_DAY, &day, NULL, &err) != KPI_OK)
            return cli_usage_error(&cli_pack_command, "--date: expected YYYY-MM-DD, found '%s'",
                                   arg);
        o->date = arg;
        return 0;
    }
    default: return cli_usage_error(&cli_pack_command, "unexpected option");
    }
}

/* The template filled from the store, as the introduction's text; NULL
 * after reporting a failure.  Charts it names go beside the pack. */
static char *
fill_intro(const char *path, kpi_report_context *ctx)
{
    size_t len;
    char *text = cli_read_template(path, &len);
    if (!text)
        return NULL;
    kpi_error err;
    char *buf = NULL;
    size_t n = 0;
    kpi_template *t = kpi_template_parse(text, len, path, &err);
    FILE *mem = t ? open_memstream(&buf, &n) : NULL;
    kpi_status st = !t     ? err.code
                    : !mem ? kpi_error_set(&err, KPI_ENOMEM, NULL, 0, 0, "out of memory")
                           : kpi_template_write(t, kpi_report_resolve, ctx, mem, &err);
    if (mem && fclose(mem) != 0 && st == KPI_OK)
        st = kpi_error_set(&err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != KPI_OK) {
        cli_report(&err);
        free(buf);
        buf = NULL;
    }
    kpi_template_free(t);
    free(text);
    return buf;
}

static int
run_pack(int argc, char **argv)
{
    pack_cli o = {0};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_pack_command, argc, argv, pack_options, &in, pack_option, &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n != 1)
        return cli_usage_error(&cli_pack_command, "expected one FILE, found %d", n);
    if (!o.doc.output || strcmp(o.doc.output, "-") == 0)
        return cli_usage_error(&cli_pack_command, "expected -o OUT.pdf");
    char today[16];
    if (!o.date) {
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm) && strftime(today, sizeof today, "%Y-%m-%d", &tm) > 0)
            o.date = today;
    }
    char *intro = NULL;
    kpi_error err;
    kpi_report_context ctx = {0};
    if ((rc = cli_document_read(&o.doc, argv + 1, n, &in, &ctx)) != 0)
        goto done;
    rc = CLI_EXIT_FAIL;
    /* The charts the introduction names appear with the pack, or neither
     * does. */
    if (!(ctx.files = kpi_outset_new(&err))) {
        cli_report(&err);
        goto done;
    }
    if (o.template_path && !(intro = fill_intro(o.template_path, &ctx)))
        goto done;
    kpi_pack_options po = kpi_pack_options_default();
    po.title = o.doc.title;
    po.source = o.doc.source;
    po.intro = intro;
    po.period = ctx.period;
    po.date = o.date;
    po.milestones = ctx.milestones;
    po.milestones_view = ctx.milestones_view;
    po.files = ctx.files;
    kpi_status st = kpi_pack_write(ctx.store, ctx.meta, &po, o.doc.output, &err);
    kpi_status closed = kpi_outset_close(ctx.files, st == KPI_OK, st == KPI_OK ? &err : NULL);
    ctx.files = NULL;
    rc = st == KPI_OK && closed == KPI_OK ? CLI_EXIT_OK : cli_document_failed(&err);
done:
    kpi_outset_close(ctx.files, false, NULL);
    cli_document_fini(&o.doc);
    free(intro);
    return rc;
}

const cli_command cli_pack_command = {
    "pack",
    "a multi-page A4 PDF performance pack: summary table, each indicator, milestones",
    "usage: kpi pack FILE -o OUT.pdf [--meta META] [--at PERIOD] [--title T]\n"
    "                [--source S] [--template T] [--date YYYY-MM-DD]\n"
    "                [--milestones REGISTER [--status-word W=S]...] [input options]\n"
    "\n"
    "Write the performance pack of FILE as one A4 PDF, whole or not at all:\n"
    "a cover with the title, the reporting period, the date of production, the\n"
    "source note and an introduction, then the summary table of every indicator\n"
    "(continued with its header on the next pages), then one block per indicator\n"
    "(heading, sentence, line chart, recent values), two to a page where they fit;\n"
    "with --milestones, then a milestones section: the register's sentences at the\n"
    "period, the counts by status (word and colour), the chart of every reporting\n"
    "period and the table of the milestones not delivered.\n"
    "Pages are numbered, and the PDF has an outline entry per indicator.\n"
    "\n"
    "  --meta META        indicator metadata: labels, units, better, targets\n"
    "  --at PERIOD        the reporting period (default: each series' latest)\n"
    "  --title T          the pack's title (default: Performance pack)\n"
    "  --source S         the source note on the cover\n"
    "  --template T       an introduction for the cover, with the placeholders of\n"
    "                     kpi report ({{ID.value}}, {{ID.sentence}}, filters, ...)\n"
    "  --date YYYY-MM-DD  the date of production (default: today, UTC)\n"
    "  --milestones REGISTER  a milestone register (see kpi milestones), reported\n"
    "                     at the period (its latest reporting period in PERIOD)\n"
    "  --status-word W=S  read W in the register as status S (repeatable)\n"
    "  -o, --output FILE  the PDF to write (required)\n"
    "\n",
    run_pack,
};
