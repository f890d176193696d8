/* kpi audit: the public object, the claims it keeps, and their writers. */
#include "kpi/audit.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_private.h"

/* A claim and the one block that holds its strings. */
typedef struct item {
    kpi_audit_claim c;
    char *mem;
    size_t start; /* byte offset in its report, for the order of the text */
    size_t seq;   /* order found, to keep the sort stable */
} item;

struct kpi_audit {
    kpi_audit_options opt;
    item *items;
    size_t n, cap;
    char **sources; /* every report's name, owned */
    size_t nsources, sources_cap;
};

struct audit_sink {
    kpi_audit *a;
    const char *source;
};

static const char *const kind_names[] = {"pct_change", "change", "direction", "target", "value"};
static const char *const verdict_names[] = {"consistent", "error", "unverified"};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == KPI_AUDIT_KIND_LAST,
               "one name per kpi_audit_kind");
_Static_assert(sizeof verdict_names / sizeof verdict_names[0] == KPI_AUDIT_VERDICT_LAST,
               "one name per kpi_audit_verdict");

kpi_audit_options
kpi_audit_options_default(void)
{
    return (kpi_audit_options){.fy_start = 4};
}

kpi_audit *
kpi_audit_new(const kpi_audit_options *opt, kpi_error *err)
{
    kpi_audit *a = kpi_calloc(1, sizeof *a);
    if (!a) {
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    a->opt = opt ? *opt : kpi_audit_options_default();
    assert(a->opt.fy_start >= 1 && a->opt.fy_start <= 12);
    return a;
}

static void
truncate_to(kpi_audit *a, size_t n)
{
    while (a->n > n)
        kpi_free(a->items[--a->n].mem);
}

void
kpi_audit_free(kpi_audit *a)
{
    if (!a)
        return;
    truncate_to(a, 0);
    kpi_free(a->items);
    for (size_t i = 0; i < a->nsources; i++)
        kpi_free(a->sources[i]);
    kpi_free(a->sources);
    kpi_free(a);
}

kpi_status
kpi_audit_sink_add(audit_sink *s, const audit_doc *d, const audit_found *f, kpi_error *err)
{
    kpi_audit *a = s->a;
    /* The claim's text with white space collapsed, no longer than the
     * original. */
    size_t tl = f->end - f->start;
    size_t sl = strlen(f->stated), cl = strlen(f->computed), rl = strlen(f->reason);
    char *mem = kpi_malloc(tl + sl + cl + rl + 4);
    if (!mem || kpi_grow((void **)&a->items, &a->cap, a->n + 1, sizeof *a->items) != 0) {
        kpi_free(mem);
        return kpi_error_set(err, KPI_ENOMEM, s->source, 0, 0, "out of memory");
    }
    size_t n = 0;
    for (size_t i = f->start; i < f->end; i++) {
        char c = d->text[i];
        bool sp = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (sp && (n == 0 || mem[n - 1] == ' '))
            continue;
        mem[n++] = sp ? ' ' : c;
    }
    while (n > 0 && mem[n - 1] == ' ')
        n--;
    mem[n++] = '\0';
    item *it = &a->items[a->n++];
    it->mem = mem;
    it->start = f->start;
    it->seq = a->n;
    it->c.source = s->source;
    kpi_audit_doc_locate(d, f->start, &it->c.line, &it->c.column);
    it->c.text = mem;
    it->c.kind = f->kind;
    it->c.verdict = f->verdict;
    it->c.stated = memcpy(mem + n, f->stated, sl + 1);
    it->c.computed = memcpy(mem + n + sl + 1, f->computed, cl + 1);
    it->c.reason = memcpy(mem + n + sl + cl + 2, f->reason, rl + 1);
    return KPI_OK;
}

/* Claims are found clause by clause, a level after the change it backs;
 * the output follows the text. */
static int
by_position(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

kpi_status
kpi_audit_text(kpi_audit *a, const char *source, const char *bytes, size_t len, kpi_error *err)
{
    if (!source)
        source = "<text>";
    char *name = kpi_strndup(source, strlen(source));
    if (!name ||
        kpi_grow((void **)&a->sources, &a->sources_cap, a->nsources + 1, sizeof *a->sources) != 0) {
        kpi_free(name);
        return kpi_error_set(err, KPI_ENOMEM, source, 0, 0, "out of memory");
    }
    a->sources[a->nsources++] = name;
    audit_doc d;
    kpi_status st = kpi_audit_doc_init(&d, name, bytes, len, err);
    if (st != KPI_OK)
        return st;
    size_t first = a->n;
    audit_sink sink = {a, name};
    audit_context ctx;
    memset(&ctx, 0, sizeof ctx);
    size_t pos = 0;
    audit_span sp;
    while (st == KPI_OK && kpi_audit_next_span(d.text, d.len, &pos, &sp))
        st = kpi_audit_sentence(&d, &sp, &a->opt, &ctx, &sink, err);
    kpi_audit_tokens_fini(&ctx.prev);
    kpi_audit_tokens_fini(&ctx.cur);
    kpi_audit_doc_fini(&d);
    if (st != KPI_OK)
        truncate_to(a, first);
    else if (a->n > first)
        qsort(a->items + first, a->n - first, sizeof *a->items, by_position);
    return st;
}

kpi_status
kpi_audit_file(kpi_audit *a, const char *path, kpi_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp)
        return kpi_error_set(err, KPI_EIO, name, 0, 0, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    kpi_status st = KPI_OK;
    for (;;) {
        if (kpi_grow((void **)&buf, &cap, len + 65536, 1) != 0) {
            st = kpi_error_set(err, KPI_ENOMEM, name, 0, 0, "out of memory");
            break;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            if (ferror(fp))
                st = kpi_error_set(err, KPI_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
            break;
        }
    }
    if (!is_stdin)
        fclose(fp);
    if (st == KPI_OK)
        st = kpi_audit_text(a, name, buf, len, err);
    kpi_free(buf);
    return st;
}

size_t
kpi_audit_count(const kpi_audit *a)
{
    return a->n;
}

const kpi_audit_claim *
kpi_audit_at(const kpi_audit *a, size_t i)
{
    return i < a->n ? &a->items[i].c : NULL;
}

size_t
kpi_audit_count_verdict(const kpi_audit *a, kpi_audit_verdict v)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        n += a->items[i].c.verdict == v;
    return n;
}

const char *
kpi_audit_kind_name(kpi_audit_kind k)
{
    return (unsigned)k < KPI_AUDIT_KIND_LAST ? kind_names[k] : "";
}

const char *
kpi_audit_verdict_name(kpi_audit_verdict v)
{
    return (unsigned)v < KPI_AUDIT_VERDICT_LAST ? verdict_names[v] : "";
}

kpi_status
kpi_audit_write_text(const kpi_audit *a, FILE *out, bool quiet, kpi_error *err)
{
    for (size_t i = 0; i < a->n; i++) {
        const kpi_audit_claim *c = &a->items[i].c;
        if (c->verdict == KPI_AUDIT_CONSISTENT || (quiet && c->verdict == KPI_AUDIT_UNVERIFIED))
            continue;
        fprintf(out, "%s:%lu:%lu: %s: %s\n", c->source, c->line, c->column,
                c->verdict == KPI_AUDIT_ERROR ? "error" : "note", c->reason);
    }
    size_t bad = kpi_audit_count_verdict(a, KPI_AUDIT_ERROR);
    fprintf(out, "%zu claim%s checked: %zu consistent, %zu error%s, %zu unverified\n", a->n,
            a->n == 1 ? "" : "s", kpi_audit_count_verdict(a, KPI_AUDIT_CONSISTENT), bad,
            bad == 1 ? "" : "s", kpi_audit_count_verdict(a, KPI_AUDIT_UNVERIFIED));
    if (fflush(out) != 0 || ferror(out))
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "cannot write: %s", strerror(errno));
    return KPI_OK;
}

kpi_status
kpi_audit_write_table(const kpi_audit *a, FILE *out, kpi_format format, kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    static const char *const names[] = {"file",   "line",     "column",  "text",  "kind",
                                        "stated", "computed", "verdict", "reason"};
    static const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER,
                                            KPI_COLUMN_TEXT, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,
                                            KPI_COLUMN_TEXT, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT};
    kpi_table *t = kpi_table_new(out, format, names, types, 9, err);
    if (!t)
        return err->code;
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < a->n && st == KPI_OK; i++) {
        const kpi_audit_claim *c = &a->items[i].c;
        char line[24], column[24];
        snprintf(line, sizeof line, "%lu", c->line);
        snprintf(column, sizeof column, "%lu", c->column);
        const char *cells[] = {c->source,
                               line,
                               column,
                               c->text,
                               kind_names[c->kind],
                               c->stated,
                               c->computed,
                               verdict_names[c->verdict],
                               c->reason};
        st = kpi_table_row(t, cells, err);
    }
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}
