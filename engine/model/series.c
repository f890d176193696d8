#include "kpi/series.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "series_private.h"

/* A slot's state byte holds a kpi_obs in the low bits; this bit marks a
 * month that was written as an ambiguous "YYYY-YY" and may yet turn out to
 * be a financial year. */
#define SLOT_AMBIGUOUS 0x80u
/* ... and this one a value aggregated from an incomplete set, kept on
 * request, which output must mark. */
#define SLOT_PARTIAL 0x40u
#define SLOT_OBS(b) ((kpi_obs)((b) & 0x3fu))

struct kpi_series {
    char **key;     /* 2 + n_groups strings, in one allocation with the struct */
    kpi_freq freq;
    kpi_unit unit;
    int unit_set;
    int decimals;
    int32_t first;  /* ordinal of slot 0 */
    size_t len, cap;
    double *values;
    unsigned char *state;
    uint32_t *lines;
    unsigned char *dec; /* decimals each value was written with */
    size_t n_present;   /* slots not ABSENT */
    size_t n_ambiguous; /* slots with SLOT_AMBIGUOUS */
};

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

static void
series_free(kpi_series *se)
{
    if (!se)
        return;
    kpi_free(se->values);
    kpi_free(se->state);
    kpi_free(se->lines);
    kpi_free(se->dec);
    kpi_free(se);
}

void
kpi_store_free(kpi_store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        series_free(s->series[i]);
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

static kpi_series *
series_new(const char *const *key, size_t n)
{
    size_t text = 0;
    for (size_t i = 0; i < n; i++)
        text += strlen(key[i] ? key[i] : "") + 1;
    kpi_series *se = kpi_calloc(1, sizeof *se + n * sizeof(char *) + text);
    if (!se)
        return NULL;
    se->key = (char **)(se + 1);
    char *p = (char *)(se->key + n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(key[i] ? key[i] : "");
        memcpy(p, key[i] ? key[i] : "", len + 1);
        se->key[i] = p;
        p += len + 1;
    }
    return se;
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
    kpi_series *se = series_new(key, key_parts(s));
    if (!se)
        goto nomem;
    insert(s, se);
    return se;
nomem:
    kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

static const char *
freq_noun(kpi_freq f)
{
    static const char *const nouns[] = {"no periods", "days",  "months",
                                        "quarters",   "years", "financial years",
                                        "financial quarters"};
    _Static_assert(sizeof nouns / sizeof nouns[0] == KPI_FREQ_LAST, "one noun per frequency");
    return nouns[f < KPI_FREQ_LAST ? f : 0];
}

/* "knife_crime / London" for messages. */
static void
describe(const kpi_series *se, char *buf, size_t size)
{
    if (se->key[1][0])
        snprintf(buf, size, "'%s' / '%s'", se->key[0], se->key[1]);
    else
        snprintf(buf, size, "'%s'", se->key[0]);
}

/* The financial year an ambiguous "YYYY-YY" month stands for. */
static kpi_period
ambiguous_to_fy(kpi_period month)
{
    return (kpi_period){KPI_FREQ_FYEAR, month.ordinal / 12};
}

/* Whether a slot already holds p, and which.  When the series is about to
 * turn its ambiguous months into financial years, p is compared with what
 * those months will become. */
static int
present_slot(const kpi_series *se, kpi_period p, int converting, size_t *k)
{
    if (converting) {
        for (size_t i = 0; i < se->len; i++)
            if (se->state[i] != KPI_OBS_ABSENT && (se->first + (int32_t)i) / 12 == p.ordinal) {
                *k = i;
                return 1;
            }
        return 0;
    }
    if (p.ordinal < se->first || (size_t)(p.ordinal - se->first) >= se->len)
        return 0;
    *k = (size_t)(p.ordinal - se->first);
    return SLOT_OBS(se->state[*k]) != KPI_OBS_ABSENT;
}

/* What put would do, decided without changing anything: the period as the
 * series will hold it, and whether the series' ambiguous months must first
 * become financial years. */
typedef struct plan {
    kpi_period p;
    int convert_series;
} plan;

static kpi_status
make_plan(const kpi_series *se, kpi_period p, unsigned flags, const kpi_value *v,
          kpi_dup_policy dup, plan *out, kpi_error *err)
{
    char who[160];
    out->convert_series = 0;
    if (se->freq != KPI_FREQ_NONE && p.freq != se->freq) {
        if (p.freq == KPI_FREQ_MONTH && (flags & KPI_PERIOD_AMBIGUOUS_FY) &&
            se->freq == KPI_FREQ_FYEAR) {
            p = ambiguous_to_fy(p);
        } else if (p.freq == KPI_FREQ_FYEAR && se->freq == KPI_FREQ_MONTH &&
                   se->n_ambiguous == se->n_present) {
            out->convert_series = 1;
        } else {
            char text[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(p, text, sizeof text);
            describe(se, who, sizeof who);
            return kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                                 "mixed frequencies: series %s has %s, found %s '%s'", who,
                                 freq_noun(se->freq), kpi_freq_name(p.freq), text);
        }
    }
    if (v->kind == KPI_VALUE_NUMBER && se->unit_set && v->unit != se->unit) {
        describe(se, who, sizeof who);
        return kpi_error_set(err, KPI_EVALUE, NULL, 0, 0,
                             "mixed units: series %s has %s values, found a %s value", who,
                             kpi_unit_name(se->unit), kpi_unit_name(v->unit));
    }
    out->p = p;
    if (dup != KPI_DUP_ERROR || se->len == 0)
        return KPI_OK;
    size_t k;
    if (present_slot(se, p, out->convert_series, &k)) {
        char text[KPI_PERIOD_TEXT_MAX];
        kpi_period_format(p, text, sizeof text);
        describe(se, who, sizeof who);
        return kpi_error_set(err, KPI_EDUPLICATE, NULL, 0, 0,
                             "duplicate: series %s already has period %s (line %lu); use "
                             "--duplicates sum|first|last to combine",
                             who, text, (unsigned long)se->lines[k]);
    }
    return KPI_OK;
}

kpi_status
kpi_series_check(const kpi_series *se, kpi_period p, unsigned period_flags, const kpi_value *v,
                 kpi_dup_policy dup, kpi_error *err)
{
    plan pl = {.p = p};
    return make_plan(se, p, period_flags, v, dup, &pl, err);
}

static void
mark_absent(kpi_series *se, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        se->values[i] = NAN;
        se->state[i] = KPI_OBS_ABSENT;
        se->lines[i] = 0;
        se->dec[i] = 0;
    }
}

/* Make room for slots [lo, hi] (ordinals), keeping what is there. */
static int
ensure_range(kpi_series *se, int32_t lo, int32_t hi)
{
    if (se->len) {
        if (se->first < lo)
            lo = se->first;
        int32_t last = se->first + (int32_t)se->len - 1;
        if (last > hi)
            hi = last;
    }
    size_t need = (size_t)((int64_t)hi - lo + 1);
    size_t shift = se->len ? (size_t)(se->first - lo) : 0;
    if (need > se->cap) {
        size_t ncap = se->cap ? se->cap : 16;
        while (ncap < need)
            ncap *= 2;
        double *v = kpi_realloc(se->values, ncap * sizeof *v);
        if (!v)
            return -1;
        se->values = v;
        unsigned char *st = kpi_realloc(se->state, ncap);
        if (!st)
            return -1;
        se->state = st;
        uint32_t *ln = kpi_realloc(se->lines, ncap * sizeof *ln);
        if (!ln)
            return -1;
        se->lines = ln;
        unsigned char *dc = kpi_realloc(se->dec, ncap);
        if (!dc)
            return -1;
        se->dec = dc;
        se->cap = ncap;
    }
    if (shift) {
        memmove(se->values + shift, se->values, se->len * sizeof *se->values);
        memmove(se->state + shift, se->state, se->len);
        memmove(se->lines + shift, se->lines, se->len * sizeof *se->lines);
        memmove(se->dec + shift, se->dec, se->len);
    }
    /* Only the new slots, before and after the old ones, start absent. */
    mark_absent(se, 0, shift);
    mark_absent(se, shift + se->len, need);
    se->first = lo;
    se->len = need;
    return 0;
}

/* Re-key every slot through map(ordinal); the caller guarantees that no
 * two present slots map to the same ordinal.  Absent slots are dropped. */
static int
remap(kpi_series *se, kpi_freq freq, int32_t (*map)(int32_t))
{
    kpi_series old = *se;
    se->values = NULL;
    se->state = NULL;
    se->lines = NULL;
    se->dec = NULL;
    se->len = se->cap = 0;
    se->n_ambiguous = 0;
    int ok = 1;
    for (size_t i = 0; i < old.len && ok; i++) {
        if (old.state[i] == KPI_OBS_ABSENT)
            continue;
        int32_t ord = map(old.first + (int32_t)i);
        if (ensure_range(se, ord, ord) != 0) {
            ok = 0;
            break;
        }
        size_t k = (size_t)(ord - se->first);
        se->values[k] = old.values[i];
        se->state[k] = (unsigned char)SLOT_OBS(old.state[i]);
        se->lines[k] = old.lines[i];
        se->dec[k] = old.dec[i];
    }
    if (!ok) {
        kpi_free(se->values);
        kpi_free(se->state);
        kpi_free(se->lines);
        kpi_free(se->dec);
        *se = old;
        return -1;
    }
    kpi_free(old.values);
    kpi_free(old.state);
    kpi_free(old.lines);
    kpi_free(old.dec);
    se->freq = freq;
    return 0;
}

static int32_t
month_to_fy(int32_t month)
{
    return month / 12;
}

static int32_t
day_to_month(int32_t day)
{
    int y, m, d;
    kpi_period_day_to_ymd(day, &y, &m, &d);
    return y * 12 + (m - 1);
}

kpi_status
kpi_series_put(kpi_series *se, kpi_period p, unsigned period_flags, const kpi_value *v,
               kpi_dup_policy dup, unsigned long line, kpi_error *err)
{
    plan pl = {.p = p};
    kpi_status st = make_plan(se, p, period_flags, v, dup, &pl, err);
    if (st != KPI_OK)
        return st;
    if (pl.convert_series && remap(se, KPI_FREQ_FYEAR, month_to_fy) != 0)
        goto nomem;
    p = pl.p;
    if (ensure_range(se, p.ordinal, p.ordinal) != 0)
        goto nomem;
    if (se->freq == KPI_FREQ_NONE)
        se->freq = p.freq;
    size_t k = (size_t)(p.ordinal - se->first);
    kpi_obs now = SLOT_OBS(se->state[k]);
    kpi_obs obs = v->kind == KPI_VALUE_NUMBER    ? KPI_OBS_VALUE
                  : v->kind == KPI_VALUE_MISSING ? KPI_OBS_MISSING
                                                 : KPI_OBS_SUPPRESSED;
    if (now != KPI_OBS_ABSENT) {
        if (dup == KPI_DUP_FIRST)
            return KPI_OK;
        if (dup == KPI_DUP_SUM) {
            if (obs != KPI_OBS_VALUE)
                return KPI_OK;
            if (now == KPI_OBS_VALUE) {
                se->values[k] += v->number;
                if (v->decimals > se->dec[k])
                    se->dec[k] = (unsigned char)v->decimals;
                goto unit;
            }
        }
        if (se->state[k] & SLOT_AMBIGUOUS)
            se->n_ambiguous--;
        se->n_present--;
    }
    se->values[k] = obs == KPI_OBS_VALUE ? v->number : NAN;
    se->state[k] = (unsigned char)obs;
    se->lines[k] = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    se->dec[k] = (unsigned char)(v->decimals < 0 ? 0 : v->decimals > 255 ? 255 : v->decimals);
    se->n_present++;
    if (p.freq == KPI_FREQ_MONTH && (period_flags & KPI_PERIOD_AMBIGUOUS_FY)) {
        se->state[k] |= SLOT_AMBIGUOUS;
        se->n_ambiguous++;
    }
unit:
    if (obs == KPI_OBS_VALUE) {
        se->unit = v->unit;
        se->unit_set = 1;
        if (v->decimals > se->decimals)
            se->decimals = v->decimals;
    }
    return KPI_OK;
nomem:
    return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
}

static int
all_first_of_month(const kpi_series *se)
{
    for (size_t i = 0; i < se->len; i++) {
        if (se->state[i] == KPI_OBS_ABSENT)
            continue;
        int y, m, d;
        kpi_period_day_to_ymd(se->first + (int32_t)i, &y, &m, &d);
        if (d != 1)
            return 0;
    }
    return 1;
}

kpi_status
kpi_store_finish(kpi_store *s, kpi_error *err)
{
    for (size_t i = 0; i < s->count; i++) {
        kpi_series *se = s->series[i];
        int rc = 0;
        if (se->freq == KPI_FREQ_MONTH && se->n_present >= 2 &&
            se->n_ambiguous == se->n_present)
            rc = remap(se, KPI_FREQ_FYEAR, month_to_fy);
        else if (se->freq == KPI_FREQ_DAY && se->n_present && all_first_of_month(se))
            rc = remap(se, KPI_FREQ_MONTH, day_to_month);
        if (rc != 0)
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return KPI_OK;
}

const char *
kpi_series_indicator(const kpi_series *se)
{
    return se->key[0];
}

const char *
kpi_series_area(const kpi_series *se)
{
    return se->key[1];
}

const char *
kpi_series_group(const kpi_series *se, size_t g)
{
    return se->key[2 + g];
}

kpi_freq
kpi_series_freq(const kpi_series *se)
{
    return se->freq;
}

kpi_unit
kpi_series_unit(const kpi_series *se)
{
    return se->unit;
}

size_t
kpi_series_length(const kpi_series *se)
{
    return se->len;
}

kpi_period
kpi_series_period(const kpi_series *se, size_t i)
{
    return (kpi_period){se->freq, se->first + (int32_t)i};
}

ptrdiff_t
kpi_series_index(const kpi_series *se, kpi_period p)
{
    if (p.freq != se->freq || se->len == 0 || p.ordinal < se->first ||
        (size_t)(p.ordinal - se->first) >= se->len)
        return -1;
    return (ptrdiff_t)(p.ordinal - se->first);
}

kpi_obs
kpi_series_state(const kpi_series *se, size_t i)
{
    return SLOT_OBS(se->state[i]);
}

void
kpi_series_set_partial(kpi_series *se, size_t i)
{
    if (i < se->len && SLOT_OBS(se->state[i]) == KPI_OBS_VALUE)
        se->state[i] |= SLOT_PARTIAL;
}

bool
kpi_series_partial(const kpi_series *se, size_t i)
{
    return i < se->len && (se->state[i] & SLOT_PARTIAL);
}

bool
kpi_store_has_partial(const kpi_store *s)
{
    for (size_t k = 0; k < s->count; k++)
        for (size_t i = 0; s->series[k] && i < s->series[k]->len; i++)
            if (s->series[k]->state[i] & SLOT_PARTIAL)
                return true;
    return false;
}

double
kpi_series_value(const kpi_series *se, size_t i)
{
    return se->values[i];
}

unsigned long
kpi_series_line(const kpi_series *se, size_t i)
{
    return se->lines[i];
}

int
kpi_series_decimals(const kpi_series *se)
{
    return se->decimals;
}

int
kpi_series_decimals_at(const kpi_series *se, size_t i)
{
    return se->dec[i];
}

size_t
kpi_series_count(const kpi_series *se, kpi_obs state)
{
    if (state == KPI_OBS_ABSENT)
        return se->len - se->n_present;
    size_t n = 0;
    for (size_t i = 0; i < se->len; i++)
        n += SLOT_OBS(se->state[i]) == state;
    return n;
}

/* Slot i of se as the value it was read from. */
static kpi_value
slot_value(const kpi_series *se, size_t i)
{
    kpi_obs obs = SLOT_OBS(se->state[i]);
    return (kpi_value){.kind = obs == KPI_OBS_VALUE     ? KPI_VALUE_NUMBER
                               : obs == KPI_OBS_MISSING ? KPI_VALUE_MISSING
                                                        : KPI_VALUE_SUPPRESSED,
                       .unit = se->unit,
                       .number = se->values[i],
                       .decimals = se->dec[i]};
}

kpi_status
kpi_store_merge(kpi_store *into, kpi_store *from, unsigned long line_offset, kpi_dup_policy dup,
                kpi_error *err)
{
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
            for (size_t i = 0; i < se->len; i++)
                if (se->lines[i])
                    se->lines[i] += (uint32_t)line_offset;
            insert(into, se);
            from->series[k] = NULL;
            continue;
        }
        for (size_t i = 0; i < se->len && st == KPI_OK; i++) {
            kpi_obs obs = SLOT_OBS(se->state[i]);
            if (obs == KPI_OBS_ABSENT)
                continue;
            kpi_value v = slot_value(se, i);
            unsigned flags = se->state[i] & SLOT_AMBIGUOUS ? KPI_PERIOD_AMBIGUOUS_FY : 0;
            st = kpi_series_put(same, kpi_series_period(se, i), flags, &v, dup,
                                se->lines[i] + line_offset, err);
        }
    }
    /* Series moved over are NULL here; kpi_store_free skips them. */
    kpi_store_free(from);
    return st;
}

kpi_store *
kpi_store_subset(const kpi_store *s, const size_t *idx, size_t n, kpi_error *err)
{
    kpi_store *out = kpi_store_new(s->n_groups, (const char *const *)s->group_names, err);
    for (size_t k = 0; out && k < n; k++) {
        const kpi_series *se = s->series[idx[k]];
        kpi_series *o = kpi_store_intern(out, (const char *const *)se->key, err);
        if (!o) {
            kpi_store_free(out);
            return NULL;
        }
        for (size_t i = 0; i < se->len; i++) {
            kpi_obs obs = SLOT_OBS(se->state[i]);
            if (obs == KPI_OBS_ABSENT)
                continue;
            kpi_value v = slot_value(se, i);
            if (kpi_series_put(o, kpi_series_period(se, i), 0, &v, KPI_DUP_ERROR, se->lines[i],
                               err) != KPI_OK) {
                kpi_store_free(out);
                return NULL;
            }
            o->state[i] |= se->state[i] & SLOT_PARTIAL;
        }
    }
    return out;
}
