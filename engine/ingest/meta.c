#include "kpi/meta.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "alloc_private.h"
#include "csvscan_private.h"
#include "sheet_private.h"
#include "kpi/areas.h"
#include "kpi/value.h"

/* A row with an area: that area's target for an indicator.  Once the
 * file is read, im is the indicator's metadata with the area's target in
 * place (strings borrowed from the indicator's row).  An entry whose area
 * is NULL is the view over several areas of an indicator whose areas have
 * targets of their own: no single target holds for all of them. */
typedef struct area_meta {
    char *id;   /* owned */
    char *area; /* owned; NULL for the view over several areas */
    kpi_target_op target_op;
    double target;
    unsigned long line, column; /* of the id cell, for a missing indicator */
    kpi_indicator_meta im;
} area_meta;

/* Metadata files describe dozens of indicators, not thousands, so lookups
 * and the duplicate check scan the array in file order instead of keeping
 * an index. */
struct kpi_meta {
    kpi_indicator_meta *items;
    size_t n, cap;
    area_meta *areas;
    size_t n_areas, cap_areas;
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

enum column {
    COL_INDICATOR,
    COL_LABEL,
    COL_UNIT,
    COL_BETTER,
    COL_AGGREGATION,
    COL_TARGET,
    COL_TARGET_OP,
    COL_DECIMALS,
    COL_SINGULAR,
    COL_PLURAL,
    COL_PHRASE,
    COL_ALIASES,
    COL_AREA,
    COL_COUNT
};

static const char *const column_names[] = {
    "indicator", "label",    "unit",   "better", "aggregation", "target", "target_op",
    "decimals",  "singular", "plural", "phrase", "aliases",     "area",
};

_Static_assert(COUNT(column_names) == COL_COUNT, "column_names must have one entry per column");

#define EXPECTED_HEADER "indicator,label,unit,better,aggregation,target,target_op,decimals"

/* The enum names double as the accepted cell texts, in enum order. */
static const char *const better_names[] = {"none", "up", "down"};
static const char *const agg_names[] = {"sum", "mean", "last"};
static const char *const target_op_names[] = {"", "<=", ">="};

_Static_assert(COUNT(better_names) == KPI_BETTER_DOWN + 1, "one name per kpi_better");
_Static_assert(COUNT(agg_names) == KPI_AGG_LAST + 1, "one name per kpi_agg");
_Static_assert(COUNT(target_op_names) == KPI_TARGET_GE + 1, "one name per kpi_target_op");

#define ABSENT SIZE_MAX

typedef struct reader {
    kpi_meta *m;
    const char *source;
    bool seen_header;
    size_t n_header;
    size_t where[COL_COUNT]; /* field index of each known column, or ABSENT */
} reader;

/* One cell, trimmed.  A column the header lacks reads as an empty cell
 * located at the row's start, so defaults need no special case. */
typedef struct cell {
    const char *text;
    size_t len;
    unsigned long line, column;
    bool present;
} cell;

static cell
get_cell(const reader *r, const kpi_csv_field *f, enum column c)
{
    cell out = {"", 0, f[0].line, f[0].column, false};
    if (r->where[c] == ABSENT)
        return out;
    const kpi_csv_field *fld = &f[r->where[c]];
    size_t n = fld->len;
    const char *s = kpi_csv_trim(fld->text, &n);
    return (cell){s, n, fld->line, fld->column, true};
}

static kpi_status
bad_cell(const reader *r, const cell *c, enum column col, const char *expected, kpi_error *err)
{
    return kpi_error_set(err, KPI_EMETA, r->source, c->line, c->column,
                         "column '%s': expected %s, found '%.*s'", column_names[col], expected,
                         kpi_csv_quote_len(c->text, c->len), c->text);
}

static bool
cell_is(const cell *c, const char *word)
{
    size_t n = strlen(word);
    if (c->len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = c->text[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != word[i])
            return false;
    }
    return true;
}

/* Index of the cell's text among names[0..n), matched ignoring case; 0
 * when the cell is empty (every enum's first value is its default); -1
 * when it is none of them. */
static int
match_name(const cell *c, const char *const *names, size_t n)
{
    if (c->len == 0)
        return 0;
    for (int i = 0; (size_t)i < n; i++)
        if (names[i][0] && cell_is(c, names[i]))
            return i;
    return -1;
}

static void
join_fields(const kpi_csv_field *f, size_t n, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        int w = snprintf(buf + o, size - o, "%s%s", i ? "," : "", f[i].text);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

static kpi_status
read_header(reader *r, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    r->seen_header = true;
    r->n_header = n;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < COL_COUNT; c++) {
            if (!kpi_csv_name_eq(f[i].text, column_names[c]))
                continue;
            if (r->where[c] != ABSENT)
                return kpi_error_set(err, KPI_EMETA, r->source, f[i].line, f[i].column,
                                     "header: expected each column once, found '%s' again "
                                     "(first at column %lu)",
                                     column_names[c], f[r->where[c]].column);
            r->where[c] = i;
        }
    }
    if (r->where[COL_INDICATOR] == ABSENT) {
        char found[KPI_CSV_QUOTE_MAX + 1];
        join_fields(f, n, found, sizeof found);
        return kpi_error_set(
            err, KPI_EMETA, r->source, f[0].line, 1,
            "header: expected an 'indicator' column (" EXPECTED_HEADER "), found '%s'", found);
    }
    return KPI_OK;
}

static const kpi_indicator_meta *
find_span(const kpi_meta *m, const char *id, size_t len)
{
    for (size_t i = 0; i < m->n; i++)
        if (strlen(m->items[i].id) == len && memcmp(m->items[i].id, id, len) == 0)
            return &m->items[i];
    return NULL;
}

/* The target and its operator come as a pair: a target alone cannot say
 * whether it is a ceiling or a floor, and an operator alone compares with
 * nothing. */
static kpi_status
check_target_pair(const reader *r, const cell *target, const cell *op, kpi_error *err)
{
    bool has_target = target->len > 0, has_op = op->len > 0;
    if (has_target == has_op)
        return KPI_OK;
    if (!op->present)
        return kpi_error_set(err, KPI_EMETA, r->source, target->line, target->column,
                             "column 'target': a target needs a target_op column saying <= or "
                             ">=, found '%.*s' without one",
                             kpi_csv_quote_len(target->text, target->len), target->text);
    if (has_target)
        return bad_cell(r, op, COL_TARGET_OP, "<= or >= since a target is set", err);
    return bad_cell(r, op, COL_TARGET_OP, "nothing since there is no target", err);
}

static kpi_status
parse_target(const reader *r, const cell *c, double *out, kpi_error *err)
{
    if (c->len == 0)
        return KPI_OK;
    kpi_value v;
    kpi_status st = kpi_value_parse(c->text, c->len, NULL, &v, err);
    if (st == KPI_ENOMEM)
        return kpi_error_set(err, KPI_ENOMEM, r->source, c->line, c->column, "%s", "out of memory");
    if (st != KPI_OK || v.kind != KPI_VALUE_NUMBER)
        return bad_cell(r, c, COL_TARGET, "a number, or nothing for no target", err);
    *out = v.number;
    return KPI_OK;
}

static kpi_status
parse_decimals(const reader *r, const cell *c, int *out, kpi_error *err)
{
    if (c->len == 0) {
        *out = -1;
        return KPI_OK;
    }
    int d = 0;
    for (size_t i = 0; i < c->len; i++) {
        if (c->text[i] < '0' || c->text[i] > '9' || d * 10 + (c->text[i] - '0') > 15)
            return bad_cell(r, c, COL_DECIMALS, "a whole number from 0 to 15", err);
        d = d * 10 + (c->text[i] - '0');
    }
    *out = d;
    return KPI_OK;
}

/* Copy the cells into the next slot.  Everything is validated before this,
 * so a failure here can only be memory.  The words of sentences follow
 * the unit: the plural defaults to it. */
static kpi_status
store(reader *r, kpi_indicator_meta *im, const kpi_csv_field *f, const cell *id, kpi_error *err)
{
    kpi_meta *m = r->m;
    cell label = get_cell(r, f, COL_LABEL);
    cell unit = get_cell(r, f, COL_UNIT);
    cell singular = get_cell(r, f, COL_SINGULAR);
    cell plural = get_cell(r, f, COL_PLURAL);
    cell phrase = get_cell(r, f, COL_PHRASE);
    cell aliases = get_cell(r, f, COL_ALIASES);
    const cell *shown = label.len ? &label : id;
    const cell *plural_shown = plural.len ? &plural : &unit;
    char *s[7] = {
        kpi_strndup(id->text, id->len),
        kpi_strndup(shown->text, shown->len),
        kpi_strndup(unit.text, unit.len),
        kpi_strndup(singular.text, singular.len),
        kpi_strndup(plural_shown->text, plural_shown->len),
        kpi_strndup(phrase.text, phrase.len),
        kpi_strndup(aliases.text, aliases.len),
    };
    bool ok = true;
    for (size_t i = 0; i < COUNT(s); i++)
        ok = ok && s[i];
    if (!ok || kpi_grow((void **)&m->items, &m->cap, m->n + 1, sizeof *m->items) != 0) {
        for (size_t i = 0; i < COUNT(s); i++)
            kpi_free(s[i]);
        return kpi_error_set(err, KPI_ENOMEM, r->source, id->line, id->column, "%s",
                             "out of memory");
    }
    im->id = s[0];
    im->label = s[1];
    im->unit = s[2];
    im->singular = s[3];
    im->plural = s[4];
    im->phrase = s[5];
    im->aliases = s[6];
    m->items[m->n++] = *im;
    return KPI_OK;
}

static const area_meta *
find_area_span(const kpi_meta *m, const char *id, size_t len, const char *area)
{
    for (size_t i = 0; i < m->n_areas; i++) {
        const area_meta *a = &m->areas[i];
        if (strlen(a->id) == len && memcmp(a->id, id, len) == 0 &&
            (area ? a->area && kpi_areas_same(a->area, area) : !a->area))
            return a;
    }
    return NULL;
}

/* Parse a target and its operator into *target and *op. */
static kpi_status
read_target(reader *r, const kpi_csv_field *f, double *target, kpi_target_op *op, kpi_error *err)
{
    cell t = get_cell(r, f, COL_TARGET);
    kpi_status st = parse_target(r, &t, target, err);
    if (st != KPI_OK)
        return st;
    cell c = get_cell(r, f, COL_TARGET_OP);
    int o = match_name(&c, target_op_names, COUNT(target_op_names));
    if (o < 0)
        return bad_cell(r, &c, COL_TARGET_OP, "<= or >=", err);
    *op = (kpi_target_op)o;
    return check_target_pair(r, &t, &c, err);
}

/* A row for one area: a target and nothing else, since the label, unit,
 * direction and the rest describe the indicator everywhere.  An empty
 * target says the area has none. */
static kpi_status
read_area_row(reader *r, const kpi_csv_field *f, const cell *id, const cell *area, kpi_error *err)
{
    for (int c = 0; c < COL_COUNT; c++) {
        cell other = get_cell(r, f, (enum column)c);
        if (c == COL_INDICATOR || c == COL_AREA || c == COL_TARGET || c == COL_TARGET_OP ||
            other.len == 0)
            continue;
        return kpi_error_set(err, KPI_EMETA, r->source, other.line, other.column,
                             "column '%s': a row for one area gives only its target and "
                             "target_op, found '%.*s' (the indicator's %s goes on its row "
                             "without an area)",
                             column_names[c], kpi_csv_quote_len(other.text, other.len), other.text,
                             column_names[c]);
    }
    area_meta a = {.line = id->line, .column = id->column};
    kpi_status st = read_target(r, f, &a.target, &a.target_op, err);
    if (st != KPI_OK)
        return st;
    kpi_meta *m = r->m;
    a.id = kpi_strndup(id->text, id->len);
    a.area = kpi_strndup(area->text, area->len);
    if (!a.id || !a.area ||
        kpi_grow((void **)&m->areas, &m->cap_areas, m->n_areas + 1, sizeof *m->areas) != 0) {
        kpi_free(a.id);
        kpi_free(a.area);
        return kpi_error_set(err, KPI_ENOMEM, r->source, id->line, id->column, "%s",
                             "out of memory");
    }
    const area_meta *twice = find_area_span(m, id->text, id->len, a.area);
    if (twice) {
        st = kpi_error_set(err, KPI_EMETA, r->source, area->line, area->column,
                           "column 'area': expected one row for each indicator and area, "
                           "found '%s' for '%s' again (first on line %lu)",
                           a.area, a.id, twice->line);
        kpi_free(a.id);
        kpi_free(a.area);
        return st;
    }
    m->areas[m->n_areas++] = a;
    return KPI_OK;
}

static kpi_status
read_row(reader *r, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    if (n != r->n_header)
        return kpi_csv_ragged(r->source, f, n, r->n_header, err);
    kpi_indicator_meta im = {.line = f[0].line};
    cell id = get_cell(r, f, COL_INDICATOR);
    if (id.len == 0)
        return bad_cell(r, &id, COL_INDICATOR, "an indicator id", err);
    cell area = get_cell(r, f, COL_AREA);
    if (area.len)
        return read_area_row(r, f, &id, &area, err);
    const kpi_indicator_meta *first = find_span(r->m, id.text, id.len);
    if (first)
        return kpi_error_set(err, KPI_EMETA, r->source, id.line, id.column,
                             "column 'indicator': expected each id once, found '%.*s' again "
                             "(first defined on line %lu)",
                             kpi_csv_quote_len(id.text, id.len), id.text, first->line);

    cell better = get_cell(r, f, COL_BETTER);
    int b = match_name(&better, better_names, COUNT(better_names));
    if (b < 0)
        return bad_cell(r, &better, COL_BETTER, "up, down or none", err);
    im.better = (kpi_better)b;

    cell agg = get_cell(r, f, COL_AGGREGATION);
    int a = match_name(&agg, agg_names, COUNT(agg_names));
    if (a < 0)
        return bad_cell(r, &agg, COL_AGGREGATION, "sum, mean or last", err);
    im.aggregation = (kpi_agg)a;

    kpi_status st = read_target(r, f, &im.target, &im.target_op, err);
    if (st != KPI_OK)
        return st;

    cell dec = get_cell(r, f, COL_DECIMALS);
    st = parse_decimals(r, &dec, &im.decimals, err);
    if (st != KPI_OK)
        return st;

    return store(r, &im, f, &id, err);
}

/* Complete each area's metadata from its indicator's row, which may come
 * before or after it, and add the view over several areas of each
 * indicator that has area rows. */
static kpi_status
resolve_areas(reader *r, kpi_error *err)
{
    kpi_meta *m = r->m;
    size_t n_rows = m->n_areas;
    for (size_t i = 0; i < n_rows; i++) {
        area_meta *a = &m->areas[i];
        const kpi_indicator_meta *base = find_span(m, a->id, strlen(a->id));
        if (!base)
            return kpi_error_set(err, KPI_EMETA, r->source, a->line, a->column,
                                 "column 'indicator': '%s' has a row for the area '%s' but "
                                 "none of its own (a row with the area empty, giving its "
                                 "label, unit and the rest)",
                                 a->id, a->area);
        a->im = *base;
        a->im.target = a->target;
        a->im.target_op = a->target_op;
        a->im.line = a->line;
        if (find_area_span(m, a->id, strlen(a->id), NULL))
            continue;
        area_meta all = {.id = kpi_strndup(a->id, strlen(a->id)), .line = base->line};
        if (!all.id ||
            kpi_grow((void **)&m->areas, &m->cap_areas, m->n_areas + 1, sizeof *m->areas) != 0) {
            kpi_free(all.id);
            return kpi_error_set(err, KPI_ENOMEM, r->source, 0, 0, "%s", "out of memory");
        }
        all.im = *base;
        all.im.target_op = KPI_TARGET_NONE;
        all.im.target = 0;
        m->areas[m->n_areas++] = all;
    }
    return KPI_OK;
}

static kpi_status
on_row(void *ud, const kpi_csv_field *fields, size_t n, size_t row_index, kpi_error *err)
{
    reader *r = ud;
    assert(n > 0);
    if (row_index == 0)
        return read_header(r, fields, n, err);
    return read_row(r, fields, n, err);
}

/* Read t (a workbook from the sheet it names, else its "metadata"
 * sheet, or its first). */
static kpi_meta *
meta_read(const kpi_sheet_table *t, kpi_error *err)
{
    assert(t->fp != NULL);
    const char *source = t->source;
    reader r = {.source = source};
    for (int c = 0; c < COL_COUNT; c++)
        r.where[c] = ABSENT;
    r.m = kpi_calloc(1, sizeof *r.m);
    if (!r.m) {
        kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "%s", "out of memory");
        return NULL;
    }
    kpi_status st = kpi_sheet_table_scan(t, "metadata", on_row, &r, err);
    if (st == KPI_OK && !r.seen_header)
        st = kpi_error_set(err, KPI_EMETA, source, 1, 1,
                           "header: expected " EXPECTED_HEADER ", found an empty file");
    if (st == KPI_OK)
        st = resolve_areas(&r, err);
    if (st != KPI_OK) {
        kpi_meta_free(r.m);
        return NULL;
    }
    return r.m;
}

kpi_meta *
kpi_meta_read_stream(FILE *fp, const char *source, kpi_error *err)
{
    kpi_sheet_table t = {.fp = fp, .source = source};
    return meta_read(&t, err);
}

kpi_meta *
kpi_meta_read(const char *path, kpi_error *err)
{
    assert(path != NULL);
    kpi_sheet_table t;
    kpi_meta *m = kpi_sheet_table_open(path, &t, err) == KPI_OK ? meta_read(&t, err) : NULL;
    kpi_sheet_table_close(&t);
    return m;
}

void
kpi_meta_free(kpi_meta *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        kpi_free((char *)m->items[i].id);
        kpi_free((char *)m->items[i].label);
        kpi_free((char *)m->items[i].unit);
        kpi_free((char *)m->items[i].singular);
        kpi_free((char *)m->items[i].plural);
        kpi_free((char *)m->items[i].phrase);
        kpi_free((char *)m->items[i].aliases);
    }
    for (size_t i = 0; i < m->n_areas; i++) {
        kpi_free(m->areas[i].id);
        kpi_free(m->areas[i].area);
    }
    kpi_free(m->areas);
    kpi_free(m->items);
    kpi_free(m);
}

size_t
kpi_meta_count(const kpi_meta *m)
{
    assert(m != NULL);
    return m->n;
}

const kpi_indicator_meta *
kpi_meta_at(const kpi_meta *m, size_t i)
{
    assert(m != NULL && i < m->n);
    return &m->items[i];
}

const kpi_indicator_meta *
kpi_meta_find(const kpi_meta *m, const char *id)
{
    if (!m)
        return NULL;
    assert(id != NULL);
    return find_span(m, id, strlen(id));
}

const kpi_indicator_meta *
kpi_meta_find_area(const kpi_meta *m, const char *id, const char *area)
{
    if (!m)
        return NULL;
    assert(id != NULL);
    size_t len = strlen(id);
    const area_meta *a = find_area_span(m, id, len, area);
    return a ? &a->im : find_span(m, id, len);
}

const kpi_indicator_meta *
kpi_meta_find_series(const kpi_meta *m, const kpi_series *se)
{
    return kpi_meta_find_area(m, kpi_series_indicator(se), kpi_series_area(se));
}

const char *
kpi_better_name(kpi_better b)
{
    if ((int)b < 0 || (size_t)b >= COUNT(better_names))
        return "unknown";
    return better_names[b];
}

const char *
kpi_agg_name(kpi_agg a)
{
    if ((int)a < 0 || (size_t)a >= COUNT(agg_names))
        return "unknown";
    return agg_names[a];
}

const char *
kpi_target_op_name(kpi_target_op op)
{
    if ((int)op < 0 || (size_t)op >= COUNT(target_op_names))
        return "unknown";
    return target_op_names[op];
}
