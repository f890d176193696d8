#include "kpi/workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "alloc_private.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/store.h"
#include "kpi/value.h"
#include "table_private.h"

/* Decimals a number format is made for: kpi writes at most 15. */
#define MAX_DECIMALS 15
/* Column widths, in characters: no narrower than a short number, no wider
 * than a screen's share. */
#define MIN_WIDTH 6
#define MAX_WIDTH 60

struct kpi_workbook {
    FILE *out;
    char path[64]; /* libxlsxwriter writes a file: a temporary one */
    lxw_workbook *wb;
    lxw_format *bold;
    lxw_format *number[2][MAX_DECIMALS + 1]; /* [percent][decimals], made when needed */
    lxw_format *fraction[MAX_DECIMALS + 1];  /* percentages stored as fractions */
    kpi_status status;
    kpi_error first;
    bool sheet_open;
};

struct kpi_sheet_writer {
    kpi_workbook *wb;
    lxw_worksheet *ws;
    size_t ncols;
    kpi_column_type *types;
    bool *percent;
    double *width;
    lxw_row_t row;
};

static kpi_status
wb_fail(kpi_workbook *wb, kpi_status code, const char *what, lxw_error e, kpi_error *err)
{
    if (wb->status == KPI_OK)
        wb->status = kpi_error_set(&wb->first, code, NULL, 0, 0, "%s: %s", what, lxw_strerror(e));
    if (err)
        *err = wb->first;
    return wb->status;
}

kpi_workbook *
kpi_workbook_new(FILE *out, kpi_error *err)
{
    kpi_workbook *wb = kpi_calloc(1, sizeof *wb);
    if (!wb) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    wb->out = out;
    const char *dir = getenv("TMPDIR");
    snprintf(wb->path, sizeof wb->path, "%s/kpi-xlsx-XXXXXX",
             dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
    int fd = mkstemp(wb->path);
    if (fd < 0) {
        kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot make a temporary file for the workbook: %s",
                      strerror(errno));
        kpi_free(wb);
        return NULL;
    }
    close(fd);
    /* Constant-memory mode streams each row to a temporary file as it is
     * finished, so a million rows cost no more memory than one. */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    wb->wb = workbook_new_opt(wb->path, &opt);
    if (!wb->wb || !(wb->bold = workbook_add_format(wb->wb))) {
        if (wb->wb)
            workbook_close(wb->wb);
        unlink(wb->path);
        kpi_free(wb);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    format_set_bold(wb->bold);
    return wb;
}

static int
clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals;
}

/* The format in *slot, made on first use: a number with decimals places
 * and suffix after it. */
static lxw_format *
cached_format(kpi_workbook *wb, lxw_format **slot, int decimals, const char *suffix)
{
    if (*slot)
        return *slot;
    char code[40] = "0";
    if (decimals) {
        code[1] = '.';
        memset(code + 2, '0', (size_t)decimals);
        code[2 + decimals] = '\0';
    }
    strcat(code, suffix);
    if ((*slot = workbook_add_format(wb->wb)) != NULL)
        format_set_num_format(*slot, code);
    return *slot;
}

/* A number with its decimals, and a % sign after a percentage column's
 * (whose value stays the percentage as written). */
static lxw_format *
number_format(kpi_workbook *wb, int decimals, bool percent)
{
    decimals = clamp_decimals(decimals);
    return cached_format(wb, &wb->number[percent][decimals], decimals, percent ? "\"%\"" : "");
}

/* A spreadsheet percentage: a fraction shown times 100 with decimals
 * places. */
static lxw_format *
percent_format(kpi_workbook *wb, int decimals)
{
    decimals = clamp_decimals(decimals);
    return cached_format(wb, &wb->fraction[decimals], decimals, "%");
}

static bool
is_percent_name(const char *name)
{
    return strstr(name, "pct") || strstr(name, "percent") || strstr(name, "rate_pct");
}

/* Characters a cell shows, for the column's width: UTF-8 lead bytes. */
static double
shown_width(const char *s)
{
    double n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

kpi_sheet_writer *
kpi_sheet_writer_new(kpi_workbook *wb, const char *sheet, const char *const *names,
                     const kpi_column_type *types, size_t ncols, kpi_error *err)
{
    if (wb->status != KPI_OK) {
        if (err)
            *err = wb->first;
        return NULL;
    }
    if (sheet) {
        lxw_error e = workbook_validate_sheet_name(wb->wb, sheet);
        if (e != LXW_NO_ERROR) {
            kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "sheet name '%s': %s", sheet,
                          lxw_strerror(e));
            return NULL;
        }
    }
    kpi_sheet_writer *sw = kpi_calloc(1, sizeof *sw);
    if (!sw || !(sw->types = kpi_calloc(ncols + 1, sizeof *sw->types)) ||
        !(sw->percent = kpi_calloc(ncols + 1, sizeof *sw->percent)) ||
        !(sw->width = kpi_calloc(ncols + 1, sizeof *sw->width)) ||
        !(sw->ws = workbook_add_worksheet(wb->wb, sheet))) {
        kpi_sheet_writer_free(sw);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    sw->wb = wb;
    sw->ncols = ncols;
    for (size_t i = 0; i < ncols; i++) {
        sw->types[i] = types ? types[i] : KPI_COLUMN_TEXT;
        sw->percent[i] = sw->types[i] == KPI_COLUMN_NUMBER && is_percent_name(names[i]);
        sw->width[i] = shown_width(names[i]) + 3; /* room for the filter button */
        lxw_error e = worksheet_write_string(sw->ws, 0, (lxw_col_t)i, names[i], wb->bold);
        if (e != LXW_NO_ERROR) {
            wb_fail(wb, KPI_EIO, "cannot write the header", e, err);
            kpi_sheet_writer_free(sw);
            return NULL;
        }
    }
    worksheet_freeze_panes(sw->ws, 1, 0);
    sw->row = 1;
    return sw;
}

kpi_status
kpi_sheet_writer_row(kpi_sheet_writer *sw, const char *const *cells, kpi_error *err)
{
    kpi_workbook *wb = sw->wb;
    if (wb->status != KPI_OK) {
        if (err)
            *err = wb->first;
        return wb->status;
    }
    if (sw->row >= LXW_ROW_MAX)
        return wb_fail(wb, KPI_EINVAL, "too many rows for a sheet",
                       LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, err);
    for (size_t i = 0; i < sw->ncols; i++) {
        const char *c = cells[i];
        if (!c || !*c)
            continue;
        lxw_error e;
        kpi_value v;
        double shown = shown_width(c);
        if (sw->types[i] == KPI_COLUMN_NUMBER &&
            kpi_value_parse(c, strlen(c), NULL, &v, NULL) == KPI_OK && v.kind == KPI_VALUE_NUMBER &&
            v.unit == KPI_UNIT_PLAIN) {
            e = worksheet_write_number(sw->ws, sw->row, (lxw_col_t)i, v.number,
                                       number_format(wb, v.decimals, sw->percent[i]));
            shown += sw->percent[i];
        } else if (sw->types[i] == KPI_COLUMN_NUMBER &&
                   kpi_value_parse(c, strlen(c), NULL, &v, NULL) == KPI_OK &&
                   v.kind == KPI_VALUE_NUMBER && v.unit == KPI_UNIT_PERCENT) {
            /* A value written "9.6%" is a spreadsheet's percentage: the
             * fraction 0.096 shown as 9.6%, which reads back as written. */
            double x = kpi_value_round(v.number / 100, v.decimals + 2);
            e = worksheet_write_number(sw->ws, sw->row, (lxw_col_t)i, x,
                                       percent_format(wb, v.decimals));
        } else {
            e = worksheet_write_string(sw->ws, sw->row, (lxw_col_t)i, c, NULL);
        }
        if (e != LXW_NO_ERROR)
            return wb_fail(wb, KPI_EIO, "cannot write a cell", e, err);
        if (shown > sw->width[i])
            sw->width[i] = shown;
    }
    sw->row++;
    return KPI_OK;
}

kpi_status
kpi_sheet_writer_end(kpi_sheet_writer *sw, kpi_error *err)
{
    kpi_workbook *wb = sw->wb;
    if (wb->status == KPI_OK) {
        for (size_t i = 0; i < sw->ncols; i++) {
            double w = sw->width[i] < MIN_WIDTH ? MIN_WIDTH : sw->width[i];
            worksheet_set_column(sw->ws, (lxw_col_t)i, (lxw_col_t)i, w > MAX_WIDTH ? MAX_WIDTH : w,
                                 NULL);
        }
        if (sw->ncols)
            worksheet_autofilter(sw->ws, 0, 0, sw->row - 1, (lxw_col_t)(sw->ncols - 1));
    }
    kpi_status st = wb->status;
    if (st != KPI_OK && err)
        *err = wb->first;
    kpi_sheet_writer_free(sw);
    return st;
}

void
kpi_sheet_writer_free(kpi_sheet_writer *sw)
{
    if (!sw)
        return;
    kpi_free(sw->types);
    kpi_free(sw->percent);
    kpi_free(sw->width);
    kpi_free(sw);
}

kpi_table *
kpi_workbook_table(kpi_workbook *wb, const char *sheet, const char *const *names,
                   const kpi_column_type *types, size_t ncols, kpi_error *err)
{
    kpi_sheet_writer *sw = kpi_sheet_writer_new(wb, sheet, names, types, ncols, err);
    if (!sw)
        return NULL;
    return kpi_table_new_sheet(sw, NULL, names, types, ncols, err);
}

/* A series of the store by its indicator, for sorting. */
typedef struct by_indicator {
    const char *id;
    size_t at;
} by_indicator;

static int
cmp_by_indicator(const void *a, const void *b)
{
    const by_indicator *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

kpi_status
kpi_workbook_meta(kpi_workbook *wb, const kpi_store *s, const kpi_meta *meta, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    size_t n = kpi_store_count(s);
    bool carried = false;
    for (size_t k = 0; k < n && !carried; k++)
        carried = kpi_series_unit(kpi_store_at(s, k)) != KPI_UNIT_PLAIN;
    if (!meta && !carried)
        return KPI_OK;
    /* Each indicator once, in order of first appearance, with the first
     * unit its values carry: sorted by indicator and position, the head
     * of each run is the indicator's first series. */
    by_indicator *sorted = kpi_calloc(n + 1, sizeof *sorted);
    const char **unit = kpi_calloc(n + 1, sizeof *unit); /* at a first series */
    if (!sorted || !unit) {
        kpi_free(sorted);
        kpi_free(unit);
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < n; k++)
        sorted[k] = (by_indicator){kpi_series_indicator(kpi_store_at(s, k)), k};
    qsort(sorted, n, sizeof *sorted, cmp_by_indicator);
    for (size_t k = 0, head = 0; k < n; k++) {
        if (k == 0 || strcmp(sorted[k].id, sorted[head].id) != 0) {
            head = k;
            unit[sorted[k].at] = "";
        }
        kpi_unit u = kpi_series_unit(kpi_store_at(s, sorted[k].at));
        bool prefix;
        if (u != KPI_UNIT_PLAIN && !unit[sorted[head].at][0])
            unit[sorted[head].at] = kpi_unit_symbol(u, &prefix);
    }
    kpi_free(sorted);
    /* The metadata file's own columns, so that the sheet reads back as
     * --meta, with the frequency of the indicator's first series beside
     * them (a column the metadata reader passes over). */
    static const char *const names[] = {"indicator",   "label",  "unit",      "frequency", "better",
                                        "aggregation", "target", "target_op", "decimals"};
    static const kpi_column_type types[] = {KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT, KPI_COLUMN_TEXT,
                                            KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT, KPI_COLUMN_TEXT,
                                            KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
    kpi_table *t = kpi_workbook_table(wb, "metadata", names, types, 9, err);
    kpi_status st = t ? KPI_OK : err->code;
    for (size_t k = 0; k < n && st == KPI_OK; k++) {
        if (!unit[k])
            continue;
        const kpi_series *se = kpi_store_at(s, k);
        const char *id = kpi_series_indicator(se);
        const kpi_indicator_meta *im = kpi_meta_find(meta, id);
        char target[32] = "", decimals[16] = "";
        if (im && im->target_op != KPI_TARGET_NONE)
            kpi_value_format(im->target, target, sizeof target);
        if (im && im->decimals >= 0)
            snprintf(decimals, sizeof decimals, "%d", im->decimals);
        const char *row[9] = {
            id,
            im ? im->label : NULL,
            im && im->unit[0] ? im->unit : unit[k],
            kpi_freq_name(kpi_series_freq(se)),
            im ? kpi_better_name(im->better) : NULL,
            im ? kpi_agg_name(im->aggregation) : NULL,
            target,
            im && im->target_op != KPI_TARGET_NONE ? kpi_target_op_name(im->target_op) : NULL,
            decimals};
        st = kpi_table_row(t, row, err);
    }
    kpi_free(unit);
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}

/* Copy the finished file to the stream: the stream may be a pipe, or the
 * temporary file of a kpi_outfile that is renamed into place. */
static kpi_status
copy_out(kpi_workbook *wb, kpi_error *err)
{
    FILE *in = fopen(wb->path, "rb");
    if (!in)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot read the workbook back: %s",
                             strerror(errno));
    char buf[64 * 1024];
    size_t n;
    kpi_status st = KPI_OK;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, wb->out) != n) {
            st = kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
            break;
        }
    if (st == KPI_OK && ferror(in))
        st = kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot read the workbook back: %s",
                           strerror(errno));
    fclose(in);
    if (st == KPI_OK && fflush(wb->out) != 0)
        st = kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
    return st;
}

kpi_status
kpi_workbook_close(kpi_workbook *wb, kpi_error *err)
{
    if (!wb)
        return KPI_OK;
    lxw_error e = workbook_close(wb->wb);
    kpi_status st = wb->status;
    if (st == KPI_OK && e != LXW_NO_ERROR)
        st = wb_fail(wb, KPI_EIO, "cannot write the workbook", e, NULL);
    if (st == KPI_OK)
        st = copy_out(wb, err);
    else if (err)
        *err = wb->first;
    unlink(wb->path);
    kpi_free(wb);
    return st;
}
