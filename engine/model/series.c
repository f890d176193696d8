#include "kpi/series.h"

#include <assert.h>
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
#define SLOT_OBS(b) ((kpi_obs)((b)&0x3fu))

kpi_series *
kpi_series_new(const char *const *key, size_t n, size_t like_len)
{
    size_t text = 0;
    for (size_t i = 0; i < n; i++)
        text += strlen(key[i] ? key[i] : "") + 1;
    kpi_series *se = kpi_calloc(1, sizeof *se + n * sizeof(char *) + text);
    if (!se)
        return NULL;
    se->cap_hint = like_len;
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

void
kpi_series_clear(kpi_series *se)
{
    kpi_free(se->values);
    kpi_free(se->state);
    kpi_free(se->lines);
    kpi_free(se->dec);
    se->values = NULL;
    se->state = NULL;
    se->lines = NULL;
    se->dec = NULL;
    se->len = se->cap = se->n_present = se->n_ambiguous = 0;
}

void
kpi_series_free(kpi_series *se)
{
    if (!se)
        return;
    kpi_series_clear(se);
    kpi_free(se);
}

static const char *
freq_noun(kpi_freq f)
{
    static const char *const nouns[] = {"no periods",        "days",  "months",
                                        "quarters",          "years", "financial years",
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
                             "duplicate: series %s already has period %s (line %lu); set "
                             "the duplicates option to sum, first or last to combine",
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
        size_t ncap = se->cap ? se->cap : se->cap_hint > 16 ? se->cap_hint : 16;
        se->cap_hint = 0;
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

int
kpi_series_settle(kpi_series *se)
{
    if (se->freq == KPI_FREQ_MONTH && se->n_present >= 2 && se->n_ambiguous == se->n_present)
        return remap(se, KPI_FREQ_FYEAR, month_to_fy);
    if (se->freq == KPI_FREQ_DAY && se->n_present && all_first_of_month(se))
        return remap(se, KPI_FREQ_MONTH, day_to_month);
    return 0;
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
    assert(i < se->len);
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
    assert(i < se->len);
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

double
kpi_series_value(const kpi_series *se, size_t i)
{
    assert(i < se->len);
    return se->values[i];
}

unsigned long
kpi_series_line(const kpi_series *se, size_t i)
{
    assert(i < se->len);
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
    assert(i < se->len);
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
kpi_series_put_all(kpi_series *into, const kpi_series *from, unsigned long line_offset,
                   kpi_dup_policy dup, kpi_error *err)
{
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < from->len && st == KPI_OK; i++) {
        if (SLOT_OBS(from->state[i]) == KPI_OBS_ABSENT)
            continue;
        kpi_value v = slot_value(from, i);
        unsigned flags = from->state[i] & SLOT_AMBIGUOUS ? KPI_PERIOD_AMBIGUOUS_FY : 0;
        kpi_period p = kpi_series_period(from, i);
        st = kpi_series_put(into, p, flags, &v, dup, from->lines[i] + line_offset, err);
        if (st == KPI_OK && (from->state[i] & SLOT_PARTIAL))
            kpi_series_set_partial(into, (size_t)kpi_series_index(into, p));
    }
    return st;
}

void
kpi_series_shift_lines(kpi_series *se, unsigned long line_offset)
{
    for (size_t i = 0; i < se->len; i++)
        if (se->lines[i])
            se->lines[i] += (uint32_t)line_offset;
}
