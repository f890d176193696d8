/* Text templates with {{placeholders}}: parsing, filters and writing. */
#include "kpi/template.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/value.h"

/* ---- types -------------------------------------------------------------- */

typedef enum filter_kind {
    FILTER_DECIMALS = 0,
    FILTER_THOUSANDS,
    FILTER_SIGNED,
    FILTER_ABS,
    FILTER_PERCENT,
    FILTER_UPPER,
    FILTER_LOWER,
    FILTER_DEFAULT,
    FILTER_LAST
} filter_kind;

/* What each filter takes: numeric filters need a number, and an argument
 * is required, forbidden or free text. */
enum { ARG_NONE = 0, ARG_PLACES, ARG_TEXT };

static const struct {
    const char *name;
    bool numeric;
    int arg;
} filter_table[FILTER_LAST] = {
    [FILTER_DECIMALS] = {"decimals", true, ARG_PLACES},
    [FILTER_THOUSANDS] = {"thousands", true, ARG_NONE},
    [FILTER_SIGNED] = {"signed", true, ARG_NONE},
    [FILTER_ABS] = {"abs", true, ARG_NONE},
    [FILTER_PERCENT] = {"percent", true, ARG_NONE},
    [FILTER_UPPER] = {"upper", false, ARG_NONE},
    [FILTER_LOWER] = {"lower", false, ARG_NONE},
    [FILTER_DEFAULT] = {"default", false, ARG_TEXT},
};

#define FILTER_NAMES "decimals, thousands, signed, abs, percent, upper, lower or default"

typedef struct filter {
    filter_kind kind;
    int places;           /* decimals:N */
    const char *text;     /* default:TEXT (owned by the template) */
    unsigned long column; /* of the filter's name */
} filter;

typedef struct placeholder {
    kpi_template_ref ref;
    filter *filters;
    size_t n_filters;
} placeholder;

/* The text before a placeholder (or the trailing text, with ph == SIZE_MAX),
 * as an offset into the template's unescaped literal buffer. */
typedef struct segment {
    size_t lit_off, lit_len;
    size_t ph;
} segment;

struct kpi_template {
    char *source;
    char *lit;
    size_t lit_len, lit_cap;
    segment *segs;
    size_t n_segs, segs_cap;
    placeholder *ph;
    size_t n_ph, ph_cap;
    char **strings; /* every string the refs and filters point at */
    size_t n_strings, strings_cap;
    kpi_escape escape; /* what every value is escaped for */
};

typedef enum out_type { OUT_NONE = 0, OUT_NUMBER, OUT_TEXT, OUT_MISSING } out_type;

struct kpi_template_out {
    out_type type;
    double x;
    int decimals; /* -1: shortest form */
    bool thousands, sign, percent;
    char *text; /* OUT_TEXT, and what OUT_MISSING shows */
    size_t len, cap;
    kpi_escape markup; /* the format text is markup in; KPI_ESCAPE_LAST: plain text */
    bool file;         /* text is a file's name */
};

/* ---- small helpers ------------------------------------------------------ */

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void
trim(const char *text, size_t *b, size_t *e)
{
    while (*b < *e && is_blank(text[*b]))
        (*b)++;
    while (*e > *b && is_blank(text[*e - 1]))
        (*e)--;
}

static int
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len > SIZE_MAX - n - 1)
        return -1;
    if (kpi_grow((void **)buf, cap, *len + n + 1, 1) != 0)
        return -1;
    if (n)
        memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

/* ---- parsing ------------------------------------------------------------ */

/* The parser's cursor: the text, the template being built and the
 * position of the current line, for columns.  The last column counted is
 * kept (col_pos, col), so that the columns of a line's placeholders cost
 * one pass over the line, not one per placeholder: a line of 40,000
 * placeholders took 15 s when each counted from the line's start. */
typedef struct parser {
    kpi_template *t;
    const char *text;
    size_t len;
    unsigned long line;
    size_t line_start;
    size_t col_pos;    /* a position on the current line ... */
    unsigned long col; /* ... and its column; 0: none counted yet */
    kpi_error *err;
} parser;

/* The 1-based character column of text[pos] on the current line: UTF-8
 * continuation bytes do not count.  Counts on from the last column asked
 * for when pos is past it. */
static unsigned long
column_of(parser *p, size_t pos)
{
    if (p->col == 0 || p->col_pos < p->line_start || pos < p->col_pos) {
        p->col_pos = p->line_start;
        p->col = 1;
    }
    for (; p->col_pos < pos; p->col_pos++)
        if (((unsigned char)p->text[p->col_pos] & 0xC0) != 0x80)
            p->col++;
    return p->col;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static kpi_status
syntax_error(parser *p, size_t pos, const char *fmt, ...)
{
    char msg[KPI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return kpi_error_set(p->err, KPI_EINVAL, p->t->source, p->line, column_of(p, pos), "%s", msg);
}

static kpi_status
oom(parser *p)
{
    return kpi_error_set(p->err, KPI_ENOMEM, p->t->source, 0, 0, "out of memory");
}

static kpi_status
add_literal(parser *p, const char *s, size_t n)
{
    kpi_template *t = p->t;
    return append(&t->lit, &t->lit_len, &t->lit_cap, s, n) == 0 ? KPI_OK : oom(p);
}

/* Copy text[b..e) into a string the template owns. */
static const char *
keep(parser *p, size_t b, size_t e)
{
    kpi_template *t = p->t;
    if (kpi_grow((void **)&t->strings, &t->strings_cap, t->n_strings + 1, sizeof(char *)) != 0)
        return NULL;
    char *s = kpi_strndup(p->text + b, e - b);
    if (!s)
        return NULL;
    t->strings[t->n_strings++] = s;
    return s;
}

/* Check that a part of a placeholder holds no brace. */
static kpi_status
check_part(parser *p, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (p->text[i] == '{' || p->text[i] == '}') {
            char c[2] = {p->text[i], '\0'};
            return syntax_error(p, i, "unexpected '%s' in a placeholder", c);
        }
    return KPI_OK;
}

/* One trimmed, non-empty part of a placeholder, kept as a string.  what
 * names it in the error for an empty part ("name", "field", ...). */
static kpi_status
take_part(parser *p, size_t b, size_t e, const char *what, const char **out, unsigned long *col)
{
    trim(p->text, &b, &e);
    *col = column_of(p, b);
    if (b == e)
        return syntax_error(p, b, "empty %s in a placeholder", what);
    kpi_status st = check_part(p, b, e);
    if (st != KPI_OK)
        return st;
    return (*out = keep(p, b, e)) ? KPI_OK : oom(p);
}

static size_t
find_char(const char *text, size_t b, size_t e, char c)
{
    for (size_t i = b; i < e; i++)
        if (text[i] == c)
            return i;
    return e;
}

static kpi_status
parse_head(parser *p, size_t b, size_t e, kpi_template_ref *ref)
{
    kpi_status st;
    size_t colon = find_char(p->text, b, e, ':');
    if (colon < e) {
        /* {{kind:arg1:arg2...}} */
        unsigned long kcol;
        if ((st = take_part(p, b, colon, "kind", &ref->kind, &kcol)) != KPI_OK)
            return st;
        size_t a = colon + 1;
        for (;;) {
            size_t next = find_char(p->text, a, e, ':');
            if (ref->n_args == KPI_TEMPLATE_MAX_ARGS)
                return syntax_error(p, a, "too many arguments (at most %d)", KPI_TEMPLATE_MAX_ARGS);
            size_t k = ref->n_args;
            if ((st = take_part(p, a, next, "argument", &ref->args[k], &ref->arg_columns[k])) !=
                KPI_OK)
                return st;
            ref->n_args++;
            if (next == e)
                break;
            a = next + 1;
        }
        ref->name = ref->args[0];
        ref->name_column = ref->arg_columns[0];
        ref->field = "";
        return KPI_OK;
    }
    /* {{name}} or {{name.field}} */
    ref->kind = "";
    size_t dot = find_char(p->text, b, e, '.');
    if ((st = take_part(p, b, dot, "name", &ref->name, &ref->name_column)) != KPI_OK)
        return st;
    if (dot == e) {
        ref->field = "";
        return KPI_OK;
    }
    return take_part(p, dot + 1, e, "field", &ref->field, &ref->field_column);
}

static kpi_status
parse_filter(parser *p, size_t b, size_t e, filter *f)
{
    trim(p->text, &b, &e);
    f->column = column_of(p, b);
    if (b == e)
        return syntax_error(p, b, "empty filter after '|'");
    size_t colon = find_char(p->text, b, e, ':');
    size_t ne = colon;
    trim(p->text, &b, &ne);
    const char *name = keep(p, b, ne);
    if (!name)
        return oom(p);
    int k = 0;
    while (k < FILTER_LAST && strcmp(filter_table[k].name, name) != 0)
        k++;
    if (k == FILTER_LAST)
        return syntax_error(p, b, "unknown filter '%s' (expected %s)", name, FILTER_NAMES);
    f->kind = (filter_kind)k;
    size_t ab = colon < e ? colon + 1 : e, ae = e;
    trim(p->text, &ab, &ae);
    kpi_status st = check_part(p, ab, ae);
    if (st != KPI_OK)
        return st;
    const char *arg = colon < e ? keep(p, ab, ae) : NULL;
    if (colon < e && !arg)
        return oom(p);
    switch (filter_table[k].arg) {
    case ARG_NONE:
        if (arg)
            return syntax_error(p, colon < e && ab == ae ? colon : ab,
                                "filter '%s' takes no argument, found ':%s'", name, arg);
        return KPI_OK;
    case ARG_PLACES: {
        if (!arg)
            return syntax_error(p, b, "filter '%s' needs a number of places, as in %s:1", name,
                                name);
        char *end;
        long v = strtol(arg, &end, 10);
        if (ab == ae || *end || v < 0 || v > 15 || !(arg[0] >= '0' && arg[0] <= '9'))
            return syntax_error(p, ab == ae ? colon : ab,
                                "filter 'decimals': expected 0 to 15 places, found '%s'", arg);
        f->places = (int)v;
        return KPI_OK;
    }
    default:
        if (!arg)
            return syntax_error(p, b, "filter '%s' needs a text, as in %s:n/a", name, name);
        f->text = arg;
        return KPI_OK;
    }
}

/* Parse the placeholder whose "{{" is at `open`; *next receives the
 * position after its "}}". */
static kpi_status
parse_placeholder(parser *p, size_t open, size_t *next)
{
    size_t b = open + 2, e = b;
    while (e < p->len && p->text[e] != '\n' &&
           !(p->text[e] == '}' && e + 1 < p->len && p->text[e + 1] == '}'))
        e++;
    if (e >= p->len || p->text[e] == '\n')
        return syntax_error(p, open, "unterminated placeholder: '{{' with no '}}' on its line");
    kpi_template *t = p->t;
    if (kpi_grow((void **)&t->ph, &t->ph_cap, t->n_ph + 1, sizeof *t->ph) != 0)
        return oom(p);
    placeholder *ph = &t->ph[t->n_ph];
    *ph = (placeholder){.ref = {.line = p->line, .column = column_of(p, open)}};
    t->n_ph++; /* counted at once, so that kpi_template_free releases its filters */
    size_t bar = find_char(p->text, b, e, '|');
    kpi_status st = parse_head(p, b, bar, &ph->ref);
    if (st != KPI_OK)
        return st;
    size_t nf = 0;
    for (size_t i = bar; i < e; i++)
        nf += p->text[i] == '|';
    if (nf) {
        if (!(ph->filters = kpi_calloc(nf, sizeof *ph->filters)))
            return oom(p);
        size_t fb = bar + 1;
        for (size_t k = 0; k < nf; k++) {
            size_t fe = find_char(p->text, fb, e, '|');
            if ((st = parse_filter(p, fb, fe, &ph->filters[k])) != KPI_OK)
                return st;
            ph->n_filters++;
            fb = fe + 1;
        }
    }
    *next = e + 2;
    return KPI_OK;
}

static kpi_status
end_segment(parser *p, size_t *seg_start, size_t ph)
{
    kpi_template *t = p->t;
    if (kpi_grow((void **)&t->segs, &t->segs_cap, t->n_segs + 1, sizeof *t->segs) != 0)
        return oom(p);
    t->segs[t->n_segs++] = (segment){*seg_start, t->lit_len - *seg_start, ph};
    *seg_start = t->lit_len;
    return KPI_OK;
}

static kpi_status
parse_text(parser *p)
{
    const char *s = p->text;
    size_t i = 0, run = 0, seg_start = 0;
    kpi_status st;
    /* Literal text is copied in runs; a run ends at an escape or a
     * placeholder. */
    while (i < p->len) {
        char c = s[i];
        if (c == '\n') {
            i++;
            p->line++;
            p->line_start = i;
            continue;
        }
        if (c == '\\') {
            size_t k = i;
            while (k < p->len && s[k] == '\\')
                k++;
            if (!(k + 1 < p->len && s[k] == '{' && s[k + 1] == '{')) {
                i = k;
                continue;
            }
            size_t n = k - i;
            if ((st = add_literal(p, s + run, i - run)) != KPI_OK)
                return st;
            for (size_t j = 0; j < n / 2; j++)
                if ((st = add_literal(p, "\\", 1)) != KPI_OK)
                    return st;
            if (n % 2) {
                if ((st = add_literal(p, "{{", 2)) != KPI_OK)
                    return st;
                i = run = k + 2;
                continue;
            }
            i = run = k;
            /* Fall through to the "{{" at k on the next iteration. */
            continue;
        }
        if (c == '{' && i + 1 < p->len && s[i + 1] == '{') {
            /* In a run of braces the placeholder opens at the last two. */
            size_t open = i;
            while (open + 2 < p->len && s[open + 2] == '{')
                open++;
            if ((st = add_literal(p, s + run, open - run)) != KPI_OK)
                return st;
            size_t next = 0;
            if ((st = parse_placeholder(p, open, &next)) != KPI_OK)
                return st;
            if ((st = end_segment(p, &seg_start, p->t->n_ph - 1)) != KPI_OK)
                return st;
            i = run = next;
            continue;
        }
        i++;
    }
    if ((st = add_literal(p, s + run, i - run)) != KPI_OK)
        return st;
    return end_segment(p, &seg_start, SIZE_MAX);
}

kpi_template *
kpi_template_parse(const char *text, size_t len, const char *source, kpi_error *err)
{
    assert(text || len == 0);
    kpi_template *t = kpi_calloc(1, sizeof *t);
    if (!t) {
        kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
        return NULL;
    }
    parser p = {.t = t, .text = text ? text : "", .len = len, .line = 1, .err = err};
    t->source = kpi_strndup(source ? source : "", source ? strlen(source) : 0);
    kpi_status st = t->source ? add_literal(&p, "", 0) : KPI_ENOMEM;
    if (st == KPI_ENOMEM && !t->source)
        kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    if (st == KPI_OK)
        st = parse_text(&p);
    if (st != KPI_OK) {
        kpi_template_free(t);
        return NULL;
    }
    return t;
}

void
kpi_template_free(kpi_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_ph; i++)
        kpi_free(t->ph[i].filters);
    for (size_t i = 0; i < t->n_strings; i++)
        kpi_free(t->strings[i]);
    kpi_free(t->strings);
    kpi_free(t->ph);
    kpi_free(t->segs);
    kpi_free(t->lit);
    kpi_free(t->source);
    kpi_free(t);
}

void
kpi_template_set_escape(kpi_template *t, kpi_escape e)
{
    assert(t && (unsigned)e < KPI_ESCAPE_LAST);
    t->escape = e;
}

size_t
kpi_template_count(const kpi_template *t)
{
    return t->n_ph;
}

const kpi_template_ref *
kpi_template_at(const kpi_template *t, size_t i)
{
    assert(i < t->n_ph);
    return &t->ph[i].ref;
}

/* ---- values from resolvers ---------------------------------------------- */

void
kpi_template_out_number(kpi_template_out *out, double x, int decimals)
{
    assert(isfinite(x));
    assert(decimals >= -1 && decimals <= 15);
    out->type = OUT_NUMBER;
    out->x = x;
    out->decimals = decimals;
}

static kpi_status
set_text(kpi_template_out *out, out_type type, const char *text, size_t len)
{
    out->len = 0;
    if (append(&out->text, &out->len, &out->cap, text ? text : "", text ? len : 0) != 0)
        return KPI_ENOMEM;
    out->type = type;
    out->markup = KPI_ESCAPE_LAST;
    out->file = false;
    return KPI_OK;
}

kpi_status
kpi_template_out_text(kpi_template_out *out, const char *text, size_t len)
{
    return set_text(out, OUT_TEXT, text, len);
}

kpi_status
kpi_template_out_markup(kpi_template_out *out, const char *text, size_t len, kpi_escape format)
{
    assert((unsigned)format < KPI_ESCAPE_LAST);
    kpi_status st = set_text(out, OUT_TEXT, text, len);
    out->markup = format;
    return st;
}

kpi_status
kpi_template_out_file(kpi_template_out *out, const char *name, size_t len)
{
    kpi_status st = set_text(out, OUT_TEXT, name, len);
    out->file = true;
    return st;
}

kpi_status
kpi_template_out_missing(kpi_template_out *out, const char *shown)
{
    return set_text(out, OUT_MISSING, shown, shown ? strlen(shown) : 0);
}

/* ---- filters and writing ------------------------------------------------ */

/* Turn a number into its text: the digits (rounded half away from zero),
 * then the sign and the percent sign the filters asked for. */
static kpi_status
number_to_text(kpi_template_out *out)
{
    char digits[512];
    const char *d = digits;
    if (out->decimals >= 0) {
        kpi_value_format_fixed(out->x, out->decimals, out->thousands, digits, sizeof digits);
    } else {
        /* The shortest form, with separators when asked: count the
         * decimals it needs and print it fixed.  Exponent forms stay. */
        char shortest[64];
        kpi_value_format(out->x, shortest, sizeof shortest);
        const char *point = strchr(shortest, '.');
        if (strchr(shortest, 'e'))
            d = strcpy(digits, shortest);
        else
            kpi_value_format_fixed(out->x, point ? (int)strlen(point + 1) : 0, out->thousands,
                                   digits, sizeof digits);
    }
    bool nonzero = strpbrk(d, "123456789") != NULL;
    out->len = 0;
    if (out->sign && d[0] != '-' && nonzero && append(&out->text, &out->len, &out->cap, "+", 1))
        return KPI_ENOMEM;
    if (append(&out->text, &out->len, &out->cap, d, strlen(d)))
        return KPI_ENOMEM;
    if (out->percent && append(&out->text, &out->len, &out->cap, "%", 1))
        return KPI_ENOMEM;
    out->type = OUT_TEXT;
    out->markup = KPI_ESCAPE_LAST;
    out->file = false;
    return KPI_OK;
}

/* "knife_crime.label", "chart:knife_crime:line", for messages. */
static void
describe(const kpi_template_ref *r, char *buf, size_t size)
{
    if (r->kind[0]) {
        size_t o = (size_t)snprintf(buf, size, "%s", r->kind);
        for (size_t i = 0; i < r->n_args && o < size; i++)
            o += (size_t)snprintf(buf + o, size - o, ":%s", r->args[i]);
    } else if (r->field[0]) {
        snprintf(buf, size, "%s.%s", r->name, r->field);
    } else {
        snprintf(buf, size, "%s", r->name);
    }
}

static kpi_status
apply_filter(const kpi_template *t, const placeholder *ph, const filter *f, kpi_template_out *out,
             kpi_error *err)
{
    if (filter_table[f->kind].numeric) {
        if (out->type == OUT_MISSING)
            return KPI_OK;
        if (out->type == OUT_TEXT) {
            char what[200];
            describe(&ph->ref, what, sizeof what);
            return kpi_error_set(err, KPI_EINVAL, t->source, ph->ref.line, f->column,
                                 "filter '%s' needs a number, but '%s' is text",
                                 filter_table[f->kind].name, what);
        }
    }
    switch (f->kind) {
    case FILTER_DECIMALS: out->decimals = f->places; return KPI_OK;
    case FILTER_THOUSANDS: out->thousands = true; return KPI_OK;
    case FILTER_SIGNED: out->sign = true; return KPI_OK;
    case FILTER_ABS: out->x = fabs(out->x); return KPI_OK;
    case FILTER_PERCENT: out->percent = true; return KPI_OK;
    case FILTER_UPPER:
    case FILTER_LOWER:
        if (out->type == OUT_NUMBER && number_to_text(out) != KPI_OK)
            return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
        /* ASCII letters only: the case of other scripts needs a locale. */
        for (size_t i = 0; i < out->len; i++) {
            char c = out->text[i];
            if (f->kind == FILTER_UPPER && c >= 'a' && c <= 'z')
                out->text[i] = (char)(c - 'a' + 'A');
            else if (f->kind == FILTER_LOWER && c >= 'A' && c <= 'Z')
                out->text[i] = (char)(c - 'A' + 'a');
        }
        return KPI_OK;
    case FILTER_DEFAULT:
        if (out->type == OUT_MISSING || (out->type == OUT_TEXT && out->len == 0))
            if (set_text(out, OUT_TEXT, f->text, strlen(f->text)) != KPI_OK)
                return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
        return KPI_OK;
    default: return KPI_OK;
    }
}

/* Resolve placeholder i and apply its filters; out->text[0..len) is the
 * result. */
static kpi_status
resolve(const kpi_template *t, size_t i, bool check, kpi_template_fn fn, void *ud,
        kpi_template_out *out, kpi_error *err)
{
    const placeholder *ph = &t->ph[i];
    kpi_template_ref ref = ph->ref;
    ref.check = check;
    out->type = OUT_NONE;
    out->decimals = -1;
    out->thousands = out->sign = out->percent = false;
    out->len = 0;
    out->markup = KPI_ESCAPE_LAST;
    out->file = false;
    kpi_error e;
    kpi_error_clear(&e);
    kpi_status st = fn(ud, &ref, out, &e);
    if (st == KPI_OK && out->type == OUT_NONE) {
        char what[200];
        describe(&ref, what, sizeof what);
        st = kpi_error_set(&e, KPI_EINVAL, NULL, 0, 0, "nothing was given for '%s'", what);
    }
    if (st != KPI_OK) {
        if (err) {
            *err = e;
            err->code = st;
            snprintf(err->source, sizeof err->source, "%s", t->source);
            err->line = ref.line;
            if (err->column == 0)
                err->column = ref.column;
        }
        return st;
    }
    for (size_t k = 0; k < ph->n_filters; k++)
        if ((st = apply_filter(t, ph, &ph->filters[k], out, err)) != KPI_OK)
            return st;
    if (out->type == OUT_NUMBER && number_to_text(out) != KPI_OK)
        return kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
    return KPI_OK;
}

/* A name a link, an src attribute or \includegraphics finds as it is
 * written: letters, digits, '.', '-', '_', '/' and non-ASCII characters. */
static bool
is_plain_name(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/'))
            return false;
    }
    return true;
}

/* Write a resolved value, escaped for the template's format unless it is
 * markup in that format or a plain file name.  *buf (of *cap bytes) holds
 * the escaped text. */
static kpi_status
put_value(const kpi_template *t, const kpi_template_out *out, char **buf, size_t *cap, FILE *fp)
{
    if (out->len == 0)
        return KPI_OK;
    if (t->escape == KPI_ESCAPE_NONE || out->markup == t->escape ||
        (out->file && is_plain_name(out->text, out->len))) {
        fwrite(out->text, 1, out->len, fp);
        return KPI_OK;
    }
    size_t n = kpi_escape_text(t->escape, out->text, out->len, NULL, 0);
    if (n == SIZE_MAX || kpi_grow((void **)buf, cap, n + 1, 1) != 0)
        return KPI_ENOMEM;
    kpi_escape_text(t->escape, out->text, out->len, *buf, n + 1);
    fwrite(*buf, 1, n, fp);
    return KPI_OK;
}

static kpi_status
run(const kpi_template *t, kpi_template_fn fn, void *ud, FILE *fp, kpi_error *err)
{
    kpi_template_out out = {0};
    char *escaped = NULL;
    size_t escaped_cap = 0;
    kpi_status st = KPI_OK;
    for (size_t s = 0; s < t->n_segs && st == KPI_OK; s++) {
        const segment *g = &t->segs[s];
        if (fp && g->lit_len)
            fwrite(t->lit + g->lit_off, 1, g->lit_len, fp);
        if (g->ph == SIZE_MAX)
            continue;
        st = resolve(t, g->ph, fp == NULL, fn, ud, &out, err);
        if (st == KPI_OK && fp && put_value(t, &out, &escaped, &escaped_cap, fp) != KPI_OK)
            st = kpi_error_set(err, KPI_ENOMEM, t->source, 0, 0, "out of memory");
    }
    kpi_free(escaped);
    kpi_free(out.text);
    if (st == KPI_OK && fp && (fflush(fp) != 0 || ferror(fp)))
        st = kpi_error_set(err, KPI_EIO, t->source, 0, 0, "writing the filled template failed");
    return st;
}

kpi_status
kpi_template_check(const kpi_template *t, kpi_template_fn fn, void *ud, kpi_error *err)
{
    assert(t && fn);
    return run(t, fn, ud, NULL, err);
}

kpi_status
kpi_template_write(const kpi_template *t, kpi_template_fn fn, void *ud, FILE *out, kpi_error *err)
{
    assert(t && fn && out);
    kpi_status st = run(t, fn, ud, NULL, err);
    return st == KPI_OK ? run(t, fn, ud, out, err) : st;
}

kpi_status
kpi_template_expand(const char *text, size_t len, const char *source, kpi_template_fn fn, void *ud,
                    FILE *out, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local;
    kpi_template *t = kpi_template_parse(text, len, source, err);
    if (!t)
        return err->code;
    kpi_status st = kpi_template_write(t, fn, ud, out, err);
    kpi_template_free(t);
    return st;
}
