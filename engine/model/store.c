#include "kpi/store.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kpi/value.h"
#include "series_private.h"
#include "store_private.h"

struct kpi_store {
    size_t n_groups;
    char **group_names;
    kpi_series **series;
    size_t count, cap;
    kpi_series **table; /* open addressing, linear probing; cap is a power of 2 */
    size_t table_cap;
};

static size_t
key_parts(const kpi_store *s)
{
    return 2 + s->n_groups;
}

/* FNV-1a over the key parts, with the NUL as a separator so that ("ab","c")
 * and ("a","bc") differ. */
static uint64_t
key_hash(const char *const *key, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)(key[i] ? key[i] : ""); *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 0xffu) * 1099511628211ULL;
    }
    return h;
}

static int
key_equal(const kpi_series *se, const char *const *key, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(se->key[i], key[i] ? key[i] : "") != 0)
            return 0;
    return 1;
}

kpi_store *
kpi_store_new(size_t n_groups, const char *const *group_names, kpi_error *err)
{
    assert(n_groups == 0 || group_names);
    kpi_store *s = kpi_calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->n_groups = n_groups;
    if (n_groups) {
        s->group_names = kpi_calloc(n_groups, sizeof *s->group_names);
        if (!s->group_names)
            goto nomem;
        for (size_t g = 0; g < n_groups; g++)
            if (!(s->group_names[g] = kpi_strndup(group_names[g], strlen(group_names[g]))))
                goto nomem;
    }
    return s;
nomem:
    kpi_store_free(s);
    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

void
kpi_store_free(kpi_store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        kpi_series_free(s->series[i]);
    if (s->group_names)
        for (size_t g = 0; g < s->n_groups; g++)
            kpi_free(s->group_names[g]);
    kpi_free(s->group_names);
    kpi_free(s->series);
    kpi_free(s->table);
    kpi_free(s);
}

size_t
kpi_store_n_groups(const kpi_store *s)
{
    return s->n_groups;
}

const char *
kpi_store_group_name(const kpi_store *s, size_t g)
{
    return g < s->n_groups ? s->group_names[g] : "";
}

size_t
kpi_store_count(const kpi_store *s)
{
    return s->count;
}

const kpi_series *
kpi_store_at(const kpi_store *s, size_t i)
{
    return i < s->count ? s->series[i] : NULL;
}

static kpi_series **
table_slot(kpi_series **table, size_t cap, const char *const *key, size_t n)
{
    size_t i = (size_t)key_hash(key, n) & (cap - 1);
    while (table[i] && !key_equal(table[i], key, n))
        i = (i + 1) & (cap - 1);
    return &table[i];
}

const kpi_series *
kpi_store_find(const kpi_store *s, const char *const *key)
{
    if (!s->table_cap)
        return NULL;
    return *table_slot(s->table, s->table_cap, key, key_parts(s));
}

static int
table_grow(kpi_store *s)
{
    size_t ncap = s->table_cap ? s->table_cap * 2 : 64;
    kpi_series **t = kpi_calloc(ncap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < s->count; i++)
        *table_slot(t, ncap, (const char *const *)s->series[i]->key, key_parts(s)) = s->series[i];
    kpi_free(s->table);
    s->table = t;
    s->table_cap = ncap;
    return 0;
}

/* Add se to s; room in both arrays has been made. */
static void
insert(kpi_store *s, kpi_series *se)
{
    s->series[s->count++] = se;
    *table_slot(s->table, s->table_cap, (const char *const *)se->key, key_parts(s)) = se;
}

/* Make room for one more series in s. */
static int
reserve(kpi_store *s)
{
    if ((s->count + 1) * 2 > s->table_cap && table_grow(s) != 0)
        return -1;
    return kpi_grow((void **)&s->series, &s->cap, s->count + 1, sizeof *s->series);
}

kpi_series *
kpi_store_intern(kpi_store *s, const char *const *key, kpi_error *err)
{
    kpi_series *found = (kpi_series *)kpi_store_find(s, key);
    if (found)
        return found;
    if (reserve(s) != 0)
        goto nomem;
    /* Series of one store tend to be alike, and a file sorted by series
     * brings each whole: a new series makes room for as many slots as
     * the one before it has, and so is read into one allocation instead
     * of growing seven to ten times, four arrays each time (the threads
     * reading a file wait on one malloc lock, see cli/main.c).  Each
     * series takes the room of one other at most, so the room given
     * away never exceeds what the store already holds. */
    size_t like = s->count ? kpi_series_length(s->series[s->count - 1]) : 0;
    kpi_series *se = kpi_series_new(key, key_parts(s), like);
    if (!se)
        goto nomem;
    insert(s, se);
    return se;
nomem:
    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

kpi_status
kpi_store_finish(kpi_store *s, kpi_error *err)
{
    for (size_t i = 0; i < s->count; i++)
        if (kpi_series_settle(s->series[i]) != 0)
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return KPI_OK;
}

kpi_status
kpi_store_merge(kpi_store *into, kpi_store *from, unsigned long line_offset, kpi_dup_policy dup,
                kpi_error *err)
{
    assert(into->n_groups == from->n_groups);
    kpi_status st = KPI_OK;
    for (size_t k = 0; k < from->count && st == KPI_OK; k++) {
        kpi_series *se = from->series[k];
        kpi_series *same = (kpi_series *)kpi_store_find(into, (const char *const *)se->key);
        if (!same) {
            /* A series that only the later part of a file has moves over
             * whole; only its line numbers change. */
            if (reserve(into) != 0) {
                st = kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            kpi_series_shift_lines(se, line_offset);
            insert(into, se);
            from->series[k] = NULL;
            continue;
        }
        st = kpi_series_put_all(same, se, line_offset, dup, err);
    }
    /* Series moved over are NULL here; kpi_store_free skips them. */
    kpi_store_free(from);
    return st;
}

void
kpi_store_drop_values(kpi_store *s, size_t i)
{
    assert(i < s->count);
    kpi_series_clear(s->series[i]);
}

kpi_store *
kpi_store_subset(const kpi_store *s, const size_t *idx, size_t n, kpi_error *err)
{
    assert(n == 0 || idx);
    kpi_store *out = kpi_store_new(s->n_groups, (const char *const *)s->group_names, err);
    for (size_t k = 0; out && k < n; k++) {
        assert(idx[k] < s->count);
        const kpi_series *se = s->series[idx[k]];
        kpi_series *o = kpi_store_intern(out, (const char *const *)se->key, err);
        if (!o || kpi_series_put_all(o, se, 0, KPI_DUP_ERROR, err) != KPI_OK) {
            kpi_store_free(out);
            return NULL;
        }
    }
    return out;
}

bool
kpi_store_has_partial(const kpi_store *s)
{
    for (size_t k = 0; k < s->count; k++)
        for (size_t i = 0; i < kpi_series_length(s->series[k]); i++)
            if (kpi_series_partial(s->series[k], i))
                return true;
    return false;
}

/* "ARSON, Barnet" and any groups: the series named in messages. */
static void
series_name(const kpi_store *s, const kpi_series *se, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s", se->key[0]);
    for (size_t i = 1; i < key_parts(s) && len < size; i++)
        if (se->key[i][0])
            len += (size_t)snprintf(buf + len, size - len, ", %s", se->key[i]);
}

static bool
same_slot(const kpi_series *a, size_t i, const kpi_series *b, size_t j)
{
    kpi_obs sa = kpi_series_state(a, i), sb = kpi_series_state(b, j);
    return sa == sb && (sa != KPI_OBS_VALUE || kpi_series_value(a, i) == kpi_series_value(b, j));
}

static const char *
slot_text(const kpi_series *se, size_t i, char *buf, size_t size)
{
    switch (kpi_series_state(se, i)) {
    case KPI_OBS_VALUE: kpi_value_format(kpi_series_value(se, i), buf, size); return buf;
    case KPI_OBS_SUPPRESSED: return "suppressed";
    default: return "missing";
    }
}

kpi_status
kpi_store_combine(kpi_store *into, const kpi_store *from, kpi_prefer prefer,
                  const char *into_source, const char *from_source, kpi_error *err)
{
    bool same_groups = into->n_groups == from->n_groups;
    for (size_t g = 0; same_groups && g < into->n_groups; g++)
        same_groups = strcmp(into->group_names[g], from->group_names[g]) == 0;
    if (!same_groups)
        return kpi_error_set(err, KPI_ELAYOUT, from_source, 0, 0,
                             "its series are grouped by other columns than those of %s",
                             into_source);
    for (size_t k = 0; k < from->count; k++) {
        const kpi_series *se = from->series[k];
        kpi_series *o = kpi_store_intern(into, (const char *const *)se->key, err);
        if (!o)
            return KPI_ENOMEM;
        for (size_t i = 0; i < se->len; i++) {
            if (kpi_series_state(se, i) == KPI_OBS_ABSENT)
                continue;
            kpi_period p = kpi_series_period(se, i);
            ptrdiff_t j = kpi_series_freq(o) == p.freq ? kpi_series_index(o, p) : -1;
            bool held = j >= 0 && kpi_series_state(o, (size_t)j) != KPI_OBS_ABSENT;
            if (held && (same_slot(o, (size_t)j, se, i) || prefer == KPI_PREFER_FIRST))
                continue;
            char name[200], period[KPI_PERIOD_TEXT_MAX], a[KPI_VALUE_TEXT_MAX],
                b[KPI_VALUE_TEXT_MAX];
            if (held && prefer == KPI_PREFER_NONE) {
                series_name(from, se, name, sizeof name);
                kpi_period_format(p, period, sizeof period);
                return kpi_error_set(err, KPI_EDUPLICATE, from_source, kpi_series_line(se, i), 0,
                                     "%s, %s is %s here but %s in %s (line %lu): the two files "
                                     "disagree",
                                     name, period, slot_text(se, i, b, sizeof b),
                                     slot_text(o, (size_t)j, a, sizeof a), into_source,
                                     kpi_series_line(o, (size_t)j));
            }
            kpi_obs obs = kpi_series_state(se, i);
            kpi_value v = {.kind = obs == KPI_OBS_VALUE     ? KPI_VALUE_NUMBER
                                   : obs == KPI_OBS_MISSING ? KPI_VALUE_MISSING
                                                            : KPI_VALUE_SUPPRESSED,
                           .unit = kpi_series_unit(se),
                           .number = kpi_series_value(se, i),
                           .decimals = kpi_series_decimals_at(se, i)};
            kpi_status st = kpi_series_put(o, p, 0, &v, KPI_DUP_LAST, kpi_series_line(se, i), err);
            if (st != KPI_OK) {
                char msg[KPI_ERROR_MESSAGE_MAX];
                series_name(from, se, name, sizeof name);
                snprintf(msg, sizeof msg, "%s", err ? err->message : "");
                return kpi_error_set(err, st, from_source, kpi_series_line(se, i), 0,
                                     "%s: %s (against %s)", name, msg, into_source);
            }
        }
    }
    return KPI_OK;
}
