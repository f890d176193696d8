/* Text escaped for the format of the document it goes into. */
#include "kpi/escape.h"

#include "escape_private.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const escape_names[KPI_ESCAPE_LAST] = {
    [KPI_ESCAPE_NONE] = "none", [KPI_ESCAPE_HTML] = "html", [KPI_ESCAPE_LATEX] = "latex",
    [KPI_ESCAPE_MD] = "md",     [KPI_ESCAPE_CSV] = "csv",   [KPI_ESCAPE_JSON] = "json",
};

const char *
kpi_escape_name(kpi_escape e)
{
    return (unsigned)e < KPI_ESCAPE_LAST ? escape_names[e] : "none";
}

/* Other names a user or a file extension may give. */
static const struct {
    const char *name;
    kpi_escape e;
} aliases[] = {
    {"markdown", KPI_ESCAPE_MD}, {"tex", KPI_ESCAPE_LATEX}, {"text", KPI_ESCAPE_NONE},
    {"txt", KPI_ESCAPE_NONE},    {"htm", KPI_ESCAPE_HTML},  {"xhtml", KPI_ESCAPE_HTML},
    {"xml", KPI_ESCAPE_HTML},    {"svg", KPI_ESCAPE_HTML},
};

/* The format `name` names (an alias or an extension), or KPI_ESCAPE_LAST. */
static kpi_escape
lookup(const char *name)
{
    for (int e = 0; e < KPI_ESCAPE_LAST; e++)
        if (strcasecmp(name, escape_names[e]) == 0)
            return (kpi_escape)e;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcasecmp(name, aliases[i].name) == 0)
            return aliases[i].e;
    return KPI_ESCAPE_LAST;
}

kpi_status
kpi_escape_parse(const char *name, kpi_escape *out, kpi_error *err)
{
    assert(name && out);
    kpi_escape e = lookup(name);
    if (e == KPI_ESCAPE_LAST)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "expected an escape of " KPI_ESCAPE_NAMES ", found '%s'", name);
    *out = e;
    return KPI_OK;
}

bool
kpi_escape_for_path(const char *path, kpi_escape *out)
{
    assert(path && out);
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    /* "none" is a name but not an extension. */
    if (!dot || strcasecmp(dot + 1, "none") == 0)
        return false;
    kpi_escape e = lookup(dot + 1);
    if (e == KPI_ESCAPE_LAST)
        return false;
    *out = e;
    return true;
}

/* ---- writing ------------------------------------------------------------ */

/* The output so far: bytes past size are counted, not stored. */
typedef struct sink {
    char *buf;
    size_t size, len;
} sink;

static void
put(sink *s, const char *p, size_t n)
{
    if (s->len + 1 < s->size) {
        size_t room = s->size - 1 - s->len;
        memcpy(s->buf + s->len, p, n < room ? n : room);
    }
    s->len += n;
}

/* A letter or digit of any script: UTF-8 lead and continuation bytes
 * count as word characters. */
static bool
is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* What replaces t[i] in each format, or NULL to keep it; tmp (8 bytes) may
 * hold the replacement. */
typedef const char *(*replace_fn)(const char *t, size_t i, size_t n, char *tmp);

static const char *
html_char(const char *t, size_t i, size_t n, char *tmp)
{
    (void)n, (void)tmp;
    switch (t[i]) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

static const char *
latex_char(const char *t, size_t i, size_t n, char *tmp)
{
    (void)n;
    switch (t[i]) {
    case '#':
    case '$':
    case '%':
    case '&':
    case '_':
    case '{':
    case '}':
        tmp[0] = '\\';
        tmp[1] = t[i];
        tmp[2] = '\0';
        return tmp;
    case '~': return "\\textasciitilde{}";
    case '^': return "\\textasciicircum{}";
    case '\\': return "\\textbackslash{}";
    /* In LaTeX's default font encoding these print as other glyphs. */
    case '<': return "\\textless{}";
    case '>': return "\\textgreater{}";
    case '|': return "\\textbar{}";
    default: return NULL;
    }
}

/* CommonMark reads a character as markup only in some places; escaping
 * it only there keeps "<= 30" and "A & B" readable in the Markdown. */
static const char *
md_char(const char *t, size_t i, size_t n, char *tmp)
{
    char c = t[i];
    unsigned char next = i + 1 < n ? (unsigned char)t[i + 1] : '\0';
    bool esc = false;
    switch (c) {
    case '\\':
    case '`':
    case '[':
    case ']':
    case '|':
    case '~': esc = true; break;
    /* Emphasis needs a delimiter next to a non-space; inside a word an
     * '_' cannot emphasise. */
    case '*': esc = !(i > 0 && t[i - 1] == ' ' && next == ' '); break;
    case '_':
        esc = i == 0 || i + 1 == n || !is_word((unsigned char)t[i - 1]) || !is_word(next);
        break;
    /* A tag, an autolink or an entity. */
    case '<':
        esc = (next | 0x20) >= 'a' && (next | 0x20) <= 'z';
        esc = esc || next == '/' || next == '!' || next == '?';
        break;
    case '&': esc = ((next | 0x20) >= 'a' && (next | 0x20) <= 'z') || next == '#'; break;
    /* A heading, a list item, a block quote, a setext underline. */
    case '#': esc = i == 0; break;
    case '>':
    case '-':
    case '+':
    case '=': esc = i == 0 && (n == 1 || next == ' '); break;
    /* A CRLF is one line end, so one space. */
    case '\r': return " ";
    case '\n': return i > 0 && t[i - 1] == '\r' ? "" : " ";
    default: break;
    }
    if (!esc)
        return NULL;
    tmp[0] = '\\';
    tmp[1] = c;
    tmp[2] = '\0';
    return tmp;
}

static const char *
json_char(const char *t, size_t i, size_t n, char *tmp)
{
    (void)n;
    unsigned char c = (unsigned char)t[i];
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default:
        if (c >= 0x20 && c != 0x7F)
            return NULL;
        snprintf(tmp, 8, "\\u%04x", c);
        return tmp;
    }
}

/* Copy t[0..n), replacing the characters fn replaces; unchanged runs are
 * copied whole. */
static void
put_replaced(sink *s, const char *t, size_t n, replace_fn fn)
{
    size_t run = 0;
    char tmp[8];
    for (size_t i = 0; i < n; i++) {
        const char *r = fn(t, i, n, tmp);
        if (!r)
            continue;
        put(s, t + run, i - run);
        put(s, r, strlen(r));
        run = i + 1;
    }
    put(s, t + run, n - run);
}

/* A byte that makes a CSV field quoted wherever it stands. */
static bool
csv_special(char c)
{
    return c == ',' || c == '"' || c == '\r' || c == '\n';
}

static void
put_csv(sink *s, const char *t, size_t n)
{
    bool quote = n > 0 && (t[0] == ' ' || t[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = csv_special(t[i]);
    if (!quote) {
        put(s, t, n);
        return;
    }
    put(s, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] == '"') {
            put(s, t + run, i + 1 - run);
            run = i; /* the quote again, doubled */
        }
    put(s, t + run, n - run);
    put(s, "\"", 1);
}

size_t
kpi_escape_csv_plain(const char *text, char *buf, size_t room)
{
    size_t n = 0;
    for (; text[n]; n++) {
        if (n == room || csv_special(text[n]))
            return room;
        buf[n] = text[n];
    }
    return n > 0 && (text[0] == ' ' || text[n - 1] == ' ') ? room : n;
}

size_t
kpi_escape_text(kpi_escape e, const char *text, size_t len, char *buf, size_t size)
{
    assert(text || len == 0);
    assert(buf || size == 0);
    sink s = {buf, size, 0};
    switch (e) {
    case KPI_ESCAPE_HTML: put_replaced(&s, text, len, html_char); break;
    case KPI_ESCAPE_LATEX: put_replaced(&s, text, len, latex_char); break;
    case KPI_ESCAPE_MD: put_replaced(&s, text, len, md_char); break;
    case KPI_ESCAPE_CSV: put_csv(&s, text, len); break;
    case KPI_ESCAPE_JSON: put_replaced(&s, text, len, json_char); break;
    default: put(&s, text, len); break;
    }
    if (size)
        buf[s.len < size ? s.len : size - 1] = '\0';
    return s.len;
}
