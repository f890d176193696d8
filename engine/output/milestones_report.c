#include "kpi/milestones_report.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/workbook.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static const char *const table_names[] = {"register", "status", "counts", "movements", "overdue"};

_Static_assert(COUNT(table_names) == KPI_MILESTONES_TABLE_LAST, "one name per table");

const char *
kpi_milestones_report_table_name(kpi_milestones_table t)
{
    return (unsigned)t < COUNT(table_names) ? table_names[t] : "unknown";
}

kpi_status
kpi_milestones_report_table_parse(const char *name, kpi_milestones_table *out, kpi_error *err)
{
    for (size_t i = 0; i < COUNT(table_names); i++)
        if (strcmp(name, table_names[i]) == 0) {
            *out = (kpi_milestones_table)i;
            return KPI_OK;
        }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                         "unknown milestones table '%s' (expected register, status, counts, "
                         "movements or overdue)",
                         name);
}

/* ---- text, counted like snprintf ---------------------------------------- */

typedef struct text {
    char *buf;
    size_t size, len;
} text;

static text
text_start(char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    return (text){buf, size, 0};
}

static void
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = t->len < t->size ? t->size - t->len : 0;
    int n = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n;
}

static const char *
shown_name(const kpi_milestone_item *it)
{
    return it->title[0] ? it->title : it->id;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "quarter", "month", ... for a count of periods of the view's frequency. */
static const char *
period_word(kpi_freq f, size_t n)
{
    switch (f) {
    case KPI_FREQ_DAY: return plural(n, "day", "days");
    case KPI_FREQ_MONTH: return plural(n, "month", "months");
    case KPI_FREQ_QUARTER:
    case KPI_FREQ_FQUARTER: return plural(n, "quarter", "quarters");
    default: return plural(n, "year", "years");
    }
}

static void
add_period(text *t, kpi_period p)
{
    char s[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(p, s, sizeof s);
    add(t, "%s", s);
}

/* ---- sentences ------------------------------------------------------------- */

size_t
kpi_milestones_report_sentence(const kpi_milestones_view *v, char *buf, size_t size)
{
    text t = text_start(buf, size);
    const size_t *c = v->all.by_status;
    add(&t, "Of %zu %s, %zu delivered, %zu on track, %zu with some delay", v->all.total,
        plural(v->all.total, "milestone", "milestones"), c[KPI_MILESTONE_DELIVERED],
        c[KPI_MILESTONE_ON_TRACK], c[KPI_MILESTONE_DELAY]);
    if (c[KPI_MILESTONE_UNSTATED])
        add(&t, ", %zu with no status given", c[KPI_MILESTONE_UNSTATED]);
    if (c[KPI_MILESTONE_NOT_REPORTED])
        add(&t, ", %zu not reported", c[KPI_MILESTONE_NOT_REPORTED]);
    add(&t, ".");
    return t.len;
}

size_t
kpi_milestones_report_movement_sentence(const kpi_milestones_view *v, char *buf, size_t size)
{
    text t = text_start(buf, size);
    if (!v->has_previous)
        return 0;
    size_t fwd = v->by_move[KPI_MILESTONE_FORWARD], back = v->by_move[KPI_MILESTONE_BACK];
    size_t changed = v->by_move[KPI_MILESTONE_CHANGED], fresh = v->by_move[KPI_MILESTONE_NEW];
    add(&t, "Since ");
    add_period(&t, v->previous);
    if (fwd + back == 0)
        add(&t, ", no milestone moved forward or back");
    else if (fwd && back)
        add(&t, ", %zu %s moved forward and %zu moved back", fwd,
            plural(fwd, "milestone", "milestones"), back);
    else
        add(&t, ", %zu %s moved %s", fwd + back, plural(fwd + back, "milestone", "milestones"),
            fwd ? "forward" : "back");
    if (v->n_reopened)
        add(&t, " (%zu reopened after delivery)", v->n_reopened);
    if (changed)
        add(&t, "; %zu %s a status in only one of the two periods", changed,
            plural(changed, "has", "have"));
    if (fresh)
        add(&t, "; %zu %s reported for the first time", fresh, plural(fresh, "was", "were"));
    add(&t, ".");
    return t.len;
}

static void
add_late(text *t, const kpi_milestones_view *v, const kpi_milestone_item *it)
{
    add(t, "%s (due ", shown_name(it));
    add_period(t, it->due);
    add(t, ", %d %s late)", (int)it->periods_late,
        period_word(v->period.freq, (size_t)it->periods_late));
}

size_t
kpi_milestones_report_overdue_sentence(const kpi_milestones_view *v, char *buf, size_t size)
{
    text t = text_start(buf, size);
    bool any_due = false;
    for (size_t i = 0; i < v->n_items; i++)
        any_due = any_due || v->items[i].has_due;
    if (!any_due)
        return 0;
    if (v->n_overdue == 0) {
        add(&t, "No milestone is past its due period and not delivered.");
        return t.len;
    }
    add(&t, "%zu %s past %s due period and not delivered: ", v->n_overdue,
        plural(v->n_overdue, "milestone is", "milestones are"),
        plural(v->n_overdue, "its", "their"));
    size_t k = 0;
    for (size_t i = 0; i < v->n_items; i++)
        if (v->items[i].overdue) {
            if (k++)
                add(&t, ", ");
            add_late(&t, v, &v->items[i]);
        }
    add(&t, ".");
    return t.len;
}

/* Write a sentence built by fn into out, with a newline, if it is not
 * empty.  Sentences of any length are written whole. */
static bool
put_sentence(FILE *out, const kpi_milestones_view *v,
             size_t (*fn)(const kpi_milestones_view *, char *, size_t))
{
    char small[512];
    size_t n = fn(v, small, sizeof small);
    if (n == 0)
        return true;
    if (n < sizeof small)
        return fprintf(out, "%s\n", small) >= 0;
    char *big = kpi_malloc(n + 1);
    if (!big)
        return false;
    fn(v, big, n + 1);
    bool ok = fprintf(out, "%s\n", big) >= 0;
    kpi_free(big);
    return ok;
}

static bool
put_movements(FILE *out, const kpi_milestones_view *v)
{
    bool ok = true;
    for (size_t i = 0; ok && i < v->n_items; i++) {
        const kpi_milestone_item *it = &v->items[i];
        if (it->move == KPI_MILESTONE_SAME || it->move == KPI_MILESTONE_MISSING ||
            it->move == KPI_MILESTONE_NEW)
            continue;
        char before[KPI_PERIOD_TEXT_MAX], now[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(v->previous, before, sizeof before);
        kpi_period_format(v->period, now, sizeof now);
        ok = fprintf(out, "%s: %s in %s, %s in %s%s.", shown_name(it),
                     kpi_milestone_status_name(it->previous), before,
                     kpi_milestone_status_name(it->status), now,
                     it->reopened ? " (reopened after delivery)" : "") >= 0;
        if (ok && it->note[0])
            ok = fprintf(out, " %s", it->note) >= 0;
        ok = ok && fputc('\n', out) != EOF;
    }
    return ok;
}

/* Those first reported after their due period, then those not reported. */
static bool
put_exceptions(FILE *out, const kpi_milestones_view *v)
{
    bool ok = true;
    if (v->n_first_late) {
        ok = fprintf(out, "%zu %s first reported after %s due period:", v->n_first_late,
                     plural(v->n_first_late, "milestone was", "milestones were"),
                     plural(v->n_first_late, "its", "their")) >= 0;
        size_t k = 0;
        for (size_t i = 0; ok && i < v->n_items; i++) {
            const kpi_milestone_item *it = &v->items[i];
            if (!it->first_late)
                continue;
            char due[KPI_PERIOD_TEXT_MAX], first[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(it->due, due, sizeof due);
            kpi_period_format(it->first, first, sizeof first);
            ok = fprintf(out, "%s %s (due %s, first reported in %s)", k++ ? "," : "",
                         shown_name(it), due, first) >= 0;
        }
        ok = ok && fputs(".\n", out) != EOF;
    }
    size_t missing = v->all.by_status[KPI_MILESTONE_NOT_REPORTED];
    if (ok && missing) {
        char before[KPI_PERIOD_TEXT_MAX], now[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(v->previous, before, sizeof before);
        kpi_period_format(v->period, now, sizeof now);
        ok = fprintf(out, "%zu %s open in %s %s no row for %s:", missing,
                     plural(missing, "milestone", "milestones"), before,
                     plural(missing, "has", "have"), now) >= 0;
        size_t k = 0;
        for (size_t i = 0; ok && i < v->n_items; i++)
            if (v->items[i].move == KPI_MILESTONE_MISSING)
                ok = fprintf(out, "%s %s", k++ ? "," : "", shown_name(&v->items[i])) >= 0;
        ok = ok && fputs(".\n", out) != EOF;
    }
    return ok;
}

kpi_status
kpi_milestones_report_sentences(const kpi_milestones_view *v, FILE *out, kpi_error *err)
{
    bool ok = put_sentence(out, v, kpi_milestones_report_sentence) &&
              put_sentence(out, v, kpi_milestones_report_movement_sentence) &&
              put_movements(out, v) &&
              put_sentence(out, v, kpi_milestones_report_overdue_sentence) &&
              put_exceptions(out, v);
    if (!ok)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot write the sentences");
    return KPI_OK;
}

/* ---- tables ------------------------------------------------------------- */

/* Cells of one row, formatted once for every format. */
typedef struct cells {
    char period[KPI_PERIOD_TEXT_MAX], due[KPI_PERIOD_TEXT_MAX], first[KPI_PERIOD_TEXT_MAX];
    char late[24];
} cells;

static void
format_item(const kpi_milestones_view *v, const kpi_milestone_item *it, cells *c)
{
    kpi_period_format(v->period, c->period, sizeof c->period);
    c->due[0] = '\0';
    if (it->has_due)
        kpi_period_format(it->due, c->due, sizeof c->due);
    kpi_period_format(it->first, c->first, sizeof c->first);
    snprintf(c->late, sizeof c->late, "%d", (int)it->periods_late);
}

static const char *
yes_no(bool b)
{
    return b ? "yes" : "no";
}

static kpi_status
item_row(kpi_table *t, const kpi_milestones_view *v, const kpi_milestone_item *it,
         kpi_milestones_table which, kpi_error *err)
{
    cells c;
    format_item(v, it, &c);
    const char *status = kpi_milestone_status_name(it->status);
    const char *previous = it->has_previous ? kpi_milestone_status_name(it->previous) : NULL;
    const char *move = kpi_milestone_move_name(it->move);
    const char *due = it->has_due ? c.due : NULL;
    switch (which) {
    case KPI_MILESTONES_TABLE_REGISTER: {
        const char *row[] = {c.period,
                             it->id,
                             it->title,
                             it->theme,
                             due,
                             status,
                             previous,
                             move,
                             yes_no(it->overdue),
                             c.late,
                             yes_no(it->first_late),
                             it->note};
        return kpi_table_row(t, row, err);
    }
    case KPI_MILESTONES_TABLE_STATUS: {
        const char *row[] = {shown_name(it), it->theme, due,
                             status,         move,      it->overdue ? c.late : NULL};
        return kpi_table_row(t, row, err);
    }
    case KPI_MILESTONES_TABLE_MOVEMENTS: {
        const char *row[] = {shown_name(it), previous, status, move, it->note};
        return kpi_table_row(t, row, err);
    }
    default: {
        const char *row[] = {shown_name(it), due,
                             status,         it->overdue ? c.late : NULL,
                             c.first,        yes_no(it->first_late)};
        return kpi_table_row(t, row, err);
    }
    }
}

static kpi_status
counts_row(kpi_table *t, const kpi_milestone_counts *k, const char *name, kpi_error *err)
{
    char n[KPI_MILESTONE_STATUS_LAST + 1][24];
    snprintf(n[0], sizeof n[0], "%zu", k->total);
    for (size_t s = 0; s < KPI_MILESTONE_STATUS_LAST; s++)
        snprintf(n[s + 1], sizeof n[s + 1], "%zu", k->by_status[s]);
    const char *row[] = {name, n[0], n[1], n[2], n[3], n[4], n[5]};
    _Static_assert(COUNT(row) == KPI_MILESTONE_STATUS_LAST + 2, "a cell per status");
    return kpi_table_row(t, row, err);
}

static bool
in_table(const kpi_milestone_item *it, kpi_milestones_table which)
{
    switch (which) {
    case KPI_MILESTONES_TABLE_MOVEMENTS:
        return it->move != KPI_MILESTONE_SAME && it->move != KPI_MILESTONE_NEW;
    case KPI_MILESTONES_TABLE_OVERDUE: return it->overdue || it->first_late;
    default: return true;
    }
}

#define T KPI_COLUMN_TEXT
#define N KPI_COLUMN_NUMBER

/* Start table `which` of the register's report: on out in format f, or
 * as a sheet of wb when wb is not NULL, named sheet (NULL: the table's
 * name). */
static kpi_table *
table_start(kpi_milestones_table which, FILE *out, kpi_format f, kpi_workbook *wb,
            const char *sheet, kpi_error *err)
{
    static const char *const reg[] = {"period",
                                      "milestone",
                                      "title",
                                      "theme",
                                      "due",
                                      "status",
                                      "previous_status",
                                      "movement",
                                      "overdue",
                                      "periods_late",
                                      "first_reported_late",
                                      "note"};
    static const kpi_column_type reg_t[] = {T, T, T, T, T, T, T, T, T, N, T, T};
    static const char *const status[] = {"milestone", "theme",    "due",
                                         "status",    "movement", "periods_late"};
    static const kpi_column_type status_t[] = {T, T, T, T, T, N};
    static const char *const counts[] = {"theme",      "total",      "delivered",   "on_track",
                                         "some_delay", "not_stated", "not_reported"};
    static const kpi_column_type counts_t[] = {T, N, N, N, N, N, N};
    static const char *const moves[] = {"milestone", "previous_status", "status", "movement",
                                        "note"};
    static const char *const late[] = {
        "milestone", "due", "status", "periods_late", "first_reported", "first_reported_late"};
    static const kpi_column_type late_t[] = {T, T, T, N, T, T};
    static const struct {
        const char *const *names;
        const kpi_column_type *types;
        size_t n;
    } spec[] = {
        {reg, reg_t, COUNT(reg)},          {status, status_t, COUNT(status)},
        {counts, counts_t, COUNT(counts)}, {moves, NULL, COUNT(moves)},
        {late, late_t, COUNT(late)},
    };
    _Static_assert(COUNT(spec) == KPI_MILESTONES_TABLE_LAST, "one column list per table");
    if ((unsigned)which >= KPI_MILESTONES_TABLE_LAST) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "unknown milestones table %d", (int)which);
        return NULL;
    }
    if (wb)
        return kpi_workbook_table(wb, sheet ? sheet : kpi_milestones_report_table_name(which),
                                  spec[which].names, spec[which].types, spec[which].n, err);
    return kpi_table_new(out, f, spec[which].names, spec[which].types, spec[which].n, err);
}

/* Write the rows of table `which` to t and end t. */
static kpi_status
table_fill(const kpi_milestones_view *v, kpi_milestones_table which, kpi_table *t, kpi_error *err)
{
    kpi_status st = KPI_OK;
    if (which == KPI_MILESTONES_TABLE_COUNTS) {
        for (size_t i = 0; st == KPI_OK && i < v->n_themes; i++)
            st = counts_row(t, &v->themes[i], v->themes[i].theme, err);
        if (st == KPI_OK)
            st = counts_row(t, &v->all, "All", err);
    } else {
        for (size_t i = 0; st == KPI_OK && i < v->n_items; i++)
            if (in_table(&v->items[i], which))
                st = item_row(t, v, &v->items[i], which, err);
    }
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}

kpi_status
kpi_milestones_report_table(const kpi_milestones_view *v, kpi_milestones_table which, FILE *out,
                            kpi_format f, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_table *t = table_start(which, out, f, NULL, NULL, err);
    return t ? table_fill(v, which, t, err) : err->code;
}

kpi_status
kpi_milestones_report_sheet(const kpi_milestones_view *v, kpi_milestones_table which,
                            kpi_workbook *wb, const char *sheet, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_table *t = table_start(which, NULL, KPI_FORMAT_XLSX, wb, sheet, err);
    return t ? table_fill(v, which, t, err) : err->code;
}

kpi_status
kpi_milestones_report_workbook(const kpi_milestones_view *v, FILE *out, kpi_error *err)
{
    static const kpi_milestones_table order[] = {
        KPI_MILESTONES_TABLE_COUNTS, KPI_MILESTONES_TABLE_STATUS, KPI_MILESTONES_TABLE_MOVEMENTS,
        KPI_MILESTONES_TABLE_OVERDUE, KPI_MILESTONES_TABLE_REGISTER};
    _Static_assert(COUNT(order) == KPI_MILESTONES_TABLE_LAST, "every table has a sheet");
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_workbook *wb = kpi_workbook_new(out, err);
    if (!wb)
        return err->code;
    kpi_status st = KPI_OK;
    for (size_t i = 0; st == KPI_OK && i < COUNT(order); i++) {
        kpi_table *t = table_start(order[i], out, KPI_FORMAT_XLSX, wb, NULL, err);
        st = t ? table_fill(v, order[i], t, err) : err->code;
    }
    kpi_status closed = kpi_workbook_close(wb, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : closed;
}

#undef T
#undef N

kpi_status
kpi_milestones_report_write(const kpi_milestones_view *v, FILE *out, kpi_error *err)
{
    char when[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(v->period, when, sizeof when);
    static const struct {
        kpi_milestones_table table;
        const char *heading;
    } parts[] = {
        {KPI_MILESTONES_TABLE_COUNTS, "Status by theme"},
        {KPI_MILESTONES_TABLE_STATUS, "Milestones"},
        {KPI_MILESTONES_TABLE_MOVEMENTS, "Movements"},
        {KPI_MILESTONES_TABLE_OVERDUE, "Overdue and late"},
    };
    if (fprintf(out, "# Milestones, %s\n\n", when) < 0)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot write the report");
    kpi_status st = kpi_milestones_report_sentences(v, out, err);
    for (size_t i = 0; st == KPI_OK && i < COUNT(parts); i++) {
        if (fprintf(out, "\n## %s\n\n", parts[i].heading) < 0)
            return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot write the report");
        st = kpi_milestones_report_table(v, parts[i].table, out, KPI_FORMAT_MD, err);
    }
    return st;
}

/* ---- template fields ----------------------------------------------------- */

#define FIELD_NAMES                                                                                \
    "total, delivered, on_track, delay, not_stated, not_reported, overdue, first_late, "           \
    "forward, back, new, reopened, period, previous, sentence, movement_sentence or "              \
    "overdue_sentence"

static kpi_status
out_sentence(kpi_template_out *out, const kpi_milestones_view *v,
             size_t (*fn)(const kpi_milestones_view *, char *, size_t))
{
    size_t n = fn(v, NULL, 0);
    char *buf = kpi_malloc(n + 1);
    if (!buf)
        return KPI_ENOMEM;
    fn(v, buf, n + 1);
    kpi_status st = kpi_template_out_text(out, buf, n);
    kpi_free(buf);
    return st;
}

static kpi_status
out_period(kpi_template_out *out, bool has, kpi_period p)
{
    char s[KPI_PERIOD_TEXT_MAX];
    if (!has)
        return kpi_template_out_missing(out, "n/a");
    size_t n = kpi_period_format(p, s, sizeof s);
    return kpi_template_out_text(out, s, n);
}

static kpi_status
resolve_field(const kpi_milestones_view *v, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    static const struct {
        const char *name;
        kpi_milestone_status status;
    } by_status[] = {
        {"delivered", KPI_MILESTONE_DELIVERED},
        {"on_track", KPI_MILESTONE_ON_TRACK},
        {"delay", KPI_MILESTONE_DELAY},
        {"not_stated", KPI_MILESTONE_UNSTATED},
        {"not_reported", KPI_MILESTONE_NOT_REPORTED},
    };
    static const struct {
        const char *name;
        kpi_milestone_move move;
    } by_move[] = {
        {"forward", KPI_MILESTONE_FORWARD},
        {"back", KPI_MILESTONE_BACK},
        {"new", KPI_MILESTONE_NEW},
    };
    const char *f = r->field;
    for (size_t i = 0; i < COUNT(by_status); i++)
        if (strcmp(f, by_status[i].name) == 0) {
            kpi_template_out_number(out, (double)v->all.by_status[by_status[i].status], 0);
            return KPI_OK;
        }
    for (size_t i = 0; i < COUNT(by_move); i++)
        if (strcmp(f, by_move[i].name) == 0) {
            kpi_template_out_number(out, (double)v->by_move[by_move[i].move], 0);
            return KPI_OK;
        }
    const size_t *number = strcmp(f, "total") == 0        ? &v->all.total
                           : strcmp(f, "overdue") == 0    ? &v->n_overdue
                           : strcmp(f, "first_late") == 0 ? &v->n_first_late
                           : strcmp(f, "reopened") == 0   ? &v->n_reopened
                                                          : NULL;
    if (number) {
        kpi_template_out_number(out, (double)*number, 0);
        return KPI_OK;
    }
    if (strcmp(f, "period") == 0)
        return out_period(out, true, v->period);
    if (strcmp(f, "previous") == 0)
        return out_period(out, v->has_previous, v->previous);
    if (strcmp(f, "sentence") == 0)
        return out_sentence(out, v, kpi_milestones_report_sentence);
    if (strcmp(f, "movement_sentence") == 0)
        return out_sentence(out, v, kpi_milestones_report_movement_sentence);
    if (strcmp(f, "overdue_sentence") == 0)
        return out_sentence(out, v, kpi_milestones_report_overdue_sentence);
    if (!f[0])
        return kpi_error_set(
            err, KPI_EINVAL, NULL, 0, r->name_column,
            "'milestones' needs a field, as in milestones.delivered (fields: " FIELD_NAMES ")");
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->field_column,
                         "unknown field '%s' of 'milestones' (expected " FIELD_NAMES ")", f);
}

static kpi_status
resolve_table(const kpi_milestones_view *v, const kpi_template_ref *r, kpi_template_out *out,
              kpi_error *err)
{
    if (r->n_args < 1 || strcmp(r->args[0], "table") != 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->n_args ? r->arg_columns[0] : r->column,
                             "expected milestones:table or milestones:table:NAME, found "
                             "milestones:%s",
                             r->n_args ? r->args[0] : "");
    if (r->n_args > 2)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->arg_columns[2],
                             "too many arguments: milestones:table[:NAME]");
    kpi_milestones_table which = KPI_MILESTONES_TABLE_STATUS;
    if (r->n_args == 2) {
        kpi_status st = kpi_milestones_report_table_parse(r->args[1], &which, err);
        if (st != KPI_OK) {
            if (err)
                err->column = r->arg_columns[1];
            return st;
        }
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    kpi_status st = kpi_milestones_report_table(v, which, mem, KPI_FORMAT_MD, err);
    if (fclose(mem) != 0 && st == KPI_OK)
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == KPI_OK)
        st = kpi_template_out_markup(out, buf, len, KPI_ESCAPE_MD);
    free(buf);
    return st;
}

kpi_status
kpi_milestones_report_resolve(const kpi_milestones_view *v, const kpi_template_ref *ref,
                              kpi_template_out *out, kpi_error *err)
{
    kpi_status st = ref->kind[0] ? resolve_table(v, ref, out, err)
                                 : resolve_field(v, ref, out, err);
    if (st == KPI_ENOMEM && err && err->code != KPI_ENOMEM)
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return st;
}
