/* kpi validate: check files and summarise their series. */
#include "cli.h"

#include <string.h>

typedef struct validate_opts {
    kpi_format format;
    bool quiet;
} validate_opts;

enum { OPT_FORMAT = 2000, OPT_QUIET };

static const struct option validate_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {0},
};

static int
validate_option(void *ctx, int code, const char *arg)
{
    validate_opts *o = ctx;
    kpi_error err;
    if (code == OPT_QUIET) {
        o->quiet = true;
        return 0;
    }
    if (code == OPT_FORMAT && kpi_format_parse(arg, &o->format, &err) == KPI_OK)
        return 0;
    return cli_usage_error(&cli_validate_command, "--format: %s", err.message);
}

static const char *const columns[] = {"file",      "indicator", "area",      "groups",
                                      "frequency", "first",     "last",      "periods",
                                      "values",    "missing",   "suppressed"};
static const kpi_column_type column_types[] = {
    KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,  KPI_COLUMN_TEXT,
    KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,  KPI_COLUMN_NUMBER,
    KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

static kpi_status
write_series(kpi_table *t, const char *path, const kpi_store *s, kpi_error *err)
{
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        char groups[512] = "", first[KPI_PERIOD_TEXT_MAX] = "", last[KPI_PERIOD_TEXT_MAX] = "";
        char periods[24], values[24], missing[24], suppressed[24];
        size_t len = 0, n = kpi_series_length(se);
        for (size_t g = 0; g < kpi_store_n_groups(s) && len < sizeof groups; g++)
            len += (size_t)snprintf(groups + len, sizeof groups - len, "%s%s", g ? " / " : "",
                                    kpi_series_group(se, g));
        if (n) {
            kpi_period_format(kpi_series_period(se, 0), first, sizeof first);
            kpi_period_format(kpi_series_period(se, n - 1), last, sizeof last);
        }
        snprintf(periods, sizeof periods, "%zu", n);
        snprintf(values, sizeof values, "%zu", kpi_series_count(se, KPI_OBS_VALUE));
        snprintf(missing, sizeof missing, "%zu",
                 kpi_series_count(se, KPI_OBS_MISSING) + kpi_series_count(se, KPI_OBS_ABSENT));
        snprintf(suppressed, sizeof suppressed, "%zu", kpi_series_count(se, KPI_OBS_SUPPRESSED));
        const char *row[N_COLUMNS] = {path,
                                      kpi_series_indicator(se),
                                      kpi_series_area(se),
                                      groups,
                                      kpi_freq_name(kpi_series_freq(se)),
                                      first,
                                      last,
                                      periods,
                                      values,
                                      missing,
                                      suppressed};
        kpi_status st = kpi_table_row(t, row, err);
        if (st != KPI_OK)
            return st;
    }
    return KPI_OK;
}

static const char *
delimiter_name(char d)
{
    switch (d) {
    case '\t': return "tab";
    case ';': return ";";
    case '|': return "|";
    default: return ",";
    }
}

static void
summarise(const char *path, const kpi_store *s, const kpi_read_stats *st)
{
    size_t values = 0, missing = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        values += kpi_series_count(se, KPI_OBS_VALUE);
        missing += kpi_series_count(se, KPI_OBS_MISSING) + kpi_series_count(se, KPI_OBS_ABSENT);
    }
    fprintf(stderr,
            "kpi: %s: valid: %s layout, '%s' delimiter, %zu records, %zu series, %zu values, "
            "%zu missing%s%s\n",
            path, kpi_layout_name(st->layout), delimiter_name(st->delimiter), st->records,
            kpi_store_count(s), values, missing, st->ignored[0] ? "; columns not used: " : "",
            st->ignored);
}

/* Indicators the metadata does not describe get a warning, once each. */
static void
note_undescribed(const char *path, const kpi_store *s, const kpi_meta *meta)
{
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const char *id = kpi_series_indicator(kpi_store_at(s, k));
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(kpi_series_indicator(kpi_store_at(s, j)), id) == 0;
        if (!seen && !kpi_meta_find(meta, id))
            fprintf(stderr, "kpi: warning: %s: indicator '%s' has no metadata\n", path, id);
    }
}

static int
run_validate(int argc, char **argv)
{
    validate_opts o = {.format = KPI_FORMAT_CSV};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_validate_command, argc, argv, validate_options, &in, validate_option,
                       &o, &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n < 1)
        return cli_usage_error(&cli_validate_command, "expected at least one FILE");
    kpi_meta *meta;
    if ((rc = cli_load_meta(&in, &meta)) != 0)
        return rc;
    if (meta)
        fprintf(stderr, "kpi: %s: valid metadata: %zu indicators\n", in.meta, kpi_meta_count(meta));
    kpi_error err;
    kpi_table *t = NULL;
    int result = CLI_EXIT_OK;
    for (int i = 1; i <= n; i++) {
        kpi_read_stats stats;
        kpi_store *s = cli_read(argv[i], &in, meta, &stats);
        if (!s) {
            result = CLI_EXIT_FAIL;
            continue;
        }
        summarise(argv[i], s, &stats);
        if (!stats.records)
            fprintf(stderr, "kpi: warning: %s: the file holds a header but no records\n", argv[i]);
        if (meta)
            note_undescribed(argv[i], s, meta);
        /* The table starts with the first valid file, so that an invalid
         * one writes nothing at all to stdout. */
        if (!o.quiet && !t &&
            !(t = kpi_table_new(stdout, o.format, columns, column_types, N_COLUMNS, &err))) {
            cli_report_output(NULL, &err);
            kpi_store_free(s);
            kpi_meta_free(meta);
            return CLI_EXIT_FAIL;
        }
        if (t && write_series(t, argv[i], s, &err) != KPI_OK) {
            cli_report_output(NULL, &err);
            result = CLI_EXIT_FAIL;
        }
        kpi_store_free(s);
    }
    if (kpi_table_end(t, &err) != KPI_OK) {
        cli_report_output(NULL, &err);
        result = CLI_EXIT_FAIL;
    }
    kpi_meta_free(meta);
    return result;
}

const cli_command cli_validate_command = {
    "validate",
    "check data files and summarise their series",
    "usage: kpi validate FILE... [--meta META] [--format csv|json|md] [--quiet]\n"
    "                    [input options]\n"
    "\n"
    "Read each FILE as 'kpi show' would. A valid file gets a one-line summary on\n"
    "stderr and one row per series on stdout (frequency, first and last period,\n"
    "periods spanned, values, missing periods, suppressed values). An invalid\n"
    "file gets its errors as file:line:column: message. Exit status 0 when every\n"
    "file is valid, 1 otherwise. With --meta, the metadata file is checked too,\n"
    "and indicators it does not describe get a warning.\n"
    "\n"
    "  --format F         csv (default), json or md\n"
    "  --quiet            only the summary lines and errors\n"
    "\n",
    run_validate,
};
