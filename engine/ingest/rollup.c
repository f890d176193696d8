#include "kpi/rollup.h"

#include "areas_private.h"

typedef struct parent {
    char *name;
    char **children;
    size_t n, cap;
} parent;

struct kpi_rollup {
    parent *parents;
    size_t n, cap;
};

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

static kpi_status
on_map_row(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    kpi_areas_table *t = ud;
    kpi_rollup *m = t->target;
    kpi_status st;
    if (row == 0)
        return kpi_areas_read_header(t, f, n, err);
    if ((st = kpi_areas_check_row(t, f, n, err)) != KPI_OK)
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
        if (!(p->name = kpi_areas_trimmed_copy(par)))
            goto nomem;
        m->n++;
    }
    for (size_t c = 0; c < p->n; c++)
        if (kpi_areas_same(p->children[c], child->text))
            return kpi_error_set(err, KPI_EDUPLICATE, t->source, child->line, child->column,
                                 "area '%s' is listed twice under '%s'", p->children[c], p->name);
    if (kpi_grow((void **)&p->children, &p->cap, p->n + 1, sizeof *p->children) != 0 ||
        !(p->children[p->n] = kpi_areas_trimmed_copy(child)))
        goto nomem;
    p->n++;
    return KPI_OK;
nomem:
    return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
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
    kpi_areas_table t = {
        .names = names, .n_names = 2, .n_required = 2, .expected = "area,parent", .target = m};
    if (kpi_areas_scan_path(path, &t, on_map_row, err) != KPI_OK) {
        kpi_rollup_free(m);
        return NULL;
    }
    return m;
}
