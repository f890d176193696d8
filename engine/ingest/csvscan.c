#include "csvscan_private.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

/* Bytes read from the stream at a time: the scanner never holds more. */
#define BLOCK_SIZE (64 * 1024)

typedef struct field_pos {
    size_t offset; /* into scan.buf */
    size_t len;
    unsigned long line, column;
} field_pos;

/* Position accounting.  libcsv tells us neither lines nor columns, so the
 * scanner feeds it one piece at a time, each piece ending at the first
 * delimiter, CR or LF.  A field callback therefore fires only at the end of
 * a piece, and the scanner knows exactly where the next field begins: right
 * after that piece for a delimiter, or at the first byte that is not a line
 * end after a record ends (libcsv skips blank lines). */
typedef struct scan {
    struct csv_parser parser;
    const char *source;
    kpi_csv_row_fn fn;
    void *ud;
    kpi_error *err;
    kpi_status status; /* first failure inside a callback */

    unsigned long line, column;             /* position of the next byte to feed */
    int prev_cr;                            /* the last byte fed was CR: an LF now ends no line */
    unsigned long start_line, start_column; /* where the current field began */
    int pending; /* a record ended; the next field starts at the next non-newline byte */
    unsigned long after_line, after_column; /* position after the piece being fed */
    int line_mode; /* 0: pieces; 1: a whole ASCII line; 2: a whole line with UTF-8 */

    const kpi_csv_range *range; /* max_fields may change during the scan */
    size_t max_field;           /* bytes a field may have */
    size_t field_raw;           /* bytes fed since the current field began */
    int field_ended;            /* a field ended in the piece being fed */

    char *buf; /* the current record's field texts, each NUL-terminated */
    size_t len, cap;
    field_pos *pos;
    size_t n_fields, pos_cap;
    int dropping; /* the record went to the callback at a field past max_fields */
    kpi_csv_field *view;
    size_t view_cap;
    size_t row_index;
} scan;

static int
is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static void
fail_nomem(scan *s)
{
    if (s->status == KPI_OK)
        s->status = kpi_error_set(s->err, KPI_ENOMEM, s->source, s->start_line, s->start_column,
                                  "out of memory while reading a record");
}

/* A field is capped so that one missing quote or a runaway export cannot
 * grow a record to gigabytes before anything is said about it. */
static void
field_too_long(scan *s)
{
    if (s->status == KPI_OK)
        s->status = kpi_error_set(s->err, KPI_ECSV, s->source, s->start_line, s->start_column,
                                  "a field longer than %zu bytes; raise the limit with the "
                                  "max_field option",
                                  s->max_field);
}

/* The offset of the first byte of text[0..len) that is not part of a
 * well-formed UTF-8 sequence (no overlong forms, surrogates or code points
 * past U+10FFFF), or len when there is none. */
static size_t
utf8_invalid_at(const unsigned char *t, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = t[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else
            return i;
        if (i + n >= len)
            return i;
        if (t[i + 1] < lo || t[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++)
            if (!is_continuation(t[i + k]))
                return i;
        i += n + 1;
    }
    return len;
}

/* Text that is not UTF-8 would pass into JSON and SVG output as invalid
 * files, so it stops here, located at its byte: the line and column of the
 * field start, moved on over the characters and line ends before it. */
static kpi_status
check_utf8(scan *s, const kpi_csv_field *f)
{
    const unsigned char *t = (const unsigned char *)f->text;
    size_t bad = utf8_invalid_at(t, f->len);
    if (bad == f->len)
        return KPI_OK;
    unsigned long line = f->line, col = f->column;
    for (size_t i = 0; i < bad; i++) {
        if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= bad || t[i + 1] != '\n'))) {
            line++;
            col = 1;
        } else if (t[i] != '\r') {
            col += !is_continuation(t[i]);
        }
    }
    return kpi_error_set(s->err, KPI_EENCODING, s->source, line, col,
                         "not valid UTF-8: byte 0x%02X; the file may be in another encoding, "
                         "such as Latin-1 or Windows-1252",
                         t[bad]);
}

/* Hand the record read so far to the row callback. */
static void
deliver(scan *s)
{
    if (kpi_grow((void **)&s->view, &s->view_cap, s->n_fields, sizeof *s->view) != 0) {
        fail_nomem(s);
        return;
    }
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < s->n_fields; i++) {
        s->view[i] = (kpi_csv_field){s->buf + s->pos[i].offset, s->pos[i].len, s->pos[i].line,
                                     s->pos[i].column};
        /* A line the scanner saw was ASCII holds the whole record. */
        if (st == KPI_OK && s->line_mode != 1)
            st = check_utf8(s, &s->view[i]);
    }
    if (st == KPI_OK)
        st = s->fn(s->ud, s->view, s->n_fields, s->row_index++, s->err);
    if (st != KPI_OK)
        s->status = st;
    if (s->row_index == 1 && s->range->first_is_header)
        ((kpi_csv_range *)s->range)->max_fields = s->n_fields;
}

static void
on_field(void *text, size_t len, void *data)
{
    scan *s = data;
    s->field_ended = 1;
    if (s->status != KPI_OK)
        return;
    if (len > s->max_field) {
        field_too_long(s);
        return;
    }
    if (!s->dropping) {
        if ((s->len + len + 1 > s->cap &&
             kpi_grow((void **)&s->buf, &s->cap, s->len + len + 1, 1)) ||
            (s->n_fields + 1 > s->pos_cap &&
             kpi_grow((void **)&s->pos, &s->pos_cap, s->n_fields + 1, sizeof *s->pos))) {
            fail_nomem(s);
            return;
        }
        if (len)
            memcpy(s->buf + s->len, text, len);
        s->buf[s->len + len] = '\0';
        s->pos[s->n_fields++] = (field_pos){s->len, len, s->start_line, s->start_column};
        s->len += len + 1;
        /* A record with a field more than the header goes to the callback
         * at once and the rest of it is dropped: a row of millions of
         * delimiters is refused (or skipped) without being held. */
        size_t max = s->range->max_fields;
        if (max && s->n_fields == max + 1) {
            deliver(s);
            s->dropping = 1;
        }
    }
    if (s->line_mode) {
        /* A quote-free line: the next field starts right after this one's
         * text and its delimiter. */
        size_t chars = len;
        if (s->line_mode == 2)
            for (size_t i = 0; i < len; i++)
                chars -= is_continuation(((const unsigned char *)text)[i]);
        s->start_column += chars + 1;
        return;
    }
    s->start_line = s->after_line;
    s->start_column = s->after_column;
}

static void
on_row(int terminator, void *data)
{
    scan *s = data;
    (void)terminator;
    s->pending = 1;
    /* A ragged record went to the callback at its first extra field. */
    if (s->status == KPI_OK && !s->dropping)
        deliver(s);
    s->dropping = 0;
    s->n_fields = 0;
    s->len = 0;
}

static void
syntax_error(scan *s, const unsigned char *piece, size_t consumed, size_t n)
{
    /* Pieces hold no line end before their last byte, so the offending
     * byte's column is the piece's start column plus the characters before
     * it. */
    unsigned long col = s->column;
    for (size_t i = 0; i < consumed && i < n; i++)
        col += !is_continuation(piece[i]);
    if (csv_error(&s->parser) == CSV_ENOMEM || csv_error(&s->parser) == CSV_ETOOBIG) {
        kpi_error_set(s->err, KPI_ENOMEM, s->source, s->line, col, "out of memory in a field");
        s->status = KPI_ENOMEM;
        return;
    }
    unsigned char c = consumed < n ? piece[consumed] : '?';
    if (c == '"')
        kpi_error_set(s->err, KPI_ECSV, s->source, s->line, col,
                      "a quote inside an unquoted field; quote the whole field and double "
                      "any quote inside it (\"\")");
    else
        kpi_error_set(s->err, KPI_ECSV, s->source, s->line, col,
                      "expected a delimiter or a line end after a closing quote, found '%c'", c);
    s->status = KPI_ECSV;
}

/* What a byte is to the scan of a line: one table, one load a byte, as
 * the scan runs over every byte of a file.  NUL and the other control
 * characters have no place in a CSV file: a NUL cut a field short (so
 * "x\0a" and "x\0b" merged into one series), and the rest would pass into
 * labels and outputs unseen.  Tab, CR and LF are the ones text uses. */
enum { STRAY_CONTROL = 1, LINE_END = 2, QUOTE = 4 };

static const unsigned char byte_class[256] = {
    [0x00] = STRAY_CONTROL, [0x01] = STRAY_CONTROL, [0x02] = STRAY_CONTROL, [0x03] = STRAY_CONTROL,
    [0x04] = STRAY_CONTROL, [0x05] = STRAY_CONTROL, [0x06] = STRAY_CONTROL, [0x07] = STRAY_CONTROL,
    [0x08] = STRAY_CONTROL, ['\n'] = LINE_END,      [0x0B] = STRAY_CONTROL, [0x0C] = STRAY_CONTROL,
    ['\r'] = LINE_END,      [0x0E] = STRAY_CONTROL, [0x0F] = STRAY_CONTROL, [0x10] = STRAY_CONTROL,
    [0x11] = STRAY_CONTROL, [0x12] = STRAY_CONTROL, [0x13] = STRAY_CONTROL, [0x14] = STRAY_CONTROL,
    [0x15] = STRAY_CONTROL, [0x16] = STRAY_CONTROL, [0x17] = STRAY_CONTROL, [0x18] = STRAY_CONTROL,
    [0x19] = STRAY_CONTROL, [0x1A] = STRAY_CONTROL, [0x1B] = STRAY_CONTROL, [0x1C] = STRAY_CONTROL,
    [0x1D] = STRAY_CONTROL, [0x1E] = STRAY_CONTROL, [0x1F] = STRAY_CONTROL, ['"'] = QUOTE,
    [0x7F] = STRAY_CONTROL};

static bool
is_stray_control(unsigned char c)
{
    return byte_class[c] & STRAY_CONTROL;
}

static void
control_error(scan *s, unsigned long line, unsigned long column, unsigned char c)
{
    kpi_error_set(s->err, KPI_ECSV, s->source, line, column,
                  "expected text, found the control character 0x%02X; only tab, CR and LF "
                  "may appear in a CSV file",
                  c);
    s->status = KPI_ECSV;
}

/* A line without quotes holds no CSV syntax: its fields are the text
 * between delimiters, as libcsv would hand them over (it trims nothing,
 * see no_space), so such a line is split here.  libcsv's state machine,
 * which steps a byte at a time, was the largest single cost of reading a
 * file; it still reads every line that has a quote. */
static void
split_line(scan *s, const unsigned char *line, size_t len, unsigned char delim)
{
    size_t start = 0;
    for (size_t k = 0; k < len; k++)
        if (line[k] == delim) {
            on_field((void *)(line + start), k - start, s);
            start = k + 1;
        }
    on_field((void *)(line + start), len - start, s);
    on_row(0, s);
}

/* Feed data[0..n) in pieces; returns 0 to go on, -1 to stop. */
static int
feed(scan *s, const unsigned char *data, size_t n, unsigned char delim)
{
    size_t i = 0;
    while (i < n) {
        unsigned long line = s->line, col = s->column;
        size_t j = i;
        int prev_cr = s->prev_cr;
        unsigned char c = 0;
        if (s->pending && data[i] != '\n' && data[i] != '\r') {
            /* Most records are one line without quotes: such a line goes to
             * libcsv in one call, its fields then end exactly at the
             * delimiters, and on_field follows their columns. */
            unsigned char high = 0;
            for (; j < n; j++) {
                c = data[j];
                if (byte_class[c]) /* the line's end, a quote or a stray control */
                    break;
                high |= c;
            }
            if (j < n && is_stray_control(c)) {
                unsigned long at = col;
                for (size_t k = i; k < j; k++)
                    at += !is_continuation(data[k]);
                control_error(s, line, at, c);
                return -1;
            }
            int ascii = high < 0x80;
            if (j < n && c != '"') {
                s->start_line = s->line;
                s->start_column = s->column;
                s->pending = 0;
                s->line_mode = ascii ? 1 : 2;
                split_line(s, data + i, j - i, delim);
                s->line_mode = 0;
                if (s->status != KPI_OK)
                    return -1;
                s->line = line + 1;
                s->column = 1;
                s->prev_cr = c == '\r';
                i = j + 1;
                continue;
            }
            j = i;
            c = 0;
        }
        for (; j < n; j++) {
            c = data[j];
            if (c == delim || c == '\n' || c == '\r')
                break;
            if (is_stray_control(c)) {
                control_error(s, line, col, c);
                return -1;
            }
            col += !is_continuation(c);
            prev_cr = 0;
        }
        size_t end = j < n ? j + 1 : n; /* the piece includes its terminator */
        if (j < n) {
            if (c == delim) {
                col++;
                prev_cr = 0;
            } else if (c == '\r') {
                line++;
                col = 1;
                prev_cr = 1;
            } else {
                if (!prev_cr)
                    line++;
                col = 1;
                prev_cr = 0;
            }
        }
        if (s->pending && data[i] != '\n' && data[i] != '\r') {
            s->start_line = s->line;
            s->start_column = s->column;
            s->pending = 0;
        }
        s->after_line = line;
        s->after_column = col;
        size_t len = end - i;
        /* A field's text is at most its raw bytes, which are at most twice
         * it and its quotes and delimiter (every quote doubled): past that,
         * the field is too long whatever it turns out to hold. */
        if (s->field_raw + len > 2 * s->max_field + 3) {
            field_too_long(s);
            return -1;
        }
        s->field_ended = 0;
        size_t used = csv_parse(&s->parser, data + i, len, on_field, on_row, s);
        if (used != len) {
            syntax_error(s, data + i, used, len);
            return -1;
        }
        if (s->status != KPI_OK)
            return -1;
        s->field_raw = s->field_ended || s->pending ? 0 : s->field_raw + len;
        s->line = line;
        s->column = col;
        s->prev_cr = prev_cr;
        i = end;
    }
    return 0;
}

char
kpi_csv_detect_delimiter(const unsigned char *data, size_t n)
{
    static const char candidates[] = KPI_CSV_DELIMITERS;
    size_t counts[sizeof candidates - 1] = {0};
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = data[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (size_t k = 0; k < sizeof candidates - 1; k++)
                counts[k] += c == (unsigned char)candidates[k];
    }
    size_t best = 0;
    for (size_t k = 1; k < sizeof candidates - 1; k++)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

/* libcsv trims spaces and tabs around unquoted fields by default; kpi keeps
 * fields verbatim (a tab may be the delimiter) and trims where it parses. */
static int
no_space(unsigned char c)
{
    (void)c;
    return 0;
}

kpi_status
kpi_csv_scan(FILE *fp, const char *source, char delimiter, kpi_csv_row_fn fn, void *ud, char *used,
             kpi_error *err)
{
    kpi_csv_range range = {.delimiter = delimiter, .first_is_header = true};
    kpi_status st = kpi_csv_scan_range(fp, source, &range, fn, ud, err);
    if (used)
        *used = range.delimiter;
    return st;
}

kpi_status
kpi_csv_scan_range(FILE *fp, const char *source, kpi_csv_range *range, kpi_csv_row_fn fn, void *ud,
                   kpi_error *err)
{
    scan s = {0};
    s.source = source;
    s.fn = fn;
    s.ud = ud;
    s.err = err;
    s.line = s.column = 1;
    s.start_line = s.start_column = 1;
    s.pending = 1;
    s.row_index = range->first_row;
    s.range = range;
    s.max_field = range->max_field ? range->max_field : KPI_CSV_FIELD_MAX;

    unsigned char *block = kpi_malloc(BLOCK_SIZE);
    if (!block)
        return kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    if (csv_init(&s.parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        kpi_free(block);
        return kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    }
    csv_set_realloc_func(&s.parser, kpi_realloc);
    csv_set_free_func(&s.parser, kpi_free);
    csv_set_space_func(&s.parser, no_space);

    int first = 1;
    unsigned char delim = (unsigned char)range->delimiter;
    size_t left = range->max_bytes ? range->max_bytes : SIZE_MAX;
    size_t n;
    while (s.status == KPI_OK && left &&
           (n = fread(block, 1, left < BLOCK_SIZE ? left : BLOCK_SIZE, fp)) > 0) {
        const unsigned char *data = block;
        left -= n;
        if (first) {
            first = 0;
            if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
                data += 3;
                n -= 3;
            }
            if (!delim)
                delim = (unsigned char)kpi_csv_detect_delimiter(data, n);
            csv_set_delim(&s.parser, delim);
        }
        if (feed(&s, data, n, delim) != 0)
            break;
    }
    if (s.status == KPI_OK && ferror(fp))
        s.status = kpi_error_set(err, KPI_EIO, source, 0, 0, "read failed: %s", strerror(errno));
    range->ended_clean = s.pending;
    /* A range that stops short of the end leaves any unfinished record to
     * whoever reads on from there. */
    if (s.status == KPI_OK && !range->max_bytes) {
        s.after_line = s.line;
        s.after_column = s.column;
        if (csv_fini(&s.parser, on_field, on_row, &s) != 0 && s.status == KPI_OK)
            s.status = kpi_error_set(err, KPI_ECSV, source, s.start_line, s.start_column,
                                     "a quoted field is never closed: expected a closing "
                                     "quote before the end of the file");
    }
    range->delimiter = (char)(delim ? delim : ',');
    range->lines = s.line - 1;
    csv_free(&s.parser);
    kpi_free(block);
    kpi_free(s.buf);
    kpi_free(s.pos);
    kpi_free(s.view);
    return s.status;
}

kpi_status
kpi_csv_ragged(const char *source, const kpi_csv_field *f, size_t n, size_t ncols, kpi_error *err)
{
    /* A longer record is cut at its first extra field (kpi_csv_row_fn), so
     * its count is not known. */
    if (n > ncols)
        return kpi_error_set(err, KPI_ECSV, source, f[ncols].line, f[ncols].column,
                             "ragged row: expected %zu fields as in the header, found more", ncols);
    return kpi_error_set(err, KPI_ECSV, source, f[n - 1].line, f[n - 1].column,
                         "ragged row: expected %zu fields as in the header, found %zu", ncols, n);
}

bool
kpi_csv_name_eq(const char *a, const char *b)
{
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && a[la - 1] == ' ')
        la--;
    while (lb && b[lb - 1] == ' ')
        lb--;
    if (la != lb)
        return false;
    for (size_t i = 0; i < la; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

const char *
kpi_csv_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *n = len;
    return s;
}

int
kpi_csv_quote_len(const char *s, size_t n)
{
    if (n <= KPI_CSV_QUOTE_MAX)
        return (int)n;
    size_t k = KPI_CSV_QUOTE_MAX;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return (int)k;
}
