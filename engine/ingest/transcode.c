#include "transcode_private.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#define CHUNK (64 * 1024)

/* The encoding a byte-order mark names and the mark's length, or NULL.
 * UTF-32LE's mark starts with UTF-16LE's, so it is tried first. */
static const char *
from_mark(const unsigned char *b, size_t n, size_t *mark)
{
    static const struct {
        unsigned char bytes[4];
        size_t len;
        const char *name;
    } marks[] = {
        {{0xFF, 0xFE, 0x00, 0x00}, 4, "UTF-32LE"},
        {{0x00, 0x00, 0xFE, 0xFF}, 4, "UTF-32BE"},
        {{0xFF, 0xFE}, 2, "UTF-16LE"},
        {{0xFE, 0xFF}, 2, "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (n >= marks[i].len && memcmp(b, marks[i].bytes, marks[i].len) == 0) {
            *mark = marks[i].len;
            return marks[i].name;
        }
    return NULL;
}

static bool
is_utf8_name(const char *name)
{
    return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

/* Advance line and column over UTF-8 text, as the scanner counts them. */
static void
count_position(const char *t, size_t n, unsigned long *line, unsigned long *col, bool *cr)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\n') {
            if (!*cr)
                (*line)++;
            *col = 1;
            *cr = false;
        } else if (c == '\r') {
            (*line)++;
            *col = 1;
            *cr = true;
        } else {
            *col += (c & 0xC0) != 0x80;
            *cr = false;
        }
    }
}

/* Decode everything from fp (after `head`, the first bytes already read)
 * with cd into tmp. */
static kpi_status
convert(iconv_t cd, const char *name, FILE *fp, const unsigned char *head, size_t n_head, FILE *tmp,
        const char *source, kpi_error *err)
{
    char in[CHUNK + 8], out[4 * CHUNK + 64];
    size_t have = n_head;
    memcpy(in, head, n_head);
    unsigned long line = 1, col = 1;
    bool cr = false, eof = false;
    while (!eof || have) {
        if (!eof) {
            size_t got = fread(in + have, 1, CHUNK, fp);
            if (got < CHUNK) {
                if (ferror(fp))
                    return kpi_error_set(err, KPI_EIO, source, 0, 0, "read failed: %s",
                                         strerror(errno));
                eof = true;
            }
            have += got;
        }
        char *ip = in, *op = out;
        size_t il = have, ol = sizeof out;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        int e = errno;
        size_t produced = (size_t)(op - out);
        if (produced && fwrite(out, 1, produced, tmp) != produced)
            return kpi_error_set(err, KPI_EIO, source, 0, 0, "cannot write a temporary file: %s",
                                 strerror(errno));
        count_position(out, produced, &line, &col, &cr);
        if (r == (size_t)-1 && (e == EILSEQ || (e == EINVAL && eof)))
            return kpi_error_set(err, KPI_EENCODING, source, line, col,
                                 "not valid %s: byte 0x%02X%s", name, (unsigned char)*ip,
                                 e == EINVAL ? " begins a character the file ends inside" : "");
        memmove(in, ip, il);
        have = il;
        if (eof && r != (size_t)-1)
            break;
    }
    return KPI_OK;
}

kpi_status
kpi_transcode(FILE *fp, const char *source, const char *encoding, FILE **out, kpi_error *err)
{
    *out = NULL;
    unsigned char head[4];
    size_t n = fread(head, 1, sizeof head, fp), mark = 0;
    if (ferror(fp))
        return kpi_error_set(err, KPI_EIO, source, 0, 0, "read failed: %s", strerror(errno));
    const char *name = encoding ? encoding : from_mark(head, n, &mark);
    if (name && is_utf8_name(name))
        name = NULL;
    /* Plain UTF-8 is scanned from fp itself, put back to its start; a pipe
     * cannot be, so its bytes go through a temporary file as they are. */
    if (!name && fseek(fp, -(long)n, SEEK_CUR) == 0)
        return KPI_OK;
    iconv_t cd = iconv_open("UTF-8", name ? name : "UTF-8");
    if (cd == (iconv_t)-1)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "unknown encoding '%s': expected one iconv knows, such as latin1, "
                             "cp1252, utf-8 or utf-16",
                             name);
    FILE *tmp = tmpfile();
    kpi_status st = tmp ? KPI_OK
                        : kpi_error_set(err, KPI_EIO, source, 0, 0,
                                        "cannot create a temporary file: %s", strerror(errno));
    if (st == KPI_OK)
        st = convert(cd, name ? name : "UTF-8", fp, head + mark, n - mark, tmp, source, err);
    iconv_close(cd);
    if (st == KPI_OK && fseek(tmp, 0, SEEK_SET) != 0)
        st = kpi_error_set(err, KPI_EIO, source, 0, 0, "cannot read a temporary file: %s",
                           strerror(errno));
    if (st != KPI_OK) {
        if (tmp)
            fclose(tmp);
        return st;
    }
    *out = tmp;
    return KPI_OK;
}

bool
kpi_transcode_needed(FILE *fp, const char *encoding)
{
    if (encoding)
        return !is_utf8_name(encoding);
    unsigned char head[4];
    size_t n = fread(head, 1, sizeof head, fp), mark;
    bool needed = from_mark(head, n, &mark) != NULL;
    fseek(fp, -(long)n, SEEK_CUR);
    return needed;
}
