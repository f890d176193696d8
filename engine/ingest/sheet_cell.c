/* The rows of a sheet as the reader hands them on, and the text of a
 * cell: what both formats' parsers store through kpi_sheet_cell. */
#include <stdint.h>
#include <stdio.h>

#include "kpi/period.h"
#include "sheet_parse_private.h"

/* ---- rows ---------------------------------------------------------------- */

static kpi_status
set_cell(sheet *s, unsigned long col, const char *text, size_t len)
{
    if (col > MAX_COLUMNS)
        return kpi_sheet_fail(
            s, KPI_EIO, s->row, 0,
            "a cell past column %lu (XFD), the widest a sheet can be; the file is "
            "corrupt",
            MAX_COLUMNS);
    /* A row started inside a cell (<c><row/></c>, found by fuzz_sheet)
     * leaves the cell in no column; slot col - 1 would lie before the
     * row's slots. */
    if (col == 0)
        return kpi_sheet_fail(s, KPI_EIO, s->row, 0,
                              "a cell in no column (a row inside a cell?); the file is corrupt");
    if (len == 0)
        return KPI_OK;
    if (col > s->slots_cap) {
        size_t old = s->slots_cap;
        if (kpi_grow((void **)&s->slots, &s->slots_cap, col, sizeof *s->slots) != 0)
            return kpi_sheet_nomem(s);
        memset(s->slots + old, 0, (s->slots_cap - old) * sizeof *s->slots);
    }
    size_t off = s->text.len;
    /* kpi_sheet_put ends the text with a NUL byte, which the field keeps. */
    if (kpi_sheet_put(s, &s->text, text, len) != 0)
        return s->status;
    s->text.len++;
    s->slots[col - 1] = (slot){off, len};
    if (col > s->maxcol)
        s->maxcol = col;
    return KPI_OK;
}

void
kpi_sheet_row_reset(sheet *s)
{
    if (s->maxcol)
        memset(s->slots, 0, s->maxcol * sizeof *s->slots);
    s->maxcol = 0;
    s->text.len = 0;
}

/* Every cell of a merged range reads as its top-left cell, which is the
 * only one that holds a value in the file. */
static kpi_status
apply_merges(sheet *s)
{
    for (size_t k = 0; k < s->n_merges; k++) {
        merge *m = &s->merges[k];
        if (m->r1 == s->row && m->c1 <= s->maxcol && s->slots[m->c1 - 1].len && !m->value) {
            const slot *tl = &s->slots[m->c1 - 1];
            if (!(m->value = kpi_strndup(s->text.p + tl->off, tl->len)))
                return kpi_sheet_nomem(s);
        }
        if (!m->value || s->row < m->r1 || s->row > m->r2)
            continue;
        for (unsigned long c = m->c1; c <= m->c2; c++)
            if ((s->row != m->r1 || c != m->c1) &&
                set_cell(s, c, m->value, strlen(m->value)) != KPI_OK)
                return s->status;
    }
    return KPI_OK;
}

kpi_status
kpi_sheet_emit_row(sheet *s)
{
    if (s->status != KPI_OK || s->row <= s->sel->skip || s->held != KPI_OK)
        return s->status;
    if (apply_merges(s) != KPI_OK)
        return s->status;
    if (!s->maxcol)
        return KPI_OK;
    if (!s->width)
        s->width = s->maxcol;
    size_t n = s->maxcol > s->width ? s->maxcol : s->width;
    /* Empty cells get a NUL byte each, so that every field's text is the
     * caller's to change in place, as the CSV scanner's are. */
    size_t empties = s->text.len;
    for (size_t i = 0; i < n; i++)
        if ((i >= s->maxcol || !s->slots[i].len) && kpi_sheet_put(s, &s->text, "", 1) != 0)
            return s->status;
    if (n > s->view_cap && kpi_grow((void **)&s->view, &s->view_cap, n, sizeof *s->view) != 0)
        return kpi_sheet_nomem(s);
    for (size_t i = 0; i < n; i++) {
        kpi_csv_field *f = &s->view[i];
        if (i < s->maxcol && s->slots[i].len) {
            *f = (kpi_csv_field){s->text.p + s->slots[i].off, s->slots[i].len, s->row, i + 1};
        } else {
            *f = (kpi_csv_field){s->text.p + empties++, 0, s->row, i + 1};
        }
    }
    kpi_status st = s->fn(s->ud, s->view, n, s->row_index++, s->err);
    if (st != KPI_OK && s->probing) {
        /* Merged ranges yet to come may change the row: the parse goes on
         * to look for them, handing no more rows over. */
        s->held = st;
    } else if (st != KPI_OK) {
        s->status = st;
        if (s->parser)
            xmlStopParser(s->parser);
    }
    return s->status;
}

kpi_status
kpi_sheet_fill_merged_gap(sheet *s, unsigned long upto)
{
    unsigned long last = upto - 1 < s->merge_last_row ? upto - 1 : s->merge_last_row;
    for (unsigned long r = s->last_row + 1; r <= last && s->status == KPI_OK; r++) {
        s->row = r;
        kpi_sheet_emit_row(s);
        kpi_sheet_row_reset(s);
    }
    return s->status;
}

void
kpi_sheet_rows_again(sheet *s)
{
    kpi_sheet_row_reset(s);
    s->row = s->last_row = s->col = 0;
    s->row_index = s->width = 0;
    s->chars.len = 0;
    s->collect = s->in_phonetic = 0;
    s->rows_done = false;
    s->held = KPI_OK;
    for (size_t k = 0; k < s->n_merges; k++) {
        kpi_free(s->merges[k].value);
        s->merges[k].value = NULL;
    }
}

kpi_status
kpi_sheet_add_merge(sheet *s, unsigned long r1, unsigned long c1, unsigned long r2,
                    unsigned long c2)
{
    if (r2 < r1 || c2 < c1 || r2 > MAX_ROWS || c2 > MAX_COLUMNS)
        return KPI_OK; /* a range no cell can be in */
    if (kpi_grow((void **)&s->merges, &s->merges_cap, s->n_merges + 1, sizeof *s->merges) != 0)
        return kpi_sheet_nomem(s);
    s->merges[s->n_merges++] = (merge){r1, c1, r2, c2, NULL};
    if (r2 > s->merge_last_row)
        s->merge_last_row = r2;
    return KPI_OK;
}

/* ---- cell values ----------------------------------------------------------- */

/* Whether t is a plain decimal: -?digits[.digits]. */
static bool
plain_decimal(const char *t)
{
    t += *t == '-';
    size_t k = strspn(t, "0123456789");
    if (!k)
        return false;
    t += k;
    if (*t == '.' && (k = strspn(t + 1, "0123456789")) > 0)
        t += 1 + k;
    return *t == '\0';
}

/* A fraction stored for a percentage format ("0.096") as kpi reads
 * percentages ("9.6%"): the decimal point moved two places by hand, so
 * that no digit changes on the way.  Returns the length written to buf,
 * or 0 for a number in another form (or too long for buf), which the
 * caller keeps as stored. */
static size_t
percent_text(const char *v, char *buf, size_t size)
{
    if (!plain_decimal(v) || strlen(v) + 4 > size)
        return 0;
    bool neg = *v == '-';
    v += neg;
    const char *dot = strchr(v, '.');
    size_t ilen = dot ? (size_t)(dot - v) : strlen(v);
    const char *frac = dot ? dot + 1 : "";
    size_t flen = strlen(frac);
    char digits[128];
    size_t n = 0;
    memcpy(digits, v, ilen);
    n = ilen;
    for (size_t k = 0; k < 2; k++)
        digits[n++] = k < flen ? frac[k] : '0';
    size_t lead = 0;
    while (lead + 1 < n && digits[lead] == '0')
        lead++;
    size_t out = 0;
    if (neg)
        buf[out++] = '-';
    memcpy(buf + out, digits + lead, n - lead);
    out += n - lead;
    if (flen > 2) {
        buf[out++] = '.';
        memcpy(buf + out, frac + 2, flen - 2);
        out += flen - 2;
    }
    buf[out++] = '%';
    buf[out] = '\0';
    return out;
}

/* A serial date of the workbook's date system as an ISO date, with the
 * time of day when it has one; the serial as stored when it is not a plain
 * positive number.  Excel's 1900 system counts a 29 February 1900 that
 * never was (serial 60, kept for Lotus 1-2-3): serials after it are a day
 * ahead, and 60 itself becomes the impossible date, which no period
 * parses, so that the cell is refused rather than read as another day.
 * Returns the length written to buf, or 0 for a serial that is not a plain
 * positive number of at most MAX_SERIAL_DIGITS whole days (past 9999-12-31),
 * which the caller keeps as stored. */
/* Whole days up to 2958465, 9999-12-31 in the 1900 system. */
#define MAX_SERIAL_DIGITS 7

static size_t
date_text(const char *v, bool date1904, char *buf, size_t size)
{
    if (!plain_decimal(v) || *v == '-' || strlen(v) > 20 ||
        strspn(v, "0123456789") > MAX_SERIAL_DIGITS)
        return 0;
    long whole = 0;
    const char *p = v;
    for (; *p >= '0' && *p <= '9'; p++)
        whole = whole * 10 + (*p - '0');
    double frac = 0, scale = 0.1;
    if (*p == '.')
        for (p++; *p; p++, scale /= 10)
            frac += (*p - '0') * scale;
    long secs = (long)(frac * 86400 + 0.5);
    if (secs >= 86400) {
        whole++;
        secs -= 86400;
    }
    if (!date1904 && whole == 60)
        return (size_t)snprintf(buf, size, "1900-02-29");
    if (!date1904 && whole < 1)
        return 0;
    int32_t day = date1904     ? kpi_period_day_from_ymd(1904, 1, 1) + (int32_t)whole
                  : whole < 60 ? kpi_period_day_from_ymd(1899, 12, 31) + (int32_t)whole
                               : kpi_period_day_from_ymd(1899, 12, 30) + (int32_t)whole;
    int y, m, d;
    kpi_period_day_to_ymd(day, &y, &m, &d);
    if (secs)
        return (size_t)snprintf(buf, size, "%04d-%02d-%02dT%02ld:%02ld:%02ld", y, m, d, secs / 3600,
                                secs / 60 % 60, secs % 60);
    return (size_t)snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

kpi_status
kpi_sheet_cell(sheet *s, unsigned long col, unsigned long repeat, cell_type type, const char *v,
               size_t len)
{
    char buf[64];
    size_t n = 0;
    switch (type) {
    case CELL_TEXT: break;
    case CELL_BOOLEAN:
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
            v = "TRUE";
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
            v = "FALSE";
        len = strlen(v);
        break;
    case CELL_PERCENT: n = len ? percent_text(v, buf, sizeof buf) : 0; break;
    case CELL_SERIAL: n = len ? date_text(v, s->date1904, buf, sizeof buf) : 0; break;
    case CELL_DATE:
        if (len == 19 && strcmp(v + 10, "T00:00:00") == 0)
            len = 10;
        break;
    }
    if (n) {
        v = buf;
        len = n;
    }
    for (unsigned long k = 0; k < repeat && s->status == KPI_OK; k++)
        set_cell(s, col + k, v, len);
    return s->status;
}
