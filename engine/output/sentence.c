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
    char head[KPI_SENTENCE_MAX / 2]; /* the label, with the area and period the
                                        subject names: what "X:" opens with */
    char lead[KPI_SENTENCE_MAX / 2]; /* a phrase's opening: "In Westminster in
                                        November 2025, ", or "" */
    bool named_period;               /* head names the period */
    const char *singular;
    const char *plural;
    const char *phrase;
    bool percent;       /* the values are percentages: changes are in points */
    const char *prefix; /* a currency symbol written before numbers, or "" */
} words;

/* The head and lead of w for the subject (NULL: the label alone). */
static void
name_subject(words *w, const kpi_summary_row *r, const kpi_sentence_subject *subject)
{
    bool area = subject && subject->area && r->area && r->area[0];
    char when[128] = "";
    if (subject && subject->period)
        kpi_sentence_period(r->period, subject->window, when, sizeof when);
    w->named_period = when[0] != '\0';
    const char *the = subject && subject->window > 1 ? "the " : "";
    snprintf(w->head, sizeof w->head, "%s%s%s%s%s", w->label, area ? " in " : "",
             area ? r->area : "", w->named_period ? ", " : "", when);
    if (area || w->named_period)
        snprintf(w->lead, sizeof w->lead, "In %s%s%s%s, ", area ? r->area : "",
                 area && w->named_period ? " in " : "", w->named_period ? the : "", when);
    else
        w->lead[0] = '\0';
}

static words
words_of(const kpi_summary_row *r, const kpi_indicator_meta *m, const kpi_sentence_subject *subject)
{
    words w = {.label = r->label ? r->label : "",
               .singular = "",
               .plural = "",
               .phrase = "",
               .prefix = ""};
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
    name_subject(&w, r, subject);
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

/* The change sentence of r in w's words, appended to o. */
static void
change_sentence(out *o, const kpi_summary_row *r, const words *w, int window)
{
    char value[128], base[128], per[128], base_per[128];
    if (w->named_period) {
        /* The period is in the head; the base is named in the same words. */
        per[0] = '\0';
        size_t n = (size_t)snprintf(base_per, sizeof base_per, "%s", window > 1 ? "the " : "");
        kpi_sentence_period(r->base_period, window, base_per + n, sizeof base_per - n);
    } else {
        kpi_period_format(r->period, per, sizeof per);
        kpi_period_format(r->base_period, base_per, sizeof base_per);
    }
    if (!r->has_change) {
        quantity(w, r->value, r->decimals, value, sizeof value);
        put_all(o, w->head, ": ", value, per[0] ? " in " : "", per, "; no figure for ", base_per,
                " to compare with.", (char *)NULL);
        return;
    }
    if (r->direction == KPI_DIRECTION_NO_CHANGE) {
        quantity(w, r->value, r->decimals, value, sizeof value);
        if (w->named_period)
            put_all(o, w->head, ": no change (", value, ", as in ", base_per, ").", (char *)NULL);
        else
            put_all(o, w->head, ": no change (", value, " in both ", base_per, " and ", per, ").",
                    (char *)NULL);
    } else {
        char by[128], pct[64];
        number(w, r->value, r->decimals, false, value, sizeof value);
        number(w, r->base_value, r->decimals, false, base, sizeof base);
        amount(w, r->change, r->decimals, by, sizeof by);
        const char *dir = kpi_direction_name(r->direction);
        if (r->has_pct && !w->percent) {
            signed_pct(r->direction, r->pct_change, pct, sizeof pct);
            put_all(o, w->head, ": ", pct, " (", dir, " of ", by, ", from ", base, " to ", value,
                    ")", (char *)NULL);
        } else {
            put_all(o, w->head, ": ", dir, " of ", by, ", from ", base, " to ", value,
                    (char *)NULL);
        }
        put_all(o, significance_clause(r), ".", (char *)NULL);
    }
    previous_year(o, r, w);
}

/* The status between open and close: "met", or "missed by 116 offences". */
static void
target_status(out *o, const kpi_summary_row *r, const words *w, const char *open, const char *close)
{
    char margin[128] = "";
    if (r->status != KPI_TARGET_MET)
        amount(w, r->margin, r->margin_decimals, margin, sizeof margin);
    put_all(o, open, r->status == KPI_TARGET_MET ? "met" : "missed by ", margin, close,
            (char *)NULL);
}

/* The target sentence of r standing alone: the phrase (after the subject's
 * lead) or the head, the value, the target and its status. */
static void
target_sentence(out *o, const kpi_summary_row *r, const words *w)
{
    char value[128], target[128];
    quantity(w, r->value, r->decimals, value, sizeof value);
    quantity(w, r->target, r->target_decimals, target, sizeof target);
    if (w->phrase[0])
        put_all(o, w->lead, w->phrase, " ", (char *)NULL);
    else
        put_all(o, w->head, ": ", (char *)NULL);
    put_all(o, value, ", against a target of ", target, (char *)NULL);
    target_status(o, r, w, " (target ", ").");
}

/* The sentence of r, with the subject named as subject says (NULL: the
 * label alone). */
static size_t
sentence_of(const kpi_summary_row *r, const kpi_indicator_meta *m,
            const kpi_sentence_subject *subject, bool change, bool target, char *buf, size_t size)
{
    out o = out_start(buf, size);
    if (!r->has_value)
        return 0;
    words w = words_of(r, m, subject);
    int window = subject ? subject->window : 0;
    bool has_target = target && r->status != KPI_TARGET_STATUS_NONE;
    if (change && (r->has_change || !has_target))
        change_sentence(&o, r, &w, window);
    else
        change = false;
    if (!has_target)
        return o.len;
    if (!change || w.phrase[0]) {
        put(&o, change ? " " : "");
        target_sentence(&o, r, &w);
        return o.len;
    }
    /* After the change sentence the subject and value are known: the
     * label is not said again. */
    char target_text[128];
    quantity(&w, r->target, r->target_decimals, target_text, sizeof target_text);
    put_all(&o, " The target of ", target_text, (char *)NULL);
    target_status(&o, r, &w, " was ", ".");
    return o.len;
}

size_t
kpi_sentence_change(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    return sentence_of(r, m, NULL, true, false, buf, size);
}

size_t
kpi_sentence_target(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    return sentence_of(r, m, NULL, false, true, buf, size);
}

size_t
kpi_sentence(const kpi_summary_row *r, const kpi_indicator_meta *m, char *buf, size_t size)
{
    return sentence_of(r, m, NULL, true, true, buf, size);
}

size_t
kpi_sentence_about(const kpi_summary_row *r, const kpi_indicator_meta *m,
                   const kpi_sentence_subject *subject, char *buf, size_t size)
{
    return sentence_of(r, m, subject, true, true, buf, size);
}

/* Whether the rows of s at period hold more than one area, and more than
 * one period: then every sentence names its own. */
static kpi_sentence_subject
subject_of(const kpi_store *s, const kpi_period *period, int window)
{
    kpi_sentence_subject subject = {.window = window};
    const char *area = NULL;
    bool has_period = false;
    kpi_period first = {0};
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_period p;
        if (!kpi_summary_period(se, period, &p))
            continue;
        ptrdiff_t i = kpi_series_index(se, p);
        if (i < 0 || kpi_series_state(se, (size_t)i) != KPI_OBS_VALUE)
            continue;
        if (!area)
            area = kpi_series_area(se);
        subject.area = subject.area || strcmp(area, kpi_series_area(se)) != 0;
        if (!has_period)
            first = p;
        has_period = true;
        subject.period = subject.period || kpi_period_cmp(first, p) != 0;
    }
    return subject;
}

kpi_status
kpi_sentence_write(const kpi_store *s, const kpi_meta *meta, const kpi_period *period, int window,
                   FILE *fp, kpi_error *err)
{
    kpi_sentence_subject subject = subject_of(s, period, window);
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
        size_t n = kpi_sentence_about(&r, m, &subject, line, sizeof line);
        if (n == 0)
            continue;
        char *text = line;
        /* A sentence longer than the usual buffer: build it in full. */
        if (n >= sizeof line && !(text = kpi_malloc(n + 1)))
            return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "%s", "out of memory");
        if (text != line)
            kpi_sentence_about(&r, m, &subject, text, n + 1);
        int w = fprintf(fp, "%s\n", text);
        if (text != line)
            kpi_free(text);
        if (w < 0)
            return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
    }
    if (fflush(fp) != 0)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "write failed: %s", strerror(errno));
    return KPI_OK;
}
