#include "kpi/table.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "alloc_private.h"
#include "escape_private.h"
#include "kpi/escape.h"
#include "kpi/store.h"
#include "kpi/value.h"
#include "parallel_private.h"
#include "table_private.h"

struct kpi_table {
    FILE *out;
    kpi_format format;
    size_t ncols;
    char **names;
    kpi_column_type *types;
    size_t rows;
    kpi_status status; /* sticky: the first failure */
    kpi_error first;
    /* A row is built here and written with one fwrite: stdio's per-call
     * locking made putc and fputs the bulk of writing a large table. */
    char *buf;
    size_t len, cap;
    /* Tables of kpi_table_new_keyed: the key columns, and the text of the
     * current series' key cells, formatted once per series. */
    size_t nkey;
    char *key;
    size_t key_len, key_cap;
    /* Tables written to a workbook sheet: its writer, the workbook when the
     * table made it (kpi_table_new), and a row's cells gathered. */
    kpi_sheet_writer *sheet;
    kpi_workbook *own;
    const char **row;
    /* Keyed tables: the store, and the metadata kpi_table_describe gave,
     * for a workbook's metadata sheet. */
    const kpi_store *store;
    const kpi_meta *meta;
    size_t worker; /* kpi_table_worker */
};

kpi_table_options
kpi_table_options_default(void)
{
    return (kpi_table_options){.format = KPI_FORMAT_CSV, .threads = 1};
}

const char *
kpi_format_name(kpi_format format)
{
    static const char *const names[] = {"csv", "json", "md", "xlsx"};
    return (unsigned)format < 4 ? names[format] : "csv";
}

kpi_status
kpi_format_parse(const char *name, kpi_format *out, kpi_error *err)
{
    if (strcmp(name, "csv") == 0)
        *out = KPI_FORMAT_CSV;
    else if (strcmp(name, "json") == 0)
        *out = KPI_FORMAT_JSON;
    else if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
        *out = KPI_FORMAT_MD;
    else if (strcmp(name, "xlsx") == 0)
        *out = KPI_FORMAT_XLSX;
    else
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected a format of csv, json, md or xlsx, found '%s'", name);
    return KPI_OK;
}

bool
kpi_format_from_path(const char *path, kpi_format *out)
{
    static const struct {
        const char *ext;
        kpi_format format;
    } exts[] = {{".csv", KPI_FORMAT_CSV},
                {".json", KPI_FORMAT_JSON},
                {".md", KPI_FORMAT_MD},
                {".xlsx", KPI_FORMAT_XLSX}};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen(exts[i].ext);
        if (n > k && strcmp(path + n - k, exts[i].ext) == 0) {
            *out = exts[i].format;
            return true;
        }
    }
    return false;
}

/* Room for n more bytes and a NUL after the table's text. */
static bool
reserve(kpi_table *t, size_t n)
{
    if (t->len + n + 1 > t->cap && kpi_grow((void **)&t->buf, &t->cap, t->len + n + 1, 1) != 0) {
        t->status = kpi_error_set(&t->first, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return false;
    }
    return true;
}

static void
put_bytes(kpi_table *t, const char *p, size_t n)
{
    if (t->status != KPI_OK || n == 0 || !reserve(t, n))
        return;
    memcpy(t->buf + t->len, p, n);
    t->len += n;
}

static void
put_str(kpi_table *t, const char *s)
{
    put_bytes(t, s, strlen(s));
}

static void
put_char(kpi_table *t, char c)
{
    put_bytes(t, &c, 1);
}

/* s escaped for the table's format (kpi/escape.h): a CSV field, the
 * inside of a JSON string, a Markdown cell.  Escaped straight into the
 * buffer's free room (at least the text and two quotes), which nearly
 * always holds it since the buffer grows geometrically; a text that came
 * out longer is escaped a second time into exactly its length, so no
 * escape's growth is assumed. */
static void
put_escaped(kpi_table *t, kpi_escape e, const char *s)
{
    size_t len = strlen(s);
    if (t->status != KPI_OK || !reserve(t, len + 2))
        return;
    size_t n = kpi_escape_text(e, s, len, t->buf + t->len, t->cap - t->len);
    if (n >= t->cap - t->len) {
        if (!reserve(t, n))
            return;
        kpi_escape_text(e, s, len, t->buf + t->len, t->cap - t->len);
    }
    t->len += n;
}

static void
put_json_string(kpi_table *t, const char *s)
{
    put_char(t, '"');
    put_escaped(t, KPI_ESCAPE_JSON, s);
    put_char(t, '"');
}

/* RFC 8259's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
 * "inf" and "nan" are not numbers there. */
static bool
is_json_number(const char *s)
{
    s += *s == '-';
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        s += strspn(s, "0123456789");
    else
        return false;
    if (*s == '.') {
        size_t k = strspn(++s, "0123456789");
        if (!k)
            return false;
        s += k;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        s += *s == '+' || *s == '-';
        size_t k = strspn(s, "0123456789");
        if (!k)
            return false;
        s += k;
    }
    return *s == '\0';
}

/* Whether s is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), which JSON text must be. */
static bool
is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        int more = c < 0x80                 ? 0
                   : c >= 0xC2 && c <= 0xDF ? 1
                   : c >= 0xE0 && c <= 0xEF ? 2
                   : c >= 0xF0 && c <= 0xF4 ? 3
                                            : -1;
        if (more < 0)
            return false;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        else if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        p++;
        for (int k = 0; k < more; k++, p++) {
            if (*p < (k ? 0x80 : lo) || *p > (k ? 0xBF : hi))
                return false;
        }
    }
    return true;
}

/* A JSON row's cells must make valid JSON: number cells RFC 8259 numbers,
 * text UTF-8.  Anything else is refused rather than written. */
static kpi_status
check_json_cells(kpi_table *t, const char *const *cells, size_t first, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = first + k;
        if (!cells[k])
            continue;
        if (t->types[i] == KPI_COLUMN_NUMBER && !is_json_number(cells[k]))
            return t->status = kpi_error_set(&t->first, KPI_EINVAL, NULL, 0, 0,
                                             "column '%s': expected a JSON number, found '%.40s'",
                                             t->names[i], cells[k]);
        if (t->types[i] != KPI_COLUMN_NUMBER && !is_utf8(cells[k]))
            return t->status = kpi_error_set(&t->first, KPI_EVALUE, NULL, 0, 0,
                                             "column '%s': the text is not UTF-8, which JSON "
                                             "output must be",
                                             t->names[i]);
    }
    return KPI_OK;
}

/* Hand the text built so far to the stream. */
static void
flush_row(kpi_table *t)
{
    if (!t->out)
        return; /* a fork keeps its text until it is joined */
    if (t->status == KPI_OK && t->len && fwrite(t->buf, 1, t->len, t->out) != t->len)
        t->status = kpi_error_set(&t->first, KPI_EIO, NULL, 0, 0, "write failed: %s",
                                  strerror(errno ? errno : EIO));
    t->len = 0;
}

static kpi_status
check_stream(kpi_table *t, kpi_error *err)
{
    if (t->status == KPI_OK && t->out && ferror(t->out)) {
        t->status = kpi_error_set(&t->first, KPI_EIO, NULL, 0, 0, "write failed: %s",
                                  strerror(errno ? errno : EIO));
    }
    if (t->status != KPI_OK && err)
        *err = t->first;
    return t->status;
}

static void
table_free(kpi_table *t)
{
    if (t->names)
        for (size_t i = 0; i < t->ncols; i++)
            kpi_free(t->names[i]);
    kpi_free(t->names);
    kpi_free(t->types);
    kpi_free(t->buf);
    kpi_free(t->key);
    kpi_free(t->row);
    kpi_free(t);
}

/* Text is handed to the stream in blocks of about this size. */
#define FLUSH_AT (64 * 1024)

/* A table with copies of its column names and types, writing nothing yet;
 * NULL when out of memory. */
static kpi_table *
table_alloc(FILE *out, kpi_format format, const char *const *names, const kpi_column_type *types,
            size_t ncols)
{
    kpi_table *t = kpi_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->out = out;
    t->format = format;
    t->ncols = ncols;
    t->names = kpi_calloc(ncols, sizeof *t->names);
    t->types = kpi_calloc(ncols, sizeof *t->types);
    if (!t->names || !t->types) {
        table_free(t);
        return NULL;
    }
    for (size_t i = 0; i < ncols; i++) {
        if (!(t->names[i] = kpi_strndup(names[i], strlen(names[i])))) {
            table_free(t);
            return NULL;
        }
        t->types[i] = types ? types[i] : KPI_COLUMN_TEXT;
    }
    return t;
}

kpi_table *
kpi_table_new_sheet(kpi_sheet_writer *sw, kpi_workbook *own, const char *const *names,
                    const kpi_column_type *types, size_t ncols, kpi_error *err)
{
    kpi_table *t = table_alloc(NULL, KPI_FORMAT_XLSX, names, types, ncols);
    if (!t || !(t->row = kpi_calloc(ncols + 1, sizeof *t->row))) {
        if (t)
            table_free(t);
        kpi_sheet_writer_free(sw);
        kpi_workbook_close(own, NULL);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    t->sheet = sw;
    t->own = own;
    return t;
}

/* The sheet of a one-table workbook. */
#define TABLE_SHEET "kpi"

kpi_table *
kpi_table_new(FILE *out, kpi_format format, const char *const *names, const kpi_column_type *types,
              size_t ncols, kpi_error *err)
{
    if (format == KPI_FORMAT_XLSX) {
        kpi_workbook *wb = kpi_workbook_new(out, err);
        kpi_sheet_writer *sw = wb ? kpi_sheet_writer_new(wb, TABLE_SHEET, names, types, ncols, err)
                                  : NULL;
        if (!sw) {
            kpi_workbook_close(wb, NULL);
            return NULL;
        }
        return kpi_table_new_sheet(sw, wb, names, types, ncols, err);
    }
    kpi_table *t = table_alloc(out, format, names, types, ncols);
    if (!t)
        goto nomem;
    switch (format) {
    case KPI_FORMAT_CSV:
        for (size_t i = 0; i < ncols; i++) {
            if (i)
                put_char(t, ',');
            put_escaped(t, KPI_ESCAPE_CSV, names[i]);
        }
        put_char(t, '\n');
        break;
    case KPI_FORMAT_JSON:
        for (size_t i = 0; i < ncols; i++)
            if (!is_utf8(names[i])) {
                table_free(t);
                kpi_error_set(err, KPI_EVALUE, NULL, 0, 0,
                              "column %zu: the name is not UTF-8, which JSON output must be",
                              i + 1);
                return NULL;
            }
        put_char(t, '[');
        break;
    case KPI_FORMAT_MD:
        for (size_t i = 0; i < ncols; i++) {
            put_str(t, "| ");
            put_escaped(t, KPI_ESCAPE_MD, names[i]);
            put_char(t, ' ');
        }
        put_str(t, "|\n");
        for (size_t i = 0; i < ncols; i++)
            put_str(t, t->types[i] == KPI_COLUMN_NUMBER ? "|---:" : "|---");
        put_str(t, "|\n");
        break;
    case KPI_FORMAT_XLSX: break;
    }
    flush_row(t);
    if (check_stream(t, err) != KPI_OK) {
        table_free(t);
        return NULL;
    }
    return t;
nomem:
    if (t)
        table_free(t);
    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

/* Room for a cell that put_csv_cell writes in one pass: most are. */
#define CSV_CELL_ROOM 64

/* A CSV cell (none for NULL) and, when comma, the comma before it.  A
 * cell that needs no quotes and fits the room reserved is copied in one
 * pass (kpi_escape_csv_plain); any other is escaped, which quotes it. */
static void
put_csv_cell(kpi_table *t, bool comma, const char *c)
{
    if (t->status != KPI_OK || !reserve(t, CSV_CELL_ROOM + 1))
        return;
    if (comma)
        t->buf[t->len++] = ',';
    if (!c)
        return;
    size_t n = kpi_escape_csv_plain(c, t->buf + t->len, CSV_CELL_ROOM);
    if (n < CSV_CELL_ROOM)
        t->len += n;
    else
        put_escaped(t, KPI_ESCAPE_CSV, c);
}

/* The cells of columns first .. first + n - 1, cells[k] for column
 * first + k, each with what goes before it in the row. */
static void
put_cells(kpi_table *t, const char *const *cells, size_t first, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = first + k;
        const char *c = cells[k];
        switch (t->format) {
        case KPI_FORMAT_CSV: put_csv_cell(t, i > 0, c); break;
        case KPI_FORMAT_JSON:
            if (i)
                put_str(t, ", ");
            put_json_string(t, t->names[i]);
            put_str(t, ": ");
            if (!c)
                put_str(t, "null");
            else if (t->types[i] == KPI_COLUMN_NUMBER)
                put_str(t, c);
            else
                put_json_string(t, c);
            break;
        case KPI_FORMAT_MD:
            put_str(t, "| ");
            if (c)
                put_escaped(t, KPI_ESCAPE_MD, c);
            put_char(t, ' ');
            break;
        case KPI_FORMAT_XLSX: break;
        }
    }
}

/* A row: the key text already formatted (key_len bytes, the cells of
 * the first columns), then cells[k] for columns first + k to the last. */
static kpi_status
put_row(kpi_table *t, const char *key, size_t key_len, const char *const *cells, size_t first,
        kpi_error *err)
{
    if (t->status != KPI_OK)
        return check_stream(t, err);
    if (t->sheet) {
        /* The key's cells are kept NUL-separated (kpi_table_series). */
        for (size_t i = 0; i < first; i++) {
            t->row[i] = key;
            key += strlen(key) + 1;
        }
        for (size_t i = first; i < t->ncols; i++)
            t->row[i] = cells[i - first];
        t->status = kpi_sheet_writer_row(t->sheet, t->row, &t->first);
        t->rows++;
        return check_stream(t, err);
    }
    if (t->format == KPI_FORMAT_JSON && check_json_cells(t, cells, first, t->ncols - first))
        return check_stream(t, err);
    /* A fork cannot know whether rows come before its own, so it always
     * writes the comma, and a join drops a leading one. */
    if (t->format == KPI_FORMAT_JSON)
        put_str(t, t->rows || !t->out ? ",\n  {" : "\n  {");
    put_bytes(t, key, key_len);
    put_cells(t, cells, first, t->ncols - first);
    put_str(t, t->format == KPI_FORMAT_JSON ? "}" : t->format == KPI_FORMAT_MD ? "|\n" : "\n");
    t->rows++;
    if (t->len >= FLUSH_AT)
        flush_row(t);
    return check_stream(t, err);
}

kpi_status
kpi_table_row(kpi_table *t, const char *const *cells, kpi_error *err)
{
    return put_row(t, "", 0, cells, 0, err);
}

kpi_status
kpi_table_series(kpi_table *t, const kpi_series *se, kpi_error *err)
{
    const char *key[KPI_TABLE_MAX_COLUMNS];
    if (t->status != KPI_OK)
        return check_stream(t, err);
    kpi_table_key_cells(se, t->nkey - 2, key);
    if (t->sheet) {
        size_t len = 0;
        for (size_t i = 0; i < t->nkey; i++)
            len += (key[i] ? strlen(key[i]) : 0) + 1;
        if (kpi_grow((void **)&t->key, &t->key_cap, len, 1) != 0) {
            t->status = kpi_error_set(&t->first, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            return check_stream(t, err);
        }
        char *p = t->key;
        for (size_t i = 0; i < t->nkey; i++) {
            size_t n = key[i] ? strlen(key[i]) : 0;
            memcpy(p, key[i] ? key[i] : "", n);
            p[n] = '\0';
            p += n + 1;
        }
        t->key_len = len;
        return check_stream(t, err);
    }
    if (t->format == KPI_FORMAT_JSON && check_json_cells(t, key, 0, t->nkey))
        return check_stream(t, err);
    /* Formatted where the next row would go, then moved aside. */
    size_t at = t->len;
    put_cells(t, key, 0, t->nkey);
    if (t->status == KPI_OK && kpi_grow((void **)&t->key, &t->key_cap, t->len - at, 1) != 0)
        t->status = kpi_error_set(&t->first, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    if (t->status == KPI_OK) {
        t->key_len = t->len - at;
        memcpy(t->key, t->buf + at, t->key_len);
    }
    t->len = at;
    return check_stream(t, err);
}

kpi_status
kpi_table_series_row(kpi_table *t, const char *const *tail, kpi_error *err)
{
    return put_row(t, t->key, t->key_len, tail, t->nkey, err);
}

kpi_status
kpi_table_end(kpi_table *t, kpi_error *err)
{
    if (!t)
        return KPI_OK;
    if (t->sheet) {
        kpi_status st = kpi_sheet_writer_end(t->sheet, NULL);
        if (t->status == KPI_OK && st != KPI_OK)
            t->status = kpi_error_set(&t->first, st, NULL, 0, 0, "cannot write the sheet");
        if (t->status == KPI_OK && t->own && t->store)
            t->status = kpi_workbook_meta(t->own, t->store, t->meta, &t->first);
        kpi_status closed = t->own
                                ? kpi_workbook_close(t->own, t->status == KPI_OK ? &t->first : NULL)
                                : KPI_OK;
        if (t->status == KPI_OK)
            t->status = closed;
        st = check_stream(t, err);
        table_free(t);
        return st;
    }
    if (t->format == KPI_FORMAT_JSON)
        put_str(t, t->rows ? "\n]\n" : "]\n");
    flush_row(t);
    if (t->status == KPI_OK && fflush(t->out) != 0)
        t->status = kpi_error_set(&t->first, KPI_EIO, NULL, 0, 0, "write failed: %s",
                                  strerror(errno));
    kpi_status st = check_stream(t, err);
    table_free(t);
    return st;
}

/* Room for a value's text: a number of under 40 bytes and its unit's
 * symbol of a few. */
#define VALUE_TEXT_MAX 64

/* The text of one stored value as it was written, in buf (VALUE_TEXT_MAX
 * bytes): the number, its unit sign, and "*" for a suppressed value. */
static const char *
value_text(const kpi_series *se, size_t i, kpi_format format, char *buf)
{
    switch (kpi_series_state(se, i)) {
    case KPI_OBS_VALUE: break;
    case KPI_OBS_SUPPRESSED: return format == KPI_FORMAT_JSON ? NULL : "*";
    default: return NULL;
    }
    char num[40];
    double x = kpi_series_value(se, i);
    /* The decimals it was written with keep "9.60" as written; a value
     * they would not reproduce exactly (written in exponent form, say)
     * falls back to its shortest form.  A whole number below 2^53 at no
     * decimals always reproduces, and is most values: it is not read
     * back. */
    int dec = kpi_series_decimals_at(se, i);
    size_t n = kpi_value_format_fixed(x, dec > 15 ? 15 : dec, false, num, sizeof num);
    kpi_value back;
    if (!(dec == 0 && x == floor(x) && fabs(x) < KPI_VALUE_EXACT_LIMIT) &&
        (kpi_value_parse(num, n, NULL, &back, NULL) != KPI_OK || back.number != x))
        n = kpi_value_format(x, num, sizeof num);
    bool prefix = false;
    const char *sym = kpi_unit_symbol(kpi_series_unit(se), &prefix);
    if (format == KPI_FORMAT_JSON)
        sym = "";
    /* sign, symbol and digits, or digits and symbol; no printf, a call
     * per value being a tenth of kpi show's time */
    size_t k = strlen(sym), sign = prefix && num[0] == '-';
    assert(n < sizeof num && k + n < VALUE_TEXT_MAX);
    char *p = buf;
    if (sign)
        *p++ = '-';
    if (prefix) {
        memcpy(p, sym, k);
        p += k;
    }
    memcpy(p, num + sign, n - sign);
    p += n - sign;
    if (!prefix) {
        memcpy(p, sym, k);
        p += k;
    }
    *p = '\0';
    return buf;
}

size_t
kpi_table_key_cells(const kpi_series *se, size_t n_groups, const char **cells)
{
    cells[0] = kpi_series_indicator(se);
    cells[1] = kpi_series_area(se);
    for (size_t g = 0; g < n_groups; g++)
        cells[2 + g] = kpi_series_group(se, g);
    return 2 + n_groups;
}

const char *
kpi_table_fixed(bool present, double x, int decimals, char *buf, size_t size)
{
    if (!present)
        return NULL;
    kpi_value_format_fixed(x, decimals, false, buf, size);
    return buf;
}

const char *
kpi_table_text(const char *s)
{
    return s && s[0] ? s : NULL;
}

const char *
kpi_table_sig(bool present, double x, int digits, char *buf, size_t size)
{
    if (!present)
        return NULL;
    kpi_value_format_sig(x, digits, buf, size);
    return buf;
}

const char *
kpi_table_partial_cell(const kpi_series *se, size_t i)
{
    return kpi_series_partial(se, i) ? "yes" : NULL;
}

kpi_status
kpi_table_partial_note(FILE *out, kpi_format format, kpi_error *err)
{
    if (format != KPI_FORMAT_MD)
        return KPI_OK;
    if (fputs("\npartial: yes marks a figure added up over an incomplete set of periods or "
              "areas, kept on request; it is not comparable with whole ones.\n",
              out) < 0)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot write: %s", strerror(errno));
    return KPI_OK;
}

/* ---- rows on several threads --------------------------------------------- */

/* Below this many rows a second thread costs more than it saves. */
#define PARALLEL_MIN_ROWS 20000
/* Rows a batch aims at: big enough to amortise a join, small enough that
 * the forks' text stays a few megabytes at any table size. */
#define BATCH_ROWS 8192

/* Each thread formats a batch of items into its own fork; the forks join
 * the table strictly in batch order. */
typedef struct rows_job {
    kpi_table *t;
    kpi_table *forks[KPI_PARALLEL_MAX_THREADS];
    size_t n, per_batch;
    kpi_table_rows_fn fn;
    void *ctx;
} rows_job;

static kpi_status
format_batch(void *ctx, size_t worker, size_t batch, kpi_error *err)
{
    rows_job *job = ctx;
    size_t first = batch * job->per_batch;
    size_t last = first + job->per_batch < job->n ? first + job->per_batch : job->n;
    return job->fn(job->ctx, first, last, job->forks[worker], err);
}

static kpi_status
join_batch(void *ctx, size_t worker, size_t batch, kpi_error *err)
{
    rows_job *job = ctx;
    (void)batch;
    return kpi_table_join(job->t, job->forks[worker], err);
}

kpi_status
kpi_table_write_rows(kpi_table *t, size_t threads, size_t n, size_t rows_hint, kpi_table_rows_fn fn,
                     void *ctx, kpi_error *err)
{
    assert(t && fn);
    /* A sheet takes its rows in order from one writer. */
    if (threads <= 1 || rows_hint < PARALLEL_MIN_ROWS || n < 2 || t->sheet)
        return fn(ctx, 0, n, t, err);
    size_t rows_per_item = rows_hint / n ? rows_hint / n : 1;
    rows_job job = {.t = t, .n = n, .fn = fn, .ctx = ctx};
    job.per_batch = BATCH_ROWS / rows_per_item ? BATCH_ROWS / rows_per_item : 1;
    size_t n_batches = (n + job.per_batch - 1) / job.per_batch;
    size_t used = kpi_parallel_threads(threads, n_batches);
    kpi_status st = KPI_OK;
    for (size_t w = 0; w < used && st == KPI_OK; w++)
        if (!(job.forks[w] = kpi_table_fork(t, err)))
            st = KPI_ENOMEM;
        else
            job.forks[w]->worker = w;
    if (st == KPI_OK)
        st = kpi_parallel_for(used, n_batches, format_batch, join_batch, &job, err);
    for (size_t w = 0; w < used; w++)
        kpi_table_fork_free(job.forks[w]);
    return st;
}

/* ---- the store ----------------------------------------------------------- */

typedef struct store_job {
    const kpi_store *s;
    kpi_format format;
    bool partial; /* the partial column is there */
} store_job;

/* Each series' key is quote-checked and formatted once (kpi_table_series),
 * and its rows carry only period, value and what follows. */
static kpi_status
store_rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    const store_job *job = ctx;
    const char *tail[4];
    size_t partial_at = 2 + (job->format == KPI_FORMAT_JSON);
    kpi_status st = KPI_OK;
    for (size_t k = first; k < last && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(job->s, k);
        st = kpi_table_series(t, se, err);
        if (job->format == KPI_FORMAT_JSON)
            tail[2] = kpi_unit_name(kpi_series_unit(se));
        for (size_t i = 0; i < kpi_series_length(se) && st == KPI_OK; i++) {
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            char period[KPI_PERIOD_TEXT_MAX], value[VALUE_TEXT_MAX];
            kpi_period_format(kpi_series_period(se, i), period, sizeof period);
            tail[0] = period;
            tail[1] = value_text(se, i, job->format, value);
            if (job->partial)
                tail[partial_at] = kpi_table_partial_cell(se, i);
            st = kpi_table_series_row(t, tail, err);
        }
    }
    return st;
}

/* A keyed table on out in format, or on a new sheet of wb when wb is not
 * NULL. */
static kpi_table *
keyed_new(FILE *out, kpi_format format, kpi_workbook *wb, const char *sheet, const kpi_store *s,
          const char *const *tail, const kpi_column_type *tail_types, size_t ntail, kpi_error *err)
{
    size_t ng = kpi_store_n_groups(s), ncols = 2 + ng + ntail;
    const char *names[KPI_TABLE_MAX_COLUMNS];
    kpi_column_type types[KPI_TABLE_MAX_COLUMNS] = {KPI_COLUMN_TEXT};
    if (ncols > KPI_TABLE_MAX_COLUMNS) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "too many grouping columns (%zu)", ng);
        return NULL;
    }
    names[0] = "indicator";
    names[1] = "area";
    for (size_t g = 0; g < ng; g++) {
        names[2 + g] = kpi_store_group_name(s, g);
        types[2 + g] = KPI_COLUMN_TEXT;
    }
    for (size_t k = 0; k < ntail; k++) {
        names[2 + ng + k] = tail[k];
        types[2 + ng + k] = tail_types[k];
    }
    kpi_table *t = wb && format == KPI_FORMAT_XLSX
                       ? kpi_workbook_table(wb, sheet, names, types, ncols, err)
                       : kpi_table_new(out, format, names, types, ncols, err);
    if (t) {
        t->nkey = 2 + ng;
        t->store = s;
    }
    return t;
}

kpi_table *
kpi_table_new_keyed(FILE *out, kpi_format format, const kpi_store *s, const char *const *tail,
                    const kpi_column_type *tail_types, size_t ntail, kpi_error *err)
{
    return keyed_new(out, format, NULL, NULL, s, tail, tail_types, ntail, err);
}

kpi_table *
kpi_table_new_keyed_opt(FILE *out, const kpi_table_options *opt, const kpi_store *s,
                        const char *const *tail, const kpi_column_type *tail_types, size_t ntail,
                        kpi_error *err)
{
    kpi_table *t = keyed_new(out, opt->format, opt->workbook, opt->sheet, s, tail, tail_types,
                             ntail, err);
    if (t)
        kpi_table_describe(t, opt->meta);
    return t;
}

void
kpi_table_describe(kpi_table *t, const kpi_meta *meta)
{
    t->meta = meta;
}

kpi_status
kpi_table_write_store(const kpi_store *s, FILE *out, const kpi_table_options *opt, kpi_error *err)
{
    assert(s && out);
    kpi_table_options defaults = kpi_table_options_default();
    if (!opt)
        opt = &defaults;
    /* JSON keeps the unit out of the number, in a column of its own; a
     * workbook shows it in the number's format. */
    const char *tail[4] = {"period", "value"};
    kpi_column_type tail_types[4] = {
        KPI_COLUMN_TEXT, opt->format == KPI_FORMAT_CSV ? KPI_COLUMN_TEXT : KPI_COLUMN_NUMBER};
    size_t ntail = 2;
    if (opt->format == KPI_FORMAT_JSON) {
        tail_types[ntail] = KPI_COLUMN_TEXT;
        tail[ntail++] = "unit";
    }
    size_t rows = 0;
    for (size_t k = 0; k < kpi_store_count(s); k++)
        rows += kpi_series_length(kpi_store_at(s, k));
    store_job job = {s, opt->format, kpi_store_has_partial(s)};
    return kpi_table_write_keyed(out, s, opt, tail, tail_types, ntail, job.partial, rows,
                                 store_rows, &job, err);
}

kpi_status
kpi_table_write_keyed(FILE *out, const kpi_store *s, const kpi_table_options *opt,
                      const char *const *tail, const kpi_column_type *tail_types, size_t ntail,
                      bool partial, size_t rows, kpi_table_rows_fn fn, void *job, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    const char *names[KPI_TABLE_MAX_COLUMNS + 1];
    kpi_column_type types[KPI_TABLE_MAX_COLUMNS + 1];
    if (partial) {
        /* More columns than a table takes fail in kpi_table_new_keyed. */
        size_t n = ntail < KPI_TABLE_MAX_COLUMNS ? ntail : KPI_TABLE_MAX_COLUMNS;
        memcpy(names, tail, n * sizeof *names);
        memcpy(types, tail_types, n * sizeof *types);
        names[n] = KPI_TABLE_PARTIAL_COLUMN;
        types[n] = KPI_COLUMN_TEXT;
        tail = names;
        tail_types = types;
        ntail = n + 1;
    }
    kpi_table *t = kpi_table_new_keyed_opt(out, opt, s, tail, tail_types, ntail, err);
    if (!t)
        return err->code;
    kpi_status st = kpi_table_write_rows(t, opt->threads, kpi_store_count(s), rows, fn, job, err);
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    if (st == KPI_OK && end == KPI_OK && partial)
        end = kpi_table_partial_note(out, opt->format, err);
    return st != KPI_OK ? st : end;
}

kpi_table *
kpi_table_fork(const kpi_table *t, kpi_error *err)
{
    kpi_table *f = kpi_calloc(1, sizeof *f);
    if (!f)
        goto nomem;
    f->format = t->format;
    f->ncols = t->ncols;
    f->nkey = t->nkey;
    f->names = kpi_calloc(t->ncols, sizeof *f->names);
    f->types = kpi_calloc(t->ncols, sizeof *f->types);
    if (!f->names || !f->types)
        goto nomem;
    for (size_t i = 0; i < t->ncols; i++) {
        if (!(f->names[i] = kpi_strndup(t->names[i], strlen(t->names[i]))))
            goto nomem;
        f->types[i] = t->types[i];
    }
    return f;
nomem:
    if (f)
        table_free(f);
    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

kpi_status
kpi_table_join(kpi_table *t, kpi_table *fork, kpi_error *err)
{
    if (t->status == KPI_OK && fork->status != KPI_OK) {
        t->status = fork->status;
        t->first = fork->first;
    }
    const char *text = fork->buf;
    size_t len = fork->len;
    if (t->format == KPI_FORMAT_JSON && t->rows == 0 && len && text[0] == ',') {
        text++;
        len--;
    }
    put_bytes(t, text, len);
    t->rows += fork->rows;
    fork->len = 0;
    fork->rows = 0;
    if (t->len >= FLUSH_AT)
        flush_row(t);
    return check_stream(t, err);
}

size_t
kpi_table_worker(const kpi_table *t)
{
    return t->worker;
}

void
kpi_table_fork_free(kpi_table *fork)
{
    if (fork)
        table_free(fork);
}
