#include "kpi/sentence.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "kpi/store.h"
#include "kpi/value.h"

/* ---- a bounded string builder, counting like snprintf ------------------ */

typedef struct out {
    char *buf;
    size_t size; /* of buf, NUL included */
    size_t len;  /* of the whole text, even past size */
} out;

static void
put(out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
    if (o->size)
        o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

/* Append each string in turn, up to a NULL. */
static void
put_all(out *o, ...)
{
    va_list ap;
    va_start(ap, o);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        put(o, s);
    va_end(ap);
}

static out
out_start(char *buf, size_t size)
{
    out o = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    return o;
}

/* ---- periods ------------------------------------------------------------ */

static const char *const month_words[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* The singular of what one period of freq is, for "12 months to ...". */
static const char *
period_unit(kpi_freq f)
{
    switch (f) {
    case KPI_FREQ_DAY: return "day";
    case KPI_FREQ_MONTH: return "month";
    case KPI_FREQ_QUARTER:
    case KPI_FREQ_FQUARTER: return "quarter";
    default: return "year";
    }
}

/* The period alone, in words. */
static void
period_words(kpi_period p, out *o)
{
    char canon[KPI_PERIOD_TEXT_MAX], text[64];
    if (kpi_period_format(p, canon, sizeof canon) == 0)
        return;
    /* The canonical forms start with a four-digit year ("2025-11",
     * "2025Q3", "2025-11-03"); words follow from its parts. */
    int year = atoi(canon);
    switch (p.freq) {
    case KPI_FREQ_DAY: {
        int y, m, d;
        kpi_period_day_to_ymd(p.ordinal, &y, &m, &d);
        snprintf(text, sizeof text, "%d %s %d", d, month_words[m - 1], y);
        break;
    }
    case KPI_FREQ_MONTH:
        snprintf(text, sizeof text, "%s %d", month_words[atoi(canon + 5) - 1], year);
        break;
    case KPI_FREQ_QUARTER: snprintf(text, sizeof text, "Q%s %d", canon + 5, year); break;
    default: snprintf(text, sizeof text, "%s", canon); break;
    }
    put(o, text);
}

size_t
kpi_sentence_period(kpi_period p, int window, char *buf, size_t size)
{
    out o = out_start(buf, size);
    if (window > 1) {
        char lead[64];
        snprintf(lead, sizeof lead, "%d %ss to ", window, period_unit(p.freq));
        put(&o, lead);
    }
    size_t before = o.len;
    period_words(p, &o);
    if (o.len == before) {
        o = out_start(buf, size);
        return 0;
    }
    return o.len;
}

size_t
kpi_sentence_comparison(kpi_period period, kpi_period base, int window, char *buf, size_t size)
{
    out o = out_start(buf, size);
    char a[128], b[128];
    if (kpi_sentence_period(period, window, a, sizeof a) == 0)
        return 0;
    put_all(&o, a, " against ", (char *)NULL);
    if (window > 1 && kpi_period_diff(base, period) == window) {
        snprintf(b, sizeof b, "the previous %d %ss", window, period_unit(period.freq));
        put(&o, b);
    } else if (kpi_sentence_period(base, window, b, sizeof b) > 0) {
        put_all(&o, window > 1 ? "the " : "", b, (char *)NULL);
    } else {
        o = out_start(buf, size);
        return 0;
    }
    return o.len;
}

/* ---- figures ------------------------------------------------------------ */

/* Every number is formatted once, by the functions below, and the sentence
 * quotes that text; these are the words around the numbers. */
typedef struct words {
    const char *label;
    const char *singular;
    const char *plural;
    const char *phrase;
    bool percent;       /* the values are percentages: changes are in points */
    const char *prefix; /* a currency symbol written before numbers, or "" */
} words;

static words
words_of(const kpi_summary_row *r, const kpi_indicator_meta *m)
{
    words w = {r->label ? r->label : "", "", "", "", false, ""};
    if (m) {
        w.plural = m->plural ? m->plural : "";
        w.singular = m->singular && m->singular[0] ? m->singular : w.plural;
        w.phrase = m->phrase ? m->phrase : "";
    }
    bool prefix = false;
    const char *sym = kpi_unit_symbol(r->unit, &prefix);
    w.percent = r->unit == KPI_UNIT_PERCENT || strcmp(w.plural, "%") == 0;
    if (prefix)
        w.prefix = sym;
    return w;
}

/* x as printed: rounded, with thousands separators, a currency symbol or
 * a percent sign, but no word.  |x| when unsigned. */
static void
number(const words *w, double x, int decimals, bool is_unsigned, char *buf, size_t size)
{
    char digits[64];
    kpi_value_format_fixed(is_unsigned ? fabs(x) : x, decimals, true, digits, sizeof digits);
    const char *sign = "";
    const char *d = digits;
    if (d[0] == '-') {
        sign = "-";
        d++;
    }
    snprintf(buf, size, "%s%s%s%s", sign, w->prefix, d, w->percent ? "%" : "");
}

/* The noun after a number: singular after exactly "1". */
static const char *
noun(const words *w, const char *num)
{
    return strcmp(num, "1") == 0 ? w->singular : w->plural;
}

/* x with its word: "14,852 offences", "1 offence", "73%". */
static void
quantity(const words *w, double x, int decimals, char *buf, size_t size)
{
    char num[80];
    number(w, x, decimals, false, num, sizeof num);
    const char *word = w->percent ? "" : noun(w, num);
    snprintf(buf, size, "%s%s%s", num, word[0] ? " " : "", word);
}

/* A change's size with its word: "86 offences", "3 percentage points". */
static void
amount(const words *w, double x, int decimals, char *buf, size_t size)
{
    if (w->percent) {
        char num[64];
        kpi_value_format_fixed(fabs(x), decimals, true, num, sizeof num);
        snprintf(buf, size, "%s percentage %s", num, strcmp(num, "1") == 0 ? "point" : "points");
        return;
    }
    char num[80];
    number(w, x, decimals, true, num, sizeof num);
    const char *word = noun(w, num);
    snprintf(buf, size, "%s%s%s", num, word[0] ? " " : "", word);
}

/* A signed percentage: "+0.6%", "-25.2%".  The sign is the direction's,
 * so a change too small to show is "+0.0%", never "0.0%" beside "increase". */
static void
signed_pct(kpi_direction d, double pct, char *buf, size_t size)
{
    char num[40];
    kpi_value_format_fixed(fabs(pct), KPI_SUMMARY_PCT_DECIMALS, true, num, sizeof num);
    const char *sign = d == KPI_DIRECTION_INCREASE ? "+" : d == KPI_DIRECTION_DECREASE ? "-" : "";
    snprintf(buf, size, "%s%s%%", sign, num);
}

/* What the exact test says of a change in a count, in analysts' words. */
static const char *
significance_clause(const kpi_summary_row *r)
{
    if (!r->test.has_test)
        return "";
    switch (r->test.significance) {
    case KPI_SIGNIFICANCE_INCREASE: return ", a statistically significant rise";
    case KPI_SIGNIFICANCE_DECREASE: return ", a statistically significant fall";
    case KPI_SIGNIFICANCE_NO_CHANGE: return ", within normal variation";
    default: return "";
    }
}

static void
previous_year(out *o, const kpi_summary_row *r, const words *w)
{
    if (!r->has_prev_change)
        return;
    if (r->prev_direction == KPI_DIRECTION_NO_CHANGE) {
        put(o, " There had been no change the previous year.");
        return;
    }
    char by[128];
    if (w->percent)
        amount(w, r->prev_change, r->decimals, by, sizeof by);
    else if (r->has_prev_pct)
        signed_pct(r->prev_direction, r->prev_pct_change, by, sizeof by);
    else
        return; /* from a zero base: no percentage to quote */
    put_all(o, " The ", kpi_direction_name(r->prev_direction), " had been ", by,
            " the previous year.", (char *)NULL);
}

size_t
kpi_sentence_change(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    out o = out_start(buf, size);
    if (!r->has_value)
        return 0;
    words w = words_of(r, m);
    char value[128], base[128], per[KPI_PERIOD_TEXT_MAX], base_per[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(r->period, per, sizeof per);
    kpi_period_format(r->base_period, base_per, sizeof base_per);
    if (!r->has_change) {
        quantity(&w, r->value, r->decimals, value, sizeof value);
        put_all(&o, w.label, ": ", value, " in ", per, "; no figure for ", base_per,
                " to compare with.", (char *)NULL);
        return o.len;
    }
    if (r->direction == KPI_DIRECTION_NO_CHANGE) {
        quantity(&w, r->value, r->decimals, value, sizeof value);
        put_all(&o, w.label, ": no change (", value, " in both ", base_per, " and ", per, ").",
                (char *)NULL);
    } else {
        char by[128], pct[64];
        number(&w, r->value, r->decimals, false, value, sizeof value);
        number(&w, r->base_value, r->decimals, false, base, sizeof base);
        amount(&w, r->change, r->decimals, by, sizeof by);
        const char *dir = kpi_direction_name(r->direction);
        if (r->has_pct && !w.percent) {
            signed_pct(r->direction, r->pct_change, pct, sizeof pct);
            put_all(&o, w.label, ": ", pct, " (", dir, " of ", by, ", from ", base, " to ", value,
                    ")", (char *)NULL);
        } else {
            put_all(&o, w.label, ": ", dir, " of ", by, ", from ", base, " to ", value,
                    (char *)NULL);
        }
        put_all(&o, significance_clause(r), ".", (char *)NULL);
    }
    previous_year(&o, r, &w);
    return o.len;
}

size_t
kpi_sentence_target(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    out o = out_start(buf, size);
    if (!r->has_value || r->status == KPI_TARGET_STATUS_NONE)
        return 0;
    words w = words_of(r, m);
    char value[128], target[128];
    quantity(&w, r->value, r->decimals, value, sizeof value);
    quantity(&w, r->target, r->target_decimals, target, sizeof target);
    put_all(&o, w.phrase[0] ? w.phrase : w.label, w.phrase[0] ? " " : ": ", value,
            ", against a target of ", target, (char *)NULL);
    if (r->status == KPI_TARGET_MET) {
        put(&o, " (target met).");
    } else {
        char margin[128];
        amount(&w, r->margin, r->margin_decimals, margin, sizeof margin);
        put_all(&o, " (target missed by ", margin, ").", (char *)NULL);
    }
    return o.len;
}

size_t
kpi_sentence(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    if (r->status != KPI_TARGET_STATUS_NONE && !r->has_change)
        return kpi_sentence_target(r, m, buf, size);
    size_t n = kpi_sentence_change(r, m, buf, size);
    if (r->status == KPI_TARGET_STATUS_NONE)
        return n;
    /* The change, a space, then the target sentence, measured as one. */
    if (n + 1 < size) {
        buf[n] = ' ';
        return n + 1 + kpi_sentence_target(r, m, buf + n + 1, size - n - 1);
    }
    return n + 1 + kpi_sentence_target(r, m, NULL, 0);
}

kpi_status
kpi_sentence_write(const kpi_store *s, const kpi_meta *meta, const kpi_period *period, FILE *fp,
                   kpi_error *err)
{
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_period p;
        if (!kpi_summary_period(se, period, &p))
            continue;
        const kpi_indicator_meta *m = kpi_meta_find_series(meta, se);
        kpi_summary_row r;
        kpi_status st = kpi_summary_at(se, m, &p, &r, err);
        if (st != KPI_OK)
            return st;
        char line[KPI_SENTENCE_MAX];
        size_t n = kpi_sentence(&r, m, line, sizeof line);
        if (n == 0)
            continue;
        if (n >= sizeof line) {
            /* A sentence longer than the usual buffer: build it in full. */
            char *big = kpi_malloc(n + 1);
            if (!big)
                return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "%s", "out of memory");
            kpi_sentence(&r, m, big, n + 1);
            int w = fprintf(fp, "%s\n", big);
            kpi_free(big);
            if (w < 0)
                return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
            continue;
        }
        if (fprintf(fp, "%s\n", line) < 0)
            return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
    }
    if (fflush(fp) != 0)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
    return KPI_OK;
}
