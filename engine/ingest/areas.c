#include "kpi/areas.h"

#include <errno.h>
#include <string.h>

#include "csvscan_private.h"
#include "kpi/value.h"

typedef struct parent {
    char *name;
    char **children;
    size_t n, cap;
} parent;

struct kpi_rollup {
    parent *parents;
    size_t n, cap;
};

bool
kpi_areas_same(const char *a, const char *b)
{
    return kpi_csv_name_eq(a, b);
}

void
kpi_rollup_free(kpi_rollup *m)
{
    if (!m)
        return;
    for (size_t p = 0; p < m->n; p++) {
        for (size_t c = 0; c < m->parents[p].n; c++)
            kpi_free(m->parents[p].children[c]);
        kpi_free(m->parents[p].children);
        kpi_free(m->parents[p].name);
    }
    kpi_free(m->parents);
    kpi_free(m);
}

size_t
kpi_rollup_n_parents(const kpi_rollup *m)
{
    return m->n;
}

const char *
kpi_rollup_parent(const kpi_rollup *m, size_t p)
{
    return m->parents[p].name;
}

size_t
kpi_rollup_n_children(const kpi_rollup *m, size_t p)
{
    return m->parents[p].n;
}

const char *
kpi_rollup_child(const kpi_rollup *m, size_t p, size_t c)
{
    return m->parents[p].children[c];
}

bool
kpi_rollup_has_child(const kpi_rollup *m, const char *area)
{
    for (size_t p = 0; p < m->n; p++)
        for (size_t c = 0; c < m->parents[p].n; c++)
            if (kpi_areas_same(m->parents[p].children[c], area))
                return true;
    return false;
}

/* Reading state shared by both files: the source name and the columns. */
typedef struct table_reader {
    const char *source;
    long col[3];
    const char *const *names; /* the wanted column names */
    size_t n_names;
    size_t n_required;
    const char *expected; /* the header, for messages */
    size_t ncols;
    void *target;
    int fy_start;
} table_reader;

static kpi_status
read_header(table_reader *t, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    t->ncols = n;
    for (size_t k = 0; k < t->n_names; k++) {
        t->col[k] = -1;
        for (size_t i = 0; i < n; i++)
            if (kpi_csv_name_eq(f[i].text, t->names[k]))
                t->col[k] = (long)i;
        if (t->col[k] < 0 && k < t->n_required)
            return kpi_error_set(err, KPI_ELAYOUT, t->source, 1, 1,
                                 "no '%s' column: expected the header %s", t->names[k],
                                 t->expected);
    }
    return KPI_OK;
}

static kpi_status
check_row(const table_reader *t, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    if (n != t->ncols) {
        const kpi_csv_field *at = n > t->ncols ? &f[t->ncols] : &f[n - 1];
        return kpi_error_set(err, KPI_ECSV, t->source, at->line, at->column,
                             "ragged row: expected %zu fields as in the header, found %zu",
                             t->ncols, n);
    }
    for (size_t k = 0; k < t->n_names; k++) {
        if (t->col[k] < 0)
            continue;
        const kpi_csv_field *c = &f[t->col[k]];
        size_t len = c->len;
        const char *s = c->text;
        while (len && *s == ' ') {
            s++;
            len--;
        }
        if (len == 0)
            return kpi_error_set(err, KPI_ELAYOUT, t->source, c->line, c->column,
                                 "column '%s': expected a value, found an empty cell",
                                 t->names[k]);
    }
    return KPI_OK;
}

static char *
trimmed_copy(const kpi_csv_field *f)
{
    const char *s = f->text;
    size_t len = f->len;
    while (len && *s == ' ') {
        s++;
        len--;
    }
    while (len && s[len - 1] == ' ')
        len--;
    return kpi_strndup(s, len);
}

static kpi_status
on_map_row(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    table_reader *t = ud;
    kpi_rollup *m = t->target;
    kpi_status st;
    if (row == 0)
        return read_header(t, f, n, err);
    if ((st = check_row(t, f, n, err)) != KPI_OK)
        return st;
    const kpi_csv_field *child = &f[t->col[0]], *par = &f[t->col[1]];
    parent *p = NULL;
    for (size_t i = 0; i < m->n && !p; i++)
        if (kpi_areas_same(m->parents[i].name, par->text))
            p = &m->parents[i];
    if (!p) {
        if (kpi_grow((void **)&m->parents, &m->cap, m->n + 1, sizeof *m->parents) != 0)
            goto nomem;
        p = &m->parents[m->n];
        *p = (parent){0};
        if (!(p->name = trimmed_copy(par)))
            goto nomem;
        m->n++;
    }
    for (size_t c = 0; c < p->n; c++)
        if (kpi_areas_same(p->children[c], child->text))
            return kpi_error_set(err, KPI_EDUPLICATE, t->source, child->line, child->column,
                                 "area '%s' is listed twice under '%s'", p->children[c],
                                 p->name);
    if (kpi_grow((void **)&p->children, &p->cap, p->n + 1, sizeof *p->children) != 0 ||
        !(p->children[p->n] = trimmed_copy(child)))
        goto nomem;
    p->n++;
    return KPI_OK;
nomem:
    return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
}

/* Open path ("-" is stdin) and scan it with fn. */
static kpi_status
scan_path(const char *path, table_reader *t, kpi_csv_row_fn fn, kpi_error *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    t->source = fp == stdin ? "<stdin>" : path;
    if (!fp)
        return kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    kpi_status st = kpi_csv_scan(fp, t->source, 0, fn, t, NULL, err);
    if (st == KPI_OK && t->ncols == 0)
        st = kpi_error_set(err, KPI_ELAYOUT, t->source, 1, 1,
                           "the file is empty: expected a header row");
    if (fp != stdin)
        fclose(fp);
    return st;
}

kpi_rollup *
kpi_rollup_read(const char *path, kpi_error *err)
{
    static const char *const names[] = {"area", "parent"};
    kpi_rollup *m = kpi_calloc(1, sizeof *m);
    if (!m) {
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    table_reader t = {.names = names, .n_names = 2, .n_required = 2,
                      .expected = "area,parent", .target = m};
    if (scan_path(path, &t, on_map_row, err) != KPI_OK) {
        kpi_rollup_free(m);
        return NULL;
    }
    return m;
}

/* ---- populations ----------------------------------------------------------- */

typedef struct pop_row {
    char *area;
    kpi_period period; /* freq NONE when the file has no period column */
    double people;
} pop_row;

struct kpi_population {
    pop_row *rows;
    size_t n, cap;
    int fy_start;
};

void
kpi_population_free(kpi_population *pop)
{
    if (!pop)
        return;
    for (size_t i = 0; i < pop->n; i++)
        kpi_free(pop->rows[i].area);
    kpi_free(pop->rows);
    kpi_free(pop);
}

static kpi_status
on_pop_row(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    table_reader *t = ud;
    kpi_population *pop = t->target;
    kpi_status st;
    if (row == 0)
        return read_header(t, f, n, err);
    if ((st = check_row(t, f, n, err)) != KPI_OK)
        return st;
    pop_row r = {.period = {KPI_FREQ_NONE, 0}};
    const kpi_csv_field *people = &f[t->col[1]];
    kpi_value v;
    if (kpi_value_parse(people->text, people->len, NULL, &v, err) != KPI_OK ||
        v.kind != KPI_VALUE_NUMBER || !(v.number > 0))
        return kpi_error_set(err, KPI_EVALUE, t->source, people->line, people->column,
                             "column 'population': expected a positive number, found '%s'",
                             people->text);
    r.people = v.number;
    if (t->col[2] >= 0) {
        const kpi_csv_field *c = &f[t->col[2]];
        /* Populations are yearly, so "2011-12" is the financial year.  The
         * parser's message goes through a record of our own: err may be
         * NULL. */
        kpi_error why;
        kpi_error_clear(&why);
        if (kpi_period_parse(c->text, c->len, KPI_FREQ_FYEAR, &r.period, NULL, &why) != KPI_OK)
            return kpi_error_set(err, KPI_EPERIOD, t->source, c->line, c->column,
                                 "column 'period': %s", why.message);
        /* A finer row ("2019-06-30" for a mid-year estimate) would contain
         * almost no period of the data, and every rate would silently go
         * missing. */
        if (r.period.freq != KPI_FREQ_YEAR && r.period.freq != KPI_FREQ_FYEAR)
            return kpi_error_set(err, KPI_EPERIOD, t->source, c->line, c->column,
                                 "column 'period': expected a year or a financial year "
                                 "(2019, 2019-20), found '%s'",
                                 c->text);
    }
    for (size_t i = 0; i < pop->n; i++)
        if (kpi_areas_same(pop->rows[i].area, f[t->col[0]].text) &&
            kpi_period_cmp(pop->rows[i].period, r.period) == 0)
            return kpi_error_set(err, KPI_EDUPLICATE, t->source, f[t->col[0]].line,
                                 f[t->col[0]].column, "area '%s' has two populations%s",
                                 pop->rows[i].area, t->col[2] >= 0 ? " for one period" : "");
    if (kpi_grow((void **)&pop->rows, &pop->cap, pop->n + 1, sizeof *pop->rows) != 0 ||
        !(r.area = trimmed_copy(&f[t->col[0]])))
        return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
    pop->rows[pop->n++] = r;
    return KPI_OK;
}

kpi_population *
kpi_population_read(const char *path, int fy_start, kpi_error *err)
{
    static const char *const names[] = {"area", "population", "period"};
    kpi_population *pop = kpi_calloc(1, sizeof *pop);
    if (!pop) {
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    pop->fy_start = fy_start;
    table_reader t = {.names = names, .n_names = 3, .n_required = 2,
                      .expected = "area,population or area,period,population", .target = pop};
    if (scan_path(path, &t, on_pop_row, err) != KPI_OK) {
        kpi_population_free(pop);
        return NULL;
    }
    return pop;
}

bool
kpi_population_find(const kpi_population *pop, const char *area, kpi_period p, double *out)
{
    for (size_t i = 0; i < pop->n; i++) {
        const pop_row *r = &pop->rows[i];
        if (!kpi_areas_same(r->area, area))
            continue;
        kpi_period inside;
        if (r->period.freq == KPI_FREQ_NONE ||
            (kpi_period_convert(p, r->period.freq, pop->fy_start, &inside, NULL) == KPI_OK &&
             inside.ordinal == r->period.ordinal)) {
            *out = r->people;
            return true;
        }
    }
    return false;
}
