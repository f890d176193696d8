/* The .ods parser (OpenDocument): the manifest, for a password, and the
 * chosen table of content.xml, with its repeated rows and columns,
 * spanned cells, paragraphs and notes. */
#include <stdio.h>

#include "sheet_parse_private.h"

static void
manifest_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    (void)atts;
    if (strcmp(kpi_sheet_local(el), "encryption-data") == 0)
        s->encrypted = true;
}

static void
ods_start_cell(sheet *s, const char **atts, bool covered)
{
    s->cell_repeat = kpi_sheet_count_attr(atts, "number-columns-repeated", 1, MAX_COLUMNS);
    if (covered) {
        s->col += s->cell_repeat;
        return;
    }
    s->span_cols = kpi_sheet_count_attr(atts, "number-columns-spanned", 1, MAX_COLUMNS);
    s->span_rows = kpi_sheet_count_attr(atts, "number-rows-spanned", 1, MAX_ROWS);
    const char *type = kpi_sheet_attr(atts, "value-type");
    snprintf(s->value_type, sizeof s->value_type, "%s", type ? type : "");
    const char *v = NULL;
    if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
                 strcmp(type, "currency") == 0))
        v = kpi_sheet_attr(atts, "value");
    else if (type && strcmp(type, "date") == 0)
        v = kpi_sheet_attr(atts, "date-value");
    else if (type && strcmp(type, "boolean") == 0)
        v = kpi_sheet_attr(atts, "boolean-value");
    else if (type && strcmp(type, "string") == 0)
        v = kpi_sheet_attr(atts, "string-value");
    kpi_free(s->value);
    s->value = v ? kpi_strndup(v, strlen(v)) : NULL;
    if (v && !s->value)
        kpi_sheet_nomem(s);
    s->in_cell = 1;
    s->paragraphs = 0;
    s->chars.len = 0;
}

static void
ods_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    if (s->status != KPI_OK)
        return;
    if (strcmp(n, "table") == 0) {
        if (s->table_depth) {
            s->table_depth++;
            return;
        }
        const char *name = kpi_sheet_attr(atts, "name");
        if (!name)
            name = "";
        if (kpi_sheet_selected(s, s->n_sheets + 1, name)) {
            kpi_sheet_choose(s, name);
            s->table_depth = 1;
        }
        return;
    }
    if (s->table_depth != 1)
        return;
    if (strcmp(n, "table-row") == 0) {
        s->row_repeat = kpi_sheet_count_attr(atts, "number-rows-repeated", 1, MAX_ROWS);
        s->row = s->last_row + 1;
        s->col = 0;
    } else if (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0) {
        ods_start_cell(s, atts, n[0] == 'c');
    } else if (!s->in_cell) {
        return;
    } else if (strcmp(n, "annotation") == 0) {
        s->in_note++;
    } else if (s->in_note) {
        return;
    } else if (strcmp(n, "p") == 0 || strcmp(n, "h") == 0) {
        if (s->paragraphs++)
            kpi_sheet_put(s, &s->chars, "\n", 1);
        s->collect++;
    } else if (strcmp(n, "s") == 0) {
        unsigned long k = kpi_sheet_count_attr(atts, "c", 1, 1000);
        for (unsigned long i = 0; i < k && i < 1000; i++)
            kpi_sheet_put(s, &s->chars, " ", 1);
    } else if (strcmp(n, "tab") == 0) {
        kpi_sheet_put(s, &s->chars, "\t", 1);
    } else if (strcmp(n, "line-break") == 0) {
        kpi_sheet_put(s, &s->chars, "\n", 1);
    }
}

/* A cell's text: its typed value as stored, or its paragraphs. */
static void
ods_end_cell(sheet *s)
{
    const char *v = s->chars.len ? s->chars.p : "";
    size_t len = s->chars.len;
    cell_type type = CELL_TEXT;
    if (s->value) {
        const char *t = s->value_type;
        v = s->value;
        len = strlen(v);
        type = strcmp(t, "percentage") == 0 ? CELL_PERCENT
               : strcmp(t, "boolean") == 0  ? CELL_BOOLEAN
               : strcmp(t, "date") == 0     ? CELL_DATE
                                            : CELL_TEXT;
    }
    unsigned long first = s->col + 1;
    if (len && kpi_sheet_cell(s, first, s->cell_repeat, type, v, len) == KPI_OK &&
        (s->span_cols > 1 || s->span_rows > 1))
        kpi_sheet_add_merge(s, s->row, first, s->row + s->span_rows - 1, first + s->span_cols - 1);
    s->col += s->cell_repeat;
    s->in_cell = 0;
}

static void
ods_end(void *ud, const char *el)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    if (s->status != KPI_OK || !s->table_depth)
        return;
    if (strcmp(n, "table") == 0) {
        if (--s->table_depth == 0)
            kpi_sheet_finish(s);
        return;
    }
    if (s->table_depth != 1)
        return;
    if (strcmp(n, "table-cell") == 0) {
        ods_end_cell(s);
    } else if (strcmp(n, "annotation") == 0) {
        s->in_note--;
    } else if ((strcmp(n, "p") == 0 || strcmp(n, "h") == 0) && s->in_cell && !s->in_note) {
        s->collect--;
    } else if (strcmp(n, "table-row") == 0) {
        /* Repeated rows repeat; the run of empty rows that pads a sheet
         * to its end costs nothing. */
        bool blank = s->maxcol == 0 && !s->n_merges;
        if (!blank && s->row + s->row_repeat - 1 > MAX_ROWS) {
            kpi_sheet_fail(s, KPI_EIO, s->row, 0,
                           "rows past %lu, the most a sheet can have; the file is corrupt",
                           MAX_ROWS);
            return;
        }
        for (unsigned long k = 0; !blank && k < s->row_repeat && s->status == KPI_OK; k++) {
            s->row = s->last_row + 1 + k;
            kpi_sheet_emit_row(s);
        }
        kpi_sheet_row_reset(s);
        s->last_row += s->row_repeat;
    }
}

kpi_status
kpi_sheet_read_ods(sheet *s)
{
    if (kpi_sheet_parse_entry(s, "META-INF/manifest.xml", false, (handlers){manifest_start, NULL},
                              NULL) != KPI_OK)
        return s->status;
    if (s->encrypted)
        return kpi_sheet_fail(s, KPI_EIO, 0, 0,
                              "the workbook is password-protected: save it without a password");
    if (kpi_sheet_parse_entry(s, "content.xml", true, (handlers){ods_start, ods_end}, NULL) !=
        KPI_OK)
        return s->status;
    if (!s->table_depth && !s->done)
        return kpi_sheet_no_such_sheet(s);
    return KPI_OK;
}
