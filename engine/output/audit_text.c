/* kpi audit: a report's text, its positions and its sentences. */
#include "audit_private.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Length of the UTF-8 sequence at s[0..n), or 0 when it is not valid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (k == 0 || c > 0xF4 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return k;
}

static kpi_status
build_lines(audit_doc *d, kpi_error *err)
{
    size_t cap = 0;
    d->nlines = 0;
    for (size_t i = 0;; i++) {
        if (i == 0 || d->orig[i - 1] == '\n' ||
            (d->orig[i - 1] == '\r' && (i == d->len || d->orig[i] != '\n'))) {
            if (kpi_grow((void **)&d->lines, &cap, d->nlines + 1, sizeof *d->lines) != 0)
                return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
            d->lines[d->nlines++] = i;
        }
        if (i == d->len)
            return KPI_OK;
    }
}

/* Block-level tags end a paragraph; any other tag is blank space. */
static bool
is_block_tag(const char *name, size_t n)
{
    static const char *const blocks[] = {
        "p",  "br",         "div",     "li",      "ul",     "ol",     "tr",    "td",
        "th", "h1",         "h2",      "h3",      "h4",     "h5",     "h6",    "table",
        "hr", "blockquote", "section", "article", "header", "footer", "title", "pre"};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strlen(blocks[i]) == n && strncasecmp(blocks[i], name, n) == 0)
            return true;
    return false;
}

/* Decode an entity at s[0..n) ("&amp;", "&#8722;"); returns the bytes it
 * spans and writes its UTF-8 form to out (at most 4 bytes, *olen), or 0. */
static size_t
entity(const char *s, size_t n, char *out, size_t *olen)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = {{"amp", "&"},
                 {"lt", "<"},
                 {"gt", ">"},
                 {"quot", "\""},
                 {"apos", "'"},
                 {"nbsp", " "},
                 {"minus", "\xE2\x88\x92"},
                 {"ndash", "\xE2\x80\x93"},
                 {"mdash", "\xE2\x80\x94"},
                 {"pound", "\xC2\xA3"},
                 {"euro", "\xE2\x82\xAC"},
                 {"percnt", "%"}};
    size_t end = 1;
    while (end < n && end < 12 && s[end] != ';' &&
           (isalnum((unsigned char)s[end]) || s[end] == '#'))
        end++;
    if (end >= n || s[end] != ';' || end < 2)
        return 0;
    if (s[1] == '#') {
        unsigned long cp = 0;
        bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
        for (size_t i = hex ? 3 : 2; i < end; i++) {
            int c = (unsigned char)s[i];
            int v = isdigit(c) ? c - '0' : hex && isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
            if (v < 0 || cp > 0x10FFFF)
                return 0;
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        if (cp < 0x80) {
            out[0] = (char)cp;
            *olen = 1;
        } else if (cp < 0x800) {
            out[0] = (char)(0xC0 | (cp >> 6));
            out[1] = (char)(0x80 | (cp & 0x3F));
            *olen = 2;
        } else if (cp < 0x10000) {
            out[0] = (char)(0xE0 | (cp >> 12));
            out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[2] = (char)(0x80 | (cp & 0x3F));
            *olen = 3;
        } else {
            out[0] = (char)(0xF0 | (cp >> 18));
            out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[3] = (char)(0x80 | (cp & 0x3F));
            *olen = 4;
        }
        return end + 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == end - 1 && strncmp(named[i].name, s + 1, end - 1) == 0) {
            *olen = strlen(named[i].utf8);
            memcpy(out, named[i].utf8, *olen);
            return end + 1;
        }
    return 0;
}

/* Blank HTML tags and decode entities in place, keeping every offset.  A
 * tag is '<' then a letter, '/' or '!', up to the next '>' on at most a
 * few lines' worth of text; anything else is left as text. */
static void
clean_html(char *t, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '<' && i + 1 < len &&
            (isalpha((unsigned char)t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!')) {
            size_t j = i + 1;
            while (j < len && j - i < 1024 && t[j] != '>' && t[j] != '<')
                j++;
            if (j >= len || t[j] != '>')
                continue;
            size_t ns = i + 1 + (t[i + 1] == '/');
            size_t ne = ns;
            while (ne < j && isalnum((unsigned char)t[ne]))
                ne++;
            bool block = is_block_tag(t + ns, ne - ns);
            for (size_t k = i; k <= j; k++)
                if (t[k] != '\n' && t[k] != '\r')
                    t[k] = ' ';
            if (block && j - i >= 2) {
                t[i] = '\n';
                t[i + 1] = '\n';
            }
            i = j;
        } else if (t[i] == '&') {
            char out[4];
            size_t olen = 0;
            size_t n = entity(t + i, len - i, out, &olen);
            if (n == 0 || olen > n)
                continue;
            memset(t + i, ' ', n - olen);
            memcpy(t + i + n - olen, out, olen);
            i += n - 1;
        }
    }
}

kpi_status
kpi_audit_doc_init(audit_doc *d, const char *source, const char *bytes, size_t len, kpi_error *err)
{
    memset(d, 0, sizeof *d);
    d->orig = bytes;
    d->len = len;
    size_t i = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t k; i < len; i += k) {
        k = bytes[i] == '\0' ? 0 : utf8_len((const unsigned char *)bytes + i, len - i);
        if (k == 0) {
            kpi_status st = build_lines(d, err);
            if (st == KPI_OK) {
                unsigned long line, column;
                kpi_audit_doc_locate(d, i, &line, &column);
                st = kpi_error_set(err, KPI_EVALUE, source, line, column,
                                   bytes[i] == '\0'
                                       ? "a NUL byte: this is a binary file, not a report"
                                       : "expected UTF-8 text, found the byte 0x%02X",
                                   (unsigned)(unsigned char)bytes[i]);
            }
            kpi_audit_doc_fini(d);
            return st;
        }
    }
    d->text = kpi_malloc(len + 1);
    if (!d->text || build_lines(d, err) != KPI_OK) {
        kpi_audit_doc_fini(d);
        return kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    }
    memcpy(d->text, bytes, len);
    d->text[len] = '\0';
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        memset(d->text, ' ', 3);
    clean_html(d->text, len);
    return KPI_OK;
}

void
kpi_audit_doc_fini(audit_doc *d)
{
    kpi_free(d->text);
    kpi_free(d->lines);
    d->text = NULL;
    d->lines = NULL;
    d->nlines = 0;
}

void
kpi_audit_doc_locate(const audit_doc *d, size_t off, unsigned long *line, unsigned long *column)
{
    /* A decoded entity sits at the end of its own bytes: point at its '&'. */
    if (off < d->len && d->text && d->text[off] != d->orig[off])
        for (size_t k = off; k > 0 && off - k < 12 && d->text[k - 1] == ' '; k--)
            if (d->orig[k - 1] == '&') {
                off = k - 1;
                break;
            }
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    unsigned long col = 1;
    size_t from = d->lines[lo];
    if (lo == 0 && d->len >= 3 && memcmp(d->orig, "\xEF\xBB\xBF", 3) == 0 && off >= 3)
        from = 3;
    for (size_t i = from; i < off; i++)
        if (((unsigned char)d->orig[i] & 0xC0) != 0x80)
            col++;
    *line = (unsigned long)lo + 1;
    *column = col;
}

/* ---- sentences ---------------------------------------------------------- */

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The offset just past the list marker at the start of a line ("- ", "* ",
 * "+ ", "• ", "1. ", "2) "), or 0 when there is none. */
static size_t
list_marker(const char *t, size_t len, size_t i)
{
    if (i + 1 < len && (t[i] == '-' || t[i] == '*' || t[i] == '+') &&
        (t[i + 1] == ' ' || t[i + 1] == '\t'))
        return i + 2;
    if (i + 3 < len && memcmp(t + i, "\xE2\x80\xA2", 3) == 0 && t[i + 3] == ' ')
        return i + 4;
    size_t j = i;
    while (j < len && j - i < 3 && isdigit((unsigned char)t[j]))
        j++;
    if (j > i && j + 1 < len && (t[j] == '.' || t[j] == ')') && t[j + 1] == ' ')
        return j + 2;
    return 0;
}

static size_t
line_start(const char *t, size_t i)
{
    while (i > 0 && t[i - 1] != '\n' && t[i - 1] != '\r')
        i--;
    return i;
}

/* First non-blank offset of the line at i (which is a line start). */
static size_t
skip_blank(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i;
}

/* Does the text at i (after white space) begin a new block: a list item,
 * a table row, a heading, or a line of its own? */
static bool
starts_block(const char *t, size_t len, size_t i)
{
    return i < len && (t[i] == '|' || t[i] == '#' || list_marker(t, len, i) != 0);
}

static bool
is_abbreviation(const char *t, size_t start, size_t dot)
{
    static const char *const abbr[] = {"e.g", "i.e",  "eg",  "ie",  "no",  "nos",  "approx", "etc",
                                       "vs",  "v",    "mr",  "mrs", "ms",  "dr",   "st",     "c",
                                       "ca",  "cf",   "inc", "ltd", "fig", "ref",  "para",   "op",
                                       "al",  "jan",  "feb", "mar", "apr", "jun",  "jul",    "aug",
                                       "sep", "sept", "oct", "nov", "dec", "prof", "rev",    "est"};
    size_t b = dot;
    while (b > start && (isalpha((unsigned char)t[b - 1]) || t[b - 1] == '.'))
        b--;
    size_t n = dot - b;
    if (n == 0 || n > 8)
        return false;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == n && strncasecmp(abbr[i], t + b, n) == 0)
            return true;
    /* A single capital is an initial ("J. Smith"). */
    return n == 1 && isupper((unsigned char)t[b]);
}

/* Is the '.', '!' or '?' at i the end of a sentence? */
static bool
ends_sentence(const char *t, size_t len, size_t start, size_t i)
{
    size_t j = i + 1;
    while (j < len && strchr(")\"'*_]", t[j]))
        j++;
    if (j + 2 < len &&
        (memcmp(t + j, "\xE2\x80\x9D", 3) == 0 || memcmp(t + j, "\xE2\x80\x99", 3) == 0))
        j += 3;
    if (j < len && !is_space(t[j]))
        return false;
    if (t[i] != '.')
        return true;
    if (is_abbreviation(t, start, i))
        return false;
    while (j < len && is_space(t[j]))
        j++;
    return j >= len || !islower((unsigned char)t[j]);
}

bool
kpi_audit_next_span(const char *t, size_t len, size_t *pos, audit_span *out)
{
    size_t i = *pos;
    while (i < len && is_space(t[i]))
        i++;
    if (i >= len) {
        *pos = len;
        return false;
    }
    memset(out, 0, sizeof *out);
    bool at_line = skip_blank(t, len, line_start(t, i)) == i;
    size_t start = i;
    if (at_line && (t[i] == '|' || t[i] == '#')) {
        /* A table row or a Markdown heading is one line. */
        while (i < len && t[i] != '\n' && t[i] != '\r')
            i++;
        out->kind = t[start] == '|' ? AUDIT_SPAN_TABLE : AUDIT_SPAN_HEADING;
        while (start < i && (t[start] == '#' || t[start] == ' '))
            start++;
        out->start = start;
        out->end = i;
        out->para_end = true;
        *pos = i;
        return true;
    }
    if (at_line) {
        size_t m = list_marker(t, len, i);
        if (m) {
            out->list_item = true;
            start = i = skip_blank(t, len, m);
        }
    }
    bool one_line = true;
    size_t end = len;
    for (; i < len; i++) {
        char c = t[i];
        if ((c == '.' || c == '!' || c == '?') && ends_sentence(t, len, start, i)) {
            end = i + 1;
            while (end < len && strchr(")\"'*_]", t[end]))
                end++;
            if (end + 2 < len && memcmp(t + end, "\xE2\x80\x9D", 3) == 0)
                end += 3;
            break;
        }
        if (c != '\n' && c != '\r')
            continue;
        /* A line break: see what the next non-blank line holds. */
        size_t j = i, breaks = 0;
        while (j < len && is_space(t[j])) {
            if (t[j] == '\n' || (t[j] == '\r' && (j + 1 >= len || t[j + 1] != '\n')))
                breaks++;
            j++;
        }
        if (j >= len) {
            end = i;
            out->para_end = true;
            break;
        }
        size_t prev = i;
        while (prev > start && is_space(t[prev - 1]))
            prev--;
        bool open = prev > start && !strchr(".!?:", t[prev - 1]);
        if (starts_block(t, len, j) || (breaks >= 2 && !(open && islower((unsigned char)t[j])))) {
            end = i;
            out->para_end = true;
            break;
        }
        one_line = false;
        i = j - 1;
    }
    size_t e = end;
    while (e > start && is_space(t[e - 1]))
        e--;
    out->start = start;
    out->end = e;
    if (!out->para_end) {
        size_t j = end;
        while (j < len && (t[j] == ' ' || t[j] == '\t'))
            j++;
        size_t breaks = 0;
        while (j < len && is_space(t[j]))
            breaks += t[j++] == '\n';
        out->para_end = j >= len || breaks >= 2 || starts_block(t, len, j);
    }
    out->lead_in = out->para_end && e > start && t[e - 1] == ':';
    if (out->para_end && !out->list_item && one_line && e > start && e - start < 100 &&
        !strchr(".!?:;,", t[e - 1]))
        out->kind = AUDIT_SPAN_HEADING;
    *pos = end;
    return true;
}
