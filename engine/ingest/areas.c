#include "kpi/areas.h"

#include <string.h>

#include "areas_private.h"
#include "sheet_private.h"

bool
kpi_areas_same(const char *a, const char *b)
{
    return kpi_csv_name_eq(a, b);
}

kpi_status
kpi_areas_read_header(kpi_areas_table *t, const kpi_csv_field *f, size_t n, kpi_error *err)
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

kpi_status
kpi_areas_check_row(const kpi_areas_table *t, const kpi_csv_field *f, size_t n, kpi_error *err)
{
    if (n != t->ncols)
        return kpi_csv_ragged(t->source, f, n, t->ncols, err);
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
                                 "column '%s': expected a value, found an empty cell", t->names[k]);
    }
    return KPI_OK;
}

char *
kpi_areas_trimmed_copy(const kpi_csv_field *f)
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

kpi_status
kpi_areas_scan_path(const char *path, kpi_areas_table *t, kpi_csv_row_fn fn, kpi_error *err)
{
    kpi_sheet_table file;
    kpi_status st = kpi_sheet_table_open(path, &file, err);
    t->source = file.source;
    if (st == KPI_OK)
        st = kpi_sheet_table_scan(&file, NULL, fn, t, err);
    if (st == KPI_OK && t->ncols == 0)
        st = kpi_error_set(err, KPI_ELAYOUT, t->source, 1, 1,
                           "the file is empty: expected a header row");
    kpi_sheet_table_close(&file);
    return st;
}
