#include "kpi/reader.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvscan_private.h"
#include "parallel_private.h"
#include "sheet_private.h"
#include "kpi/store.h"
#include "store_private.h"
#include "transcode_private.h"

/* Header names tried, in order, when no column is named by an option. */
static const char *const default_period_names[] = {"period", "date", "month", "year"};
#define DEFAULT_INDICATOR "indicator"
#define DEFAULT_AREA "area"
#define DEFAULT_VALUE "value"
/* The indicator of an event file that has no indicator column. */
#define EVENTS_INDICATOR "events"

struct header_sync;
static void header_done(struct header_sync *h, bool ok);

typedef struct reader {
    const kpi_reader_options *opt;
    const char *source;
    kpi_store *store;
    kpi_read_stats *stats;
    kpi_layout layout;
    size_t ncols;
    long col_indicator, col_area, col_period, col_value;
    long col_period_month; /* -1, or the month (or quarter) beside a year column */
    long *col_groups;
    long *col_where; /* the column of each row filter */
    /* Wide layout: the period of each header cell, or freq NONE. */
    kpi_period *header_period;
    unsigned *header_flags;
    char *indicator_name;     /* fixed indicator when there is no indicator column */
    const char **key;         /* 2 + n_groups parts of the current row */
    kpi_series *last;         /* the previous row's series: rows come in runs */
    struct header_sync *sync; /* told when the header is read (split reads) */
    kpi_value *cells;         /* wide: the parsed values of the current row */
    kpi_period_syntax syntax; /* how the file writes dates */
    kpi_tz *tz;               /* syntax.tz, owned; NULL without the tz option */
    const char *sheet;        /* the workbook sheet read, or NULL for a text file */
} reader;

kpi_reader_options
kpi_reader_options_default(void)
{
    return (kpi_reader_options){.layout = KPI_LAYOUT_AUTO,
                                .fy_start = KPI_FY_START_DEFAULT,
                                .freq = KPI_FREQ_NONE,
                                .duplicates = KPI_DUP_ERROR,
                                .threads = 1};
}

const char *
kpi_layout_name(kpi_layout layout)
{
    static const char *const names[] = {"auto", "long", "wide", "events"};
    return (unsigned)layout < sizeof names / sizeof names[0] ? names[layout] : "auto";
}

kpi_status
kpi_layout_parse(const char *name, kpi_layout *out, kpi_error *err)
{
    for (kpi_layout l = KPI_LAYOUT_AUTO; l <= KPI_LAYOUT_EVENTS; l++)
        if (kpi_csv_name_eq(name, kpi_layout_name(l))) {
            *out = l;
            return KPI_OK;
        }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                         "expected a layout of auto, long, wide or events, found '%s'", name);
}

static long
find_column(const kpi_csv_field *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (kpi_csv_name_eq(h[i].text, name))
            return (long)i;
    return -1;
}

/* "a, b, c" of the header, for messages that must say what was found. */
static void
list_header(const kpi_csv_field *h, size_t n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len + 4 < size; i++) {
        int w = snprintf(buf + len, size - len, "%s'%s'", i ? ", " : "", h[i].text);
        if (w < 0 || (size_t)w >= size - len) {
            snprintf(buf + (size > 4 ? size - 4 : 0), size > 4 ? 4 : size, "...");
            return;
        }
        len += (size_t)w;
    }
}

static kpi_status
missing_column(reader *r, const kpi_csv_field *h, size_t n, const char *what, const char *name,
               const char *option, kpi_error *err)
{
    char found[200];
    list_header(h, n, found, sizeof found);
    return kpi_error_set(err, KPI_ELAYOUT, r->source, h[0].line, 1,
                         "no %s column: expected a column named '%s' (choose one with the %s "
                         "option); the header has %s",
                         what, name, option, found);
}

/* Look a column up by the option's name, or by the default; a name given
 * by the caller must exist, a default may be absent. */
static kpi_status
resolve(reader *r, const kpi_csv_field *h, size_t n, const char *given, const char *fallback,
        bool required, const char *what, const char *option, long *out, kpi_error *err)
{
    *out = find_column(h, n, given ? given : fallback);
    if (*out < 0 && (given || required))
        return missing_column(r, h, n, what, given ? given : fallback, option, err);
    return KPI_OK;
}

static bool
is_key_column(const reader *r, long i)
{
    if (i == r->col_indicator || i == r->col_area || i == r->col_period || i == r->col_value ||
        i == r->col_period_month)
        return true;
    for (size_t g = 0; g < r->opt->n_groups; g++)
        if (r->col_groups[g] == i)
            return true;
    return false;
}

static void
note_ignored(reader *r, const kpi_csv_field *h, size_t n)
{
    if (!r->stats)
        return;
    char *buf = r->stats->ignored;
    size_t size = sizeof r->stats->ignored, len = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_key_column(r, (long)i) ||
            (r->layout == KPI_LAYOUT_WIDE && r->header_period[i].freq != KPI_FREQ_NONE))
            continue;
        int w = snprintf(buf + len, size - len, "%s%s", len ? "," : "", h[i].text);
        if (w < 0 || (size_t)w >= size - len) {
            memcpy(buf + size - 4, "...", 4);
            return;
        }
        len += (size_t)w;
    }
}

static kpi_status
read_header(reader *r, const kpi_csv_field *h, size_t n, kpi_error *err)
{
    const kpi_reader_options *o = r->opt;
    kpi_status st;
    r->ncols = n;
    r->header_period = kpi_calloc(n, sizeof *r->header_period);
    r->header_flags = kpi_calloc(n, sizeof *r->header_flags);
    r->cells = kpi_calloc(n, sizeof *r->cells);
    if (!r->header_period || !r->header_flags || !r->cells)
        return kpi_error_set(err, KPI_ENOMEM, r->source, 0, 0, "out of memory");

    if ((st = resolve(r, h, n, o->indicator, DEFAULT_INDICATOR, false, "indicator", "indicator",
                      &r->col_indicator, err)) != KPI_OK ||
        (st = resolve(r, h, n, o->area, DEFAULT_AREA, false, "area", "area", &r->col_area, err)) !=
            KPI_OK)
        return st;
    for (size_t g = 0; g < o->n_groups; g++) {
        r->col_groups[g] = find_column(h, n, o->groups[g]);
        if (r->col_groups[g] < 0)
            return missing_column(r, h, n, "group", o->groups[g], "group", err);
    }
    for (size_t w = 0; w < o->n_where; w++) {
        r->col_where[w] = find_column(h, n, o->where[w].column);
        if (r->col_where[w] < 0)
            return missing_column(r, h, n, "filter", o->where[w].column, "where", err);
    }
    r->col_period = r->col_value = r->col_period_month = -1;

    /* Header cells that read as periods make the file wide, unless the
     * caller said otherwise. */
    size_t n_periods = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_key_column(r, (long)i))
            continue;
        kpi_period p;
        if (kpi_period_parse_with(h[i].text, h[i].len, &r->syntax, &p, &r->header_flags[i], NULL) ==
            KPI_OK) {
            r->header_period[i] = p;
            n_periods++;
        }
    }
    r->layout = o->layout;
    if (r->layout == KPI_LAYOUT_AUTO)
        r->layout = o->count ? KPI_LAYOUT_EVENTS : n_periods ? KPI_LAYOUT_WIDE : KPI_LAYOUT_LONG;

    if (r->layout == KPI_LAYOUT_WIDE) {
        if (!n_periods)
            return kpi_error_set(err, KPI_ELAYOUT, r->source, h[0].line, 1,
                                 "wide layout: expected period column headers (such as 2019-03 "
                                 "or 201903), found none");
        if (r->col_indicator < 0)
            return missing_column(r, h, n, "indicator", DEFAULT_INDICATOR, "indicator", err);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < i && r->header_period[i].freq != KPI_FREQ_NONE; j++)
                if (kpi_period_cmp(r->header_period[i], r->header_period[j]) == 0)
                    return kpi_error_set(err, KPI_EDUPLICATE, r->source, h[i].line, h[i].column,
                                         "duplicate period column '%s' (also column %zu)",
                                         h[i].text, j + 1);
    } else {
        for (size_t i = 0; i < n; i++)
            r->header_period[i].freq = KPI_FREQ_NONE;
        if (o->period) {
            if ((st = resolve(r, h, n, o->period, NULL, true, "period", "period", &r->col_period,
                              err)) != KPI_OK)
                return st;
        } else {
            for (size_t k = 0; k < sizeof default_period_names / sizeof default_period_names[0] &&
                               r->col_period < 0;
                 k++)
                r->col_period = find_column(h, n, default_period_names[k]);
            if (r->col_period < 0)
                return missing_column(r, h, n, "period", "period', 'date', 'month' or 'year",
                                      "period", err);
        }
        if (o->period_month && (st = resolve(r, h, n, o->period_month, NULL, true, "month",
                                             "period_month", &r->col_period_month, err)) != KPI_OK)
            return st;
        if (r->layout == KPI_LAYOUT_LONG &&
            (st = resolve(r, h, n, o->value, DEFAULT_VALUE, true, "value", "value", &r->col_value,
                          err)) != KPI_OK)
            return st;
        if (r->col_indicator < 0) {
            const char *name = o->name                        ? o->name
                               : r->layout == KPI_LAYOUT_LONG ? h[r->col_value].text
                                                              : EVENTS_INDICATOR;
            r->indicator_name = kpi_strndup(name, strlen(name));
            if (!r->indicator_name)
                return kpi_error_set(err, KPI_ENOMEM, r->source, 0, 0, "out of memory");
        }
    }
    if (r->stats)
        r->stats->layout = r->layout;
    note_ignored(r, h, n);
    return KPI_OK;
}

/* Trim surrounding spaces in place: identifiers "Black " and "Black" are
 * one group. */
static const char *
trimmed(const kpi_csv_field *f)
{
    char *s = f->text;
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len && s[len - 1] == ' ')
        s[--len] = '\0';
    return s;
}

static kpi_status
cell_error(reader *r, const kpi_csv_field *f, const char *column, kpi_error *err)
{
    char msg[KPI_ERROR_MESSAGE_MAX];
    snprintf(msg, sizeof msg, "%s", err->message);
    return kpi_error_set(err, err->code, r->source, f->line, f->column, "column '%s': %s", column,
                         msg);
}

static bool
same_key(const kpi_series *se, const char *const *key, size_t n_groups)
{
    if (strcmp(kpi_series_indicator(se), key[0]) != 0 || strcmp(kpi_series_area(se), key[1]) != 0)
        return false;
    for (size_t g = 0; g < n_groups; g++)
        if (strcmp(kpi_series_group(se, g), key[2 + g]) != 0)
            return false;
    return true;
}

static kpi_status
row_key(reader *r, const kpi_csv_field *f, const kpi_csv_field *h, kpi_series **out, kpi_error *err)
{
    if (r->col_indicator >= 0) {
        const kpi_csv_field *c = &f[r->col_indicator];
        r->key[0] = trimmed(c);
        if (!r->key[0][0])
            return kpi_error_set(err, KPI_ELAYOUT, r->source, c->line, c->column,
                                 "column '%s': expected an indicator name, found an empty cell",
                                 h[r->col_indicator].text);
    } else {
        r->key[0] = r->indicator_name;
    }
    r->key[1] = r->col_area >= 0 ? trimmed(&f[r->col_area]) : "";
    for (size_t g = 0; g < r->opt->n_groups; g++)
        r->key[2 + g] = trimmed(&f[r->col_groups[g]]);
    if (r->last && same_key(r->last, r->key, r->opt->n_groups)) {
        *out = r->last;
        return KPI_OK;
    }
    *out = r->last = kpi_store_intern(r->store, r->key, err);
    return *out ? KPI_OK : KPI_ENOMEM;
}

/* A period split over a year column and a month (or quarter) column:
 * "2003" and "Jan", "1", "01" or "January" is January 2003, and "Q1" the
 * first quarter.  The text is put together in a notation the period parser
 * knows, so every month spelling it accepts is accepted here. */
static kpi_status
split_period(reader *r, const kpi_csv_field *year, const kpi_csv_field *month, const char *column,
             kpi_period *p, unsigned *flags, kpi_error *err)
{
    const char *y = trimmed(year), *m = trimmed(month);
    char text[96];
    size_t digits = strspn(m, "0123456789");
    if (strlen(y) != 4 || strspn(y, "0123456789") != 4)
        return kpi_error_set(err, KPI_EPERIOD, r->source, year->line, year->column,
                             "column '%s': expected a four-digit year, found '%s'", column, y);
    if (digits && !m[digits] && digits <= 2)
        snprintf(text, sizeof text, "%s-%02d", y, atoi(m));
    else
        snprintf(text, sizeof text, "%.40s %s", m, y);
    if (kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, p, flags, err) != KPI_OK ||
        (p->freq != KPI_FREQ_MONTH && p->freq != KPI_FREQ_QUARTER))
        return kpi_error_set(err, KPI_EPERIOD, r->source, month->line, month->column,
                             "expected a month (1-12, Jan or January) or a quarter (Q1-Q4) "
                             "for the year %s, found '%s'",
                             y, m);
    return KPI_OK;
}

static kpi_status
row_period(reader *r, const kpi_csv_field *f, const kpi_csv_field *h, kpi_period *p,
           unsigned *flags, kpi_error *err)
{
    const kpi_csv_field *c = &f[r->col_period];
    const char *column = h[r->col_period].text;
    if (r->col_period_month >= 0) {
        kpi_status st = split_period(r, c, &f[r->col_period_month], column, p, flags, err);
        if (st != KPI_OK)
            return st;
    } else if (kpi_period_parse_with(c->text, c->len, &r->syntax, p, flags, err) != KPI_OK) {
        return cell_error(r, c, column, err);
    }
    /* A finer period is kept as written: whether it is to be added up
     * with its neighbours (months into a year, which must all be there) or
     * stands alone for the coarser period (a date for its financial year)
     * only the whole series can tell, so kpi_transform_freq decides.  That
     * holds for events too: a year the file covers only part of is not
     * counted as if whole. */
    if (r->opt->freq == KPI_FREQ_NONE || p->freq == r->opt->freq)
        return KPI_OK;
    if (!kpi_period_can_convert(p->freq, r->opt->freq, r->opt->fy_start)) {
        if (kpi_period_convert(*p, r->opt->freq, r->opt->fy_start, p, err) != KPI_OK)
            return cell_error(r, c, column, err);
        *flags &= ~(unsigned)KPI_PERIOD_AMBIGUOUS_FY;
    }
    return KPI_OK;
}

static kpi_status
read_long(reader *r, const kpi_csv_field *f, const kpi_csv_field *h, kpi_error *err)
{
    kpi_series *se;
    kpi_period p;
    unsigned flags = 0;
    kpi_value v = {.kind = KPI_VALUE_NUMBER, .number = 1.0};
    kpi_status st;
    if ((st = row_key(r, f, h, &se, err)) != KPI_OK ||
        (st = row_period(r, f, h, &p, &flags, err)) != KPI_OK)
        return st;
    /* An event row counts one; a long row carries its value. */
    kpi_dup_policy dup = KPI_DUP_SUM;
    long at = r->col_period;
    if (r->layout == KPI_LAYOUT_LONG) {
        at = r->col_value;
        if (kpi_value_parse_mark(f[at].text, f[at].len, &r->opt->markers, r->opt->decimal_mark, &v,
                                 err) != KPI_OK)
            return cell_error(r, &f[at], h[at].text, err);
        dup = r->opt->duplicates;
    }
    if (kpi_series_put(se, p, flags, &v, dup, f[at].line, err) != KPI_OK) {
        /* A clash of periods belongs to the period cell, a clash of units
         * to the value cell. */
        if (err->code != KPI_EVALUE)
            at = r->col_period;
        return cell_error(r, &f[at], h[at].text, err);
    }
    if (r->stats)
        r->stats->observations++;
    return KPI_OK;
}

static kpi_status
read_wide(reader *r, const kpi_csv_field *f, const kpi_csv_field *h, kpi_error *err)
{
    kpi_series *se;
    kpi_status st = row_key(r, f, h, &se, err);
    if (st != KPI_OK)
        return st;
    /* Check every cell before storing any, so that a row skipped under
     * skip_bad leaves nothing behind. */
    for (size_t i = 0; i < r->ncols; i++) {
        if (r->header_period[i].freq == KPI_FREQ_NONE)
            continue;
        if (kpi_value_parse_mark(f[i].text, f[i].len, &r->opt->markers, r->opt->decimal_mark,
                                 &r->cells[i], err) != KPI_OK ||
            kpi_series_check(se, r->header_period[i], r->header_flags[i], &r->cells[i],
                             r->opt->duplicates, err) != KPI_OK)
            return cell_error(r, &f[i], h[i].text, err);
    }
    for (size_t i = 0; i < r->ncols; i++) {
        if (r->header_period[i].freq == KPI_FREQ_NONE)
            continue;
        if (kpi_series_put(se, r->header_period[i], r->header_flags[i], &r->cells[i],
                           r->opt->duplicates, f[i].line, err) != KPI_OK)
            return cell_error(r, &f[i], h[i].text, err);
        if (r->stats)
            r->stats->observations++;
    }
    return KPI_OK;
}

typedef struct scan_state {
    reader *r;
    kpi_csv_range *range;  /* a CSV scan's, whose max_fields the header sets */
    kpi_csv_field *header; /* a copy of the header row */
    char *header_text;
} scan_state;

static kpi_status
copy_header(scan_state *ss, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += f[i].len + 1;
    ss->header = kpi_calloc(n, sizeof *ss->header);
    ss->header_text = kpi_malloc(total);
    if (!ss->header || !ss->header_text)
        return kpi_error_set(err, KPI_ENOMEM, ss->r->source, 0, 0, "out of memory");
    char *p = ss->header_text;
    for (size_t i = 0; i < n; i++) {
        memcpy(p, f[i].text, f[i].len + 1);
        ss->header[i] = f[i];
        ss->header[i].text = p;
        p += f[i].len + 1;
    }
    return KPI_OK;
}

/* Whether a row passes the filters: on each column, one of its COL=VALUE
 * values if it has any, and none of its COL!=VALUE values. */
static bool
row_selected(reader *r, const kpi_csv_field *f)
{
    const kpi_where *w = r->opt->where;
    for (size_t i = 0; i < r->opt->n_where; i++) {
        bool match = strcmp(trimmed(&f[r->col_where[i]]), w[i].value) == 0;
        if (w[i].negate) {
            if (match)
                return false;
            continue;
        }
        bool any = match;
        for (size_t j = 0; j < r->opt->n_where && !any; j++)
            any = j != i && !w[j].negate && r->col_where[j] == r->col_where[i] &&
                  strcmp(trimmed(&f[r->col_where[j]]), w[j].value) == 0;
        if (!any)
            return false;
    }
    return true;
}

static kpi_status
on_record(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    scan_state *ss = ud;
    reader *r = ss->r;
    kpi_status st;
    (void)row;
    /* Title rows above the header, as published tables have. */
    if (n && f[0].line <= r->opt->skip)
        return KPI_OK;
    if (!ss->header) {
        if ((st = copy_header(ss, f, n, err)) == KPI_OK)
            st = read_header(r, ss->header, n, err);
        if (ss->range) /* NULL for a sheet, whose rows are bounded */
            ss->range->max_fields = n;
        if (r->sync)
            header_done(r->sync, st == KPI_OK);
        return st;
    }
    if (r->stats)
        r->stats->records++;
    if (n == r->ncols && !row_selected(r, f)) {
        if (r->stats)
            r->stats->filtered++;
        return KPI_OK;
    }
    if (n != r->ncols) {
        st = kpi_csv_ragged(r->source, f, n, r->ncols, err);
    } else {
        st = r->layout == KPI_LAYOUT_WIDE ? read_wide(r, f, ss->header, err)
                                          : read_long(r, f, ss->header, err);
    }
    if (st == KPI_OK || st == KPI_ENOMEM || !r->opt->skip_bad)
        return st;
    if (r->stats) {
        r->stats->skipped++;
        r->stats->skipped_by[st]++;
    }
    if (r->sheet)
        snprintf(err->sheet, sizeof err->sheet, "%s", r->sheet);
    if (r->opt->diag)
        r->opt->diag(r->opt->diag_ud, err);
    kpi_error_clear(err);
    return KPI_OK;
}

/* An event file counts what happened: inside the file's span, a period in
 * which a series had no events had none, which is zero, not a missing
 * count.  A long file made from events means the same when the caller
 * says so (fill_zero).  The span is taken per frequency; a missing
 * marker stays missing. */
static kpi_status
zero_fill(kpi_store *s, kpi_error *err)
{
    int32_t lo[KPI_FREQ_LAST], hi[KPI_FREQ_LAST];
    bool seen[KPI_FREQ_LAST] = {false};
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        size_t n = kpi_series_length(se);
        kpi_freq f = kpi_series_freq(se);
        if (!n)
            continue;
        int32_t first = kpi_series_period(se, 0).ordinal, last = first + (int32_t)n - 1;
        lo[f] = seen[f] && lo[f] < first ? lo[f] : first;
        hi[f] = seen[f] && hi[f] > last ? hi[f] : last;
        seen[f] = true;
    }
    const kpi_value zero = {.kind = KPI_VALUE_NUMBER, .number = 0};
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        kpi_series *se = (kpi_series *)kpi_store_at(s, k);
        kpi_freq f = kpi_series_freq(se);
        if (!kpi_series_length(se))
            continue;
        for (int32_t o = lo[f]; o <= hi[f]; o++) {
            kpi_period p = {f, o};
            ptrdiff_t i = kpi_series_index(se, p);
            if (i >= 0 && kpi_series_state(se, (size_t)i) != KPI_OBS_ABSENT)
                continue;
            kpi_status st = kpi_series_put(se, p, 0, &zero, KPI_DUP_ERROR, 0, err);
            if (st != KPI_OK)
                return st;
        }
    }
    return KPI_OK;
}

static kpi_status
check_options(const kpi_reader_options *o, kpi_error *err)
{
    if (o->fy_start < 1 || o->fy_start > 12)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "the financial year's first month must be 1 to 12, found %d",
                             o->fy_start);
    if (o->decimal_mark != KPI_DECIMAL_POINT && o->decimal_mark != KPI_DECIMAL_COMMA)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected a decimal mark of point or comma, found %d",
                             (int)o->decimal_mark);
    if (o->delimiter && !strchr(KPI_CSV_DELIMITERS, o->delimiter))
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected a delimiter of ',', ';', tab or '|', found '%c'",
                             o->delimiter);
    return KPI_OK;
}

/* Prepare r to read into a new store.  Returns KPI_OK or KPI_ENOMEM. */
static kpi_status
reader_init(reader *r, const kpi_reader_options *opt, const char *source, kpi_read_stats *stats,
            kpi_error *err)
{
    *r = (reader){.opt = opt,
                  .source = source,
                  .stats = stats,
                  .syntax = {.want = opt->freq, .dayfirst = opt->dayfirst}};
    if (opt->tz && !(r->syntax.tz = r->tz = kpi_tz_new(opt->tz, err)))
        return err->code;
    r->store = kpi_store_new(opt->n_groups, opt->groups, err);
    r->col_groups = kpi_calloc(opt->n_groups + 1, sizeof *r->col_groups);
    r->col_where = kpi_calloc(opt->n_where + 1, sizeof *r->col_where);
    r->key = kpi_calloc(2 + opt->n_groups, sizeof *r->key);
    if (!r->store || !r->col_groups || !r->col_where || !r->key)
        return kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    return KPI_OK;
}

/* Free what r and ss hold, and the store too unless keep_store. */
static void
reader_fini(reader *r, scan_state *ss, bool keep_store)
{
    kpi_free(ss->header);
    kpi_free(ss->header_text);
    kpi_free(r->col_groups);
    kpi_free(r->col_where);
    kpi_free(r->key);
    kpi_free(r->header_period);
    kpi_free(r->header_flags);
    kpi_free(r->cells);
    kpi_free(r->indicator_name);
    kpi_tz_free(r->tz);
    if (!keep_store)
        kpi_store_free(r->store);
}

/* What only the whole file settles: an empty file, ambiguous periods, and
 * the zeros of an event count. */
static kpi_status
reader_finish(reader *r, const scan_state *ss, kpi_error *err)
{
    kpi_status st = KPI_OK;
    if (!ss->header)
        return kpi_error_set(err, KPI_ELAYOUT, r->source, 1, 1,
                             "the file is empty: expected a header row");
    if ((st = kpi_store_finish(r->store, err)) == KPI_OK &&
        (r->layout == KPI_LAYOUT_EVENTS || r->opt->fill_zero))
        st = zero_fill(r->store, err);
    if (st == KPI_ENOMEM)
        kpi_error_set(err, st, r->source, 0, 0, "out of memory");
    return st;
}

kpi_store *
kpi_read_stream(FILE *fp, const char *source, const kpi_reader_options *opt, kpi_read_stats *stats,
                kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* the reading reads a failure back (cell_error) */
    kpi_reader_options defaults = kpi_reader_options_default();
    if (!opt)
        opt = &defaults;
    if (stats)
        *stats = (kpi_read_stats){.threads = 1};
    kpi_error_clear(err);
    if (check_options(opt, err) != KPI_OK)
        return NULL;
    FILE *decoded;
    if (kpi_transcode(fp, source, opt->encoding, &decoded, err) != KPI_OK)
        return NULL;
    reader r;
    scan_state ss = {.r = &r};
    kpi_status st = reader_init(&r, opt, source, stats, err);
    if (st == KPI_OK) {
        kpi_csv_range range = {.delimiter = opt->delimiter, .max_field = opt->max_field};
        ss.range = &range;
        st = kpi_csv_scan_range(decoded ? decoded : fp, source, &range, on_record, &ss, err);
        if (stats)
            stats->delimiter = range.delimiter;
    }
    if (decoded)
        fclose(decoded);
    if (st == KPI_OK)
        st = reader_finish(&r, &ss, err);
    reader_fini(&r, &ss, st == KPI_OK);
    return st == KPI_OK ? r.store : NULL;
}

/* ---- reading a large file on two threads --------------------------------- */

/* Text files smaller than this are read on one thread (the sheet reader
 * leaves whole any sheet of under KPI_SHEET_HALVES_MIN bytes of XML). */
#define SPLIT_MIN_BYTES (8L * 1024 * 1024)

/* The later part needs the header, which the first part reads. */
typedef struct header_sync {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int state; /* 0 waiting, 1 read, -1 failed */
} header_sync;

static void
header_done(header_sync *h, bool ok)
{
    pthread_mutex_lock(&h->lock);
    h->state = ok ? 1 : -1;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

/* A file read in two parts: the first from the start to `split` bytes,
 * the later one from there to the end, with the first part's header; or
 * a workbook's sheet in the two halves the sheet reader cuts it into
 * (kpi_sheet_part).  Each part keeps its own failure, so that read_split
 * can fall back. */
typedef struct split_read {
    const char *path;
    bool workbook;
    FILE *fp; /* a CSV file's first part's stream, at the start of the file */
    long split;
    char delimiter;
    char sheet[2][KPI_ERROR_SHEET_MAX];
    header_sync sync;
    reader r[2];
    scan_state ss[2];
    kpi_read_stats stats; /* the later part's */
    kpi_csv_range range;  /* the first part's */
    kpi_error err[2];
    kpi_status status[2];
} split_read;

/* The sheet's half `part` (the later one of the header's width). */
static kpi_status
read_sheet_part(split_read *sr, kpi_sheet_part part)
{
    size_t i = part == KPI_SHEET_LATER;
    const kpi_reader_options *opt = sr->r[i].opt;
    kpi_sheet_select sel = {
        .sheet = opt->sheet, .skip = opt->skip, .part = part, .width = sr->r[0].ncols};
    sr->r[i].sheet = sr->sheet[i];
    return kpi_sheet_scan(sr->path, &sel, on_record, &sr->ss[i], sr->sheet[i], sizeof sr->sheet[i],
                          &sr->err[i]);
}

static kpi_status
read_first_part(split_read *sr)
{
    kpi_status st;
    if (sr->workbook) {
        st = read_sheet_part(sr, KPI_SHEET_FIRST);
    } else {
        sr->range = (kpi_csv_range){.delimiter = sr->delimiter,
                                    .max_bytes = (size_t)sr->split,
                                    .max_field = sr->r[0].opt->max_field};
        sr->ss[0].range = &sr->range;
        st = kpi_csv_scan_range(sr->fp, sr->path, &sr->range, on_record, &sr->ss[0], &sr->err[0]);
    }
    if (!sr->ss[0].header)
        header_done(&sr->sync, false);
    return st;
}

static kpi_status
read_later_part(split_read *sr)
{
    pthread_mutex_lock(&sr->sync.lock);
    while (sr->sync.state == 0)
        pthread_cond_wait(&sr->sync.cond, &sr->sync.lock);
    int state = sr->sync.state;
    pthread_mutex_unlock(&sr->sync.lock);
    if (state < 0)
        return KPI_EIO;
    /* The header's reading is shared, read-only; the rest is this part's
     * own. */
    const reader *first = &sr->r[0];
    reader *r = &sr->r[1];
    r->layout = first->layout;
    r->ncols = first->ncols;
    r->col_indicator = first->col_indicator;
    r->col_area = first->col_area;
    r->col_period = first->col_period;
    r->col_period_month = first->col_period_month;
    r->col_value = first->col_value;
    memcpy(r->col_groups, first->col_groups, first->opt->n_groups * sizeof *r->col_groups);
    memcpy(r->col_where, first->col_where, first->opt->n_where * sizeof *r->col_where);
    r->cells = kpi_calloc(r->ncols, sizeof *r->cells);
    r->header_period = first->header_period;
    r->header_flags = first->header_flags;
    r->indicator_name = first->indicator_name;
    sr->ss[1].header = sr->ss[0].header;
    if (sr->workbook)
        return r->cells ? read_sheet_part(sr, KPI_SHEET_LATER) : KPI_ENOMEM;
    FILE *fp = fopen(sr->path, "rb");
    kpi_status st = KPI_EIO;
    if (r->cells && fp && fseek(fp, sr->split, SEEK_SET) == 0) {
        kpi_csv_range range = {.delimiter = sr->delimiter,
                               .first_row = 1,
                               .max_fields = r->ncols,
                               .max_field = first->opt->max_field};
        sr->ss[1].range = &range;
        st = kpi_csv_scan_range(fp, sr->path, &range, on_record, &sr->ss[1], &sr->err[1]);
    }
    if (fp)
        fclose(fp);
    return st;
}

/* Item 0 is the first part, item 1 the later one.  A part's failure is
 * kept in sr, not returned: the other part still runs to its end, so the
 * later part never waits for a header that will not come. */
static kpi_status
read_part(void *ctx, size_t worker, size_t item, kpi_error *err)
{
    (void)worker;
    (void)err;
    split_read *sr = ctx;
    sr->status[item] = item == 0 ? read_first_part(sr) : read_later_part(sr);
    return KPI_OK;
}

/* Where to split a file of `size` bytes: just after the first line end
 * past the middle, or 0 when the file is too small or has none there.
 * Also detects the delimiter from the first block. */
static long
split_point(FILE *fp, long size, char *delimiter)
{
    unsigned char buf[64 * 1024];
    size_t n = fread(buf, 1, sizeof buf, fp);
    if (!*delimiter)
        *delimiter = kpi_csv_detect_delimiter(buf, n);
    if (fseek(fp, size / 2, SEEK_SET) != 0)
        return 0;
    n = fread(buf, 1, sizeof buf, fp);
    unsigned char *nl = memchr(buf, '\n', n);
    return nl ? size / 2 + (long)(nl - buf) + 1 : 0;
}

/* Read path in two parts on up to opt->threads threads (kpi_parallel_for:
 * on one, the parts run one after the other); NULL when the split does
 * not hold (a quoted field across the middle, a sheet that cannot be cut)
 * or anything at all goes wrong, so that the whole file is read again on
 * one thread and errors are found and located exactly as ever.  A CSV
 * file's later part numbers its lines from its own start; a sheet's rows
 * carry their numbers. */
static kpi_store *
read_split(const char *path, long size, bool workbook, const kpi_reader_options *opt,
           kpi_read_stats *stats, kpi_error *err)
{
    split_read sr = {.path = path, .workbook = workbook, .delimiter = opt->delimiter};
    if (!workbook) {
        if (!(sr.fp = fopen(path, "rb")))
            return NULL;
        sr.split = split_point(sr.fp, size, &sr.delimiter);
        if (sr.split <= 0 || fseek(sr.fp, 0, SEEK_SET) != 0) {
            fclose(sr.fp);
            return NULL;
        }
    }
    pthread_mutex_init(&sr.sync.lock, NULL);
    pthread_cond_init(&sr.sync.cond, NULL);
    for (size_t i = 0; i < 2; i++)
        sr.ss[i].r = &sr.r[i];
    kpi_status st = reader_init(&sr.r[0], opt, path, stats, err);
    kpi_status st2 = reader_init(&sr.r[1], opt, path, &sr.stats, &sr.err[1]);
    sr.r[0].sync = &sr.sync;
    bool read = st == KPI_OK && st2 == KPI_OK &&
                kpi_parallel_for(opt->threads, 2, read_part, NULL, &sr, NULL) == KPI_OK;
    if (sr.fp)
        fclose(sr.fp);
    kpi_store *store = NULL;
    if (read && sr.status[0] == KPI_OK && sr.status[1] == KPI_OK &&
        (workbook || sr.range.ended_clean)) {
        if (stats) {
            stats->delimiter = workbook ? 0 : sr.delimiter;
            stats->threads = 2;
            stats->records += sr.stats.records;
            stats->filtered += sr.stats.filtered;
            stats->observations += sr.stats.observations;
        }
        kpi_dup_policy dup = sr.r[0].layout == KPI_LAYOUT_EVENTS ? KPI_DUP_SUM : opt->duplicates;
        st = kpi_store_merge(sr.r[0].store, sr.r[1].store, workbook ? 0 : sr.range.lines, dup, err);
        sr.r[1].store = NULL;
        if (st == KPI_OK && reader_finish(&sr.r[0], &sr.ss[0], err) == KPI_OK)
            store = sr.r[0].store;
    }
    sr.ss[1].header = NULL; /* the first part's */
    sr.r[1].header_period = NULL;
    sr.r[1].header_flags = NULL;
    sr.r[1].indicator_name = NULL;
    reader_fini(&sr.r[1], &sr.ss[1], false);
    reader_fini(&sr.r[0], &sr.ss[0], store != NULL);
    pthread_cond_destroy(&sr.sync.cond);
    pthread_mutex_destroy(&sr.sync.lock);
    return store;
}

/* The sheet's rows come again (kpi_sheet_select.restart): what the
 * first ones built is dropped, and the reading starts afresh. */
static kpi_status
restart_sheet(void *ud, kpi_error *err)
{
    scan_state *ss = ud;
    reader *r = ss->r;
    const kpi_reader_options *opt = r->opt;
    const char *source = r->source, *sheet = r->sheet;
    kpi_read_stats *stats = r->stats;
    reader_fini(r, ss, false);
    *ss = (scan_state){.r = r};
    if (stats)
        *stats = (kpi_read_stats){.threads = 1};
    kpi_status st = reader_init(r, opt, source, stats, err);
    r->sheet = sheet;
    return st;
}

/* A workbook's sheet goes through the same record reader as a CSV file's
 * rows, so that every layout, option and check applies to it.  Its rows
 * may come twice (restart_sheet), but for skip_bad, whose reports of
 * skipped rows cannot be taken back. */
static kpi_store *
read_workbook(const char *path, const kpi_reader_options *opt, kpi_read_stats *stats,
              kpi_error *err)
{
    if (stats)
        *stats = (kpi_read_stats){.threads = 1};
    if (check_options(opt, err) != KPI_OK)
        return NULL;
    reader r;
    scan_state ss = {.r = &r};
    char name[KPI_ERROR_SHEET_MAX] = "";
    kpi_status st = reader_init(&r, opt, path, stats, err);
    r.sheet = name;
    kpi_sheet_select sel = {
        .sheet = opt->sheet, .skip = opt->skip, .restart = opt->skip_bad ? NULL : restart_sheet};
    if (st == KPI_OK)
        st = kpi_sheet_scan(path, &sel, on_record, &ss, name, sizeof name, err);
    if (st == KPI_OK)
        st = reader_finish(&r, &ss, err);
    if (st != KPI_OK && err->line && name[0])
        snprintf(err->sheet, sizeof err->sheet, "%s", name);
    reader_fini(&r, &ss, st == KPI_OK);
    return st == KPI_OK ? r.store : NULL;
}

kpi_store *
kpi_read_file(const char *path, const kpi_reader_options *opt, kpi_read_stats *stats,
              kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* the reading reads a failure back (cell_error) */
    kpi_reader_options defaults = kpi_reader_options_default();
    if (!opt)
        opt = &defaults;
    if (strcmp(path, "-") == 0)
        return kpi_read_stream(stdin, "<stdin>", opt, stats, err);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (stats)
            *stats = (kpi_read_stats){.threads = 1};
        kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    /* A large regular file is read in two halves on two threads, when the
     * caller allows two.  Skipped rows are reported as they are met, in
     * file order, so skip_bad reads on one thread; so do title rows to
     * skip in a text file, which only the first half has (a sheet's rows
     * carry their numbers). */
    struct stat sb;
    bool workbook = kpi_sheet_is_workbook(path, fp);
    bool halves = opt->threads >= 2 && !opt->skip_bad && check_options(opt, err) == KPI_OK &&
                  fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode);
    if (workbook) {
        fclose(fp);
        if (halves) {
            if (stats)
                *stats = (kpi_read_stats){.threads = 1};
            kpi_store *s = read_split(path, (long)sb.st_size, true, opt, stats, err);
            if (s)
                return s;
            kpi_error_clear(err);
        }
        return read_workbook(path, opt, stats, err);
    }
    if (opt->sheet) {
        fclose(fp);
        if (stats)
            *stats = (kpi_read_stats){.threads = 1};
        kpi_error_set(err, KPI_EINVAL, path, 0, 0,
                      "the sheet option is for .xlsx and .ods workbooks, and this is a text file");
        return NULL;
    }
    if (halves && !opt->skip && sb.st_size >= SPLIT_MIN_BYTES &&
        !kpi_transcode_needed(fp, opt->encoding)) {
        if (stats)
            *stats = (kpi_read_stats){.threads = 1};
        kpi_store *s = read_split(path, (long)sb.st_size, false, opt, stats, err);
        if (s) {
            fclose(fp);
            return s;
        }
    }
    kpi_store *s = kpi_read_stream(fp, path, opt, stats, err);
    fclose(fp);
    return s;
}
