/* Charts inlined in an HTML page.  cairo 1.16 writes regular SVG: an XML
 * declaration, one <svg> root, <defs> holding glyph <symbol>s and clip
 * paths, then the drawing, as elements only with whitespace between them.
 * So a scan over tags and their attributes is enough to rewrite it; the
 * whitespace between elements is dropped. */
#include "kpi/chart_html.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"

/* Decimals kept in coordinates: a hundredth of a point is under a
 * hundredth of a pixel at the sizes a page shows charts. */
#define DECIMALS 2

/* A growable text buffer whose failure is sticky. */
typedef struct text {
    char *p;
    size_t len, cap;
    bool oom;
} text;

static void
put(text *t, const char *s, size_t n)
{
    if (t->oom)
        return;
    if (kpi_grow((void **)&t->p, &t->cap, t->len + n + 1, 1) != 0) {
        t->oom = true;
        return;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void
put_str(text *t, const char *s)
{
    put(t, s, strlen(s));
}

/* A text the page defines once: a glyph's content, or a style. */
typedef struct entry {
    char *def; /* rewritten; owned */
    size_t len;
    uint64_t hash;
} entry;

/* Distinct texts in order of first use. */
typedef struct pool {
    entry *items;
    size_t n, cap;
    /* Open addressing over items: a slot holds index + 1, 0 when empty;
     * n_slots is a power of two, at least twice n. */
    size_t *slots;
    size_t n_slots;
} pool;

struct kpi_chart_html {
    char prefix[KPI_CHART_HTML_PREFIX_MAX + 1];
    size_t charts;
    pool glyphs;
    /* The charts' style attributes, which repeat the same few dozen long
     * property lists thousands of times, as classes of one style sheet. */
    pool styles;
};

/* A glyph of the chart being rewritten: cairo's id, the page's index. */
typedef struct local_glyph {
    const char *id;
    size_t id_len;
    size_t index;
} local_glyph;

/* cairo numbers a surface's group ("surface71") from a count shared by
 * the whole process, which depends on what other threads drew before; a
 * chart's own surfaces are renumbered in order, so that a chart's bytes do
 * not depend on the thread that drew it. */
#define MAX_SURFACES 16

typedef struct rewriter {
    kpi_chart_html *h;
    char ids[KPI_CHART_HTML_PREFIX_MAX + 24]; /* "k3-" */
    local_glyph *local;
    size_t n_local, cap_local;
    unsigned long surfaces[MAX_SURFACES]; /* cairo's numbers, in order of first use */
    size_t n_surfaces;
    bool root_done;
} rewriter;

kpi_chart_html *
kpi_chart_html_new(const char *prefix, kpi_error *err)
{
    size_t n = prefix ? strlen(prefix) : 0;
    bool ok = n >= 1 && n <= KPI_CHART_HTML_PREFIX_MAX &&
              ((prefix[0] >= 'a' && prefix[0] <= 'z') || (prefix[0] >= 'A' && prefix[0] <= 'Z'));
    for (size_t i = 0; ok && i < n; i++) {
        char c = prefix[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_';
    }
    if (!ok) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "expected an id prefix of 1 to %d letters, digits, '-' or '_' starting "
                      "with a letter, found '%s'",
                      KPI_CHART_HTML_PREFIX_MAX, prefix ? prefix : "");
        return NULL;
    }
    kpi_chart_html *h = kpi_calloc(1, sizeof *h);
    if (!h) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    memcpy(h->prefix, prefix, n + 1);
    return h;
}

static void
pool_fini(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        kpi_free(p->items[i].def);
    kpi_free(p->items);
    kpi_free(p->slots);
}

void
kpi_chart_html_free(kpi_chart_html *h)
{
    if (!h)
        return;
    pool_fini(&h->glyphs);
    pool_fini(&h->styles);
    kpi_free(h);
}

size_t
kpi_chart_html_glyph_count(const kpi_chart_html *h)
{
    return h->glyphs.n;
}

/* FNV-1a. */
static uint64_t
hash_bytes(const char *s, size_t n)
{
    uint64_t x = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        x ^= (unsigned char)s[i];
        x *= 1099511628211ull;
    }
    return x;
}

static bool
rehash(pool *p, size_t n_slots)
{
    size_t *slots = kpi_calloc(n_slots, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < p->n; i++) {
        size_t at = (size_t)p->items[i].hash & (n_slots - 1);
        while (slots[at])
            at = (at + 1) & (n_slots - 1);
        slots[at] = i + 1;
    }
    kpi_free(p->slots);
    p->slots = slots;
    p->n_slots = n_slots;
    return true;
}

/* The index in p of the text def (taken over when new), or (size_t)-1
 * when out of memory. */
static size_t
intern(pool *p, char *def, size_t len)
{
    uint64_t x = hash_bytes(def, len);
    if (p->n_slots) {
        size_t at = (size_t)x & (p->n_slots - 1);
        for (; p->slots[at]; at = (at + 1) & (p->n_slots - 1)) {
            const entry *e = &p->items[p->slots[at] - 1];
            if (e->hash == x && e->len == len && memcmp(e->def, def, len) == 0) {
                kpi_free(def);
                return p->slots[at] - 1;
            }
        }
    }
    if ((p->n + 1) * 2 > p->n_slots && !rehash(p, p->n_slots ? p->n_slots * 2 : 64))
        return (size_t)-1;
    if (kpi_grow((void **)&p->items, &p->cap, p->n + 1, sizeof *p->items) != 0)
        return (size_t)-1;
    p->items[p->n] = (entry){def, len, x};
    size_t at = (size_t)x & (p->n_slots - 1);
    while (p->slots[at])
        at = (at + 1) & (p->n_slots - 1);
    p->slots[at] = ++p->n;
    return p->n - 1;
}

/* ---- values ----------------------------------------------------------- */

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_word(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* The number s[0..n) (an optional '-', digits, '.', digits) rounded half
 * up to DECIMALS decimals, without trailing zeros, written out by decimal
 * digits so no locale or binary rounding takes part. */
static void
put_rounded(text *t, const char *s, size_t n)
{
    bool neg = s[0] == '-';
    size_t i = neg;
    char d[64];
    size_t nd = 0, int_digits = 0;
    while (i < n && is_digit(s[i]) && nd < sizeof d - DECIMALS - 1) {
        d[nd++] = s[i++];
        int_digits++;
    }
    i += i < n && s[i] == '.';
    size_t frac = 0;
    while (frac < DECIMALS) {
        d[nd++] = i < n && is_digit(s[i]) ? s[i++] : '0';
        frac++;
    }
    bool up = i < n && is_digit(s[i]) && s[i] >= '5';
    for (size_t k = nd; up && k-- > 0;) {
        up = d[k] == '9';
        d[k] = up ? '0' : (char)(d[k] + 1);
    }
    char out[72];
    size_t o = 0;
    if (up) {
        out[o++] = '1';
    }
    size_t first = 0;
    while (first + 1 < int_digits && d[first] == '0' && o == 0)
        first++;
    if (int_digits == 0 && o == 0)
        out[o++] = '0';
    for (size_t k = first; k < int_digits; k++)
        out[o++] = d[k];
    size_t last = nd;
    while (last > int_digits && d[last - 1] == '0')
        last--;
    if (last > int_digits) {
        out[o++] = '.';
        for (size_t k = int_digits; k < last; k++)
            out[o++] = d[k];
    }
    bool zero = true;
    for (size_t k = 0; k < o; k++)
        zero = zero && (out[k] == '0' || out[k] == '.');
    if (neg && !zero)
        put(t, "-", 1);
    put(t, out, o);
}

/* A percentage "36.862745" as a fraction of 255, rounded; -1 when s does
 * not start with one (its length in *used). */
static int
percent_byte(const char *s, const char *end, size_t *used)
{
    const char *p = s;
    double v = 0.0, scale = 1.0;
    bool any = false;
    while (p < end && is_digit(*p)) {
        v = v * 10.0 + (*p++ - '0');
        any = true;
    }
    if (p < end && *p == '.')
        for (p++; p < end && is_digit(*p); p++) {
            scale /= 10.0;
            v += (*p - '0') * scale;
            any = true;
        }
    if (!any || p >= end || *p != '%' || v > 100.0)
        return -1;
    *used = (size_t)(p + 1 - s);
    return (int)(v * 255.0 / 100.0 + 0.5);
}

/* "rgb(a%,b%,c%)" at s as "#rrggbb"; its length, or 0 when s is not one. */
static size_t
put_rgb(text *t, const char *s, const char *end)
{
    const char *p = s + 4;
    int c[3];
    for (int k = 0; k < 3; k++) {
        size_t used;
        if ((c[k] = percent_byte(p, end, &used)) < 0)
            return 0;
        p += used;
        if (p >= end || *p != (k < 2 ? ',' : ')'))
            return 0;
        p++;
    }
    char hex[8];
    snprintf(hex, sizeof hex, "#%02x%02x%02x", c[0], c[1], c[2]);
    put(t, hex, 7);
    return (size_t)(p - s);
}

/* A local id (after the chart's prefix), a surface's renumbered. */
static void
put_local_id(rewriter *rw, text *t, const char *v, size_t n)
{
    size_t k = 7;
    if (n > k && n - k < 10 && memcmp(v, "surface", k) == 0) {
        unsigned long num = 0;
        while (k < n && is_digit(v[k]))
            num = num * 10 + (unsigned long)(v[k++] - '0');
        size_t i = 0;
        while (k == n && i < rw->n_surfaces && rw->surfaces[i] != num)
            i++;
        if (k == n && i == rw->n_surfaces && i < MAX_SURFACES)
            rw->surfaces[rw->n_surfaces++] = num;
        if (k == n && i < rw->n_surfaces) {
            char local[32];
            snprintf(local, sizeof local, "surface%zu", i + 1);
            put_str(t, local);
            return;
        }
    }
    put(t, v, n);
}

/* An attribute value with its numbers rounded, colours in hex and local
 * references given the chart's ids. */
static void
put_value(rewriter *rw, text *t, const char *v, size_t n)
{
    const char *end = v + n;
    const char *p = v;
    while (p < end) {
        size_t left = (size_t)(end - p);
        if (left > 5 && memcmp(p, "url(#", 5) == 0) {
            put(t, "url(#", 5);
            put_str(t, rw->ids);
            p += 5;
            continue;
        }
        if (left > 4 && memcmp(p, "rgb(", 4) == 0) {
            size_t used = put_rgb(t, p, end);
            if (used) {
                p += used;
                continue;
            }
        }
        bool starts = p == v || !(is_word(p[-1]) || p[-1] == '.' || p[-1] == '#');
        bool number = is_digit(*p) || (*p == '-' && left > 1 && is_digit(p[1]));
        if (starts && number) {
            const char *q = p + 1;
            while (q < end && is_digit(*q))
                q++;
            if (q < end && *q == '.')
                for (q++; q < end && is_digit(*q); q++)
                    ;
            put_rounded(t, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *q = p + 1;
        while (q < end && !is_digit(*q) && *q != '-' && *q != 'u' && *q != 'r')
            q++;
        put(t, p, (size_t)(q - p));
        p = q;
    }
}

/* ---- tags ------------------------------------------------------------- */

/* The end of the tag that starts at lt: its '>', outside quotes; NULL
 * when it has none. */
static const char *
tag_end(const char *lt, const char *end)
{
    char quote = 0;
    for (const char *p = lt + 1; p < end; p++) {
        if (quote)
            quote = *p == quote ? 0 : quote;
        else if (*p == '"' || *p == '\'')
            quote = *p;
        else if (*p == '>')
            return p;
    }
    return NULL;
}

typedef struct attr {
    const char *name, *value;
    size_t name_len, value_len;
} attr;

/* The next attribute of a tag from *p (up to gt); false when there is
 * none. */
static bool
next_attr(const char **p, const char *gt, attr *a)
{
    const char *s = *p;
    while (s < gt && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
        s++;
    const char *name = s;
    while (s < gt && *s != '=' && *s != ' ' && *s != '/' && *s != '>')
        s++;
    if (s == name || s >= gt || *s != '=' || s + 1 >= gt || (s[1] != '"' && s[1] != '\''))
        return false;
    char quote = s[1];
    const char *value = s + 2;
    const char *close = memchr(value, quote, (size_t)(gt - value));
    if (!close)
        return false;
    *a = (attr){name, value, (size_t)(s - name), (size_t)(close - value)};
    *p = close + 1;
    return true;
}

static bool
attr_is(const attr *a, const char *name)
{
    return a->name_len == strlen(name) && memcmp(a->name, name, a->name_len) == 0;
}

static const local_glyph *
find_local(const rewriter *rw, const char *id, size_t n)
{
    for (size_t i = 0; i < rw->n_local; i++)
        if (rw->local[i].id_len == n && memcmp(rw->local[i].id, id, n) == 0)
            return &rw->local[i];
    return NULL;
}

/* A style attribute of value v[0..n) as the class of the page's rule
 * holding it. */
static void
put_class(rewriter *rw, text *t, const char *v, size_t n)
{
    text rule = {0};
    put_value(rw, &rule, v, n);
    if (!rule.p)
        put(&rule, "", 0);
    size_t index = rule.oom ? (size_t)-1 : intern(&rw->h->styles, rule.p, rule.len);
    if (index == (size_t)-1) {
        kpi_free(rule.p);
        t->oom = true;
        return;
    }
    char ref[KPI_CHART_HTML_PREFIX_MAX + 32];
    snprintf(ref, sizeof ref, " class=\"%ss%zu\"", rw->h->prefix, index + 1);
    put_str(t, ref);
}

static bool
is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Path data v[0..n) rewritten, without the spaces cairo puts around its
 * commands ("M 1 2 L 3 4 Z" as "M1 2L3 4Z"): the path grammar needs none
 * there. */
static void
put_path(rewriter *rw, text *t, const char *v, size_t n)
{
    text d = {0};
    put_value(rw, &d, v, n);
    if (d.oom)
        t->oom = true;
    for (size_t i = 0, from = 0; d.p && i <= d.len; i++) {
        bool cut = i == d.len || (d.p[i] == ' ' && (i == 0 || is_letter(d.p[i - 1]) ||
                                                    i + 1 == d.len || is_letter(d.p[i + 1])));
        if (cut) {
            put(t, d.p + from, i - from);
            from = i + 1;
        }
    }
    kpi_free(d.p);
}

/* One tag from lt to gt, rewritten. */
static void
put_tag(rewriter *rw, text *t, const char *lt, const char *gt, const char *extra)
{
    if (lt[1] == '/') {
        put(t, lt, (size_t)(gt + 1 - lt));
        return;
    }
    const char *p = lt + 1;
    while (p < gt && is_word(*p))
        p++;
    bool root = !rw->root_done && p - lt == 4 && memcmp(lt + 1, "svg", 3) == 0;
    put(t, lt, (size_t)(p - lt));
    attr a;
    while (next_attr(&p, gt, &a)) {
        if (root) {
            if (attr_is(&a, "viewBox")) {
                put(t, " viewBox=\"", 10);
                put_value(rw, t, a.value, a.value_len);
                put(t, "\"", 1);
            }
            continue; /* size, version and namespaces go */
        }
        if (attr_is(&a, "id")) {
            put(t, " id=\"", 5);
            put_str(t, rw->ids);
            put_local_id(rw, t, a.value, a.value_len);
            put(t, "\"", 1);
        } else if (attr_is(&a, "style")) {
            put_class(rw, t, a.value, a.value_len);
        } else if (attr_is(&a, "d")) {
            put(t, " d=\"", 4);
            put_path(rw, t, a.value, a.value_len);
            put(t, "\"", 1);
        } else if ((attr_is(&a, "xlink:href") || attr_is(&a, "href")) && a.value_len > 1 &&
                   a.value[0] == '#') {
            const local_glyph *g = find_local(rw, a.value + 1, a.value_len - 1);
            char ref[KPI_CHART_HTML_PREFIX_MAX + 48];
            if (g)
                snprintf(ref, sizeof ref, " href=\"#%sg%zu\"", rw->h->prefix, g->index + 1);
            else
                snprintf(ref, sizeof ref, " href=\"#%s", rw->ids);
            put_str(t, ref);
            if (!g) {
                put_local_id(rw, t, a.value + 1, a.value_len - 1);
                put(t, "\"", 1);
            }
        } else {
            put(t, " ", 1);
            put(t, a.name, a.name_len);
            put(t, "=\"", 2);
            put_value(rw, t, a.value, a.value_len);
            put(t, "\"", 1);
        }
    }
    if (root) {
        rw->root_done = true;
        if (extra && extra[0]) {
            put(t, " ", 1);
            put_str(t, extra);
        }
    }
    put(t, gt[-1] == '/' ? "/>" : ">", gt[-1] == '/' ? 2 : 1);
}

/* Rewrite the elements of svg[0..len) into t; symbols with an id are
 * interned as glyphs instead.  Returns false when the text is not the SVG
 * cairo writes (a tag without its end). */
static bool
rewrite(rewriter *rw, const char *svg, size_t len, text *t, const char *extra)
{
    const char *p = svg, *end = svg + len;
    while (p < end && !t->oom) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            break;
        const char *gt = tag_end(lt, end);
        if (!gt)
            return false;
        p = gt + 1;
        if (lt[1] == '?' || lt[1] == '!')
            continue;
        if ((size_t)(gt - lt) > 8 && memcmp(lt, "<symbol ", 8) == 0) {
            const char *close = strstr(p, "</symbol>");
            const char *q = lt + 7;
            attr a;
            bool found = false;
            while (!found && next_attr(&q, gt, &a))
                found = attr_is(&a, "id");
            if (!close || !found)
                return false;
            text def = {0};
            if (!rewrite(rw, p, (size_t)(close - p), &def, NULL)) {
                kpi_free(def.p);
                return false;
            }
            if (!def.p)
                put(&def, "", 0);
            size_t index = def.oom ? (size_t)-1 : intern(&rw->h->glyphs, def.p, def.len);
            if (index == (size_t)-1 || kpi_grow((void **)&rw->local, &rw->cap_local,
                                                rw->n_local + 1, sizeof *rw->local) != 0) {
                if (index == (size_t)-1)
                    kpi_free(def.p);
                t->oom = true;
                return true;
            }
            rw->local[rw->n_local++] = (local_glyph){a.value, a.value_len, index};
            p = close + 9;
            continue;
        }
        put_tag(rw, t, lt, gt, extra);
    }
    return true;
}

struct kpi_chart_svg {
    char *text; /* from open_memstream, so released with free() */
    size_t len;
};

kpi_chart_svg *
kpi_chart_html_draw(kpi_chart *c, kpi_error *err)
{
    kpi_chart_svg *svg = kpi_calloc(1, sizeof *svg);
    FILE *mem = svg ? open_memstream(&svg->text, &svg->len) : NULL;
    if (!mem) {
        kpi_free(svg);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
        return NULL;
    }
    kpi_status st = kpi_chart_write_stream(c, KPI_CHART_SVG, mem, err);
    if (fclose(mem) != 0 && st == KPI_OK)
        st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    if (st != KPI_OK) {
        kpi_chart_svg_free(svg);
        return NULL;
    }
    return svg;
}

void
kpi_chart_svg_free(kpi_chart_svg *svg)
{
    if (!svg)
        return;
    free(svg->text);
    kpi_free(svg);
}

kpi_status
kpi_chart_html_put(kpi_chart_html *h, kpi_chart_svg *svg, const char *attrs, FILE *out,
                   kpi_error *err)
{
    rewriter rw = {.h = h};
    snprintf(rw.ids, sizeof rw.ids, "%s%zu-", h->prefix, ++h->charts);
    text t = {0};
    bool ok = rewrite(&rw, svg->text, svg->len, &t, attrs);
    kpi_chart_svg_free(svg);
    kpi_free(rw.local);
    if (t.oom) {
        kpi_free(t.p);
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    }
    if (!ok || !rw.root_done) {
        kpi_free(t.p);
        return kpi_error_set(err, KPI_ERENDER, NULL, 0, 0,
                             "could not read the SVG cairo wrote for a chart");
    }
    size_t wrote = fwrite(t.p, 1, t.len, out);
    kpi_free(t.p);
    if (wrote != t.len)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write a chart: %s",
                             strerror(errno ? errno : EIO));
    return KPI_OK;
}

kpi_status
kpi_chart_html_write(kpi_chart_html *h, kpi_chart *c, const char *attrs, FILE *out, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_chart_svg *svg = kpi_chart_html_draw(c, err);
    return svg ? kpi_chart_html_put(h, svg, attrs, out, err) : err->code;
}

kpi_status
kpi_chart_html_write_glyphs(const kpi_chart_html *h, FILE *out, kpi_error *err)
{
    fputs("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" "
          "focusable=\"false\"><style>",
          out);
    for (size_t i = 0; i < h->styles.n; i++) {
        fprintf(out, ".%ss%zu{", h->prefix, i + 1);
        fwrite(h->styles.items[i].def, 1, h->styles.items[i].len, out);
        fputs("}", out);
    }
    fputs("</style><defs>", out);
    for (size_t i = 0; i < h->glyphs.n; i++) {
        fprintf(out, "<symbol overflow=\"visible\" id=\"%sg%zu\">", h->prefix, i + 1);
        fwrite(h->glyphs.items[i].def, 1, h->glyphs.items[i].len, out);
        fputs("</symbol>", out);
    }
    fputs("</defs></svg>\n", out);
    if (ferror(out))
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the charts' glyphs: %s",
                             strerror(errno ? errno : EIO));
    return KPI_OK;
}
