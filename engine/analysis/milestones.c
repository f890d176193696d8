#include "kpi/milestones.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "csvscan_private.h"
#include "sheet_private.h"

/* Registers hold tens or hundreds of milestones, so milestones are found by
 * scanning in order of first mention, which is also the order reports
 * list them in. */

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

enum column {
    COL_MILESTONE,
    COL_TITLE,
    COL_THEME,
    COL_DUE,
    COL_PERIOD,
    COL_STATUS,
    COL_NOTE,
    COL_COUNT
};

static const char *const column_names[] = {"milestone", "title",  "theme", "due",
                                           "period",    "status", "note"};

_Static_assert(COUNT(column_names) == COL_COUNT, "one name per column");

#define EXPECTED_HEADER "milestone,title,theme,due,period,status,note"

#define ABSENT SIZE_MAX

static const char *const status_names[] = {"delivered", "on track", "some delay", "not stated",
                                           "not reported"};
static const char *const status_labels[] = {"Delivered", "On track but not fully delivered",
                                            "Some delay", "No status given", "Not reported"};
static const char *const move_names[] = {"same", "new",     "forward",
                                         "back", "changed", "not reported"};

_Static_assert(COUNT(status_names) == KPI_MILESTONE_STATUS_LAST, "one name per status");
_Static_assert(COUNT(status_labels) == KPI_MILESTONE_STATUS_LAST, "one label per status");
_Static_assert(COUNT(move_names) == KPI_MILESTONE_MOVE_LAST, "one name per move");

/* The report's three words first, then the unambiguous synonyms. */
static const kpi_milestone_synonym builtin_words[] = {
    {"delivered", KPI_MILESTONE_DELIVERED},
    {"on track but not fully delivered", KPI_MILESTONE_ON_TRACK},
    {"some delay", KPI_MILESTONE_DELAY},
    {"on track", KPI_MILESTONE_ON_TRACK},
    {"complete", KPI_MILESTONE_DELIVERED},
    {"completed", KPI_MILESTONE_DELIVERED},
    {"some delays", KPI_MILESTONE_DELAY},
    {"delay", KPI_MILESTONE_DELAY},
    {"delayed", KPI_MILESTONE_DELAY},
};

typedef struct row {
    size_t ms; /* its milestone */
    kpi_period period;
    kpi_milestone_status status;
    bool has_due;
    kpi_period due;             /* after reading: carried forward from earlier rows */
    char *title, *theme, *note; /* owned; "" when the cell is empty */
    unsigned long line, period_column, status_column;
    bool reopened;
} row;

typedef struct milestone {
    char *id;                  /* owned */
    const char *title, *theme; /* borrowed from its rows: the latest non-empty */
    size_t first_row, n_rows;  /* its rows, in period order, after reading */
} milestone;

struct kpi_milestones {
    milestone *ms;
    size_t n_ms, cap_ms;
    row *rows;
    size_t n_rows, cap_rows;
    kpi_period *periods; /* the reporting periods, ascending */
    size_t n_periods;
    kpi_freq freq;
    unsigned long freq_line; /* the first row, which set the frequency */
    int fy_start;
};

typedef struct reader {
    kpi_milestones *m;
    const char *source;
    const kpi_milestones_options *opt;
    bool seen_header;
    size_t n_header;
    size_t where[COL_COUNT];
} reader;

typedef struct cell {
    const char *text;
    size_t len;
    unsigned long line, column;
} cell;

kpi_milestones_options
kpi_milestones_options_default(void)
{
    return (kpi_milestones_options){.fy_start = KPI_FY_START_DEFAULT};
}

/* ---- names ---------------------------------------------------------------- */

const char *
kpi_milestone_status_name(kpi_milestone_status s)
{
    return (unsigned)s < COUNT(status_names) ? status_names[s] : "unknown";
}

const char *
kpi_milestone_status_label(kpi_milestone_status s)
{
    return (unsigned)s < COUNT(status_labels) ? status_labels[s] : "Unknown";
}

const char *
kpi_milestone_move_name(kpi_milestone_move m)
{
    return (unsigned)m < COUNT(move_names) ? move_names[m] : "unknown";
}

/* Whether s[0..n) is word, ignoring ASCII case. */
static bool
word_is(const char *s, size_t n, const char *word)
{
    if (strlen(word) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = s[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        char b = word[i];
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

kpi_status
kpi_milestone_status_parse(const char *text, size_t len, const kpi_milestone_synonym *synonyms,
                           size_t n, kpi_milestone_status *out, kpi_error *err)
{
    const char *s = kpi_csv_trim(text, &len);
    if (len == 0) {
        *out = KPI_MILESTONE_UNSTATED;
        return KPI_OK;
    }
    for (size_t i = 0; i < n; i++)
        if (word_is(s, len, synonyms[i].word)) {
            *out = synonyms[i].status;
            return KPI_OK;
        }
    for (size_t i = 0; i < COUNT(builtin_words); i++)
        if (word_is(s, len, builtin_words[i].word)) {
            *out = builtin_words[i].status;
            return KPI_OK;
        }
    return kpi_error_set(err, KPI_EVALUE, NULL, 0, 0,
                         "expected delivered, on track but not fully delivered, some delay, a "
                         "synonym or nothing, found '%.*s'",
                         kpi_csv_quote_len(s, len), s);
}

/* ---- reading -------------------------------------------------------------- */

static cell
get_cell(const reader *r, const kpi_csv_field *f, enum column c)
{
    if (r->where[c] == ABSENT)
        return (cell){"", 0, f[0].line, f[0].column};
    const kpi_csv_field *fld = &f[r->where[c]];
    size_t n = fld->len;
    const char *s = kpi_csv_trim(fld->text, &n);
    return (cell){s, n, fld->line, fld->column};
}

static kpi_status
bad_cell(const reader *r, const cell *c, enum column col, kpi_status code, const char *what,
         kpi_error *err)
{
    return kpi_error_set(err, code, r->source, c->line, c->column, "column '%s': %s",
                         column_names[col], what);
}

static kpi_status
read_header(reader *r, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    r->seen_header = true;
    r->n_header = n;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < COL_COUNT; c++) {
            if (!kpi_csv_name_eq(f[i].text, column_names[c]))
                continue;
            if (r->where[c] != ABSENT)
                return kpi_error_set(err, KPI_ELAYOUT, r->source, f[i].line, f[i].column,
                                     "header: expected each column once, found '%s' again",
                                     column_names[c]);
            r->where[c] = i;
        }
    static const enum column required[] = {COL_MILESTONE, COL_PERIOD, COL_STATUS};
    for (size_t k = 0; k < COUNT(required); k++)
        if (r->where[required[k]] == ABSENT)
            return kpi_error_set(err, KPI_ELAYOUT, r->source, f[0].line, 1,
                                 "header: expected a '%s' column (" EXPECTED_HEADER ")",
                                 column_names[required[k]]);
    return KPI_OK;
}

static size_t
find_milestone(const kpi_milestones *m, const char *id, size_t len)
{
    for (size_t i = 0; i < m->n_ms; i++)
        if (strlen(m->ms[i].id) == len && memcmp(m->ms[i].id, id, len) == 0)
            return i;
    return ABSENT;
}

static kpi_status
parse_period_cell(const reader *r, const cell *c, enum column col, kpi_freq want, kpi_period *out,
                  kpi_error *err)
{
    kpi_error pe;
    if (kpi_period_parse(c->text, c->len, want, out, NULL, &pe) != KPI_OK)
        return bad_cell(r, c, col, KPI_EPERIOD, pe.message, err);
    return KPI_OK;
}

static kpi_status
oom(const reader *r, const cell *c, kpi_error *err)
{
    return kpi_error_set(err, KPI_ENOMEM, r->source, c->line, c->column, "out of memory");
}

/* Everything is checked before anything is stored, so a failure past the
 * checks can only be memory. */
static kpi_status
read_row(reader *r, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    kpi_milestones *m = r->m;
    if (n != r->n_header) {
        bool extra = n > r->n_header;
        return kpi_error_set(err, KPI_ECSV, r->source, extra ? f[r->n_header].line : f[0].line,
                             extra ? f[r->n_header].column : 1,
                             "expected %zu fields as in the header, found %zu", r->n_header, n);
    }
    cell id = get_cell(r, f, COL_MILESTONE);
    if (id.len == 0)
        return bad_cell(r, &id, COL_MILESTONE, KPI_EVALUE, "expected a milestone id, found ''",
                        err);
    row w = {.line = f[0].line};
    cell period = get_cell(r, f, COL_PERIOD);
    w.period_column = period.column;
    kpi_status st = parse_period_cell(r, &period, COL_PERIOD, m->freq, &w.period, err);
    if (st != KPI_OK)
        return st;
    if (m->freq != KPI_FREQ_NONE && w.period.freq != m->freq) {
        char msg[KPI_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "expected a period by %s like line %lu, found '%.*s' (by %s)",
                 kpi_freq_name(m->freq), m->freq_line, kpi_csv_quote_len(period.text, period.len),
                 period.text, kpi_freq_name(w.period.freq));
        return bad_cell(r, &period, COL_PERIOD, KPI_EFREQ, msg, err);
    }
    cell due = get_cell(r, f, COL_DUE);
    if (due.len > 0) {
        if ((st = parse_period_cell(r, &due, COL_DUE, KPI_FREQ_NONE, &w.due, err)) != KPI_OK)
            return st;
        w.has_due = true;
    }
    cell status = get_cell(r, f, COL_STATUS);
    w.status_column = status.column;
    kpi_error se;
    if (kpi_milestone_status_parse(status.text, status.len, r->opt->synonyms, r->opt->n_synonyms,
                                   &w.status, &se) != KPI_OK)
        return bad_cell(r, &status, COL_STATUS, KPI_EVALUE, se.message, err);

    cell title = get_cell(r, f, COL_TITLE), theme = get_cell(r, f, COL_THEME),
         note = get_cell(r, f, COL_NOTE);
    w.ms = find_milestone(m, id.text, id.len);
    if (w.ms == ABSENT) {
        if (kpi_grow((void **)&m->ms, &m->cap_ms, m->n_ms + 1, sizeof *m->ms) != 0)
            return oom(r, &id, err);
        char *s = kpi_strndup(id.text, id.len);
        if (!s)
            return oom(r, &id, err);
        m->ms[m->n_ms] = (milestone){.id = s};
        w.ms = m->n_ms++;
    }
    if (kpi_grow((void **)&m->rows, &m->cap_rows, m->n_rows + 1, sizeof *m->rows) != 0)
        return oom(r, &id, err);
    w.title = kpi_strndup(title.text, title.len);
    w.theme = kpi_strndup(theme.text, theme.len);
    w.note = kpi_strndup(note.text, note.len);
    if (!w.title || !w.theme || !w.note) {
        kpi_free(w.title);
        kpi_free(w.theme);
        kpi_free(w.note);
        return oom(r, &id, err);
    }
    if (m->freq == KPI_FREQ_NONE) {
        m->freq = w.period.freq;
        m->freq_line = w.line;
    }
    m->rows[m->n_rows++] = w;
    return KPI_OK;
}

static kpi_status
on_row(void *ud, const kpi_csv_field *fields, size_t n, size_t row_index, kpi_error *err)
{
    reader *r = ud;
    if (row_index == 0)
        return read_header(r, fields, n, err);
    return read_row(r, fields, n, err);
}

static int
cmp_rows(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->ms != y->ms)
        return x->ms < y->ms ? -1 : 1;
    return x->period.ordinal < y->period.ordinal ? -1 : x->period.ordinal > y->period.ordinal;
}

static int
cmp_periods(const void *a, const void *b)
{
    const kpi_period *x = a, *y = b;
    return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* Keep the error of the earliest line, so that a file's problems are
 * reported in the order a reader meets them even though the checks run
 * milestone by milestone. */
static void
keep_first(kpi_error *best, const kpi_error *e)
{
    if (best->code == KPI_OK || e->line < best->line)
        *best = *e;
}

/* Check the rules that span rows (repeats, reopenings), carry due periods
 * forward and settle each milestone's title and theme.  Rows are sorted by
 * milestone, then period. */
static kpi_status
check_rows(const reader *r, kpi_error *err)
{
    kpi_milestones *m = r->m;
    kpi_error best = {.code = KPI_OK};
    for (size_t j = 0; j < m->n_ms; j++) {
        milestone *ms = &m->ms[j];
        ms->title = ms->theme = "";
        bool delivered = false, has_due = false;
        kpi_period delivered_in = {0}, due = {0};
        for (size_t k = ms->first_row; k < ms->first_row + ms->n_rows; k++) {
            row *w = &m->rows[k];
            char when[KPI_PERIOD_TEXT_MAX], then[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(w->period, when, sizeof when);
            kpi_error e;
            if (k > ms->first_row && w->period.ordinal == w[-1].period.ordinal) {
                const row *later = w->line > w[-1].line ? w : &w[-1];
                const row *earlier = later == w ? &w[-1] : w;
                kpi_error_set(&e, KPI_EDUPLICATE, r->source, later->line, later->period_column,
                              "column 'period': milestone '%s' has a row for %s already (line "
                              "%lu)",
                              ms->id, when, earlier->line);
                keep_first(&best, &e);
                continue;
            }
            if (w->has_due) {
                has_due = true;
                due = w->due;
            } else if (has_due) {
                w->has_due = true;
                w->due = due;
            }
            if (w->title[0])
                ms->title = w->title;
            if (w->theme[0])
                ms->theme = w->theme;
            if (w->status == KPI_MILESTONE_DELIVERED && !delivered) {
                delivered = true;
                delivered_in = w->period;
            } else if (delivered && w->status == KPI_MILESTONE_UNSTATED) {
                w->status = KPI_MILESTONE_DELIVERED;
            } else if (delivered && w->status != KPI_MILESTONE_DELIVERED) {
                kpi_period_format(delivered_in, then, sizeof then);
                if (!w->note[0]) {
                    kpi_error_set(&e, KPI_EVALUE, r->source, w->line, w->status_column,
                                  "column 'status': milestone '%s' was delivered in %s; '%s' in "
                                  "%s reopens it and needs a note saying why",
                                  ms->id, then, kpi_milestone_status_name(w->status), when);
                    keep_first(&best, &e);
                    continue;
                }
                w->reopened = true;
                delivered = false;
                if (r->opt->diag) {
                    kpi_error_set(&e, KPI_EVALUE, r->source, w->line, w->status_column,
                                  "milestone '%s', delivered in %s, is reopened in %s (%s): %s",
                                  ms->id, then, when, kpi_milestone_status_name(w->status),
                                  w->note);
                    r->opt->diag(r->opt->diag_ud, &e);
                }
            }
        }
    }
    if (best.code != KPI_OK) {
        if (err)
            *err = best;
        return best.code;
    }
    return KPI_OK;
}

/* Sort the rows, index each milestone's rows and list the reporting
 * periods. */
static kpi_status
organise(const reader *r, kpi_error *err)
{
    kpi_milestones *m = r->m;
    qsort(m->rows, m->n_rows, sizeof *m->rows, cmp_rows);
    for (size_t k = 0; k < m->n_rows; k++) {
        milestone *ms = &m->ms[m->rows[k].ms];
        if (ms->n_rows++ == 0)
            ms->first_row = k;
    }
    m->periods = kpi_malloc(m->n_rows * sizeof *m->periods);
    if (!m->periods)
        return kpi_error_set(err, KPI_ENOMEM, r->source, 0, 0, "out of memory");
    for (size_t k = 0; k < m->n_rows; k++)
        m->periods[k] = m->rows[k].period;
    qsort(m->periods, m->n_rows, sizeof *m->periods, cmp_periods);
    for (size_t k = 0; k < m->n_rows; k++)
        if (m->n_periods == 0 || m->periods[m->n_periods - 1].ordinal != m->periods[k].ordinal)
            m->periods[m->n_periods++] = m->periods[k];
    return check_rows(r, err);
}

/* Read t (a workbook from the sheet it names, or its first). */
static kpi_milestones *
milestones_read(const kpi_sheet_table *t, const kpi_milestones_options *opt, kpi_error *err)
{
    assert(t->fp != NULL);
    const char *source = t->source;
    kpi_milestones_options def = kpi_milestones_options_default();
    if (!opt)
        opt = &def;
    if (opt->fy_start < 1 || opt->fy_start > 12) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "the financial year's first month must be 1 to 12, found %d", opt->fy_start);
        return NULL;
    }
    for (size_t i = 0; i < opt->n_synonyms; i++)
        if (opt->synonyms[i].status > KPI_MILESTONE_DELAY || !opt->synonyms[i].word ||
            !opt->synonyms[i].word[0]) {
            kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                          "a status synonym needs a word and must mean delivered, on track or "
                          "some delay");
            return NULL;
        }
    reader r = {.source = source, .opt = opt};
    for (int c = 0; c < COL_COUNT; c++)
        r.where[c] = ABSENT;
    if (!(r.m = kpi_calloc(1, sizeof *r.m))) {
        kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
        return NULL;
    }
    r.m->fy_start = opt->fy_start;
    kpi_status st = kpi_sheet_table_scan(t, NULL, on_row, &r, err);
    if (st == KPI_OK && !r.seen_header)
        st = kpi_error_set(err, KPI_ELAYOUT, source, 1, 1,
                           "header: expected " EXPECTED_HEADER ", found an empty file");
    else if (st == KPI_OK && r.m->n_rows == 0)
        st = kpi_error_set(err, KPI_EVALUE, source, 2, 1,
                           "expected at least one milestone row after the header");
    if (st == KPI_OK)
        st = organise(&r, err);
    if (st != KPI_OK) {
        kpi_milestones_free(r.m);
        return NULL;
    }
    return r.m;
}

kpi_milestones *
kpi_milestones_read_stream(FILE *fp, const char *source, const kpi_milestones_options *opt,
                           kpi_error *err)
{
    kpi_sheet_table t = {.fp = fp, .source = source};
    return milestones_read(&t, opt, err);
}

kpi_milestones *
kpi_milestones_read(const char *path, const kpi_milestones_options *opt, kpi_error *err)
{
    assert(path != NULL);
    kpi_sheet_table t;
    kpi_milestones *m = kpi_sheet_table_open(path, &t, err) == KPI_OK
                            ? milestones_read(&t, opt, err)
                            : NULL;
    kpi_sheet_table_close(&t);
    return m;
}

void
kpi_milestones_free(kpi_milestones *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_ms; i++)
        kpi_free(m->ms[i].id);
    for (size_t k = 0; k < m->n_rows; k++) {
        kpi_free(m->rows[k].title);
        kpi_free(m->rows[k].theme);
        kpi_free(m->rows[k].note);
    }
    kpi_free(m->ms);
    kpi_free(m->rows);
    kpi_free(m->periods);
    kpi_free(m);
}

size_t
kpi_milestones_period_count(const kpi_milestones *m)
{
    return m->n_periods;
}

kpi_period
kpi_milestones_period_at(const kpi_milestones *m, size_t i)
{
    assert(i < m->n_periods);
    return m->periods[i];
}

size_t
kpi_milestones_count(const kpi_milestones *m)
{
    return m->n_ms;
}

/* ---- one reporting period -------------------------------------------------- */

/* The reporting period (of the register's frequency) in which a due period
 * ends: a month due in a quarterly register is due in its quarter, a
 * financial year in its last quarter. */
static kpi_period
due_by(const kpi_milestones *m, kpi_period due)
{
    if (due.freq == m->freq)
        return due;
    kpi_period first, last, out = due;
    kpi_period_days(due, m->fy_start, &first, &last);
    kpi_period_convert(last, m->freq, m->fy_start, &out, NULL);
    return out;
}

static const row *
row_in(const kpi_milestones *m, const milestone *ms, kpi_period p)
{
    for (size_t k = ms->first_row; k < ms->first_row + ms->n_rows; k++)
        if (m->rows[k].period.ordinal == p.ordinal)
            return &m->rows[k];
    return NULL;
}

/* Nearer delivery ranks higher; the states without a status do not rank. */
static int
rank(kpi_milestone_status s)
{
    switch (s) {
    case KPI_MILESTONE_DELIVERED: return 2;
    case KPI_MILESTONE_ON_TRACK: return 1;
    case KPI_MILESTONE_DELAY: return 0;
    default: return -1;
    }
}

static kpi_milestone_move
move_of(kpi_milestone_status before, kpi_milestone_status now)
{
    if (before == now)
        return KPI_MILESTONE_SAME;
    int a = rank(before), b = rank(now);
    if (a < 0 || b < 0)
        return KPI_MILESTONE_CHANGED;
    return b > a ? KPI_MILESTONE_FORWARD : KPI_MILESTONE_BACK;
}

static void
count(kpi_milestone_counts *c, kpi_milestone_status s)
{
    c->total++;
    c->by_status[s]++;
}

static void
count_theme(kpi_milestones_view *v, const char *theme, kpi_milestone_status s)
{
    for (size_t t = 0; t < v->n_themes; t++)
        if (strcmp(v->themes[t].theme, theme) == 0) {
            count(&v->themes[t], s);
            return;
        }
    v->themes[v->n_themes] = (kpi_milestone_counts){.theme = theme};
    count(&v->themes[v->n_themes++], s);
}

/* The item of milestone ms at p, or false when p's view leaves it out:
 * not yet reported, or closed (delivered, or already missing) before. */
static bool
item_at(const kpi_milestones *m, const milestone *ms, kpi_period p, const kpi_period *prev,
        kpi_milestone_item *it)
{
    const row *now = row_in(m, ms, p);
    const row *before = prev ? row_in(m, ms, *prev) : NULL;
    const row *first = &m->rows[ms->first_row];
    const row *known = now ? now : before;
    /* Only the very next period is owed a row: a register that skips
     * periods (two business plans, say) says nothing about the ones it
     * skips. */
    bool owed = before && before->status != KPI_MILESTONE_DELIVERED &&
                kpi_period_diff(*prev, p) == 1;
    if (!now && !owed)
        return false;
    *it = (kpi_milestone_item){
        .id = ms->id,
        .title = ms->title,
        .theme = ms->theme,
        .note = now ? now->note : "",
        .status = now ? now->status : KPI_MILESTONE_NOT_REPORTED,
        /* A milestone back after a period without a row was not reported
         * in that period. */
        .has_previous = prev && (before || first != now),
        .previous = before ? before->status : KPI_MILESTONE_NOT_REPORTED,
        .reopened = now && now->reopened,
        .has_due = known->has_due,
        .due = known->due,
        .first = first->period,
        .line = now ? now->line : 0,
    };
    if (!now)
        it->move = KPI_MILESTONE_MISSING;
    else if (!it->has_previous)
        it->move = KPI_MILESTONE_NEW;
    else
        it->move = move_of(it->previous, now->status);
    if (it->reopened)
        it->move = KPI_MILESTONE_BACK;
    if (it->has_due) {
        kpi_period by = due_by(m, it->due);
        if (it->status != KPI_MILESTONE_DELIVERED && p.ordinal > by.ordinal) {
            it->overdue = true;
            it->periods_late = kpi_period_diff(by, p);
        }
        const kpi_period *first_due = first->has_due ? &first->due : &it->due;
        it->first_late = first->period.ordinal > due_by(m, *first_due).ordinal;
    }
    return true;
}

/* The index of the reporting period p, or of the latest inside p when p is
 * coarser (a report for 2018-19 reads a quarterly register at 2018-19 Q4);
 * m->n_periods when there is none. */
static size_t
find_period(const kpi_milestones *m, kpi_period p)
{
    bool coarser = p.freq != m->freq && kpi_period_can_convert(m->freq, p.freq, m->fy_start);
    for (size_t k = m->n_periods; k-- > 0;) {
        kpi_period q = m->periods[k];
        if (coarser && kpi_period_convert(q, p.freq, m->fy_start, &q, NULL) != KPI_OK)
            continue;
        if (q.freq == p.freq && q.ordinal == p.ordinal)
            return k;
    }
    return m->n_periods;
}

kpi_status
kpi_milestones_at(const kpi_milestones *m, const kpi_period *period, kpi_milestones_view *out,
                  kpi_error *err)
{
    memset(out, 0, sizeof *out);
    size_t k = m->n_periods - 1;
    if (period) {
        k = find_period(m, *period);
        if (k == m->n_periods) {
            char want[KPI_PERIOD_TEXT_MAX], a[KPI_PERIOD_TEXT_MAX], b[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(*period, want, sizeof want);
            kpi_period_format(m->periods[0], a, sizeof a);
            kpi_period_format(m->periods[m->n_periods - 1], b, sizeof b);
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                                 "no reporting period of the register is or falls in %s (it "
                                 "has %zu, from %s to %s)",
                                 want, m->n_periods, a, b);
        }
    }
    out->period = m->periods[k];
    out->all.theme = "";
    out->has_previous = k > 0;
    if (k > 0)
        out->previous = m->periods[k - 1];
    out->items = kpi_malloc((m->n_ms ? m->n_ms : 1) * sizeof *out->items);
    out->themes = kpi_malloc((m->n_ms ? m->n_ms : 1) * sizeof *out->themes);
    if (!out->items || !out->themes)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    /* Two passes, so that milestones not reported follow those that are. */
    for (int missing = 0; missing < 2; missing++)
        for (size_t j = 0; j < m->n_ms; j++) {
            kpi_milestone_item it;
            if (!item_at(m, &m->ms[j], out->period, out->has_previous ? &out->previous : NULL,
                         &it) ||
                (it.move == KPI_MILESTONE_MISSING) != (missing == 1))
                continue;
            out->items[out->n_items++] = it;
            count(&out->all, it.status);
            count_theme(out, it.theme, it.status);
            out->by_move[it.move]++;
            out->n_overdue += it.overdue;
            out->n_first_late += it.first_late;
            out->n_reopened += it.reopened;
        }
    return KPI_OK;
}

void
kpi_milestones_view_fini(kpi_milestones_view *v)
{
    if (!v)
        return;
    kpi_free(v->items);
    kpi_free(v->themes);
    v->items = NULL;
    v->themes = NULL;
    v->n_items = v->n_themes = 0;
}
