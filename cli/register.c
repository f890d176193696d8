/* Reading a milestone register: the --status-word option and warnings. */
#include "cli.h"

#include <string.h>

int
cli_register_word(const cli_command *cmd, cli_register *r, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return cli_usage_error(cmd, "--status-word: expected WORD=STATUS, found '%s'", arg);
    if (r->n == CLI_MAX_STATUS_WORDS)
        return cli_usage_error(cmd, "at most %d --status-word options", CLI_MAX_STATUS_WORDS);
    size_t len = (size_t)(eq - arg);
    if (len >= CLI_STATUS_WORD_MAX)
        return cli_usage_error(cmd, "--status-word: the word is longer than %d bytes",
                               CLI_STATUS_WORD_MAX - 1);
    kpi_milestone_status st;
    kpi_error err;
    if (kpi_milestone_status_parse(eq + 1, strlen(eq + 1), NULL, 0, &st, &err) != KPI_OK ||
        st > KPI_MILESTONE_DELAY)
        return cli_usage_error(cmd,
                               "--status-word: expected delivered, on track or some delay after "
                               "'=', found '%s'",
                               eq + 1);
    memcpy(r->words[r->n], arg, len);
    r->words[r->n][len] = '\0';
    r->synonyms[r->n] = (kpi_milestone_synonym){r->words[r->n], st};
    r->n++;
    return 0;
}

static void
on_warning(void *ud, const kpi_error *warning)
{
    (void)ud;
    cli_warn(warning, "");
}

kpi_milestones *
cli_register_read(const char *path, const cli_register *r, int fy_start)
{
    kpi_milestones_options opt = kpi_milestones_options_default();
    opt.synonyms = r->synonyms;
    opt.n_synonyms = r->n;
    opt.fy_start = fy_start;
    opt.diag = on_warning;
    kpi_error err;
    kpi_milestones *m = kpi_milestones_read(path, &opt, &err);
    if (!m)
        cli_report(&err);
    return m;
}

static void
register_warn(const char *path, const kpi_milestones_view *v)
{
    char before[KPI_PERIOD_TEXT_MAX], now[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(v->previous, before, sizeof before);
    kpi_period_format(v->period, now, sizeof now);
    for (size_t i = 0; i < v->n_items; i++)
        if (v->items[i].move == KPI_MILESTONE_MISSING)
            fprintf(stderr,
                    "kpi: warning: %s: milestone '%s' is open in %s (%s) and has no row "
                    "for %s\n",
                    path, v->items[i].id, before, kpi_milestone_status_name(v->items[i].previous),
                    now);
}

int
cli_register_view(const char *path, const cli_register *r, int fy_start, const kpi_period *period,
                  kpi_milestones **m, kpi_milestones_view *view)
{
    *view = (kpi_milestones_view){0};
    if (!(*m = cli_register_read(path, r, fy_start)))
        return CLI_EXIT_FAIL;
    kpi_error err;
    kpi_status st = kpi_milestones_at(*m, period, view, &err);
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: %s: %s\n", path, err.message);
        kpi_milestones_view_fini(view);
        *view = (kpi_milestones_view){0};
        kpi_milestones_free(*m);
        *m = NULL;
        /* The period was a good one: the register does not have it. */
        return CLI_EXIT_FAIL;
    }
    register_warn(path, view);
    return 0;
}
