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
        if (s->parser)
            xmlStopParser(s->parser);
        return s->status;
    }
    char msg[KPI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->status = kpi_error_set(s->err, code, s->path, row, col, "%s", msg);
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

/* The size the archive states for the part is only a hint, as a
 * damaged or hostile archive may state anything: the reading loops run
 * until libzip reports the end whatever the block. */
static size_t
block_size(sheet *s, const char *entry)
{
    zip_stat_t st;
    if (zip_stat(s->zip, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size >= BLOCK_SIZE)
        return BLOCK_SIZE;
    return st.size < BLOCK_MIN ? BLOCK_MIN : (size_t)st.size + 1;
}

/* libxml2 2.9 sets up its global tables on first use without a lock:
 * done once here, a workbook may be read on any thread. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

kpi_status
kpi_sheet_parse_entry(sheet *s, const char *entry, bool required, handlers h, bool *found)
{
    pthread_once(&xml_once, xmlInitParser);
    if (found)
        *found = false;
    zip_file_t *zf = zip_fopen(s->zip, entry, 0);
    if (!zf) {
        int code = zip_error_code_zip(zip_get_error(s->zip));
        if (code == ZIP_ER_NOENT && !required)
            return KPI_OK;
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return kpi_sheet_fail(s, KPI_EIO, 0, 0,
                                  "the workbook is password-protected: save it without a password");
        return kpi_sheet_fail(s, KPI_EIO, 0, 0, "not a readable workbook: %s: %s", entry,
                              zip_strerror(s->zip));
    }
    if (found)
        *found = true;
    size_t size = block_size(s, entry);
    char *block = kpi_malloc(size);
    s->xml_error.code = 0;
    error_functions saved = quiet_errors(s);
    s->parser = block ? xmlCreatePushParserCtxt(&sax_handler, s, NULL, 0, entry) : NULL;
    if (!s->parser) {
        restore_errors(&saved);
        kpi_free(block);
        zip_fclose(zf);
        return kpi_sheet_nomem(s);
    }
    xmlCtxtUseOptions(s->parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    s->entry = entry;
    s->done = false;
    s->h = h;
    for (;;) {
        zip_int64_t n = zip_fread(zf, block, size);
        if (n < 0) {
            kpi_sheet_fail(s, KPI_EIO, 0, 0, "the workbook is corrupt or truncated: %s: %s", entry,
                           zip_file_strerror(zf));
            break;
        }
        if (xmlParseChunk(s->parser, block, (int)n, n == 0) != XML_ERR_OK) {
            if (s->status == KPI_OK && s->xml_error.code == XML_ERR_NO_MEMORY)
                kpi_sheet_nomem(s);
            else if (s->status == KPI_OK && !s->done) {
                char at[32] = ""; /* an encoding's failure has no line */
                if (s->xml_error.line > 0)
                    snprintf(at, sizeof at, ", line %d", s->xml_error.line);
                kpi_sheet_fail(s, KPI_EIO, 0, 0, "the workbook is corrupt: %s%s: %s", entry, at,
                               s->xml_error.code ? s->xml_error.message : "not well-formed XML");
            }
            break;
        }
        if (n == 0 || s->status != KPI_OK)
            break;
    }
    xmlFreeParserCtxt(s->parser);
    s->parser = NULL;
    restore_errors(&saved);
    kpi_free(block);
    zip_fclose(zf);
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
