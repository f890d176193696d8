/* The document commands' shared options, and what they read. */
#include "cli.h"

#include <stdlib.h>

#include "kpi/chart.h"

int
cli_document_option(const cli_command *cmd, cli_document *d, int code, const char *arg)
{
    switch (code) {
    case 'o': d->output = arg; return 0;
    case CLI_OPT_AT: return cli_at_option(cmd, arg, &d->period, &d->has_period);
    case CLI_OPT_MILESTONES: d->milestones = arg; return 0;
    case CLI_OPT_STATUS_WORD: return cli_register_word(cmd, &d->reg, arg);
    case CLI_OPT_TITLE: d->title = arg; return 0;
    case CLI_OPT_SOURCE: d->source = arg; return 0;
    default: return -1;
    }
}

int
cli_document_read(cli_document *d, char *const *paths, int n, const cli_input *in,
                  kpi_report_context *ctx)
{
    const kpi_period *period = d->has_period ? &d->period : NULL;
    if (cli_load_meta(in, &d->meta) != 0 || !(d->store = cli_read_files(paths, n, in, d->meta)))
        return CLI_EXIT_FAIL;
    if (d->milestones) {
        int rc = cli_register_view(d->milestones, &d->reg, in->reader.fy_start, period,
                                   &d->reg_read, &d->view);
        if (rc)
            return rc;
    }
    if (!(d->chart_dir = cli_output_dir(d->output)) || !(d->cache = kpi_report_cache_new(NULL))) {
        fprintf(stderr, "kpi: out of memory\n");
        return CLI_EXIT_FAIL;
    }
    *ctx = (kpi_report_context){.store = d->store,
                                .meta = d->meta,
                                .period = period,
                                .chart_dir = d->chart_dir,
                                .milestones = d->reg_read,
                                .milestones_view = d->reg_read ? &d->view : NULL,
                                .cache = d->cache};
    return 0;
}

void
cli_document_fini(cli_document *d)
{
    kpi_report_cache_free(d->cache);
    kpi_chart_release_fonts();
    free(d->chart_dir);
    kpi_milestones_view_fini(&d->view);
    kpi_milestones_free(d->reg_read);
    kpi_store_free(d->store);
    kpi_meta_free(d->meta);
}

int
cli_document_failed(const kpi_error *err)
{
    cli_report(err);
    return CLI_EXIT_FAIL;
}
