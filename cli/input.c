/* Options shared by every command that reads data, and reading itself. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_INDICATOR = 1000,
    OPT_AREA,
    OPT_PERIOD,
    OPT_VALUE,
    OPT_GROUP,
    OPT_LAYOUT,
    OPT_DELIMITER,
    OPT_COUNT,
    OPT_FY_START,
    OPT_FREQ,
    OPT_SKIP_BAD,
    OPT_DUPLICATES,
    OPT_NA,
    OPT_META,
    OPT_ROLLING,
    OPT_TO,
    OPT_PARTIAL,
    OPT_YTD,
    OPT_ROLLUP,
    OPT_PER,
    OPT_ENCODING,
    OPT_PREFER,
    OPT_PERIOD_MONTH,
    OPT_NAME,
    OPT_WHERE,
    OPT_FILL,
    OPT_THREADS,
    OPT_DAYFIRST,
    OPT_TZ,
    OPT_DECIMAL_COMMA,
    OPT_SHEET,
    OPT_SKIP,
    OPT_MAX_FIELD,
    OPT_HELP
};

/* --per gives rates per 1,000 population, as police forces publish them. */
#define PER_PEOPLE 1000.0

static const struct option input_options[] = {
    {"indicator", required_argument, NULL, OPT_INDICATOR},
    {"area", required_argument, NULL, OPT_AREA},
    /* For kpi chart and kpi dashboard, whose --indicator and --area pick
     * series; --period-column for symmetry with them. */
    {"indicator-column", required_argument, NULL, OPT_INDICATOR},
    {"area-column", required_argument, NULL, OPT_AREA},
    {"period-column", required_argument, NULL, OPT_PERIOD},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"value", required_argument, NULL, OPT_VALUE},
    {"group", required_argument, NULL, OPT_GROUP},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"delimiter", required_argument, NULL, OPT_DELIMITER},
    {"count", no_argument, NULL, OPT_COUNT},
    {"fy-start", required_argument, NULL, OPT_FY_START},
    {"freq", required_argument, NULL, OPT_FREQ},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"duplicates", required_argument, NULL, OPT_DUPLICATES},
    {"na", required_argument, NULL, OPT_NA},
    {"meta", required_argument, NULL, OPT_META},
    {"rolling", required_argument, NULL, OPT_ROLLING},
    {"to", required_argument, NULL, OPT_TO},
    {"partial", no_argument, NULL, OPT_PARTIAL},
    {"ytd", no_argument, NULL, OPT_YTD},
    {"rollup", required_argument, NULL, OPT_ROLLUP},
    {"per", required_argument, NULL, OPT_PER},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"prefer", required_argument, NULL, OPT_PREFER},
    {"period-month", required_argument, NULL, OPT_PERIOD_MONTH},
    {"name", required_argument, NULL, OPT_NAME},
    {"where", required_argument, NULL, OPT_WHERE},
    {"fill", required_argument, NULL, OPT_FILL},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"dayfirst", no_argument, NULL, OPT_DAYFIRST},
    {"tz", required_argument, NULL, OPT_TZ},
    {"decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA},
    {"sheet", required_argument, NULL, OPT_SHEET},
    {"skip", required_argument, NULL, OPT_SKIP},
    {"max-field", required_argument, NULL, OPT_MAX_FIELD},
    {"help", no_argument, NULL, OPT_HELP},
};

#define N_INPUT_OPTIONS (sizeof input_options / sizeof input_options[0])

const char cli_input_help[] =
    "Input options:\n"
    "  --indicator COL    column naming the indicator (default: indicator)\n"
    "  --area COL         column naming the area (default: area, optional)\n"
    "                     (also --indicator-column, --area-column)\n"
    "  --period COL       column holding the period (default: period, date, month or year;\n"
    "                     also --period-column); the reporting period is --at\n"
    "  --period-month COL the month (1-12, Jan, January) or quarter (Q1-Q4) that\n"
    "                     completes the year in the --period column\n"
    "  --value COL        column holding the value (default: value)\n"
    "  --name NAME        the indicator when there is no indicator column (default:\n"
    "                     the value column's header, or 'events')\n"
    "  --group COL        another column that identifies a series (repeatable)\n"
    "  --layout L         auto, long, wide or events (default: auto)\n"
    "  --count            event layout: count rows per series and period\n"
    "  --delimiter D      ',', ';', 'tab' or '|' (default: detected)\n"
    "  --freq F           read every period as, or map it into, F: day, month, quarter,\n"
    "                     year, fy or fquarter; finer periods are added up as --to\n"
    "                     does, so a year with months missing is incomplete\n"
    "  --fy-start N       first month of the financial year, 1-12 (default: 4, April)\n"
    "  --dayfirst         dates such as 31/03/2019 (also 31-03-2019, 31.03.2019) are\n"
    "                     day/month/year, as in the UK; without it they are errors,\n"
    "                     since 03/04/2019 reads both ways\n"
    "  --tz ZONE          the time zone whose calendar a timestamp belongs to, such\n"
    "                     as Europe/London: 2016-05-31T23:30:00Z (UTC, as police.uk\n"
    "                     writes) is 1 June there; times without an offset are\n"
    "                     already local (default: the date as written)\n"
    "  --decimal-comma    values such as 1.234,5 (or 1 234,5): ',' is the decimal\n"
    "                     mark and '.' or a space separates thousands, as in\n"
    "                     European exports, which are often ';'-delimited\n"
    "  --na TEXT          another missing-value marker (repeatable)\n"
    "  --where COL=VALUE  keep only rows whose COL is VALUE (COL!=VALUE: is not);\n"
    "                     repeatable: values for one column are alternatives\n"
    "  --sheet S          the sheet of an .xlsx or .ods FILE, by name or number\n"
    "                     (default: the first)\n"
    "  --skip N           leave out the first N lines (rows of a sheet): title rows\n"
    "                     above the header\n"
    "  --encoding E       the file's text encoding: latin1, cp1252 or another iconv\n"
    "                     name (default: UTF-8; UTF-16 and UTF-32 are found by their\n"
    "                     byte-order mark)\n"
    "  --max-field BYTES  the longest field a CSV file may have (default: 1048576,\n"
    "                     1 MiB); a longer one is an error, most often a quote never\n"
    "                     closed\n"
    "  --duplicates P     error, sum, first or last for a repeated series and period\n"
    "                     (default: error)\n"
    "  --skip-bad         skip bad rows with a warning instead of failing\n"
    "  --fill zero        a period with no row, inside the file's span, is zero (for\n"
    "                     long files made from events); missing markers stay missing\n"
    "  --meta FILE        indicator metadata: indicator,label,unit,better,aggregation,\n"
    "                     target,target_op,decimals; an area column gives an area\n"
    "                     its own target on a row of its own\n"
    "  --threads N        use up to N threads, 1-64 (default: the number of cores);\n"
    "                     the output is the same for any N\n";

/* Apart from cli_input_help: C11 promises string literals of 4,095
 * characters only. */
static const char transform_help[] =
    "Transforms, in this order, after reading:\n"
    "  --rollup MAP       roll child areas up into parents (area,parent); a parent\n"
    "                     is incomplete for a period when any of its children is\n"
    "  --to F             resample to quarter, year, fy or fquarter, with the\n"
    "                     metadata's aggregation (sum by default); periods with\n"
    "                     source periods missing are left out and reported\n"
    "  --partial          keep incomplete periods and roll-ups, aggregated over what\n"
    "                     is there and marked partial in the output\n"
    "  --rolling N        N-period rolling totals (means for indicators the\n"
    "                     metadata aggregates by mean); only complete windows\n"
    "  --ytd              year to date, from the start of the financial year\n"
    "  --per POP          rates per 1,000 population (area[,period],population)\n"
    "  FILE is CSV, or an .xlsx or .ods workbook (known by its content).\n"
    "  META, MAP and POP may be workbooks too, read from their first sheet (META\n"
    "  from its sheet 'metadata' when it has one) or the sheet named after a '#',\n"
    "  by name or number: --meta book.xlsx#Indicators, --per book.ods#2.\n"
    "  FILE '-' reads standard input.  Several FILEs make one set of series (a\n"
    "  historic file and a recent one): a period two files both hold must agree,\n"
    "  unless --prefer last (the later file, a newer release, wins) or first.\n";

int
cli_at_option(const cli_command *cmd, const char *arg, kpi_period *out, bool *has)
{
    kpi_error err;
    if (kpi_period_parse(arg, strlen(arg), KPI_FREQ_NONE, out, NULL, &err) != KPI_OK)
        return cli_usage_error(cmd, "--at: %s", err.message);
    *has = true;
    return 0;
}

int
cli_period_output_option(const cli_command *cmd, cli_period_output *po, int code, const char *arg)
{
    kpi_error err;
    switch (code) {
    case 'o':
        po->output = arg;
        cli_output_format(arg, &po->format, KPI_FORMAT_MD);
        return 0;
    case CLI_OPT_SENTENCES: po->sentences = true; return 0;
    case CLI_OPT_AT: return cli_at_option(cmd, arg, &po->period, &po->has_period);
    case CLI_OPT_FORMAT:
        if (kpi_format_parse(arg, &po->format, &err) != KPI_OK)
            return cli_usage_error(cmd, "--format: %s", err.message);
        return 0;
    default: return -1;
    }
}

int
cli_parse_alpha(const char *text, double *out)
{
    kpi_value v;
    if (kpi_value_parse(text, strlen(text), NULL, &v, NULL) != KPI_OK ||
        v.kind != KPI_VALUE_NUMBER || v.unit != KPI_UNIT_PLAIN || !(v.number > 0 && v.number < 1))
        return -1;
    *out = v.number;
    return 0;
}

int
cli_parse_int(const char *text, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int
input_option(const cli_command *cmd, cli_input *in, int code, const char *arg)
{
    kpi_reader_options *r = &in->reader;
    kpi_error err;
    switch (code) {
    case OPT_INDICATOR: r->indicator = arg; return 0;
    case OPT_AREA: r->area = arg; return 0;
    case OPT_PERIOD: r->period = arg; return 0;
    case OPT_VALUE: r->value = arg; return 0;
    case OPT_COUNT: r->count = true; return 0;
    case OPT_DAYFIRST: r->dayfirst = true; return 0;
    case OPT_TZ: {
        /* Checked here, so that a bad name is a usage error before any
         * file is read. */
        kpi_tz *tz = kpi_tz_new(arg, &err);
        if (!tz)
            return cli_usage_error(cmd, "--tz: %s", err.message);
        kpi_tz_free(tz);
        r->tz = arg;
        return 0;
    }
    case OPT_DECIMAL_COMMA: r->decimal_mark = KPI_DECIMAL_COMMA; return 0;
    case OPT_SKIP_BAD: r->skip_bad = true; return 0;
    case OPT_META: in->meta = arg; return 0;
    case OPT_PARTIAL: in->pipeline.partial = true; return 0;
    case OPT_YTD: in->pipeline.ytd = true; return 0;
    case OPT_ROLLUP: in->rollup = arg; return 0;
    case OPT_PER: in->population = arg; return 0;
    case OPT_ENCODING: r->encoding = arg; return 0;
    case OPT_PERIOD_MONTH: r->period_month = arg; return 0;
    case OPT_NAME: r->name = arg; return 0;
    case OPT_FILL:
        if (strcmp(arg, "zero") != 0)
            return cli_usage_error(cmd, "--fill: expected zero, found '%s'", arg);
        r->fill_zero = true;
        return 0;
    case OPT_WHERE: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg || (eq == arg + 1 && arg[0] == '!'))
            return cli_usage_error(cmd, "--where: expected COL=VALUE or COL!=VALUE, found '%s'",
                                   arg);
        if (r->n_where == CLI_MAX_GROUPS)
            return cli_usage_error(cmd, "at most %d --where options", CLI_MAX_GROUPS);
        bool negate = eq[-1] == '!';
        /* The column name is cut out of arg's own storage: argv outlives
         * the read. */
        char *column = (char *)arg;
        column[eq - arg - negate] = '\0';
        in->where[r->n_where++] = (kpi_where){column, eq + 1, negate};
        r->where = in->where;
        return 0;
    }
    case OPT_PREFER:
        if (strcmp(arg, "first") == 0)
            in->prefer = KPI_PREFER_FIRST;
        else if (strcmp(arg, "last") == 0)
            in->prefer = KPI_PREFER_LAST;
        else
            return cli_usage_error(cmd, "--prefer: expected first or last, found '%s'", arg);
        return 0;
    case OPT_ROLLING:
        if (cli_parse_int(arg, 1, 1000, &in->pipeline.rolling) != 0)
            return cli_usage_error(
                cmd, "--rolling: expected a window of 1-1000 periods, found '%s'", arg);
        return 0;
    case OPT_TO:
        if (kpi_freq_parse(arg, &in->pipeline.to, &err) != KPI_OK)
            return cli_usage_error(cmd, "--to: %s", err.message);
        return 0;
    case OPT_GROUP:
        if (r->n_groups == CLI_MAX_GROUPS)
            return cli_usage_error(cmd, "at most %d --group options", CLI_MAX_GROUPS);
        in->groups[r->n_groups++] = arg;
        r->groups = in->groups;
        return 0;
    case OPT_NA:
        if (r->markers.n_extra == CLI_MAX_MARKERS)
            return cli_usage_error(cmd, "at most %d --na options", CLI_MAX_MARKERS);
        in->markers[r->markers.n_extra++] = arg;
        r->markers.extra = in->markers;
        return 0;
    case OPT_LAYOUT:
        if (kpi_layout_parse(arg, &r->layout, &err) != KPI_OK)
            return cli_usage_error(cmd, "--layout: %s", err.message);
        return 0;
    case OPT_FREQ:
        if (kpi_freq_parse(arg, &r->freq, &err) != KPI_OK)
            return cli_usage_error(cmd, "--freq: %s", err.message);
        return 0;
    case OPT_FY_START:
        if (cli_parse_int(arg, 1, 12, &r->fy_start) != 0)
            return cli_usage_error(cmd, "--fy-start: expected a month number 1-12, found '%s'",
                                   arg);
        return 0;
    case OPT_DELIMITER:
        if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
            r->delimiter = '\t';
        else if (strlen(arg) == 1 && strchr(",;\t|", arg[0]))
            r->delimiter = arg[0];
        else
            return cli_usage_error(cmd, "--delimiter: expected ',', ';', 'tab' or '|', found '%s'",
                                   arg);
        return 0;
    case OPT_SHEET: r->sheet = arg; return 0;
    case OPT_SKIP: {
        int n;
        if (cli_parse_int(arg, 0, 1000000, &n) != 0)
            return cli_usage_error(cmd, "--skip: expected a whole number 0-1000000, found '%s'",
                                   arg);
        r->skip = (size_t)n;
        return 0;
    }
    case OPT_MAX_FIELD: {
        int n;
        if (cli_parse_int(arg, 1, INT_MAX, &n) != 0)
            return cli_usage_error(cmd,
                                   "--max-field: expected a whole number of bytes 1-%d, found '%s'",
                                   INT_MAX, arg);
        r->max_field = (size_t)n;
        return 0;
    }
    case OPT_THREADS: {
        int n;
        if (cli_parse_int(arg, 1, 64, &n) != 0)
            return cli_usage_error(cmd, "--threads: expected a whole number 1-64, found '%s'", arg);
        r->threads = (size_t)n;
        return 0;
    }
    case OPT_DUPLICATES: {
        static const char *const names[] = {"error", "sum", "first", "last"};
        for (int i = 0; i < 4; i++)
            if (strcmp(arg, names[i]) == 0) {
                r->duplicates = (kpi_dup_policy)i;
                return 0;
            }
        return cli_usage_error(cmd, "--duplicates: expected error, sum, first or last, found '%s'",
                               arg);
    }
    default: return cli_usage_error(cmd, "unexpected option");
    }
}

/* Options that gather several values; any other given twice is an error
 * rather than "the last one wins".  A command's own --indicator and --area
 * (kpi chart's series selection) gather too; the input's column names do
 * not. */
static bool
repeatable(const struct option *all, size_t n_own, int index)
{
    static const char *const gather[] = {"group", "na", "where", "status-word"};
    if (index < 0)
        return false;
    const char *name = all[index].name;
    for (size_t i = 0; i < sizeof gather / sizeof gather[0]; i++)
        if (strcmp(name, gather[i]) == 0)
            return true;
    return (size_t)index < n_own && (strcmp(name, "indicator") == 0 || strcmp(name, "area") == 0);
}

int
cli_parse(const cli_command *cmd, int argc, char **argv, const struct option *own, cli_input *in,
          int (*handle)(void *ctx, int code, const char *arg), void *ctx, int *n_operands)
{
    struct option all[CLI_MAX_OPTIONS];
    size_t n = 0;
    while (own && own[n].name)
        n++;
    /* A command's options and the input options, plus the terminator. */
    if (n + N_INPUT_OPTIONS + 1 > CLI_MAX_OPTIONS) {
        fprintf(stderr, "kpi %s: %zu options exceed CLI_MAX_OPTIONS (%d)\n", cmd->name,
                n + N_INPUT_OPTIONS, CLI_MAX_OPTIONS);
        return 2;
    }
    if (n)
        memcpy(all, own, n * sizeof *all);
    size_t n_own = n;
    for (size_t i = 0; i < N_INPUT_OPTIONS; i++)
        all[n++] = input_options[i];
    all[n] = (struct option){0};

    *in = (cli_input){.reader = kpi_reader_options_default()};
    for (size_t i = 0; i < n_own; i++)
        in->takes_at |= strcmp(own[i].name, "at") == 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    in->reader.threads = cores > 64 ? 64 : cores > 1 ? (size_t)cores : 1;
    optind = 1;
    opterr = 0;
    int code, nops = 0;
    /* A leading '-' hands operands back in order as code 1 without
     * permuting argv, so they can be gathered into slots getopt has already
     * passed; ':' reports a missing argument as ':' rather than '?'. */
    int seen[CLI_MAX_OPTIONS + 1] = {0}, n_seen = 0, index;
    while ((code = getopt_long(argc, argv, "-:o:", all, (index = -1, &index))) != -1) {
        int rc = 0;
        if (code == 1) {
            argv[1 + nops++] = optarg;
            continue;
        }
        if (code != '?' && code != ':' && !repeatable(all, n_own, index)) {
            for (int i = 0; i < n_seen; i++)
                if (seen[i] == code)
                    return cli_usage_error(cmd, "%s%s given twice: it takes one value",
                                           index >= 0 ? "--" : "-",
                                           index >= 0 ? all[index].name : "o");
            seen[n_seen++] = code;
        }
        if (code == OPT_HELP) {
            fputs(cmd->usage, stdout);
            fputs(cli_input_help, stdout);
            fputs(transform_help, stdout);
            return -1;
        }
        if (code == '?')
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        if (code == ':')
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        if (code >= OPT_INDICATOR && code < OPT_HELP)
            rc = input_option(cmd, in, code, optarg);
        else
            rc = handle ? handle(ctx, code, optarg) : cli_usage_error(cmd, "unexpected option");
        if (rc)
            return rc;
    }
    while (optind < argc)
        argv[1 + nops++] = argv[optind++];
    *n_operands = nops;
    if (in->pipeline.rolling && in->pipeline.ytd)
        return cli_usage_error(cmd, "--rolling and --ytd cannot be combined");
    return 0;
}

kpi_table_options
cli_table_options(const cli_input *in, kpi_format format)
{
    return (kpi_table_options){.format = format, .threads = in->reader.threads};
}

static void
on_warning(void *ud, const kpi_error *warning)
{
    (void)ud;
    cli_warn(warning, " (row skipped)");
}

static void report_transform(const char *path, const kpi_transform_stats *st);

/* Apply --freq and the transforms to s (consumed), reading the side files
 * they name first. */
static kpi_store *
transform(kpi_store *s, const char *path, const cli_input *in, const kpi_meta *meta)
{
    kpi_pipeline p = in->pipeline;
    kpi_rollup *map = NULL;
    kpi_population *pop = NULL;
    kpi_error err;
    p.meta = meta;
    p.fy_start = in->reader.fy_start;
    p.freq = in->reader.freq;
    p.per = PER_PEOPLE;
    if ((in->rollup && !(p.rollup = map = kpi_rollup_read(in->rollup, &err))) ||
        (in->population &&
         !(p.per_population = pop = kpi_population_read(in->population, p.fy_start, &err)))) {
        cli_report(&err);
        kpi_store_free(s);
        s = NULL;
    } else {
        kpi_transform_stats st;
        if ((s = kpi_transform_apply(s, &p, &st, &err)))
            report_transform(path, &st);
        else
            cli_report_path(path, &err);
    }
    kpi_population_free(pop);
    kpi_rollup_free(map);
    return s;
}

kpi_store *
cli_per(const kpi_store *counts, const char *path, const cli_input *in, kpi_population **pop)
{
    kpi_error err;
    if (!(*pop = kpi_population_read(in->population, in->reader.fy_start, &err))) {
        cli_report(&err);
        return NULL;
    }
    kpi_transform_stats st;
    kpi_store *s = kpi_transform_per(counts, *pop, PER_PEOPLE, &st, &err);
    if (s)
        report_transform(path, &st);
    else
        cli_report_path(path, &err);
    return s;
}

/* Read one file, reporting skipped rows; no transform yet. */
static kpi_store *
read_one(const char *path, const cli_input *in, kpi_read_stats *stats)
{
    kpi_reader_options opt = in->reader;
    opt.diag = on_warning;
    kpi_error err;
    kpi_read_stats local;
    if (!stats)
        stats = &local;
    kpi_store *s = kpi_read_file(path, &opt, stats, &err);
    if (!s) {
        cli_report(&err);
        if (err.code == KPI_EENCODING && !opt.encoding)
            fprintf(stderr,
                    "kpi: %s: name the file's encoding with --encoding, such as "
                    "--encoding latin1 or --encoding cp1252\n",
                    path);
        /* --period was the reporting period's option before it was --at. */
        kpi_period p;
        if (err.code == KPI_ELAYOUT && in->takes_at && opt.period &&
            kpi_period_parse(opt.period, strlen(opt.period), KPI_FREQ_NONE, &p, NULL, NULL) ==
                KPI_OK)
            fprintf(stderr,
                    "kpi: %s: --period names the period column; the reporting period is "
                    "--at %s\n",
                    path, opt.period);
        return NULL;
    }
    if (stats->skipped) {
        fprintf(stderr, "kpi: %s: skipped %zu of %zu rows:", path, stats->skipped, stats->records);
        const char *sep = " ";
        for (int c = 0; c < KPI_STATUS_LAST; c++)
            if (stats->skipped_by[c]) {
                fprintf(stderr, "%s%zu %s", sep, stats->skipped_by[c],
                        kpi_status_str((kpi_status)c));
                sep = ", ";
            }
        fputc('\n', stderr);
    }
    return s;
}

kpi_store *
cli_read(const char *path, const cli_input *in, const kpi_meta *meta, kpi_read_stats *stats)
{
    kpi_store *s = read_one(path, in, stats);
    return s ? transform(s, path, in, meta) : NULL;
}

kpi_store *
cli_read_files(char *const *paths, int n, const cli_input *in, const kpi_meta *meta)
{
    kpi_store *s = read_one(paths[0], in, NULL);
    for (int i = 1; s && i < n; i++) {
        kpi_store *next = read_one(paths[i], in, NULL);
        kpi_error err;
        if (!next ||
            kpi_store_combine(s, next, in->prefer, paths[i - 1], paths[i], &err) != KPI_OK) {
            if (next) {
                cli_report(&err);
                if (err.code == KPI_EDUPLICATE)
                    fprintf(stderr,
                            "kpi: %s: --prefer last takes the later file's figures (a "
                            "newer release), --prefer first the earlier's\n",
                            paths[i]);
            }
            kpi_store_free(next);
            kpi_store_free(s);
            return NULL;
        }
        kpi_store_free(next);
    }
    /* Warnings about the transforms name every file they come from. */
    char label[512] = "";
    for (int i = 0; i < n; i++) {
        size_t len = strlen(label);
        snprintf(label + len, sizeof label - len, "%s%s", i ? " + " : "", paths[i]);
    }
    return s ? transform(s, label, in, meta) : NULL;
}

int
cli_load_meta(const cli_input *in, kpi_meta **out)
{
    *out = NULL;
    if (!in->meta)
        return 0;
    kpi_error err;
    if (!(*out = kpi_meta_read(in->meta, &err))) {
        cli_report(&err);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Say which periods were incomplete, naming the first few, and what was
 * done with each kind: resampled periods and roll-ups are left out unless
 * --partial keeps them marked; windows are only ever complete. */
static void
report_transform(const char *path, const kpi_transform_stats *st)
{
    size_t windows = st->incomplete_windows;
    size_t left_out = st->incomplete - windows - st->kept_partial;
    if (st->incomplete) {
        const char *what = windows == st->incomplete ? "window" : "period";
        fprintf(stderr, "kpi: warning: %s: %zu %s%s had observations missing (%s):", path,
                st->incomplete, what, st->incomplete == 1 ? "" : "s", st->examples);
        const char *sep = " ";
        if (left_out) {
            fprintf(stderr, "%s%zu left out (--partial keeps them, marked partial)", sep, left_out);
            sep = "; ";
        }
        if (st->kept_partial) {
            fprintf(stderr, "%s%zu kept, added up over what there was and marked partial", sep,
                    st->kept_partial);
            sep = "; ";
        }
        if (windows)
            fprintf(stderr,
                    "%s%zu rolling or year-to-date %s left out, since a window must be "
                    "whole (--partial does not apply)",
                    sep, windows, windows == 1 ? "window" : "windows");
        fputc('\n', stderr);
    }
    if (st->missing_children[0])
        fprintf(stderr, "kpi: warning: %s: roll-ups with children missing: %s\n", path,
                st->missing_children);
    if (st->unmapped_areas)
        fprintf(stderr,
                "kpi: warning: %s: %zu areas are not in the roll-up map and were left "
                "out: %s\n",
                path, st->unmapped_areas, st->unmapped);
    if (st->no_population)
        fprintf(stderr, "kpi: warning: %s: %zu values had no population and became missing\n", path,
                st->no_population);
}

/* Templates are read whole; a report template is a few pages. */
#define MAX_TEMPLATE_BYTES (16u << 20)

char *
cli_read_template(const char *path, size_t *len)
{
    kpi_error err;
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        kpi_error_set(&err, KPI_EIO, path, 0, 0, "cannot open the template: %s", strerror(errno));
        cli_report(&err);
        return NULL;
    }
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len + 4096 > cap) {
            if (cap >= MAX_TEMPLATE_BYTES)
                break;
            cap = cap ? cap * 2 : 8192;
            char *grown = realloc(buf, cap);
            if (!grown)
                break;
            buf = grown;
        }
        size_t got = fread(buf + *len, 1, cap - *len, fp);
        *len += got;
        if (got == 0)
            break;
    }
    int errnum = ferror(fp) ? errno : 0;
    bool failed = errnum || !feof(fp);
    if (fp != stdin)
        fclose(fp);
    if (failed) {
        /* A folder opens, then fails to read with EISDIR. */
        if (errnum == EISDIR)
            kpi_error_set(&err, KPI_EIO, path, 0, 0, "expected a template file, found a folder");
        else if (errnum)
            kpi_error_set(&err, KPI_EIO, path, 0, 0, "cannot read the template: %s",
                          strerror(errnum));
        else
            kpi_error_set(&err, KPI_EIO, path, 0, 0, "cannot read the template: larger than %u MB",
                          MAX_TEMPLATE_BYTES >> 20);
        cli_report(&err);
        free(buf);
        return NULL;
    }
    return buf;
}
