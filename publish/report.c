#include "kpi/report.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/chart_build.h"
#include "kpi/milestones_report.h"
#include "kpi/sentence.h"
#include "kpi/summary.h"
#include "kpi/table.h"
#include "kpi/workbook.h"
#include "report_private.h"

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
find_series(const kpi_store *s, const kpi_template_ref *r, const kpi_series **out, kpi_error *err)
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

#define FIELD_NAMES                                                                                \
    "value, period, base_value, base_period, change, pct_change, direction, assessment, "          \
    "prev_change, prev_pct_change, trend, trend_p, label, unit, indicator, area, target, "         \
    "target_op, target_status, target_margin, significance, p_value, variation, assurance, "       \
    "note or sentence"

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

/* The series r names, its metadata and its summary row at the report's
 * period, into e. */
static kpi_status
summarise(const kpi_report_context *c, const kpi_template_ref *r, kpi_report_entry *e,
          kpi_error *err)
{
    kpi_status st = find_series(c->store, r, &e->se, err);
    if (st != KPI_OK)
        return st;
    e->m = kpi_meta_find_series(c->meta, e->se);
    if ((st = kpi_summary_at(e->se, e->m, c->period, &e->row, err)) == KPI_EFREQ) {
        char text[KPI_PERIOD_TEXT_MAX] = "";
        if (c->period)
            kpi_period_format(*c->period, text, sizeof text);
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                             "'%s' has no period %s (its periods are by %s)", r->name, text,
                             kpi_freq_name(kpi_series_freq(e->se)));
    }
    return st;
}

/* The summary entry of r: the cache's, else computed into *local (and
 * kept in the cache when there is one); NULL with err filled. */
static kpi_report_entry *
summary_entry(const kpi_report_context *c, const kpi_template_ref *r, kpi_report_entry *local,
              kpi_error *err)
{
    const char *key[] = {"", r->name};
    kpi_report_entry *e = c->cache ? kpi_report_cache_find(c->cache, c, key, 2) : NULL;
    if (e)
        return e;
    *local = (kpi_report_entry){0};
    if (summarise(c, r, local, err) != KPI_OK)
        return NULL;
    return c->cache ? kpi_report_cache_put(c->cache, key, 2, local, err) : local;
}

/* The sentence of e's row: the cache's, else written into buf. */
static const char *
sentence_of(kpi_report_entry *e, bool cached, char *buf, size_t size)
{
    if (e->sentence)
        return e->sentence;
    size_t n = kpi_sentence(&e->row, e->m, buf, size);
    if (n >= size)
        buf[0] = '\0';
    /* Out of memory, the sentence is written each time instead. */
    if (cached)
        e->sentence = kpi_strndup(buf, strlen(buf));
    return buf;
}

/* {{ID.field}}: one field of the series' summary row at the report's
 * period. */
static kpi_status
resolve_field(const kpi_report_context *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    kpi_report_entry local;
    kpi_report_entry *e = summary_entry(c, r, &local, err);
    if (!e)
        return err->code;
    const kpi_indicator_meta *m = e->m;
    const kpi_summary_row *row = &e->row;
    const char *f = r->field;
    const int pct = KPI_SUMMARY_PCT_DECIMALS;
    if (!f[0])
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column,
                             "'%s' needs a field, as in %s.value (fields: " FIELD_NAMES ")",
                             r->name, r->name);
    if (strcmp(f, "value") == 0)
        return out_num(out, row->has_value, row->value, row->decimals);
    if (strcmp(f, "period") == 0)
        return out_period(out, true, row->period);
    if (strcmp(f, "base_value") == 0)
        return out_num(out, row->has_base, row->base_value, row->decimals);
    if (strcmp(f, "base_period") == 0)
        return out_period(out, row->base_period.freq != KPI_FREQ_NONE, row->base_period);
    if (strcmp(f, "change") == 0)
        return out_num(out, row->has_change, row->change, row->decimals);
    if (strcmp(f, "pct_change") == 0)
        return out_num(out, row->has_pct, row->pct_change, pct);
    if (strcmp(f, "direction") == 0)
        return out_str(out, kpi_direction_name(row->direction));
    if (strcmp(f, "assessment") == 0)
        return out_str(out, kpi_assessment_name(row->assessment));
    if (strcmp(f, "prev_change") == 0)
        return out_num(out, row->has_prev_change, row->prev_change, row->decimals);
    if (strcmp(f, "prev_pct_change") == 0)
        return out_num(out, row->has_prev_pct, row->prev_pct_change, pct);
    if (strcmp(f, "trend") == 0)
        return out_str(out, row->has_trend ? kpi_trend_direction_name(row->trend) : "");
    if (strcmp(f, "trend_p") == 0)
        return out_num(out, row->has_trend, row->trend_p, KPI_SUMMARY_P_DECIMALS);
    if (strcmp(f, "label") == 0)
        return out_str(out, row->label);
    if (strcmp(f, "unit") == 0)
        return out_str(out, m ? m->unit : "");
    if (strcmp(f, "indicator") == 0)
        return out_str(out, row->indicator);
    if (strcmp(f, "area") == 0)
        return out_str(out, row->area);
    if (strcmp(f, "target") == 0)
        return out_num(out, row->target_op != KPI_TARGET_NONE, row->target, row->target_decimals);
    if (strcmp(f, "target_op") == 0)
        return out_str(out,
                       row->target_op != KPI_TARGET_NONE ? kpi_target_op_name(row->target_op) : "");
    if (strcmp(f, "target_status") == 0)
        return out_str(out, kpi_target_status_name(row->status));
    if (strcmp(f, "target_margin") == 0)
        return out_num(out, row->status != KPI_TARGET_STATUS_NONE, row->margin,
                       row->margin_decimals);
    if (strcmp(f, "significance") == 0)
        return out_str(out,
                       row->test.has_test ? kpi_significance_name(row->test.significance) : "");
    if (strcmp(f, "p_value") == 0)
        return out_num(out, row->test.has_test, row->test.p,
                       kpi_value_sig_decimals(row->test.p, KPI_SIGNIFICANCE_DIGITS));
    if (strcmp(f, "variation") == 0)
        return out_str(out, kpi_spc_variation_name(row->variation));
    if (strcmp(f, "assurance") == 0)
        return out_str(out, kpi_spc_assurance_name(row->assurance));
    if (strcmp(f, "note") == 0)
        return out_str(out, row->note);
    if (strcmp(f, "sentence") == 0) {
        char buf[KPI_SENTENCE_MAX];
        return out_str(out, sentence_of(e, e != &local, buf, sizeof buf));
    }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->field_column,
                         "unknown field '%s' of '%s' (expected " FIELD_NAMES ")", f, r->name);
}

/* ---- tables and charts -------------------------------------------------- */

/* Whether the comma-separated list names id. */
static bool
listed(const char *list, const char *id)
{
    size_t il = strlen(id);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == il && strncmp(p, id, len) == 0)
            return true;
        p += len + (p[len] == ',');
    }
    return false;
}

/* A new store with the series whose indicator is in the comma-separated
 * list (every series for "all"), in store order; an indicator the store
 * does not have is an error at column.  The caller frees the store. */
static kpi_store *
select_series(const kpi_store *s, const char *list, unsigned long column, kpi_error *err)
{
    bool all = strcmp(list, "all") == 0;
    for (const char *p = list; !all && *p;) {
        size_t len = strcspn(p, ",");
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(len < 255 ? len : 255), p);
        if (!has_indicator(s, id)) {
            kpi_error_set(err, KPI_EINVAL, NULL, 0, column, "unknown indicator '%s'", id);
            return NULL;
        }
        p += len + (p[len] == ',');
    }
    size_t total = kpi_store_count(s), n = 0;
    size_t *idx = kpi_malloc((total ? total : 1) * sizeof *idx);
    if (!idx) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < total; i++)
        if (all || listed(list, kpi_series_indicator(kpi_store_at(s, i))))
            idx[n++] = i;
    kpi_store *sub = kpi_store_subset(s, idx, n, err);
    kpi_free(idx);
    return sub;
}

/* Whether r is {{table:summary}} or {{table:summary:ID1,ID2}}. */
static kpi_status
table_args(const kpi_template_ref *r, kpi_error *err)
{
    if (strcmp(r->args[0], "summary") != 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[0],
                             "unknown table '%s' (expected summary)", r->args[0]);
    if (r->n_args > 2)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[2],
                             "too many arguments: table:summary[:ID,ID...]");
    return KPI_OK;
}

/* The series of {{table:summary}} or {{table:summary:ID1,ID2}}: every
 * series, or those of the listed indicators, in a new store the caller
 * frees; NULL with err filled for a bad placeholder. */
static kpi_store *
table_series(const kpi_report_context *c, const kpi_template_ref *r, kpi_error *err)
{
    if (table_args(r, err) != KPI_OK)
        return NULL;
    return select_series(c->store, r->n_args > 1 ? r->args[1] : "all",
                         r->n_args > 1 ? r->arg_columns[1] : 0, err);
}

/* The Markdown summary table of r's series into e->text. */
static kpi_status
table_text(const kpi_report_context *c, const kpi_template_ref *r, kpi_report_entry *e,
           kpi_error *err)
{
    kpi_store *sub = table_series(c, r, err);
    if (!sub)
        return err->code;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    kpi_status st = KPI_OK;
    if (!mem) {
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    } else {
        kpi_table_options md = {.format = KPI_FORMAT_MD, .threads = 1};
        st = kpi_table_write_summary(sub, c->meta, c->period, mem, &md, err);
        if (fclose(mem) != 0 && st == KPI_OK)
            st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (st == KPI_OK && !(e->text = kpi_strndup(buf, len)))
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    e->len = len;
    free(buf); /* open_memstream's buffer comes from malloc */
    kpi_store_free(sub);
    return st;
}

/* {{table:summary}} or {{table:summary:ID1,ID2}}: the summary table in
 * Markdown, of every series or of the listed indicators.  Without a
 * cache, the checking pass only selects the series; with one, the table
 * is written once, in the first pass, for every pass. */
static kpi_status
resolve_table(const kpi_report_context *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    kpi_status st = table_args(r, err);
    if (st != KPI_OK)
        return st;
    const char *key[] = {"table", r->n_args > 1 ? r->args[1] : "all"};
    kpi_report_entry *e = c->cache ? kpi_report_cache_find(c->cache, c, key, 2) : NULL;
    kpi_report_entry local = {0};
    if (!e && !c->cache && r->check) {
        kpi_store *sub = table_series(c, r, err);
        if (!sub)
            return err->code;
        kpi_store_free(sub);
        return kpi_template_out_text(out, "", 0);
    }
    if (!e) {
        if ((st = table_text(c, r, &local, err)) != KPI_OK) {
            kpi_free(local.text);
            return st;
        }
        if (!(e = c->cache ? kpi_report_cache_put(c->cache, key, 2, &local, err) : &local))
            return err->code;
    }
    st = r->check ? kpi_template_out_text(out, "", 0)
                  : kpi_template_out_markup(out, e->text, e->len, KPI_ESCAPE_MD);
    if (e == &local)
        kpi_free(local.text);
    return st;
}

/* Append "-" and text's slug to name (of size bytes). */
static void
append_part(char *name, size_t size, const char *text)
{
    char part[256];
    kpi_chart_slug(text, part, sizeof part);
    size_t used = strlen(name);
    snprintf(name + used, size - used, "-%s", part);
}

/* Write chart as name in the chart folder, unless this is the checking
 * pass, and insert the name.  With a set of outputs, the chart is one of
 * its members. */
static kpi_status
place_chart(const kpi_report_context *c, const kpi_template_ref *r, kpi_chart *chart,
            const char *name, kpi_template_out *out, kpi_error *err)
{
    if (!r->check) {
        char path[4096];
        kpi_error e;
        snprintf(path, sizeof path, "%s/%s", c->chart_dir, name);
        kpi_status st;
        if (c->files) {
            kpi_outfile *f = kpi_outset_open(c->files, path, &e);
            st = f ? kpi_chart_write_stream(chart, KPI_CHART_PNG, kpi_outfile_stream(f), &e)
                   : e.code;
        } else {
            st = kpi_chart_write(chart, path, &e);
        }
        if (st != KPI_OK)
            return kpi_error_set(err, e.code, NULL, 0, 0, "%s: %s", path, e.message);
    }
    return kpi_template_out_file(out, name, strlen(name));
}

/* The chart key[0..n) names: the cache's, else built by build(ctx) and
 * kept in the cache when there is one (*owned false), or the caller's to
 * free (*owned true).  The chart is built in both passes, so that a
 * selection it cannot draw is found before anything is written. */
static kpi_chart *
cached_chart(const kpi_report_context *c, const char *const *key, size_t n,
             kpi_chart *(*build)(const kpi_report_context *, const kpi_template_ref *, kpi_error *),
             const kpi_template_ref *r, bool *owned, kpi_error *err)
{
    kpi_report_entry *e = c->cache ? kpi_report_cache_find(c->cache, c, key, n) : NULL;
    *owned = false;
    if (e)
        return e->chart;
    kpi_report_entry local = {.chart = build(c, r, err)};
    if (!local.chart || !c->cache) {
        *owned = local.chart != NULL;
        return local.chart;
    }
    e = kpi_report_cache_put(c->cache, key, n, &local, err);
    return e ? e->chart : NULL;
}

/* The chart of {{chart:ID:TYPE[:AREA]}}, whose arguments are checked;
 * NULL with err filled. */
static kpi_chart *
build_chart(const kpi_report_context *c, const kpi_template_ref *r, kpi_error *err)
{
    kpi_chart_type type;
    kpi_chart_type_parse(r->args[1], &type, NULL);
    kpi_store *sub = select_series(c->store, r->args[0], r->arg_columns[0], err);
    if (!sub)
        return NULL;
    kpi_chart_request rq = {.type = type,
                            .area = r->n_args > 2 ? r->args[2] : NULL,
                            .meta = c->meta,
                            .opt = kpi_chart_options_default()};
    kpi_error e;
    kpi_chart *chart = kpi_chart_build(sub, &rq, &e);
    if (!chart)
        kpi_error_set(err, e.code, NULL, 0, r->arg_columns[0], "chart:%s:%s: %s", r->args[0],
                      r->args[1], e.message);
    kpi_store_free(sub);
    return chart;
}

/* {{chart:ID:TYPE}}, {{chart:ID:TYPE:AREA}}: draw the chart as
 * ID-TYPE[-AREA].png in the chart folder and insert its file name.  ID may
 * be a comma-separated list of indicators, or "all". */
static kpi_status
resolve_chart(const kpi_report_context *c, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    if (r->n_args < 2)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column,
                             "a chart needs an indicator and a type, as in chart:%s:line",
                             r->args[0]);
    if (r->n_args > 3)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[3],
                             "too many arguments: chart:ID:TYPE[:AREA]");
    kpi_chart_type type;
    kpi_error e;
    if (kpi_chart_type_parse(r->args[1], &type, &e) != KPI_OK)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[1],
                             "unknown chart type '%s' (expected line, rolling, yoy, multiples "
                             "or sparkline)",
                             r->args[1]);
    if (type == KPI_CHART_MILESTONES)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[1],
                             "a milestones chart is drawn from the milestone register: "
                             "{{milestones:chart}}");
    char name[512];
    kpi_chart_slug(r->args[0], name, sizeof name);
    append_part(name, sizeof name, kpi_chart_type_name(type));
    if (r->n_args > 2)
        append_part(name, sizeof name, r->args[2]);
    size_t used = strlen(name);
    snprintf(name + used, sizeof name - used, ".png");

    const char *key[] = {"chart", r->args[0], r->args[1], r->n_args > 2 ? r->args[2] : ""};
    bool owned;
    kpi_chart *chart = cached_chart(c, key, 3 + (r->n_args > 2), build_chart, r, &owned, err);
    if (!chart)
        return err->code;
    kpi_status st = place_chart(c, r, chart, name, out, err);
    if (owned)
        kpi_chart_free(chart);
    return st;
}

static bool
is_milestones(const kpi_template_ref *r)
{
    return r->kind[0] ? strcmp(r->kind, "milestones") == 0 : strcmp(r->name, "milestones") == 0;
}

static kpi_chart *
build_milestones_chart(const kpi_report_context *c, const kpi_template_ref *r, kpi_error *err)
{
    kpi_error e;
    kpi_chart *chart = kpi_chart_build_milestones(c->milestones, NULL, &e);
    if (!chart)
        kpi_error_set(err, e.code, NULL, 0, r->arg_columns[0], "milestones:chart: %s", e.message);
    return chart;
}

/* {{milestones.FIELD}}, {{milestones:table[:NAME]}} from the engine's
 * milestones report; {{milestones:chart}} drawn here. */
static kpi_status
resolve_milestones(const kpi_report_context *c, const kpi_template_ref *r, kpi_template_out *out,
                   kpi_error *err)
{
    if (!c->milestones || !c->milestones_view)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column,
                             "'milestones' needs a milestone register, and the report has none");
    if (!r->kind[0] || r->n_args == 0 || strcmp(r->args[0], "chart") != 0)
        return kpi_milestones_report_resolve(c->milestones_view, r, out, err);
    if (r->n_args > 1)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[1],
                             "too many arguments: milestones:chart");
    const char *key[] = {"milestones", "chart"};
    bool owned;
    kpi_chart *chart = cached_chart(c, key, 2, build_milestones_chart, r, &owned, err);
    if (!chart)
        return err->code;
    kpi_status st = place_chart(c, r, chart, "milestones.png", out, err);
    if (owned)
        kpi_chart_free(chart);
    return st;
}

kpi_status
kpi_report_resolve(void *ud, const kpi_template_ref *r, kpi_template_out *out, kpi_error *err)
{
    const kpi_report_context *c = ud;
    assert(c && c->store && r && out);
    kpi_error local;
    if (!err)
        err = &local; /* the helpers read a failure's status back */
    if (is_milestones(r))
        return resolve_milestones(c, r, out, err);
    if (!r->kind[0])
        return resolve_field(c, r, out, err);
    if (strcmp(r->kind, "table") == 0)
        return resolve_table(c, r, out, err);
    if (strcmp(r->kind, "chart") == 0)
        return resolve_chart(c, r, out, err);
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column,
                         "unknown placeholder kind '%s' (expected table, chart or milestones)",
                         r->kind);
}

/* ---- workbooks ----------------------------------------------------------- */

/* Sheet names: Excel allows 31 characters; the base is cut shorter, on a
 * UTF-8 character boundary, to leave room for " (N)". */
#define SHEET_NAME_MAX 31
#define SHEET_BASE_MAX 25

typedef struct sheet_names {
    char (*names)[SHEET_NAME_MAX * 4 + 1];
    size_t n;
} sheet_names;

/* A sheet name from base, unlike every one before it: "summary",
 * "summary (2)".  Bytes, not characters, are counted, so that the name
 * is short enough in any script. */
static const char *
unique_name(sheet_names *used, const char *base)
{
    char cut[SHEET_BASE_MAX + 1];
    size_t len = strlen(base) < SHEET_BASE_MAX ? strlen(base) : SHEET_BASE_MAX;
    while (len && len < strlen(base) && ((unsigned char)base[len] & 0xC0) == 0x80)
        len--;
    memcpy(cut, base, len);
    cut[len] = '\0';
    char *name = used->names[used->n];
    snprintf(name, sizeof used->names[0], "%s", cut);
    for (unsigned k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < used->n && !taken; i++)
            taken = strcmp(used->names[i], name) == 0;
        if (!taken)
            break;
        snprintf(name, sizeof used->names[0], "%s (%u)", cut, k);
    }
    used->n++;
    return name;
}

/* Characters Excel refuses in a sheet name, as an indicator list may hold
 * them, become '_'. */
static void
sheet_safe(char *name)
{
    for (char *p = name; *p; p++)
        if (strchr("[]:*?/\\", *p))
            *p = '_';
}

/* One placeholder's table on its own sheet; other placeholders add none. */
static kpi_status
table_sheet(const kpi_report_context *c, const kpi_template_ref *r, kpi_workbook *wb, FILE *out,
            sheet_names *used, kpi_error *err)
{
    char base[256];
    if (is_milestones(r) && r->kind[0] && r->n_args && strcmp(r->args[0], "table") == 0) {
        if (!c->milestones_view)
            return kpi_error_set(err, KPI_EINVAL, NULL, r->line, r->column,
                                 "'milestones' needs a milestone register, and the report has "
                                 "none");
        kpi_milestones_table which = KPI_MILESTONES_TABLE_STATUS;
        if (r->n_args > 1 && kpi_milestones_report_table_parse(r->args[1], &which, err) != KPI_OK)
            return err->code;
        snprintf(base, sizeof base, "milestones %s", kpi_milestones_report_table_name(which));
        return kpi_milestones_report_sheet(c->milestones_view, which, wb, unique_name(used, base),
                                           err);
    }
    if (is_milestones(r) || strcmp(r->kind, "table") != 0)
        return KPI_OK;
    kpi_store *sub = table_series(c, r, err);
    if (!sub)
        return err->code;
    snprintf(base, sizeof base, "summary%s%s", r->n_args > 1 ? " " : "",
             r->n_args > 1 ? r->args[1] : "");
    sheet_safe(base);
    kpi_table_options opt = {
        .format = KPI_FORMAT_XLSX, .threads = 1, .workbook = wb, .sheet = unique_name(used, base)};
    kpi_status st = kpi_table_write_summary(sub, c->meta, c->period, out, &opt, err);
    kpi_store_free(sub);
    return st;
}

kpi_status
kpi_report_workbook(const kpi_template *t, const kpi_report_context *c, FILE *out, kpi_error *err)
{
    assert(t && c && c->store && out);
    kpi_error local;
    if (!err)
        err = &local; /* the helpers read a failure's status back */
    size_t n = kpi_template_count(t);
    sheet_names used = {kpi_calloc(n + 1, sizeof *used.names), 0};
    if (!used.names)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    kpi_workbook *wb = kpi_workbook_new(out, err);
    kpi_status st = wb ? KPI_OK : err->code;
    for (size_t i = 0; i < n && st == KPI_OK; i++)
        st = table_sheet(c, kpi_template_at(t, i), wb, out, &used, err);
    if (st == KPI_OK && used.n == 0)
        st = kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                           "an .xlsx report holds the template's tables, a sheet each, and the "
                           "template has no {{table:...}} or {{milestones:table}} placeholder");
    if (st == KPI_OK)
        st = kpi_workbook_meta(wb, c->store, c->meta, err);
    kpi_status closed = wb ? kpi_workbook_close(wb, st == KPI_OK ? err : NULL) : KPI_OK;
    kpi_free(used.names);
    return st != KPI_OK ? st : closed;
}
