/* kpi report: fill a text template's {{placeholders}} from a store, its
 * summary rows and charts. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kpi/chart_build.h"
#include "kpi/sentence.h"
#include "kpi/summary.h"
#include "kpi/template.h"

/* Templates are read whole; a report template is a few pages. */
#define MAX_TEMPLATE_BYTES (16u << 20)

typedef struct report_cli {
    bool has_period;
    kpi_period period;
    const char *template_path;
    const char *output;
} report_cli;

/* What the resolver needs. */
typedef struct report_ctx {
    const kpi_store *store;
    const kpi_meta *meta;
    const kpi_period *period; /* NULL: each series' latest */
    const char *chart_dir;    /* the output's folder */
} report_ctx;

enum { OPT_PERIOD = 2000, OPT_TEMPLATE };

/* --period is listed before the input options, so it names the reporting
 * period here, as in kpi summary. */
static const struct option report_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"template", required_argument, NULL, OPT_TEMPLATE},
    {0},
};

static int
report_option(void *ctx, int code, const char *arg)
{
    report_cli *o = ctx;
    kpi_error err;
    switch (code) {
    case 'o': o->output = arg; return 0;
    case OPT_TEMPLATE: o->template_path = arg; return 0;
    case OPT_PERIOD:
        if (kpi_period_parse(arg, strlen(arg), KPI_FREQ_NONE, &o->period, NULL, &err) != KPI_OK)
            return cli_usage_error(&cli_report_command, "--period: %s", err.message);
        o->has_period = true;
        return 0;
    default: return cli_usage_error(&cli_report_command, "unexpected option");
    }
}

/* ---- names -------------------------------------------------------------- */

static bool
has_indicator(const kpi_store *s, const char *id)
{
    for (size_t i = 0; i < kpi_store_count(s); i++)
        if (strcmp(kpi_series_indicator(kpi_store_at(s, i)), id) == 0)
            return true;
    return false;
}

/* The one series that "ID" or "ID@AREA" names.  An indicator with several
 * areas needs its area. */
static kpi_status
find_series(const kpi_store *s, const kpi_template_ref *r, const kpi_series **out,
            kpi_error *err)
{
    char id[256];
    snprintf(id, sizeof id, "%s", r->name);
    const char *area = NULL;
    char *at = strchr(id, '@');
    if (at) {
        *at = '\0';
        area = at + 1;
    }
    size_t found = 0;
    for (size_t i = 0; i < kpi_store_count(s); i++) {
        const kpi_series *se = kpi_store_at(s, i);
        if (strcmp(kpi_series_indicator(se), id) == 0 &&
            (!area || strcmp(kpi_series_area(se), area) == 0)) {
            if (found++ == 0)
                *out = se;
        }
    }
    if (found == 1)
        return KPI_OK;
    if (!has_indicator(s, id))
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column, "unknown indicator '%s'",
                             id);
    if (found == 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                             "indicator '%s' has no area '%s'", id, area);
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                         "indicator '%s' has %zu series; name one as %s@AREA", id, found, id);
}

/* ---- fields ------------------------------------------------------------- */

#define FIELD_NAMES                                                                               \
    "value, period, base_value, base_period, change, pct_change, direction, assessment, "        \
    "prev_change, prev_pct_change, trend, trend_p, label, unit, indicator, area, target, "        \
    "target_op, target_status, target_margin or sentence"

static kpi_status
out_str(kpi_template_out *out, const char *s)
{
    return s && s[0] ? kpi_template_out_text(out, s, strlen(s)) : kpi_template_out_missing(out, "");
}

static kpi_status
out_num(kpi_template_out *out, bool has, double x, int decimals)
{
    if (!has || !isfinite(x))
        return kpi_template_out_missing(out, "n/a");
    kpi_template_out_number(out, x, decimals < 0 ? -1 : decimals > 15 ? 15 : decimals);
    return KPI_OK;
}

static kpi_status
out_period(kpi_template_out *out, bool has, kpi_period p)
{
    char text[KPI_PERIOD_TEXT_MAX];
    if (!has || kpi_period_format(p, text, sizeof text) == 0)
        return kpi_template_out_missing(out, "n/a");
    return kpi_template_out_text(out, text, strlen(text));
}

/* {{ID.field}}: one field of the series' summary row at the report's
 * period.  Every figure is the summary module's, so the report agrees
 * with kpi summary. */
static kpi_status
resolve_field(const report_ctx *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    const kpi_series *se = NULL;
    kpi_status st = find_series(c->store, r, &se, err);
    if (st != KPI_OK)
        return st;
    const kpi_indicator_meta *m = kpi_meta_find(c->meta, kpi_series_indicator(se));
    kpi_summary_row row;
    if ((st = kpi_summary_at(se, m, c->period, &row, err)) != KPI_OK) {
        if (st == KPI_EFREQ) {
            char text[KPI_PERIOD_TEXT_MAX] = "";
            if (c->period)
                kpi_period_format(*c->period, text, sizeof text);
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                                 "'%s' has no period %s (its periods are by %s)", r->name, text,
                                 kpi_freq_name(kpi_series_freq(se)));
        }
        return st;
    }
    const char *f = r->field;
    const int pct = KPI_SUMMARY_PCT_DECIMALS;
    if (!f[0])
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                             "'%s' needs a field, as in %s.value (fields: " FIELD_NAMES ")",
                             r->name, r->name);
    if (strcmp(f, "value") == 0)
        return out_num(out, row.has_value, row.value, row.decimals);
    if (strcmp(f, "period") == 0)
        return out_period(out, true, row.period);
    if (strcmp(f, "base_value") == 0)
        return out_num(out, row.has_base, row.base_value, row.decimals);
    if (strcmp(f, "base_period") == 0)
        return out_period(out, row.base_period.freq != KPI_FREQ_NONE, row.base_period);
    if (strcmp(f, "change") == 0)
        return out_num(out, row.has_change, row.change, row.decimals);
    if (strcmp(f, "pct_change") == 0)
        return out_num(out, row.has_pct, row.pct_change, pct);
    if (strcmp(f, "direction") == 0)
        return out_str(out, kpi_direction_name(row.direction));
    if (strcmp(f, "assessment") == 0)
        return out_str(out, kpi_assessment_name(row.assessment));
    if (strcmp(f, "prev_change") == 0)
        return out_num(out, row.has_prev_change, row.prev_change, row.decimals);
    if (strcmp(f, "prev_pct_change") == 0)
        return out_num(out, row.has_prev_pct, row.prev_pct_change, pct);
    if (strcmp(f, "trend") == 0)
        return out_str(out, row.has_trend ? kpi_trend_direction_name(row.trend) : "");
    if (strcmp(f, "trend_p") == 0)
        return out_num(out, row.has_trend, row.trend_p, KPI_SUMMARY_P_DECIMALS);
    if (strcmp(f, "label") == 0)
        return out_str(out, row.label);
    if (strcmp(f, "unit") == 0)
        return out_str(out, m ? m->unit : "");
    if (strcmp(f, "indicator") == 0)
        return out_str(out, row.indicator);
    if (strcmp(f, "area") == 0)
        return out_str(out, row.area);
    if (strcmp(f, "target") == 0)
        return out_num(out, row.target_op != KPI_TARGET_NONE, row.target, row.target_decimals);
    if (strcmp(f, "target_op") == 0)
        return out_str(out, row.target_op != KPI_TARGET_NONE ? kpi_target_op_name(row.target_op)
                                                             : "");
    if (strcmp(f, "target_status") == 0)
        return out_str(out, kpi_target_status_name(row.status));
    if (strcmp(f, "target_margin") == 0)
        return out_num(out, row.status != KPI_TARGET_STATUS_NONE, row.margin,
                       row.margin_decimals);
    if (strcmp(f, "sentence") == 0) {
        char buf[KPI_SENTENCE_MAX];
        size_t n = kpi_sentence(&row, m, buf, sizeof buf);
        return out_str(out, n < sizeof buf ? buf : "");
    }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->field_column,
                         "unknown field '%s' of '%s' (expected " FIELD_NAMES ")", f, r->name);
}

/* ---- tables and charts -------------------------------------------------- */

/* The store positions of the series whose indicator is in the
 * comma-separated list (every series for "all").  *idx is allocated; the
 * caller frees it. */
static kpi_status
select_series(const kpi_store *s, const char *list, unsigned long column, size_t **idx,
              size_t *n, kpi_error *err)
{
    size_t total = kpi_store_count(s);
    *n = 0;
    if (!(*idx = malloc((total ? total : 1) * sizeof **idx)))
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    bool all = strcmp(list, "all") == 0;
    if (!all) {
        const char *p = list;
        while (*p) {
            size_t len = strcspn(p, ",");
            char id[256];
            snprintf(id, sizeof id, "%.*s", (int)(len < 255 ? len : 255), p);
            if (!has_indicator(s, id)) {
                free(*idx);
                *idx = NULL;
                return kpi_error_set(err, KPI_EINVAL, NULL, 0, column, "unknown indicator '%s'",
                                     id);
            }
            p += len + (p[len] == ',');
        }
    }
    for (size_t i = 0; i < total; i++) {
        const char *ind = kpi_series_indicator(kpi_store_at(s, i));
        size_t il = strlen(ind);
        bool pick = all;
        for (const char *p = list; !pick && *p;) {
            size_t len = strcspn(p, ",");
            pick = len == il && strncmp(p, ind, len) == 0;
            p += len + (p[len] == ',');
        }
        if (pick)
            (*idx)[(*n)++] = i;
    }
    return KPI_OK;
}

/* {{table:summary}} or {{table:summary:ID1,ID2}}: kpi summary's Markdown
 * table of every series, or of the listed indicators. */
static kpi_status
resolve_table(const report_ctx *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    if (strcmp(r->args[0], "summary") != 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[0],
                             "unknown table '%s' (expected summary)", r->args[0]);
    if (r->n_args > 2)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[2],
                             "too many arguments: table:summary[:ID,ID...]");
    size_t *idx, n;
    kpi_status st = select_series(c->store, r->n_args > 1 ? r->args[1] : "all",
                                  r->n_args > 1 ? r->arg_columns[1] : 0, &idx, &n, err);
    if (st != KPI_OK)
        return st;
    kpi_store *sub = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    if (r->check) {
        st = kpi_template_out_text(out, "", 0);
    } else if (!(sub = kpi_store_subset(c->store, idx, n, err))) {
        st = err->code;
    } else if (!(mem = open_memstream(&buf, &len))) {
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    } else {
        st = kpi_summary_write(sub, c->meta, c->period, mem, KPI_FORMAT_MD, err);
        if (fclose(mem) != 0 && st == KPI_OK)
            st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        if (st == KPI_OK)
            st = kpi_template_out_text(out, buf, len);
    }
    free(buf);
    kpi_store_free(sub);
    free(idx);
    return st;
}

/* Lower case, with runs of anything but letters and digits as one '_'. */
static void
append_safe(char *buf, size_t size, const char *s)
{
    size_t o = strlen(buf);
    bool gap = false;
    for (; *s && o + 2 < size; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) && ch < 0x80) {
            if (gap && o > 0 && buf[o - 1] != '-')
                buf[o++] = '_';
            buf[o++] = (char)tolower(ch);
            gap = false;
        } else {
            gap = true;
        }
    }
    buf[o] = '\0';
}

static const char *const chart_types[] = {"line", "rolling", "yoy", "multiples", "sparkline"};

/* {{chart:ID:TYPE}}, {{chart:ID:TYPE:AREA}}: draw the chart as
 * ID-TYPE[-AREA].png next to the output and insert its file name.  ID may
 * be a comma-separated list of indicators, or "all". */
static kpi_status
resolve_chart(const report_ctx *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    if (r->n_args < 2)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column,
                             "a chart needs an indicator and a type, as in chart:%s:line",
                             r->args[0]);
    if (r->n_args > 3)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[3],
                             "too many arguments: chart:ID:TYPE[:AREA]");
    int type = 0;
    while (type < KPI_CHART_TYPE_LAST && strcmp(chart_types[type], r->args[1]) != 0)
        type++;
    if (type == KPI_CHART_TYPE_LAST)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[1],
                             "unknown chart type '%s' (expected line, rolling, yoy, multiples "
                             "or sparkline)",
                             r->args[1]);
    size_t *idx, n;
    kpi_status st = select_series(c->store, r->args[0], r->arg_columns[0], &idx, &n, err);
    if (st != KPI_OK)
        return st;
    char name[512] = "";
    append_safe(name, sizeof name, r->args[0]);
    snprintf(name + strlen(name), sizeof name - strlen(name), "-%s", chart_types[type]);
    if (r->n_args > 2) {
        snprintf(name + strlen(name), sizeof name - strlen(name), "-");
        append_safe(name, sizeof name, r->args[2]);
    }
    snprintf(name + strlen(name), sizeof name - strlen(name), ".png");

    kpi_chart_request rq = {.type = (kpi_chart_type)type,
                            .area = r->n_args > 2 ? r->args[2] : NULL,
                            .meta = c->meta,
                            .opt = kpi_chart_options_default()};
    kpi_store *sub = kpi_store_subset(c->store, idx, n, err);
    free(idx);
    if (!sub)
        return err->code;
    /* The chart is built in both passes, so that a selection it cannot
     * draw is found before anything is written; only the second writes. */
    kpi_error e;
    kpi_chart *chart = kpi_chart_build(sub, &rq, &e);
    if (!chart) {
        st = kpi_error_set(err, e.code, NULL, 0, r->arg_columns[0], "chart:%s:%s: %s",
                           r->args[0], r->args[1], e.message);
    } else if (!r->check) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", c->chart_dir, name);
        if (kpi_chart_write(chart, path, &e) != KPI_OK)
            st = kpi_error_set(err, e.code, NULL, 0, 0, "%s: %s", path, e.message);
    }
    if (st == KPI_OK)
        st = kpi_template_out_text(out, name, strlen(name));
    kpi_chart_free(chart);
    kpi_store_free(sub);
    return st;
}

/* Every placeholder of a report goes through here. */
static kpi_status
resolve(void *ud, const kpi_template_ref *r, kpi_template_out *out, kpi_error *err)
{
    const report_ctx *c = ud;
    if (!r->kind[0])
        return resolve_field(c, r, out, err);
    if (strcmp(r->kind, "table") == 0)
        return resolve_table(c, r, out, err);
    if (strcmp(r->kind, "chart") == 0)
        return resolve_chart(c, r, out, err);
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column,
                         "unknown placeholder kind '%s' (expected table or chart)", r->kind);
}

/* ---- the command -------------------------------------------------------- */

/* Read the whole template; NULL after reporting a failure. */
static char *
read_template(const char *path, size_t *len)
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
    bool failed = ferror(fp) || !feof(fp);
    if (fp != stdin)
        fclose(fp);
    if (failed) {
        kpi_error_set(&err, KPI_EIO, path, 0, 0, "cannot read the template (larger than %u MB?)",
                      MAX_TEMPLATE_BYTES >> 20);
        cli_report(&err);
        free(buf);
        return NULL;
    }
    return buf;
}

/* The folder the output sits in ("." for stdout or a bare name). */
static char *
output_dir(const char *output)
{
    const char *slash = output && strcmp(output, "-") != 0 ? strrchr(output, '/') : NULL;
    if (!slash)
        return strdup(".");
    if (slash == output)
        return strdup("/");
    return strndup(output, (size_t)(slash - output));
}

static int
run_report(int argc, char **argv)
{
    report_cli o = {0};
    cli_input in;
    int n;
    int rc = cli_parse(&cli_report_command, argc, argv, report_options, &in, report_option, &o,
                       &n);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    if (n != 1)
        return cli_usage_error(&cli_report_command, "expected one FILE, found %d", n);
    if (!o.template_path)
        return cli_usage_error(&cli_report_command, "expected --template T");
    kpi_meta *meta = NULL;
    kpi_store *s = NULL;
    kpi_template *t = NULL;
    char *text = NULL, *dir = NULL;
    size_t len;
    kpi_error err;
    rc = CLI_EXIT_FAIL;
    /* The template is parsed first: a syntax error needs no data. */
    if (!(text = read_template(o.template_path, &len)))
        goto done;
    if (!(t = kpi_template_parse(text, len, o.template_path, &err))) {
        cli_report(&err);
        goto done;
    }
    if (cli_load_meta(&in, &meta) != 0)
        goto done;
    if (!(s = cli_read(argv[1], &in, meta, NULL)))
        goto done;
    if (!(dir = output_dir(o.output)))
        goto done;
    report_ctx ctx = {.store = s,
                      .meta = meta,
                      .period = o.has_period ? &o.period : NULL,
                      .chart_dir = dir};
    /* Every placeholder is checked before the output is even created. */
    if (kpi_template_check(t, resolve, &ctx, &err) != KPI_OK) {
        cli_report(&err);
        goto done;
    }
    cli_output out;
    if ((rc = cli_output_open(&out, o.output)) != 0)
        goto done;
    kpi_status st = kpi_template_write(t, resolve, &ctx, out.fp, &err);
    if (st != KPI_OK)
        cli_report(&err);
    rc = cli_output_close(&out, st == KPI_OK);
    if (st != KPI_OK)
        rc = CLI_EXIT_FAIL;
done:
    kpi_chart_release_fonts();
    free(dir);
    kpi_template_free(t);
    free(text);
    kpi_store_free(s);
    kpi_meta_free(meta);
    return rc;
}

const cli_command cli_report_command = {
    "report",
    "fill a report template's {{placeholders}}: figures, sentences, tables, charts",
    "usage: kpi report FILE --template T -o OUT [--meta META] [--period PERIOD]\n"
    "                  [input options]\n"
    "\n"
    "Fill the placeholders of the text template T (Markdown, HTML, LaTeX, ...)\n"
    "from FILE and write OUT, whole or not at all: every placeholder is checked\n"
    "first, and an unknown indicator, field or filter is an error at T's\n"
    "line and column with nothing written.\n"
    "\n"
    "  {{ID.FIELD}}             a figure of indicator ID's summary row (ID@AREA when\n"
    "                           it has several areas): value, period, base_value,\n"
    "                           base_period, change, pct_change, direction,\n"
    "                           assessment, prev_change, prev_pct_change, trend,\n"
    "                           trend_p, label, unit, indicator, area, target,\n"
    "                           target_op, target_status, target_margin, sentence\n"
    "  {{table:summary[:ID,ID]}} kpi summary's Markdown table (all indicators or\n"
    "                           the listed ones)\n"
    "  {{chart:ID:TYPE[:AREA]}} draw the chart (TYPE line, rolling, yoy, multiples\n"
    "                           or sparkline; ID a list ID,ID or all) as\n"
    "                           ID-TYPE[-AREA].png in OUT's folder; insert its name\n"
    "  |decimals:N |thousands |signed |abs |percent |upper |lower |default:TEXT\n"
    "                           filters, left to right: {{ID.pct_change|signed}}%\n"
    "  \\{{                      a literal {{\n"
    "\n"
    "  --template T       the template (required)\n"
    "  --meta META        indicator metadata: labels, units, better, targets\n"
    "  --period PERIOD    the reporting period (default: each series' latest)\n"
    "  -o, --output FILE  write to FILE (charts go beside it) instead of stdout\n"
    "\n",
    run_report,
};
