/* The cache of a report run: entries in a hash table keyed by what a
 * placeholder names, each allocated on its own so that a pointer to it
 * stays valid as the table grows. */
#include "report_private.h"

#include <stdint.h>
#include <string.h>

#include "alloc_private.h"

/* Parts of a key are joined with a separator; their number is kept
 * besides, so that a part holding the separator cannot pass for two. */
#define KEY_SEP '\x1f'

typedef struct slot {
    char *key; /* owned; NULL: the slot is empty */
    size_t parts;
    uint64_t hash;
    kpi_report_entry *entry; /* owned */
} slot;

struct kpi_report_cache {
    slot *slots; /* a power of two of them, at most half full */
    size_t n, cap;
    /* The context the entries were computed from. */
    const kpi_store *store;
    const kpi_meta *meta;
    bool has_period;
    kpi_period period;
    const kpi_milestones *milestones;
};

kpi_report_cache *
kpi_report_cache_new(kpi_error *err)
{
    kpi_report_cache *c = kpi_calloc(1, sizeof *c);
    if (!c)
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return c;
}

static void
entry_free(kpi_report_entry *e)
{
    if (!e)
        return;
    kpi_free(e->sentence);
    kpi_free(e->text);
    kpi_chart_free(e->chart);
    kpi_free(e);
}

static void
clear(kpi_report_cache *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        kpi_free(c->slots[i].key);
        entry_free(c->slots[i].entry);
    }
    kpi_free(c->slots);
    c->slots = NULL;
    c->n = c->cap = 0;
}

void
kpi_report_cache_free(kpi_report_cache *c)
{
    if (!c)
        return;
    clear(c);
    kpi_free(c);
}

/* key's parts joined, in an allocated string the caller frees; NULL when
 * out of memory. */
static char *
join(const char *const *key, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(key[i]) + 1;
    char *s = kpi_malloc(len ? len : 1);
    if (!s)
        return NULL;
    char *p = s;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(key[i]);
        memcpy(p, key[i], k);
        p += k;
        *p++ = KEY_SEP;
    }
    *(len ? p - 1 : p) = '\0';
    return s;
}

/* FNV-1a over the joined parts, without joining them. */
static uint64_t
hash_key(const char *const *key, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)key[i]; *p; p++)
            h = (h ^ *p) * 1099511628211u;
        h = (h ^ (unsigned char)KEY_SEP) * 1099511628211u;
    }
    return h;
}

/* Whether the joined string s is key[0..n) joined. */
static bool
same_key(const char *s, const char *const *key, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(key[i]);
        if (strncmp(s, key[i], k) != 0)
            return false;
        s += k;
        if (*s != (i + 1 < n ? KEY_SEP : '\0'))
            return false;
        s += i + 1 < n;
    }
    return n > 0 || *s == '\0';
}

/* The slot that holds key, or the empty one where it would go. */
static slot *
probe(slot *slots, size_t cap, uint64_t h, const char *const *key, size_t n)
{
    for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        slot *s = &slots[i];
        if (!s->key || (s->hash == h && s->parts == n && same_key(s->key, key, n)))
            return s;
    }
}

static bool
same_context(const kpi_report_cache *c, const kpi_report_context *ctx)
{
    return c->store == ctx->store && c->meta == ctx->meta &&
           c->has_period == (ctx->period != NULL) &&
           (!ctx->period || kpi_period_cmp(c->period, *ctx->period) == 0) &&
           c->milestones == ctx->milestones;
}

kpi_report_entry *
kpi_report_cache_find(kpi_report_cache *c, const kpi_report_context *ctx, const char *const *key,
                      size_t n)
{
    if (!same_context(c, ctx)) {
        clear(c);
        c->store = ctx->store;
        c->meta = ctx->meta;
        c->has_period = ctx->period != NULL;
        if (ctx->period)
            c->period = *ctx->period;
        c->milestones = ctx->milestones;
    }
    if (c->n == 0)
        return NULL;
    return probe(c->slots, c->cap, hash_key(key, n), key, n)->entry;
}

/* Double the table, moving every slot. */
static bool
grow(kpi_report_cache *c)
{
    size_t cap = c->cap ? 2 * c->cap : 64;
    slot *slots = kpi_calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < c->cap; i++) {
        slot *s = &c->slots[i];
        if (!s->key)
            continue;
        size_t j = (size_t)s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    kpi_free(c->slots);
    c->slots = slots;
    c->cap = cap;
    return true;
}

kpi_report_entry *
kpi_report_cache_put(kpi_report_cache *c, const char *const *key, size_t n,
                     const kpi_report_entry *value, kpi_error *err)
{
    kpi_report_entry *e = NULL;
    char *joined = NULL;
    if ((2 * (c->n + 1) > c->cap && !grow(c)) || !(joined = join(key, n)) ||
        !(e = kpi_malloc(sizeof *e))) {
        kpi_free(joined);
        kpi_free(value->sentence);
        kpi_free(value->text);
        kpi_chart_free(value->chart);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    *e = *value;
    uint64_t h = hash_key(key, n);
    slot *s = probe(c->slots, c->cap, h, key, n);
    *s = (slot){joined, n, h, e};
    c->n++;
    return e;
}
