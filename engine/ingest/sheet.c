/* memmem: glibc's finds a word in the unzipped sheet many times faster than a
 * byte-by-byte loop. */
#define _GNU_SOURCE

#include "sheet_private.h"

#include <expat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "alloc_private.h"
#include "kpi/period.h"

/* The widest and longest sheets Excel and LibreOffice make (column XFD,
 * row 1048576): a count past them is a broken or hostile file, and ODS's
 * repeat counts could otherwise ask for billions of cells. */
#define MAX_COLUMNS 16384UL
#define MAX_ROWS 1048576UL
/* Bytes unzipped and parsed at a time: unzipped straight into expat's
 * own buffer, in blocks large enough that the per-call costs of libzip
 * and expat vanish against the parsing. */
#define BLOCK_SIZE (256 * 1024)
/* Sheet names quoted in the message that lists them. */
#define NAMES_MAX 200

typedef struct slot {
    size_t off, len; /* into sheet.text; len 0: empty */
} slot;

/* A merged range and the text of its top-left cell, once read. */
typedef struct merge {
    unsigned long r1, c1, r2, c2;
    char *value;
} merge;

/* A growable text buffer. */
typedef struct buffer {
    char *p;
    size_t len, cap;
} buffer;

typedef enum style_kind { STYLE_PLAIN = 0, STYLE_DATE, STYLE_PERCENT } style_kind;

typedef struct sheet {
    const char *path;
    const kpi_sheet_select *sel;
    kpi_csv_row_fn fn;
    void *ud;
    kpi_error *err;
    kpi_status status; /* the first failure */
    bool done;         /* the parse stopped on purpose: the sheet is read */
    zip_t *zip;
    XML_Parser parser;
    const char *entry; /* the zip entry being parsed, for messages */
    char *name;        /* the chosen sheet's name (the caller's buffer) */
    size_t name_size;
    buffer names; /* every sheet's name, for a message when none matches */
    size_t n_sheets;

    /* The row being assembled: its number, and a slot per column. */
    unsigned long row, last_row;
    buffer text;
    slot *slots;
    size_t slots_cap;
    unsigned long maxcol;
    kpi_csv_field *view;
    size_t view_cap;
    size_t width; /* the header row's */
    size_t row_index;
    merge *merges;
    size_t n_merges, merges_cap;
    unsigned long merge_last_row;

    buffer chars; /* character data of the element being read */
    int collect;  /* > 0 while character data is kept */

    /* .xlsx */
    bool date1904;
    char *rid; /* the chosen sheet's relationship id */
    char *target;
    style_kind *styles;
    size_t n_styles, styles_cap;
    struct numfmt {
        unsigned long id;
        style_kind kind;
    } * numfmts;
    size_t n_numfmts, numfmts_cap;
    int in_cellxfs;
    buffer strings; /* shared strings, each NUL-terminated */
    size_t *string_at;
    size_t n_strings, strings_cap;
    int in_si, in_phonetic;
    unsigned long col;
    char cell_kind; /* 's' shared string, 'b' boolean, 'n' number, 't' any
                       other text (inline, formula string, error, ISO date) */
    unsigned long cell_style;

    /* .ods */
    int table_depth; /* > 0 inside the chosen table */
    unsigned long row_repeat, cell_repeat, span_cols, span_rows;
    char value_type[16];
    char *value; /* office:value, date-value or boolean-value */
    int in_cell, paragraphs, in_note;
    bool encrypted;
} sheet;

static kpi_status
fail(sheet *s, kpi_status code, unsigned long row, unsigned long col, const char *fmt, ...)
{
    if (s->status != KPI_OK)
        return s->status;
    char msg[KPI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->status = kpi_error_set(s->err, code, s->path, row, col, "%s", msg);
    if (s->parser)
        XML_StopParser(s->parser, XML_FALSE);
    return s->status;
}

static kpi_status
nomem(sheet *s)
{
    return fail(s, KPI_ENOMEM, 0, 0, "out of memory");
}

static int
put(sheet *s, buffer *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap && kpi_grow((void **)&b->p, &b->cap, b->len + n + 1, 1) != 0) {
        nomem(s);
        return -1;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* The local part of an XML name: "x:c" and "c" are the same element, and
 * ODS's prefixes are conventions, not fixed names. */
static const char *
local(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* A decimal count, or def when absent; values past max are max + 1. */
static unsigned long
decimal_count(const char *v, unsigned long def, unsigned long max)
{
    if (!v || *v < '0' || *v > '9')
        return def;
    unsigned long n = 0;
    for (; *v >= '0' && *v <= '9'; v++)
        if ((n = n * 10 + (unsigned long)(*v - '0')) > max)
            return max + 1;
    return n;
}

/* The decimal count of attribute name, as decimal_count. */
static unsigned long
count_attr(const char **atts, const char *name, unsigned long def, unsigned long max)
{
    return decimal_count(attr(atts, name), def, max);
}

static void XMLCALL
on_chars(void *ud, const XML_Char *t, int len)
{
    sheet *s = ud;
    if (s->collect > 0 && s->status == KPI_OK)
        put(s, &s->chars, t, (size_t)len);
}

/* ---- rows ---------------------------------------------------------------- */

static kpi_status
set_cell(sheet *s, unsigned long col, const char *text, size_t len)
{
    if (col > MAX_COLUMNS)
        return fail(s, KPI_EIO, s->row, 0,
                    "a cell past column %lu (XFD), the widest a sheet can be; the file is "
                    "corrupt",
                    MAX_COLUMNS);
    if (len == 0)
        return KPI_OK;
    if (col > s->slots_cap) {
        size_t old = s->slots_cap;
        if (kpi_grow((void **)&s->slots, &s->slots_cap, col, sizeof *s->slots) != 0)
            return nomem(s);
        memset(s->slots + old, 0, (s->slots_cap - old) * sizeof *s->slots);
    }
    size_t off = s->text.len;
    /* put() ends the text with a NUL byte, which the field keeps. */
    if (put(s, &s->text, text, len) != 0)
        return s->status;
    s->text.len++;
    s->slots[col - 1] = (slot){off, len};
    if (col > s->maxcol)
        s->maxcol = col;
    return KPI_OK;
}

static void
row_reset(sheet *s)
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
                return nomem(s);
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

/* Hand the assembled row to the caller (unless it is skipped or blank);
 * the row is kept, for ODS's repeated rows. */
static kpi_status
emit_row(sheet *s)
{
    if (s->status != KPI_OK || s->row <= s->sel->skip)
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
        if ((i >= s->maxcol || !s->slots[i].len) && put(s, &s->text, "", 1) != 0)
            return s->status;
    if (n > s->view_cap && kpi_grow((void **)&s->view, &s->view_cap, n, sizeof *s->view) != 0)
        return nomem(s);
    for (size_t i = 0; i < n; i++) {
        kpi_csv_field *f = &s->view[i];
        if (i < s->maxcol && s->slots[i].len) {
            *f = (kpi_csv_field){s->text.p + s->slots[i].off, s->slots[i].len, s->row, i + 1};
        } else {
            *f = (kpi_csv_field){s->text.p + empties++, 0, s->row, i + 1};
        }
    }
    kpi_status st = s->fn(s->ud, s->view, n, s->row_index++, s->err);
    if (st != KPI_OK) {
        s->status = st;
        if (s->parser)
            XML_StopParser(s->parser, XML_FALSE);
    }
    return s->status;
}

/* Rows the file leaves out, between the last one read and `upto`, that a
 * merged range from above covers. */
static kpi_status
fill_merged_gap(sheet *s, unsigned long upto)
{
    unsigned long last = upto - 1 < s->merge_last_row ? upto - 1 : s->merge_last_row;
    for (unsigned long r = s->last_row + 1; r <= last && s->status == KPI_OK; r++) {
        s->row = r;
        emit_row(s);
        row_reset(s);
    }
    return s->status;
}

static kpi_status
add_merge(sheet *s, unsigned long r1, unsigned long c1, unsigned long r2, unsigned long c2)
{
    if (r2 < r1 || c2 < c1 || r2 > MAX_ROWS || c2 > MAX_COLUMNS)
        return KPI_OK; /* a range no cell can be in */
    if (kpi_grow((void **)&s->merges, &s->merges_cap, s->n_merges + 1, sizeof *s->merges) != 0)
        return nomem(s);
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

/* ---- the container ------------------------------------------------------- */

typedef struct handlers {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
} handlers;

/* Parse one entry of the zip as it unzips.  A missing optional entry is
 * no failure; *found (may be NULL) says whether it was there. */
static kpi_status
parse_entry(sheet *s, const char *entry, bool required, handlers h, bool *found)
{
    if (found)
        *found = false;
    zip_file_t *zf = zip_fopen(s->zip, entry, 0);
    if (!zf) {
        int code = zip_error_code_zip(zip_get_error(s->zip));
        if (code == ZIP_ER_NOENT && !required)
            return KPI_OK;
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return fail(s, KPI_EIO, 0, 0,
                        "the workbook is password-protected: save it without a password");
        return fail(s, KPI_EIO, 0, 0, "not a readable workbook: %s: %s", entry,
                    zip_strerror(s->zip));
    }
    if (found)
        *found = true;
    static const XML_Memory_Handling_Suite mem = {kpi_malloc, kpi_realloc, kpi_free};
    s->parser = XML_ParserCreate_MM(NULL, &mem, NULL);
    if (!s->parser) {
        zip_fclose(zf);
        return nomem(s);
    }
    s->entry = entry;
    s->done = false;
    XML_SetUserData(s->parser, s);
    XML_SetElementHandler(s->parser, h.start, h.end);
    XML_SetCharacterDataHandler(s->parser, on_chars);
    for (;;) {
        void *block = XML_GetBuffer(s->parser, BLOCK_SIZE);
        if (!block) {
            nomem(s);
            break;
        }
        zip_int64_t n = zip_fread(zf, block, BLOCK_SIZE);
        if (n < 0) {
            fail(s, KPI_EIO, 0, 0, "the workbook is corrupt or truncated: %s: %s", entry,
                 zip_file_strerror(zf));
            break;
        }
        if (XML_ParseBuffer(s->parser, (int)n, n == 0) != XML_STATUS_OK) {
            if (s->status == KPI_OK && XML_GetErrorCode(s->parser) == XML_ERROR_NO_MEMORY)
                nomem(s);
            else if (s->status == KPI_OK && !s->done)
                fail(s, KPI_EIO, 0, 0, "the workbook is corrupt: %s, line %lu: %s", entry,
                     (unsigned long)XML_GetCurrentLineNumber(s->parser),
                     XML_ErrorString(XML_GetErrorCode(s->parser)));
            break;
        }
        if (n == 0)
            break;
    }
    XML_ParserFree(s->parser);
    s->parser = NULL;
    zip_fclose(zf);
    return s->status;
}

/* Whether the entry's bytes hold word anywhere: a pass that unzips
 * without parsing, so that a sheet with no merged cells is parsed once. */
static kpi_status
entry_mentions(sheet *s, const char *entry, const char *word, bool *yes)
{
    *yes = false;
    zip_file_t *zf = zip_fopen(s->zip, entry, 0);
    if (!zf)
        return parse_entry(s, entry, true, (handlers){NULL, NULL}, NULL);
    size_t k = strlen(word);
    char *block = kpi_malloc(BLOCK_SIZE + k);
    if (!block) {
        zip_fclose(zf);
        return nomem(s);
    }
    /* Each block starts with the last k - 1 bytes of the one before, so
     * that a word across two blocks is found. */
    size_t keep = 0;
    zip_int64_t n;
    while (!*yes && (n = zip_fread(zf, block + keep, BLOCK_SIZE)) > 0) {
        size_t have = keep + (size_t)n;
        *yes = memmem(block, have, word, k) != NULL;
        keep = have < k - 1 ? have : k - 1;
        memmove(block, block + have - keep, keep);
    }
    kpi_free(block);
    zip_fclose(zf);
    return KPI_OK;
}

/* Stop parsing: what was wanted is read. */
static void
finish(sheet *s)
{
    s->done = true;
    XML_StopParser(s->parser, XML_FALSE);
}

/* Whether sheet number idx (1-based) named name is the one selected: by
 * its name, or by its number when the selection is all digits; the first
 * in the workbook's order that matches. */
static bool
selected(sheet *s, size_t idx, const char *name)
{
    if (s->n_sheets < NAMES_MAX && s->names.len < NAMES_MAX) {
        if (s->names.len)
            put(s, &s->names, ", ", 2);
        put(s, &s->names, "\"", 1);
        put(s, &s->names, name, strlen(name));
        put(s, &s->names, "\"", 1);
    }
    s->n_sheets++;
    const char *want = s->sel->sheet;
    if (!want || !*want)
        return idx == 1;
    if (strcmp(want, name) == 0)
        return true;
    if (strspn(want, "0123456789") != strlen(want) || strlen(want) > 9)
        return false;
    return (size_t)strtoul(want, NULL, 10) == idx;
}

static void
choose(sheet *s, const char *name)
{
    snprintf(s->name, s->name_size, "%s", name);
}

static kpi_status
no_such_sheet(sheet *s)
{
    return fail(s, KPI_EINVAL, 0, 0, "no sheet \"%s\": the workbook's sheets are %s%s",
                s->sel->sheet, s->names.len ? s->names.p : "none",
                s->names.len >= NAMES_MAX ? ", ..." : "");
}

/* ---- .xlsx --------------------------------------------------------------- */

static void XMLCALL
workbook_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *n = local(el);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        s->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0 && !s->rid) {
        const char *name = attr(atts, "name"), *rid = attr(atts, "id");
        if (name && rid && selected(s, s->n_sheets + 1, name)) {
            choose(s, name);
            if (!(s->rid = kpi_strndup(rid, strlen(rid))))
                nomem(s);
        }
    }
}

static void XMLCALL
rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (strcmp(local(el), "Relationship") || !id || !target || strcmp(id, s->rid) || s->target)
        return;
    /* Targets are relative to xl/, or absolute from the package root. */
    size_t len = strlen(target);
    if (!(s->target = kpi_malloc(len + 4))) {
        nomem(s);
        return;
    }
    if (target[0] == '/')
        snprintf(s->target, len + 4, "%s", target + 1);
    else
        snprintf(s->target, len + 4, "xl/%s", target);
}

/* The built-in number formats that show a date or a time (ECMA-376
 * 18.8.30, with the East Asian ones), and the two percentages. */
static style_kind
builtin_kind(unsigned long id)
{
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
        (id >= 50 && id <= 58))
        return STYLE_DATE;
    return id == 9 || id == 10 ? STYLE_PERCENT : STYLE_PLAIN;
}

/* A custom format code shows a date if it has a date or time letter
 * outside quoted text, bracketed colours or conditions, and escapes; a
 * percentage if it has a % sign there. */
static style_kind
code_kind(const char *code)
{
    bool percent = false;
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            p += p[1] != '\0';
            break;
        case '[':
            while (p[1] && p[1] != ']')
                p++;
            break;
        case '\\':
        case '_':
        case '*': p += p[1] != '\0'; break;
        case '%': percent = true; break;
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'h':
        case 'H':
        case 's':
        case 'S': return STYLE_DATE;
        default: break;
        }
    }
    return percent ? STYLE_PERCENT : STYLE_PLAIN;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *n = local(el);
    if (strcmp(n, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");
        if (!code || kpi_grow((void **)&s->numfmts, &s->numfmts_cap, s->n_numfmts + 1,
                              sizeof *s->numfmts) != 0) {
            if (code)
                nomem(s);
            return;
        }
        s->numfmts[s->n_numfmts++] = (struct numfmt){count_attr(atts, "numFmtId", 0, UINT32_MAX),
                                                     code_kind(code)};
    } else if (strcmp(n, "cellXfs") == 0) {
        s->in_cellxfs = 1;
    } else if (strcmp(n, "xf") == 0 && s->in_cellxfs) {
        unsigned long id = count_attr(atts, "numFmtId", 0, UINT32_MAX);
        style_kind kind = builtin_kind(id);
        for (size_t k = 0; k < s->n_numfmts; k++)
            if (s->numfmts[k].id == id)
                kind = s->numfmts[k].kind;
        if (kpi_grow((void **)&s->styles, &s->styles_cap, s->n_styles + 1, sizeof *s->styles))
            nomem(s);
        else
            s->styles[s->n_styles++] = kind;
    }
}

static void XMLCALL
styles_end(void *ud, const XML_Char *el)
{
    sheet *s = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        s->in_cellxfs = 0;
}

/* A shared string is the text of its <t> elements, rich-text runs
 * included, and phonetic guides (<rPh>) left out. */
static void XMLCALL
strings_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *n = local(el);
    (void)atts;
    if (strcmp(n, "si") == 0) {
        s->in_si = 1;
        s->chars.len = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 1;
    } else if (strcmp(n, "t") == 0 && s->in_si && !s->in_phonetic) {
        s->collect = 1;
    }
}

static void XMLCALL
strings_end(void *ud, const XML_Char *el)
{
    sheet *s = ud;
    const char *n = local(el);
    if (strcmp(n, "t") == 0) {
        s->collect = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 0;
    } else if (strcmp(n, "si") == 0 && s->status == KPI_OK) {
        s->in_si = 0;
        if (kpi_grow((void **)&s->string_at, &s->strings_cap, s->n_strings + 1,
                     sizeof *s->string_at) != 0) {
            nomem(s);
            return;
        }
        s->string_at[s->n_strings++] = s->strings.len;
        put(s, &s->strings, s->chars.len ? s->chars.p : "", s->chars.len);
        put(s, &s->strings, "", 1);
    }
}

/* The merged ranges sit after the cells in the sheet's XML, and a row's
 * fill must be known when the row is read; a first pass finds them. */
static void XMLCALL
merges_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    if (strcmp(local(el), "mergeCell") != 0)
        return;
    const char *ref = attr(atts, "ref");
    unsigned long r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    for (int part = 0; ref && part < 2; part++) {
        unsigned long c = 0, r = 0;
        for (; *ref >= 'A' && *ref <= 'Z' && c <= MAX_COLUMNS; ref++)
            c = c * 26 + (unsigned long)(*ref - 'A' + 1);
        for (; *ref >= '0' && *ref <= '9' && r <= MAX_ROWS; ref++)
            r = r * 10 + (unsigned long)(*ref - '0');
        if (part == 0) {
            r1 = r2 = r;
            c1 = c2 = c;
            if (*ref != ':')
                break;
            ref++;
        } else {
            r2 = r;
            c2 = c;
        }
    }
    if (r1 && c1)
        add_merge(s, r1, c1, r2, c2);
}

static void XMLCALL
merges_end(void *ud, const XML_Char *el)
{
    (void)ud;
    (void)el;
}

/* "C7": column 3, row 7.  Returns false for anything else. */
static bool
cell_ref(const char *ref, unsigned long *row, unsigned long *col)
{
    unsigned long c = 0, r = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z' && c <= MAX_COLUMNS; p++)
        c = c * 26 + (unsigned long)(*p - 'A' + 1);
    for (; *p >= '0' && *p <= '9' && r <= MAX_ROWS; p++)
        r = r * 10 + (unsigned long)(*p - '0');
    if (*p || !c || !r)
        return false;
    *row = r;
    *col = c;
    return true;
}

/* A cell's kind from its t attribute: the ones end_cell reads apart. */
static char
cell_kind(const char *t)
{
    if (!t || strcmp(t, "n") == 0)
        return 'n';
    if (strcmp(t, "s") == 0)
        return 's';
    return strcmp(t, "b") == 0 ? 'b' : 't';
}

/* <c r="C7" s="2" t="s">: the attributes read in one pass, as the sheet
 * has one such element per cell. */
static void
start_cell(sheet *s, const char **atts)
{
    const char *ref = NULL, *t = NULL, *style = NULL;
    for (size_t i = 0; atts[i]; i += 2) {
        const char *a = local(atts[i]);
        if (a[0] && !a[1]) {
            if (a[0] == 'r')
                ref = atts[i + 1];
            else if (a[0] == 't')
                t = atts[i + 1];
            else if (a[0] == 's')
                style = atts[i + 1];
        }
    }
    unsigned long r = s->row, c = s->col + 1;
    if (ref && !cell_ref(ref, &r, &c)) {
        fail(s, KPI_EIO, s->row, s->col + 1, "the cell reference \"%.20s\" is not one", ref);
        return;
    }
    s->col = c;
    s->cell_kind = cell_kind(t);
    s->cell_style = decimal_count(style, 0, UINT32_MAX);
    s->chars.len = 0;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *n = local(el);
    if (s->status != KPI_OK)
        return;
    if (strcmp(n, "row") == 0) {
        unsigned long r = count_attr(atts, "r", s->last_row + 1, MAX_ROWS);
        if (r > MAX_ROWS || r == 0) {
            fail(s, KPI_EIO, s->last_row + 1, 0,
                 "a row numbered past %lu, the most a sheet can have; the file is corrupt",
                 MAX_ROWS);
            return;
        }
        if (s->n_merges && fill_merged_gap(s, r) != KPI_OK)
            return;
        s->row = r;
        s->col = 0;
    } else if (strcmp(n, "c") == 0) {
        start_cell(s, atts);
    } else if (strcmp(n, "v") == 0) {
        s->collect = 1;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 1;
    } else if (strcmp(n, "t") == 0 && !s->in_phonetic) {
        s->collect = 1; /* an inline string's text */
    }
}

static void
end_cell(sheet *s)
{
    const char *v = s->chars.len ? s->chars.p : "";
    char buf[64];
    size_t len = s->chars.len;
    if (s->cell_kind == 's') {
        unsigned long i = len && len < 10 && strspn(v, "0123456789") == len
                              ? decimal_count(v, 0, ULONG_MAX)
                              : ULONG_MAX;
        if (i >= s->n_strings) {
            fail(s, KPI_EIO, s->row, s->col,
                 "the cell refers to shared string \"%.20s\", which the workbook does not "
                 "have; the file is corrupt",
                 v);
            return;
        }
        v = s->strings.p + s->string_at[i];
        len = (i + 1 < s->n_strings ? s->string_at[i + 1] : s->strings.len) - s->string_at[i] - 1;
    } else if (s->cell_kind == 'b') {
        v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
        len = strlen(v);
    } else if (s->cell_kind == 'n' && len && s->cell_style < s->n_styles) {
        style_kind kind = s->styles[s->cell_style];
        size_t n = kind == STYLE_DATE      ? date_text(v, s->date1904, buf, sizeof buf)
                   : kind == STYLE_PERCENT ? percent_text(v, buf, sizeof buf)
                                           : 0;
        if (n) {
            v = buf;
            len = n;
        }
    }
    set_cell(s, s->col, v, len);
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *el)
{
    sheet *s = ud;
    const char *n = local(el);
    if (s->status != KPI_OK)
        return;
    if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
        s->collect = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 0;
    } else if (strcmp(n, "c") == 0) {
        end_cell(s);
    } else if (strcmp(n, "row") == 0) {
        emit_row(s);
        row_reset(s);
        s->last_row = s->row;
    } else if (strcmp(n, "sheetData") == 0) {
        if (s->n_merges)
            fill_merged_gap(s, s->merge_last_row + 1);
        finish(s);
    }
}

static kpi_status
read_xlsx(sheet *s)
{
    if (parse_entry(s, "xl/workbook.xml", true, (handlers){workbook_start, NULL}, NULL) != KPI_OK)
        return s->status;
    if (!s->rid)
        return no_such_sheet(s);
    bool found;
    if (parse_entry(s, "xl/_rels/workbook.xml.rels", true, (handlers){rels_start, NULL}, NULL) !=
            KPI_OK ||
        parse_entry(s, "xl/styles.xml", false, (handlers){styles_start, styles_end}, NULL) !=
            KPI_OK ||
        parse_entry(s, "xl/sharedStrings.xml", false, (handlers){strings_start, strings_end},
                    NULL) != KPI_OK)
        return s->status;
    if (!s->target)
        return fail(s, KPI_EIO, 0, 0,
                    "the workbook is corrupt: sheet \"%s\" has no part in the package", s->name);
    bool merged;
    if (entry_mentions(s, s->target, "mergeCell", &merged) != KPI_OK ||
        (merged &&
         parse_entry(s, s->target, true, (handlers){merges_start, merges_end}, &found) != KPI_OK))
        return s->status;
    return parse_entry(s, s->target, true, (handlers){sheet_start, sheet_end}, &found);
}

/* ---- .ods ---------------------------------------------------------------- */

static void XMLCALL
manifest_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    (void)atts;
    if (strcmp(local(el), "encryption-data") == 0)
        s->encrypted = true;
}

static void
ods_start_cell(sheet *s, const char **atts, bool covered)
{
    s->cell_repeat = count_attr(atts, "number-columns-repeated", 1, MAX_COLUMNS);
    if (covered) {
        s->col += s->cell_repeat;
        return;
    }
    s->span_cols = count_attr(atts, "number-columns-spanned", 1, MAX_COLUMNS);
    s->span_rows = count_attr(atts, "number-rows-spanned", 1, MAX_ROWS);
    const char *type = attr(atts, "value-type");
    snprintf(s->value_type, sizeof s->value_type, "%s", type ? type : "");
    const char *v = NULL;
    if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
                 strcmp(type, "currency") == 0))
        v = attr(atts, "value");
    else if (type && strcmp(type, "date") == 0)
        v = attr(atts, "date-value");
    else if (type && strcmp(type, "boolean") == 0)
        v = attr(atts, "boolean-value");
    else if (type && strcmp(type, "string") == 0)
        v = attr(atts, "string-value");
    kpi_free(s->value);
    s->value = v ? kpi_strndup(v, strlen(v)) : NULL;
    if (v && !s->value)
        nomem(s);
    s->in_cell = 1;
    s->paragraphs = 0;
    s->chars.len = 0;
}

static void XMLCALL
ods_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet *s = ud;
    const char *n = local(el);
    if (s->status != KPI_OK)
        return;
    if (strcmp(n, "table") == 0) {
        if (s->table_depth) {
            s->table_depth++;
            return;
        }
        const char *name = attr(atts, "name");
        if (!name)
            name = "";
        if (selected(s, s->n_sheets + 1, name)) {
            choose(s, name);
            s->table_depth = 1;
        }
        return;
    }
    if (s->table_depth != 1)
        return;
    if (strcmp(n, "table-row") == 0) {
        s->row_repeat = count_attr(atts, "number-rows-repeated", 1, MAX_ROWS);
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
            put(s, &s->chars, "\n", 1);
        s->collect++;
    } else if (strcmp(n, "s") == 0) {
        unsigned long k = count_attr(atts, "c", 1, 1000);
        for (unsigned long i = 0; i < k && i < 1000; i++)
            put(s, &s->chars, " ", 1);
    } else if (strcmp(n, "tab") == 0) {
        put(s, &s->chars, "\t", 1);
    } else if (strcmp(n, "line-break") == 0) {
        put(s, &s->chars, "\n", 1);
    }
}

/* A cell's text: its typed value as stored, or its paragraphs. */
static void
ods_end_cell(sheet *s)
{
    char buf[64];
    const char *v = s->chars.len ? s->chars.p : "";
    size_t len = s->chars.len;
    const char *type = s->value_type;
    if (s->value && strcmp(type, "percentage") == 0) {
        size_t n = percent_text(s->value, buf, sizeof buf);
        v = n ? buf : s->value;
        len = n ? n : strlen(s->value);
    } else if (s->value && strcmp(type, "boolean") == 0) {
        v = strcmp(s->value, "true") == 0 ? "TRUE" : "FALSE";
        len = strlen(v);
    } else if (s->value && strcmp(type, "date") == 0) {
        /* A date at midnight is a date. */
        v = s->value;
        len = strlen(v);
        if (len == 19 && strcmp(v + 10, "T00:00:00") == 0)
            len = 10;
    } else if (s->value) {
        v = s->value;
        len = strlen(v);
    }
    unsigned long first = s->col + 1;
    if (len) {
        for (unsigned long k = 0; k < s->cell_repeat && s->status == KPI_OK; k++)
            set_cell(s, first + k, v, len);
        if (s->span_cols > 1 || s->span_rows > 1)
            add_merge(s, s->row, first, s->row + s->span_rows - 1, first + s->span_cols - 1);
    }
    s->col += s->cell_repeat;
    s->in_cell = 0;
}

static void XMLCALL
ods_end(void *ud, const XML_Char *el)
{
    sheet *s = ud;
    const char *n = local(el);
    if (s->status != KPI_OK || !s->table_depth)
        return;
    if (strcmp(n, "table") == 0) {
        if (--s->table_depth == 0)
            finish(s);
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
            fail(s, KPI_EIO, s->row, 0,
                 "rows past %lu, the most a sheet can have; the file is corrupt", MAX_ROWS);
            return;
        }
        for (unsigned long k = 0; !blank && k < s->row_repeat && s->status == KPI_OK; k++) {
            s->row = s->last_row + 1 + k;
            emit_row(s);
        }
        row_reset(s);
        s->last_row += s->row_repeat;
    }
}

static kpi_status
read_ods(sheet *s)
{
    if (parse_entry(s, "META-INF/manifest.xml", false, (handlers){manifest_start, NULL}, NULL) !=
        KPI_OK)
        return s->status;
    if (s->encrypted)
        return fail(s, KPI_EIO, 0, 0,
                    "the workbook is password-protected: save it without a password");
    if (parse_entry(s, "content.xml", true, (handlers){ods_start, ods_end}, NULL) != KPI_OK)
        return s->status;
    if (!s->table_depth && !s->done)
        return no_such_sheet(s);
    return KPI_OK;
}

/* ---- entry points -------------------------------------------------------- */

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static bool
has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    if (n <= k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = path[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return false;
    }
    return true;
}

bool
kpi_sheet_is_workbook(const char *path, FILE *fp)
{
    unsigned char head[8] = {0};
    size_t n = fread(head, 1, sizeof head, fp);
    rewind(fp);
    if ((n >= 4 && memcmp(head, zip_magic, 4) == 0) || (n >= 8 && memcmp(head, ole_magic, 8) == 0))
        return true;
    return has_extension(path, ".xlsx") || has_extension(path, ".xlsm") ||
           has_extension(path, ".ods");
}

static kpi_status
open_zip(sheet *s)
{
    FILE *fp = fopen(s->path, "rb");
    unsigned char head[8] = {0};
    size_t n = fp ? fread(head, 1, sizeof head, fp) : 0;
    if (fp)
        fclose(fp);
    if (n == 8 && memcmp(head, ole_magic, 8) == 0)
        return fail(s, KPI_EIO, 0, 0,
                    "an Excel 97-2003 (.xls) workbook or a password-protected one: kpi reads "
                    ".xlsx and .ods workbooks; save it as one, without a password");
    int code = 0;
    s->zip = zip_open(s->path, ZIP_RDONLY, &code);
    if (s->zip)
        return KPI_OK;
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    kpi_status st = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ
                        ? fail(s, KPI_EIO, 0, 0, "cannot open: %s", zip_error_strerror(&ze))
                        : fail(s, KPI_EIO, 0, 0,
                               "not a readable workbook (a zip container): %s; the file is "
                               "corrupt or truncated",
                               zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return st;
}

kpi_status
kpi_sheet_scan(const char *path, const kpi_sheet_select *sel, kpi_csv_row_fn fn, void *ud,
               char *name, size_t name_size, kpi_error *err)
{
    sheet s = {.path = path, .sel = sel, .fn = fn, .ud = ud, .err = err};
    s.name = name;
    s.name_size = name_size;
    if (name_size)
        name[0] = '\0';
    if (open_zip(&s) == KPI_OK) {
        if (zip_name_locate(s.zip, "xl/workbook.xml", 0) >= 0)
            read_xlsx(&s);
        else if (zip_name_locate(s.zip, "content.xml", 0) >= 0)
            read_ods(&s);
        else
            fail(&s, KPI_EIO, 0, 0,
                 "a zip file but not a workbook: it has no xl/workbook.xml (.xlsx) or "
                 "content.xml (.ods)");
        zip_discard(s.zip);
    }
    for (size_t k = 0; k < s.n_merges; k++)
        kpi_free(s.merges[k].value);
    kpi_free(s.merges);
    kpi_free(s.names.p);
    kpi_free(s.text.p);
    kpi_free(s.slots);
    kpi_free(s.view);
    kpi_free(s.chars.p);
    kpi_free(s.rid);
    kpi_free(s.target);
    kpi_free(s.styles);
    kpi_free(s.numfmts);
    kpi_free(s.strings.p);
    kpi_free(s.string_at);
    kpi_free(s.value);
    if (s.status != KPI_OK && err && err->line && name_size)
        snprintf(err->sheet, sizeof err->sheet, "%s", name);
    return s.status;
}

kpi_status
kpi_sheet_scan_table(FILE *fp, const char *path, const char *source, const char *prefer,
                     kpi_csv_row_fn fn, void *ud, kpi_error *err)
{
    if (!path || !kpi_sheet_is_workbook(path, fp))
        return kpi_csv_scan(fp, source, 0, fn, ud, NULL, err);
    char name[KPI_ERROR_SHEET_MAX] = "";
    kpi_sheet_select sel = {.sheet = prefer};
    kpi_status st = KPI_EINVAL;
    /* No sheet is chosen, and no row read, only when there is no sheet
     * of that name. */
    if (prefer)
        st = kpi_sheet_scan(path, &sel, fn, ud, name, sizeof name, err);
    if (st == KPI_EINVAL && !name[0]) {
        sel.sheet = NULL;
        st = kpi_sheet_scan(path, &sel, fn, ud, name, sizeof name, err);
    }
    return st;
}
