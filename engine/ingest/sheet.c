/* The workbook reader's entry points, its container (libzip unzipping
 * into libxml2's SAX parser) and the choice of a sheet; the parts it
 * shares with the rows and the two formats are in sheet_parse_private.h.
 *
 * memmem: glibc's finds a word in the unzipped sheet many times faster
 * than a byte-by-byte loop. */
#define _GNU_SOURCE

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet_parse_private.h"

/* Bytes unzipped and parsed at a time, in blocks large enough that the
 * per-call costs of libzip and libxml2 vanish against the parsing.  A
 * part smaller than that (most parts of a workbook but its sheets) gets a
 * block of its own size, or every small part costs a quarter-megabyte
 * allocation. */
#define BLOCK_SIZE (256 * 1024)
#define BLOCK_MIN 4096
/* Sheet names quoted in the message that lists them. */
#define NAMES_MAX 200

/* ---- failures and attributes ---------------------------------------------- */

kpi_status
kpi_sheet_fail(sheet *s, kpi_status code, unsigned long row, unsigned long col, const char *fmt,
               ...)
{
    if (s->status != KPI_OK)
        return s->status;
    if (s->held != KPI_OK) {
        /* The first pass cannot read on to the merged ranges: its row's
         * failure, the first in the sheet, stands. */
        s->status = s->held;
    } else {
        char msg[KPI_ERROR_MESSAGE_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        s->status = kpi_error_set(s->err, code, s->path, row, col, "%s", msg);
    }
    if (s->parser)
        xmlStopParser(s->parser);
    return s->status;
}

kpi_status
kpi_sheet_nomem(sheet *s)
{
    return kpi_sheet_fail(s, KPI_ENOMEM, 0, 0, "out of memory");
}

const char *
kpi_sheet_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(kpi_sheet_local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

unsigned long
kpi_sheet_count(const char *v, unsigned long def, unsigned long max)
{
    if (!v || *v < '0' || *v > '9')
        return def;
    unsigned long n = 0;
    for (; *v >= '0' && *v <= '9'; v++)
        if ((n = n * 10 + (unsigned long)(*v - '0')) > max)
            return max + 1;
    return n;
}

unsigned long
kpi_sheet_count_attr(const char **atts, const char *name, unsigned long def, unsigned long max)
{
    return kpi_sheet_count(kpi_sheet_attr(atts, name), def, max);
}

/* ---- libxml2's SAX callbacks ---------------------------------------------- */

/* libxml2 (SAX1, which hands over names and attributes as they stand,
 * NUL-terminated) is about a quarter cheaper than expat on a sheet, most
 * of a workbook's reading time (bench/results/sheet-floor.md).  These
 * hand its events to the entry's handlers as char text. */
static void
on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    sheet *s = ud;
    if (!s->h.start)
        return;
    size_t n = 0;
    while (atts && atts[n])
        n++;
    if (n + 1 > s->attv_cap && kpi_grow((void **)&s->attv, &s->attv_cap, n + 1, sizeof *s->attv)) {
        kpi_sheet_nomem(s);
        return;
    }
    for (size_t i = 0; i < n; i++)
        s->attv[i] = (const char *)atts[i];
    s->attv[n] = NULL;
    s->h.start(s, (const char *)name, s->attv);
}

static void
on_end(void *ud, const xmlChar *name)
{
    sheet *s = ud;
    if (s->h.end)
        s->h.end(s, (const char *)name);
}

static void
on_chars(void *ud, const xmlChar *t, int len)
{
    sheet *s = ud;
    if (s->collect > 0 && s->status == KPI_OK)
        kpi_sheet_put(s, &s->chars, (const char *)t, (size_t)len);
}

/* The library never prints: libxml2's failures reach on_error, and its
 * messages for printing go nowhere. */
static void
on_message(void *ud, const char *fmt, ...)
{
    (void)ud;
    (void)fmt;
}

/* The first of an entry's failures is kept for the message: a later one
 * is often only its consequence, and an encoding's failure never reaches
 * the parser's own last error. */
static void
on_error(void *ud, xmlErrorPtr e)
{
    sheet *s = ud;
    if (!e || e->level < XML_ERR_ERROR || s->xml_error.code)
        return;
    s->xml_error.code = e->code ? e->code : XML_ERR_INTERNAL_ERROR;
    s->xml_error.line = e->line;
    snprintf(s->xml_error.message, sizeof s->xml_error.message, "%s", e->message ? e->message : "");
    size_t n = strlen(s->xml_error.message);
    while (n && s->xml_error.message[n - 1] == '\n')
        s->xml_error.message[--n] = '\0';
}

/* Some failures (a declared encoding's bytes that do not convert, say)
 * libxml2 reports through the thread's error functions, which print to
 * stderr, not through the parser's handlers.  For a parse the thread's
 * are quiet ones, and the caller's are put back after. */
typedef struct error_functions {
    xmlGenericErrorFunc generic;
    void *generic_ud;
    xmlStructuredErrorFunc structured;
    void *structured_ud;
} error_functions;

static error_functions
quiet_errors(sheet *s)
{
    error_functions saved = {xmlGenericError, xmlGenericErrorContext, xmlStructuredError,
                             xmlStructuredErrorContext};
    xmlSetGenericErrorFunc(NULL, on_message);
    xmlSetStructuredErrorFunc(s, on_error);
    return saved;
}

static void
restore_errors(const error_functions *saved)
{
    xmlSetGenericErrorFunc(saved->generic_ud, saved->generic);
    xmlSetStructuredErrorFunc(saved->structured_ud, saved->structured);
}

/* SAX1 (initialized is not XML_SAX2_MAGIC).  No entity is declared,
 * looked up or loaded, so a workbook's XML can reach neither the network
 * nor the file system, nor expand entities into gigabytes. */
static xmlSAXHandler sax_handler = {
    .startElement = on_start,
    .endElement = on_end,
    .characters = on_chars,
    .ignorableWhitespace = on_chars,
    .cdataBlock = on_chars,
    .warning = on_message,
    .error = on_message,
    .fatalError = on_message,
    .initialized = 1,
};

/* ---- the container ------------------------------------------------------- */

/* The unzipped size the archive states for entry; 0 when it states none.
 * It is only a hint, as a damaged or hostile archive may state anything:
 * the reading loops run until libzip reports the end whatever the block,
 * and both halves of a sheet cut it at the same place whatever the size. */
static zip_uint64_t
entry_size(sheet *s, const char *entry)
{
    zip_stat_t st;
    return zip_stat(s->zip, entry, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
}

static size_t
block_size(sheet *s, const char *entry)
{
    zip_uint64_t size = entry_size(s, entry);
    if (!size || size >= BLOCK_SIZE)
        return BLOCK_SIZE;
    return size < BLOCK_MIN ? BLOCK_MIN : (size_t)size + 1;
}

/* libxml2 2.9 sets up its global tables on first use without a lock:
 * done once here, a workbook may be read on any thread. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* An entry being parsed as it unzips: its zip file, a block to unzip
 * into, and the thread's error functions to put back. */
typedef struct entry_reading {
    zip_file_t *zf;
    char *block;
    size_t size;
    error_functions saved;
} entry_reading;

/* Open the entry and a push parser for it, with h as its handlers.
 * Returns KPI_OK, or the failure recorded (a missing optional entry:
 * KPI_OK with er->zf NULL). */
static kpi_status
entry_open(sheet *s, const char *entry, bool required, handlers h, entry_reading *er)
{
    pthread_once(&xml_once, xmlInitParser);
    *er = (entry_reading){0};
    if (!(er->zf = zip_fopen(s->zip, entry, 0))) {
        int code = zip_error_code_zip(zip_get_error(s->zip));
        if (code == ZIP_ER_NOENT && !required)
            return KPI_OK;
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return kpi_sheet_fail(s, KPI_EIO, 0, 0,
                                  "the workbook is password-protected: save it without a password");
        return kpi_sheet_fail(s, KPI_EIO, 0, 0, "not a readable workbook: %s: %s", entry,
                              zip_strerror(s->zip));
    }
    er->size = block_size(s, entry);
    er->block = kpi_malloc(er->size);
    s->xml_error.code = 0;
    er->saved = quiet_errors(s);
    s->parser = er->block ? xmlCreatePushParserCtxt(&sax_handler, s, NULL, 0, entry) : NULL;
    if (!s->parser)
        return kpi_sheet_nomem(s);
    xmlCtxtUseOptions(s->parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    s->entry = entry;
    s->done = false;
    s->h = h;
    return KPI_OK;
}

static void
entry_close(sheet *s, entry_reading *er)
{
    if (!er->zf)
        return;
    if (s->parser)
        xmlFreeParserCtxt(s->parser);
    s->parser = NULL;
    restore_errors(&er->saved);
    kpi_free(er->block);
    zip_fclose(er->zf);
}

/* Unzip the entry's next block into er->block: its length, 0 at the end,
 * or -1 with the failure recorded. */
static zip_int64_t
entry_read(sheet *s, entry_reading *er)
{
    zip_int64_t n = zip_fread(er->zf, er->block, er->size);
    if (n < 0)
        kpi_sheet_fail(s, KPI_EIO, 0, 0, "the workbook is corrupt or truncated: %s: %s", s->entry,
                       zip_file_strerror(er->zf));
    return n;
}

/* Parse n bytes of p (the last of the entry when end).  Returns whether
 * the parse goes on: false once it failed (the failure recorded) or was
 * stopped. */
static bool
feed(sheet *s, const char *p, size_t n, bool end)
{
    if (xmlParseChunk(s->parser, p, (int)n, end) != XML_ERR_OK) {
        if (s->status == KPI_OK && s->xml_error.code == XML_ERR_NO_MEMORY)
            kpi_sheet_nomem(s);
        else if (s->status == KPI_OK && !s->done) {
            char at[32] = ""; /* an encoding's failure has no line */
            if (s->xml_error.line > 0)
                snprintf(at, sizeof at, ", line %d", s->xml_error.line);
            kpi_sheet_fail(s, KPI_EIO, 0, 0, "the workbook is corrupt: %s%s: %s", s->entry, at,
                           s->xml_error.code ? s->xml_error.message : "not well-formed XML");
        }
        return false;
    }
    return s->status == KPI_OK;
}

kpi_status
kpi_sheet_parse_entry(sheet *s, const char *entry, bool required, handlers h, bool *found)
{
    entry_reading er;
    if (found)
        *found = false;
    if (entry_open(s, entry, required, h, &er) == KPI_OK && er.zf) {
        if (found)
            *found = true;
        zip_int64_t n;
        while ((n = entry_read(s, &er)) >= 0 && feed(s, er.block, (size_t)n, n == 0) && n > 0)
            ;
    }
    entry_close(s, &er);
    return s->status;
}

/* ---- a sheet in two halves ------------------------------------------------ */

/* Where a sheet's XML is cut: just past the first end tag of a row that
 * starts at or after byte `from`.  Both halves find it by this scan
 * of the same bytes.  '<' stands for itself only in markup (text and
 * attribute values escape it), so the text "</row>" is a row's end tag
 * unless it sits in a comment, CDATA section or processing instruction;
 * the first half's parser then has bytes left unparsed at the cut, which
 * at_rows tells. */
typedef struct cut {
    zip_uint64_t from;
    int state;     /* 0 text, 1 after '<', 2 in an end tag's name, 3 after it */
    char local[4]; /* the name's local part (after any prefix) so far */
    size_t len;    /* its length; 4: longer than "row" */
} cut;

/* Scan the n bytes at p, which begin at byte base of the XML.  Returns
 * the number of them up to the cut's '>' included, or n + 1 when the cut
 * is not among them. */
static size_t
cut_scan(cut *c, const char *p, size_t n, zip_uint64_t base)
{
    size_t i = base < c->from ? (size_t)(c->from - base < n ? c->from - base : n) : 0;
    for (; i < n; i++) {
        char ch = p[i];
        bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
        switch (c->state) {
        case 0: c->state = ch == '<'; break;
        case 1:
            c->state = ch == '/' ? 2 : ch == '<';
            c->len = 0;
            break;
        case 2:
            if (ch == ':') {
                c->len = 0;
                break;
            }
            if (!space && ch != '>' && ch != '<') {
                if (c->len < 3)
                    c->local[c->len] = ch;
                c->len += c->len < 4;
                break;
            }
            c->state = 3;
            /* fall through */
        case 3:
            if (ch == '>' && c->len == 3 && memcmp(c->local, "row", 3) == 0)
                return i + 1;
            c->state = space ? 3 : ch == '<';
            break;
        }
    }
    return n + 1;
}

/* Whether the parser stands between two rows: inside the sheet's
 * <sheetData>, all it was given parsed, and its text UTF-8 (the cut is
 * found in bytes, which another encoding would not match). */
static bool
at_rows(xmlParserCtxtPtr p)
{
    return p->nameNr == 2 &&
           strcmp(kpi_sheet_local((const char *)p->nameTab[1]), "sheetData") == 0 && p->input &&
           p->input->cur == p->input->end && p->input->buf && !p->input->buf->encoder;
}

bool
kpi_sheet_halves_fit(sheet *s, zip_uint64_t *size)
{
    *size = entry_size(s, s->target);
    return *size >= (s->sel->halves_min ? s->sel->halves_min : KPI_SHEET_HALVES_MIN);
}

kpi_status
kpi_sheet_cannot_cut(sheet *s)
{
    return kpi_sheet_fail(s, KPI_EIO, 0, 0, "the sheet cannot be read in halves");
}

/* The first half parses up to the cut.  The later one parses the XML up
 * to <sheetData> with no handlers, a tag at a time so that it stops
 * exactly there, passes over the bytes up to the cut unparsed, and
 * parses the rest: its parser then holds what the first half's held at
 * the cut (the declaration, the elements open, any DTD). */
kpi_status
kpi_sheet_parse_half(sheet *s, handlers h)
{
    zip_uint64_t size;
    if (!kpi_sheet_halves_fit(s, &size))
        return kpi_sheet_cannot_cut(s);
    bool later = s->sel->part == KPI_SHEET_LATER;
    entry_reading er;
    if (entry_open(s, s->target, true, later ? (handlers){NULL, NULL} : h, &er) != KPI_OK) {
        entry_close(s, &er);
        return s->status;
    }
    cut c = {.from = size / 100 * KPI_SHEET_CUT_PERCENT};
    enum { PRELUDE, PASSING, ROWS } stage = later ? PRELUDE : ROWS;
    zip_uint64_t base = 0;
    zip_int64_t got;
    while ((got = entry_read(s, &er)) > 0) {
        size_t n = (size_t)got, off = 0;
        while (stage == PRELUDE && off < n) {
            const char *gt = memchr(er.block + off, '>', n - off);
            size_t end = gt ? (size_t)(gt - er.block) + 1 : n;
            if (base + end > c.from || !feed(s, er.block + off, end - off, false)) {
                kpi_sheet_cannot_cut(s);
                break;
            }
            off = end;
            if (at_rows(s->parser)) {
                stage = PASSING;
                s->h = h;
            }
        }
        if (s->status != KPI_OK)
            break;
        /* The later half scans no further once past the cut. */
        size_t k = stage == ROWS && later ? n + 1 : cut_scan(&c, er.block, n, base);
        base += n;
        if (stage == ROWS && later) {
            if (!feed(s, er.block, n, false))
                break;
        } else if (stage == ROWS) {
            if (!feed(s, er.block, k <= n ? k : n, false))
                break;
            if (k <= n) { /* the first half is read */
                /* Rows after a </sheetData> are not read at all. */
                if (!at_rows(s->parser) || s->rows_done)
                    kpi_sheet_cannot_cut(s);
                entry_close(s, &er);
                return s->status;
            }
        } else if (stage == PASSING && k <= n) {
            stage = ROWS;
            if (!feed(s, er.block + k, n - k, false))
                break;
        }
    }
    /* The end of the XML: only the later half parses up to it. */
    if (got == 0 && s->status == KPI_OK) {
        if (stage == ROWS && later)
            feed(s, er.block, 0, true);
        else
            kpi_sheet_cannot_cut(s);
    }
    entry_close(s, &er);
    return s->status;
}

kpi_status
kpi_sheet_entry_mentions(sheet *s, const char *entry, const char *word, bool *yes)
{
    *yes = false;
    zip_file_t *zf = zip_fopen(s->zip, entry, 0);
    if (!zf)
        return kpi_sheet_parse_entry(s, entry, true, (handlers){NULL, NULL}, NULL);
    size_t k = strlen(word), size = block_size(s, entry);
    char *block = kpi_malloc(size + k);
    if (!block) {
        zip_fclose(zf);
        return kpi_sheet_nomem(s);
    }
    /* Each block starts with the last k - 1 bytes of the one before, so
     * that a word across two blocks is found. */
    size_t keep = 0;
    zip_int64_t n;
    while (!*yes && (n = zip_fread(zf, block + keep, size)) > 0) {
        size_t have = keep + (size_t)n;
        *yes = memmem(block, have, word, k) != NULL;
        keep = have < k - 1 ? have : k - 1;
        memmove(block, block + have - keep, keep);
    }
    kpi_free(block);
    zip_fclose(zf);
    return KPI_OK;
}

void
kpi_sheet_finish(sheet *s)
{
    s->done = true;
    xmlStopParser(s->parser);
}

bool
kpi_sheet_selected(sheet *s, size_t idx, const char *name)
{
    if (s->n_sheets < NAMES_MAX && s->names.len < NAMES_MAX) {
        if (s->names.len)
            kpi_sheet_put(s, &s->names, ", ", 2);
        kpi_sheet_put(s, &s->names, "\"", 1);
        kpi_sheet_put(s, &s->names, name, strlen(name));
        kpi_sheet_put(s, &s->names, "\"", 1);
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

void
kpi_sheet_choose(sheet *s, const char *name)
{
    snprintf(s->name, s->name_size, "%s", name);
}

kpi_status
kpi_sheet_no_such_sheet(sheet *s)
{
    return kpi_sheet_fail(s, KPI_EINVAL, 0, 0, "no sheet \"%s\": the workbook's sheets are %s%s",
                          s->sel->sheet, s->names.len ? s->names.p : "none",
                          s->names.len >= NAMES_MAX ? ", ..." : "");
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
        return kpi_sheet_fail(
            s, KPI_EIO, 0, 0,
            "an Excel 97-2003 (.xls) workbook or a password-protected one: kpi reads "
            ".xlsx and .ods workbooks; save it as one, without a password");
    int code = 0;
    s->zip = zip_open(s->path, ZIP_RDONLY, &code);
    if (s->zip)
        return KPI_OK;
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    kpi_status st = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ
                        ? kpi_sheet_fail(s, KPI_EIO, 0, 0, "cannot open: %s",
                                         zip_error_strerror(&ze))
                        : kpi_sheet_fail(
                              s, KPI_EIO, 0, 0,
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
            kpi_sheet_read_xlsx(&s);
        else if (zip_name_locate(s.zip, "content.xml", 0) >= 0 && sel->part != KPI_SHEET_WHOLE)
            kpi_sheet_cannot_cut(&s); /* an .ods sheet's rows hold no numbers to start from */
        else if (zip_name_locate(s.zip, "content.xml", 0) >= 0)
            kpi_sheet_read_ods(&s);
        else
            kpi_sheet_fail(&s, KPI_EIO, 0, 0,
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
    kpi_free(s.attv);
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
kpi_sheet_table_open(const char *path, kpi_sheet_table *t, kpi_error *err)
{
    *t = (kpi_sheet_table){.path = path, .source = path};
    if (strcmp(path, "-") == 0) {
        *t = (kpi_sheet_table){.fp = stdin, .source = "<stdin>"};
        return KPI_OK;
    }
    if ((t->fp = fopen(path, "rb")))
        return KPI_OK;
    int saved = errno;
    const char *hash = strrchr(path, '#');
    if (hash && hash > path && hash[1]) {
        if (!(t->own = kpi_strndup(path, strlen(path))))
            return kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        t->own[hash - path] = '\0';
        if ((t->fp = fopen(t->own, "rb")) && kpi_sheet_is_workbook(t->own, t->fp)) {
            t->path = t->source = t->own;
            t->sheet = t->own + (hash - path) + 1;
            return KPI_OK;
        }
        kpi_sheet_table_close(t);
    }
    return kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(saved));
}

void
kpi_sheet_table_close(kpi_sheet_table *t)
{
    if (t->fp && t->fp != stdin)
        fclose(t->fp);
    kpi_free(t->own);
    *t = (kpi_sheet_table){0};
}

kpi_status
kpi_sheet_table_scan(const kpi_sheet_table *t, const char *prefer, kpi_csv_row_fn fn, void *ud,
                     kpi_error *err)
{
    if (!t->path || !kpi_sheet_is_workbook(t->path, t->fp))
        return kpi_csv_scan(t->fp, t->source, 0, fn, ud, NULL, err);
    char name[KPI_ERROR_SHEET_MAX] = "";
    kpi_sheet_select sel = {.sheet = t->sheet ? t->sheet : prefer};
    kpi_status st = kpi_sheet_scan(t->path, &sel, fn, ud, name, sizeof name, err);
    /* No sheet is chosen, and no row read, only when there is no sheet
     * of that name: a sheet kpi would like to find falls back to the
     * first, the sheet the path names does not. */
    if (st == KPI_EINVAL && !name[0] && !t->sheet && prefer) {
        sel.sheet = NULL;
        st = kpi_sheet_scan(t->path, &sel, fn, ud, name, sizeof name, err);
    }
    return st;
}
