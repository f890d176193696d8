#include "kpi/population.h"

#include "areas_private.h"
#include "kpi/value.h"

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
    kpi_areas_table *t = ud;
    kpi_population *pop = t->target;
    kpi_status st;
    if (row == 0)
        return kpi_areas_read_header(t, f, n, err);
    if ((st = kpi_areas_check_row(t, f, n, err)) != KPI_OK)
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
        !(r.area = kpi_areas_trimmed_copy(&f[t->col[0]])))
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
    kpi_areas_table t = {.names = names,
                         .n_names = 3,
                         .n_required = 2,
                         .expected = "area,population or area,period,population",
                         .target = pop};
    if (kpi_areas_scan_path(path, &t, on_pop_row, err) != KPI_OK) {
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
