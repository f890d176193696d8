/* kpi audit: the checks of the claims of one sentence.
 *
 * A sentence is split into clauses at ';', and the recogniser
 * (audit_clause.c) finds each clause's change figures and from-to pairs.
 * Here each change figure is checked against the nearest pair of its
 * clause, and against the data when the clause names an indicator; a
 * pair's direction word against its figures; and the clause's targets,
 * "V ... against a target of T" with its verdict word. */
#include "audit_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kpi/change.h"

static const char *const verdict_met[] = {"met",    "achieved", "within",   "beat",
                                          "beaten", "meeting",  "achieving"};
static const char *const verdict_missed[] = {"missed", "failed", "missing", "short"};
static const char *const time_units[] = {"second", "seconds", "secs", "minute", "minutes", "mins",
                                         "hour",   "hours",   "day",  "days",   "week",    "weeks"};

/* ---- formatting --------------------------------------------------------- */

/* snprintf into a message buffer: a message too long for it is cut, which
 * is what a fixed-size message is for. */
static void say(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The length of buf[0..n) without a UTF-8 sequence cut short at its end,
 * so that a truncated message stays valid UTF-8 (JSON output needs it). */
static size_t
utf8_whole(const char *buf, size_t n)
{
    size_t lead = n;
    while (lead > 0 && n - lead < 4 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0 || ((unsigned char)buf[lead - 1] & 0x80) == 0)
        return n;
    unsigned char c = (unsigned char)buf[lead - 1];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return n - (lead - 1) >= want ? n : lead - 1;
}

static void
say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= size)
        buf[utf8_whole(buf, size - 1)] = '\0';
}

/* |x| at decimals, with thousands separators. */
static void
fmt_abs(double x, int decimals, char *buf, size_t size)
{
    kpi_value_format_fixed(fabs(x), decimals, true, buf, size);
}

/* x at decimals with its sign (+ for positive) and optional suffix. */
static void
fmt_signed(double x, int decimals, const char *suffix, char *buf, size_t size)
{
    char num[48];
    kpi_value_format_fixed(x, decimals, true, num, sizeof num);
    say(buf, size, "%s%s%s", x > 0 && num[0] != '-' && kpi_value_round(x, decimals) != 0 ? "+" : "",
        num, suffix);
}

static const char *
dir_noun(int d)
{
    return d > 0 ? "an increase" : d < 0 ? "a decrease" : "no change";
}

/* The clause's text from token a to token b, white space collapsed, into
 * buf (for messages). */
static void
quote(const audit_doc *d, const audit_tokens *t, size_t a, size_t b, char *buf, size_t size)
{
    size_t n = 0;
    bool space = false;
    for (size_t i = t->items[a].start; i < t->items[b].end && n + 4 < size; i++) {
        char c = d->text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (space)
            buf[n++] = ' ';
        space = false;
        buf[n++] = c;
    }
    buf[utf8_whole(buf, n)] = '\0';
}

/* The largest decimals of the figures written. */
static int
max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Is the stated |s| (written with d decimals of scale, as "2.2 million")
 * within half a unit of its last decimal of |x|?  A little slack absorbs
 * binary rounding. */
static bool
agrees(double stated, int d, double scale, double x)
{
    double half = 0.5 * pow(10, -d) * scale;
    return fabs(fabs(stated) - fabs(x)) <= half * (1 + 1e-9) + 1e-12;
}

/* ---- what a clause is about --------------------------------------------- */

/* The sentence being audited and what it refers to. */
typedef struct sentence {
    const audit_doc *d;
    const kpi_audit_options *opt;
    audit_context *ctx;
    audit_sink *sink;
    const audit_tokens *t;
    const audit_span *sp;
    audit_when when;              /* the sentence's own period, if any */
    const kpi_indicator_meta *im; /* the indicator the clause names */
    const kpi_series *se;         /* its series in the data */
    bool in_list;                 /* the sentence is part of a list item */
} sentence;

/* A period written right after the number at k ("11,390 offences in
 * 2018-19"), within a few words. */
static const audit_token *
attached_period(const audit_tokens *t, size_t k, size_t b)
{
    for (size_t j = k + 1; j < b && j <= k + 4; j++) {
        const audit_token *x = &t->items[j];
        if (x->kind == AUDIT_TOK_PERIOD)
            return x;
        if (x->kind != AUDIT_TOK_WORD || kpi_audit_month(x->word))
            return NULL;
    }
    return NULL;
}

/* "N months": a report's N is a small whole number; anything else (a
 * fraction, or a figure of 1e16 months that no int holds) is no window
 * kpi knows. */
static int
months_of(double n)
{
    return n >= 1 && n <= 1200 && n == (int)n ? (int)n : -1;
}

/* The period token at j as a when: "12 months to (the end of) March 2019"
 * is a window. */
static audit_when
when_of(const audit_tokens *t, size_t a, size_t j)
{
    audit_when w = {true, t->items[j].period, 0};
    if (w.period.freq != KPI_FREQ_MONTH)
        return w;
    for (size_t k = j; k > a && j - k < 8; k--) {
        const audit_token *x = &t->items[k - 1];
        if ((audit_is_word(x, "months") || audit_is_word(x, "month")) && k >= a + 2 &&
            t->items[k - 2].kind == AUDIT_TOK_NUMBER)
            w.window = months_of(t->items[k - 2].num.value);
        else if (audit_is_word(x, "year") && k >= a + 2 &&
                 (audit_is_word(&t->items[k], "to") || audit_is_word(&t->items[k], "ending")))
            w.window = 12;
    }
    return w;
}

/* The period a sentence names that is no figure's own: the first period
 * token that does not follow a number. */
static audit_when
sentence_when(const audit_tokens *t, size_t a, size_t b)
{
    audit_when none = {false, {0}, 0};
    for (size_t j = a; j < b; j++) {
        if (t->items[j].kind != AUDIT_TOK_PERIOD)
            continue;
        bool after_number = false;
        for (size_t k = j; k > a && j - k < 4; k--) {
            const audit_token *x = &t->items[k - 1];
            if (x->kind == AUDIT_TOK_NUMBER) {
                after_number = true;
                break;
            }
            if (x->kind != AUDIT_TOK_WORD || kpi_audit_month(x->word))
                break;
        }
        if (!after_number)
            return when_of(t, a, j);
    }
    return none;
}

/* The period the clause's figures describe, in the series' frequency. */
static bool
figure_period(const sentence *s, const audit_clause *c, size_t k, kpi_period *out)
{
    const audit_tokens *t = s->t;
    audit_when w = {false, {0}, 0};
    const audit_token *p = attached_period(t, k, c->b);
    if (p)
        w = (audit_when){true, p->period, 0};
    else if (s->when.has)
        w = s->when;
    else if (s->in_list && s->ctx->lead.has)
        w = s->ctx->lead;
    else if (s->ctx->heading.has)
        w = s->ctx->heading;
    return kpi_audit_resolve_period(s->se, &w, s->opt, out);
}

static void
period_text(kpi_period p, char *buf, size_t size)
{
    if (kpi_period_format(p, buf, size) == 0)
        say(buf, size, "?");
}

/* ---- checks ------------------------------------------------------------- */

static kpi_status
emit(const sentence *s, const audit_found *f, kpi_error *err)
{
    return kpi_audit_sink_add(s->sink, s->d, f, err);
}

static void
found_init(audit_found *f, const audit_tokens *t, size_t first, size_t last, kpi_audit_kind kind)
{
    memset(f, 0, sizeof *f);
    f->start = t->items[first].start;
    f->end = t->items[last].end;
    f->kind = kind;
}

/* Check a level written at token k against the series at period p. */
static kpi_status
check_value(const sentence *s, size_t k, kpi_period p, kpi_error *err)
{
    const audit_tokens *t = s->t;
    const audit_token *x = &t->items[k];
    audit_found f;
    found_init(&f, t, k, k, KPI_AUDIT_VALUE);
    quote(s->d, t, k, k, f.stated, sizeof f.stated);
    char when[KPI_PERIOD_TEXT_MAX];
    period_text(p, when, sizeof when);
    ptrdiff_t i = kpi_series_index(s->se, p);
    if (i < 0 || kpi_series_state(s->se, (size_t)i) != KPI_OBS_VALUE) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        say(f.reason, sizeof f.reason, "the data have no value of %s for %s", s->im->id, when);
        return emit(s, &f, err);
    }
    double v = kpi_series_value(s->se, (size_t)i);
    int dec = kpi_series_decimals_at(s->se, (size_t)i);
    kpi_value_format_fixed(v, dec < 0 ? 0 : dec, true, f.computed, sizeof f.computed);
    if (agrees(x->num.value, x->num.decimals, x->num.scale, v)) {
        f.verdict = KPI_AUDIT_CONSISTENT;
    } else {
        f.verdict = KPI_AUDIT_ERROR;
        say(f.reason, sizeof f.reason, "\"%s\" but the data give %s for %s in %s", f.stated,
            f.computed, s->im->id, when);
    }
    return emit(s, &f, err);
}

/* The stated direction of a figure: its sign, else its word. */
static int
stated_dir(const audit_token *x, const audit_figure *g)
{
    return x->num.sign ? x->num.sign : g->dir;
}

/* What a figure claims, as stated ("-25%", "+86", "15%"). */
static void
stated_text(const audit_token *x, const audit_figure *g, char *buf, size_t size)
{
    int d = stated_dir(x, g);
    char num[48];
    fmt_abs(x->num.value, x->num.decimals, num, sizeof num);
    say(buf, size, "%s%s%s", d > 0 ? "+" : d < 0 ? "-" : "", num, g->pct ? "%" : "");
}

/* Compare figure g with the true change (value and percentage) and fill
 * f's verdict and reason.  what names the comparison ("163 to 122" or
 * "the data ... "). */
static void
compare_change(const sentence *s, const audit_figure *g, double change, bool has_pct, double pct,
               int level_decimals, const char *what, audit_found *f)
{
    const audit_token *x = &s->t->items[g->tok];
    int truth = change > 0 ? 1 : change < 0 ? -1 : 0;
    int said = stated_dir(x, g);
    char q[160];
    quote(s->d, s->t, g->first, g->last, q, sizeof q);
    double true_value = g->pct ? pct : change;
    int shown = g->pct ? x->num.decimals + 1 : max_int(level_decimals, x->num.decimals);
    if (g->pct)
        fmt_signed(pct, shown, "%", f->computed, sizeof f->computed);
    else
        fmt_signed(change, shown, "", f->computed, sizeof f->computed);
    char mag[48];
    fmt_abs(true_value, shown, mag, sizeof mag);
    if (g->pct && !has_pct) {
        f->verdict = KPI_AUDIT_UNVERIFIED;
        say(f->reason, sizeof f->reason, "\"%s\": no percentage from a zero base (%s)", q, what);
        f->computed[0] = '\0';
        return;
    }
    bool size_ok = agrees(x->num.value, x->num.decimals, g->pct ? 1 : x->num.scale, true_value);
    bool dir_ok = said == 0 || truth == 0 || said == truth;
    if (size_ok && dir_ok) {
        f->verdict = KPI_AUDIT_CONSISTENT;
        return;
    }
    f->verdict = KPI_AUDIT_ERROR;
    if (!dir_ok && size_ok)
        say(f->reason, sizeof f->reason, "\"%s\" but %s is %s", q, what, dir_noun(truth));
    else
        say(f->reason, sizeof f->reason, "\"%s\" but %s is %s of %s%s", q, what, dir_noun(truth),
            mag, g->pct ? "%" : "");
}

/* A change figure: against its pair, then against the data. */
static kpi_status
check_figure(sentence *s, audit_clause *c, const audit_figure *g, kpi_error *err)
{
    const audit_tokens *t = s->t;
    const audit_token *x = &t->items[g->tok];
    audit_found f;
    found_init(&f, t, g->first, g->last, g->pct ? KPI_AUDIT_PCT_CHANGE : KPI_AUDIT_CHANGE);
    stated_text(x, g, f.stated, sizeof f.stated);
    char q[160];
    quote(s->d, t, g->first, g->last, q, sizeof q);
    if (x->num.sign && g->has_word && g->dir && x->num.sign != g->dir) {
        f.verdict = KPI_AUDIT_ERROR;
        say(f.reason, sizeof f.reason, "\"%s\" says %s but is written with a %s sign", q,
            dir_noun(g->dir), x->num.sign > 0 ? "plus" : "minus");
        return emit(s, &f, err);
    }
    size_t pi = kpi_audit_nearest_pair(c, g);
    if (pi != SIZE_MAX) {
        audit_pair *p = &c->pairs[pi];
        p->used = true;
        const audit_token *a = &t->items[p->from], *b = &t->items[p->to];
        char fa[48], fb[48], what[120];
        quote(s->d, t, p->from, p->from, fa, sizeof fa);
        quote(s->d, t, p->to, p->to, fb, sizeof fb);
        say(what, sizeof what, "%s to %s", fa, fb);
        double change = b->num.value - a->num.value;
        /* Between two percentages, "rose 3%" may mean points: either
         * reading that fits is taken, so as not to cry wolf. */
        bool points = a->num.percent &&
                      (g->points || (g->pct && agrees(x->num.value, x->num.decimals, 1,
                                                      b->num.value - a->num.value)));
        bool has_pct = points || a->num.value != 0;
        double pct = points ? change : has_pct ? 100 * change / fabs(a->num.value) : 0;
        compare_change(s, g, change, has_pct, pct, max_int(a->num.decimals, b->num.decimals), what,
                       &f);
        if (f.verdict == KPI_AUDIT_ERROR && (p->approx || g->approx)) {
            f.verdict = KPI_AUDIT_UNVERIFIED;
            size_t n = strlen(f.reason);
            say(f.reason + n, sizeof f.reason - n, "; the figures are approximate");
        }
        if (f.verdict != KPI_AUDIT_CONSISTENT || !s->se)
            return emit(s, &f, err);
    }
    if (!s->se) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        say(f.reason, sizeof f.reason, "\"%s\": %s", q,
            s->opt->store ? "the sentence names no indicator of the data, and gives no from "
                            "and to figures"
                          : "no from and to figures in the sentence to check it against");
        return emit(s, &f, err);
    }
    kpi_period p;
    if (!figure_period(s, c, g->tok, &p)) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        say(f.reason, sizeof f.reason, "\"%s\": the data have no period for %s", q, s->im->id);
        return emit(s, &f, err);
    }
    if (g->relative_year)
        p = kpi_period_year_ago(p);
    char when[KPI_PERIOD_TEXT_MAX];
    period_text(p, when, sizeof when);
    ptrdiff_t i = kpi_series_index(s->se, p);
    kpi_change ch;
    kpi_change_options copt = kpi_change_options_default();
    if (i >= 0)
        kpi_change_at(s->se, (size_t)i, &copt, &ch);
    if (i < 0 || !ch.has_change) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        f.computed[0] = '\0';
        say(f.reason, sizeof f.reason, "\"%s\": the data give no change for %s in %s%s%s", q,
            s->im->id, when, i >= 0 && ch.reason[0] ? ": " : "", i >= 0 ? ch.reason : "");
        return emit(s, &f, err);
    }
    char fa[48], fb[48], what[200];
    int dec = kpi_series_decimals(s->se);
    dec = dec < 0 ? 0 : dec;
    kpi_value_format_fixed(ch.base_value, dec, true, fa, sizeof fa);
    kpi_value_format_fixed(ch.value, dec, true, fb, sizeof fb);
    say(what, sizeof what, "the data's %s in %s (%s to %s)", s->im->id, when, fa, fb);
    compare_change(s, g, ch.change, ch.has_pct, ch.pct_change, dec, what, &f);
    return emit(s, &f, err);
}

/* A direction word on a pair: "increased from 90 to around 400".  When a
 * figure was checked against the pair, the word is a claim of its own
 * only if the figures contradict it ("fell from 100 to 110, up 10%"). */
static kpi_status
check_pair_direction(sentence *s, const audit_pair *p, kpi_error *err)
{
    const audit_tokens *t = s->t;
    audit_found f;
    found_init(&f, t, p->first, p->last, KPI_AUDIT_DIRECTION);
    double change = t->items[p->to].num.value - t->items[p->from].num.value;
    int truth = change > 0 ? 1 : change < 0 ? -1 : 0;
    if (p->used && truth == p->dir)
        return KPI_OK;
    say(f.stated, sizeof f.stated, "%s", p->dir > 0 ? "increase" : "decrease");
    say(f.computed, sizeof f.computed, "%s",
        truth > 0   ? "increase"
        : truth < 0 ? "decrease"
                    : "no change");
    if (truth == p->dir) {
        f.verdict = KPI_AUDIT_CONSISTENT;
    } else {
        char q[160], fa[48], fb[48];
        quote(s->d, t, p->first, p->last, q, sizeof q);
        quote(s->d, t, p->from, p->from, fa, sizeof fa);
        quote(s->d, t, p->to, p->to, fb, sizeof fb);
        f.verdict = p->approx ? KPI_AUDIT_UNVERIFIED : KPI_AUDIT_ERROR;
        say(f.reason, sizeof f.reason, "\"%s\" says %s but %s to %s is %s", q, dir_noun(p->dir), fa,
            fb, dir_noun(truth));
    }
    return emit(s, &f, err);
}

/* The levels of a pair against the data: B at the clause's period (or the
 * one written after it), A at the one written after it or a year before. */
static kpi_status
check_pair_values(sentence *s, const audit_clause *c, const audit_pair *p, kpi_error *err)
{
    kpi_period pb;
    if (!figure_period(s, c, p->to, &pb))
        return KPI_OK;
    const audit_token *written = attached_period(s->t, p->from, c->b);
    kpi_period pa = kpi_period_year_ago(pb);
    if (written) {
        audit_when w = {true, written->period, 0};
        if (!kpi_audit_resolve_period(s->se, &w, s->opt, &pa))
            return KPI_OK;
    }
    kpi_status st = check_value(s, p->from, pa, err);
    return st != KPI_OK ? st : check_value(s, p->to, pb, err);
}

/* ---- targets ------------------------------------------------------------ */

/* Words after a number that are no unit of it. */
static const char *const not_units[] = {"by",           "in",  "and",  "or", "for",  "of",   "to",
                                        "the",          "a",   "an",   "at", "on",   "from", "with",
                                        "respectively", "per", "than", "as", "this", "that", "was",
                                        "were",         "is",  "are"};

/* The unit word that follows the number at k ("seconds"), or "". */
static const char *
unit_after(const audit_tokens *t, size_t k)
{
    if (k + 1 >= t->n || t->items[k + 1].kind != AUDIT_TOK_WORD ||
        AUDIT_IN(t->items[k + 1].word, not_units))
        return "";
    return t->items[k + 1].word;
}

typedef enum { VERDICT_NONE, VERDICT_MET, VERDICT_MISSED, VERDICT_EXCEEDED } verdict_word;

/* The verdict word after token j in the clause, its token and any "by X"
 * margin after it. */
static verdict_word
find_verdict(const audit_tokens *t, size_t j, size_t b, size_t *at, size_t *margin)
{
    *margin = SIZE_MAX;
    for (size_t k = j; k < b; k++) {
        const audit_token *x = &t->items[k];
        if (x->kind != AUDIT_TOK_WORD)
            continue;
        verdict_word v = AUDIT_IN(x->word, verdict_met)      ? VERDICT_MET
                         : AUDIT_IN(x->word, verdict_missed) ? VERDICT_MISSED
                         : (strcmp(x->word, "exceeded") == 0 || strcmp(x->word, "exceeding") == 0)
                             ? VERDICT_EXCEEDED
                             : VERDICT_NONE;
        if (v == VERDICT_NONE)
            continue;
        if (v == VERDICT_MET && k > j &&
            (audit_is_word(&t->items[k - 1], "not") || audit_is_word(&t->items[k - 1], "never")))
            v = VERDICT_MISSED;
        *at = k;
        if (k + 2 < b && audit_is_word(&t->items[k + 1], "by") &&
            audit_is_quantity(&t->items[k + 2]))
            *margin = k + 2;
        return v;
    }
    return VERDICT_NONE;
}

/* One value against one target. */
static kpi_status
check_target(sentence *s, const kpi_indicator_meta *im, const audit_tokens *vt, size_t v, size_t tk,
             size_t end_tok, verdict_word said, size_t said_at, size_t margin, kpi_error *err)
{
    const audit_tokens *t = s->t;
    const audit_token *V = &vt->items[v], *T = &t->items[tk];
    audit_found f;
    memset(&f, 0, sizeof f);
    f.start = V->start;
    /* The verdict's words may come before the value ("met: 25% ... a
     * target of 20%"): the claim then runs at least to the target. */
    f.end = t->items[end_tok].end;
    if (f.end < T->end)
        f.end = T->end;
    if (f.end < V->end)
        f.end = V->end;
    f.kind = KPI_AUDIT_TARGET;
    char fv[48], ft[48], q[160];
    fmt_abs(V->num.value, V->num.decimals, fv, sizeof fv);
    fmt_abs(T->num.value, T->num.decimals, ft, sizeof ft);
    q[0] = '\0';
    if (said != VERDICT_NONE)
        quote(s->d, t,
              said_at > 0 && audit_is_word(&t->items[said_at - 1], "target") ? said_at - 1
                                                                             : said_at,
              t->items[end_tok].kind == AUDIT_TOK_PUNCT ? end_tok - 1 : end_tok, q, sizeof q);

    kpi_target_op op = KPI_TARGET_NONE;
    if (im && im->target_op != KPI_TARGET_NONE)
        op = im->target_op;
    else if (AUDIT_IN(unit_after(t, tk), time_units) || AUDIT_IN(unit_after(vt, v), time_units))
        op = KPI_TARGET_LE;
    if (im && im->target_op != KPI_TARGET_NONE &&
        !agrees(T->num.value, T->num.decimals, T->num.scale, im->target)) {
        f.verdict = KPI_AUDIT_ERROR;
        say(f.stated, sizeof f.stated, "%s", ft);
        kpi_value_format(im->target, f.computed, sizeof f.computed);
        say(f.reason, sizeof f.reason, "a target of %s but the metadata's target for %s is %s", ft,
            im->id, f.computed);
        return emit(s, &f, err);
    }
    double diff = V->num.value - T->num.value;
    int dec = max_int(V->num.decimals, T->num.decimals);
    char fm[48];
    fmt_abs(diff, dec, fm, sizeof fm);
    bool equal = fabs(diff) < 1e-9 * (1 + fabs(T->num.value));
    bool met = equal || (op == KPI_TARGET_LE ? diff < 0 : op == KPI_TARGET_GE ? diff > 0 : false);
    if (op != KPI_TARGET_NONE || equal)
        say(f.computed, sizeof f.computed, met ? "met" : "missed by %s", fm);
    if (said == VERDICT_EXCEEDED)
        said = op == KPI_TARGET_LE ? VERDICT_MISSED : op == KPI_TARGET_GE ? VERDICT_MET : said;
    say(f.stated, sizeof f.stated, "%s",
        said == VERDICT_MET        ? "met"
        : said == VERDICT_MISSED   ? "missed"
        : said == VERDICT_EXCEEDED ? "exceeded"
                                   : "");
    if (said == VERDICT_NONE) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        if (op != KPI_TARGET_NONE || equal)
            say(f.reason, sizeof f.reason,
                "no verdict stated for %s against a target of %s, which is %s", fv, ft, f.computed);
        else
            say(f.reason, sizeof f.reason,
                "no verdict stated for %s, which is %s %s the target of %s", fv, fm,
                diff < 0 ? "below" : "above", ft);
        return emit(s, &f, err);
    }
    if (op == KPI_TARGET_NONE && !equal) {
        f.verdict = KPI_AUDIT_UNVERIFIED;
        say(f.reason, sizeof f.reason,
            "\"%s\": whether %s meets a target of %s depends on whether the target is a "
            "maximum or a minimum (indicator metadata with a target_op says which)",
            q, fv, ft);
        return emit(s, &f, err);
    }
    bool said_met = said == VERDICT_MET;
    if (said_met != met) {
        f.verdict = KPI_AUDIT_ERROR;
        say(f.reason, sizeof f.reason, "\"%s\" but %s against a target of %s is %s", q, fv, ft,
            f.computed);
        return emit(s, &f, err);
    }
    if (margin != SIZE_MAX && !met) {
        const audit_token *M = &t->items[margin];
        char sm[48];
        fmt_abs(M->num.value, M->num.decimals, sm, sizeof sm);
        say(f.stated, sizeof f.stated, "missed by %s", sm);
        if (!agrees(M->num.value, M->num.decimals, M->num.scale, diff)) {
            f.verdict = KPI_AUDIT_ERROR;
            say(f.reason, sizeof f.reason, "\"%s\" but %s against a target of %s is %s", q, fv, ft,
                f.computed);
            return emit(s, &f, err);
        }
    }
    f.verdict = KPI_AUDIT_CONSISTENT;
    return emit(s, &f, err);
}

static bool
is_part(const audit_clause *c, size_t k)
{
    if (kpi_audit_in_pair(c, k))
        return true;
    for (size_t i = 0; i < c->nfigs; i++)
        if (c->figs[i].tok == k)
            return true;
    return false;
}

/* "V ... against a target [time] of T [and T2 respectively] (verdict)". */
static kpi_status
check_targets(sentence *s, const audit_clause *c, kpi_error *err)
{
    const audit_tokens *t = s->t;
    for (size_t j = c->a; j < c->b; j++) {
        if (!audit_is_word(&t->items[j], "target") && !audit_is_word(&t->items[j], "targets"))
            continue;
        size_t k = j + 1;
        while (k < c->b && k <= j + 3 && !audit_is_word(&t->items[k], "of"))
            k++;
        if (k >= c->b || !audit_is_word(&t->items[k], "of"))
            continue;
        size_t targets[4], nt = 0, last = k;
        for (k++; k < c->b && nt < 4; k++) {
            const audit_token *x = &t->items[k];
            if (audit_is_quantity(x)) {
                targets[nt++] = last = k;
            } else if (!(audit_is_word(x, "and") ||
                         (x->kind == AUDIT_TOK_PUNCT && x->word[0] == ',') ||
                         (nt > 0 && x->kind == AUDIT_TOK_WORD &&
                          strcmp(x->word, unit_after(t, targets[0])) == 0))) {
                break;
            }
        }
        if (nt == 0)
            continue;
        bool respectively = k < c->b && audit_is_word(&t->items[k], "respectively");
        if (respectively)
            last = k;
        const char *unit = unit_after(t, targets[0]);
        /* Values: the quantities before "target" with the target's unit. */
        size_t values[4], nv = 0;
        const audit_tokens *vsrc[4];
        for (size_t m = j; m > c->a && nv < 4; m--) {
            size_t q = m - 1;
            if (!audit_is_quantity(&t->items[q]) || is_part(c, q))
                continue;
            if (unit[0] && strcmp(unit_after(t, q), unit) != 0)
                continue;
            values[nv] = q;
            vsrc[nv++] = t;
            if (!respectively)
                break;
        }
        /* "respectively" may reach back to the paragraph's previous
         * sentence for values of the same unit. */
        const audit_tokens *pt = &s->ctx->prev;
        for (size_t m = pt->n; respectively && nv < nt && m > 0 && unit[0]; m--)
            if (audit_is_quantity(&pt->items[m - 1]) && strcmp(unit_after(pt, m - 1), unit) == 0) {
                values[nv] = m - 1;
                vsrc[nv++] = pt;
            }
        size_t vat = SIZE_MAX, margin;
        verdict_word said = find_verdict(t, c->a, c->b, &vat, &margin);
        size_t end_tok = said != VERDICT_NONE ? (margin != SIZE_MAX ? margin : vat) : last;
        if (said != VERDICT_NONE && vat + 1 < c->b && t->items[vat + 1].kind == AUDIT_TOK_PUNCT &&
            t->items[vat + 1].word[0] == ')')
            end_tok = vat + 1;
        if (margin != SIZE_MAX && margin + 1 < c->b &&
            t->items[margin + 1].kind == AUDIT_TOK_WORD &&
            strcmp(t->items[margin + 1].word, unit) == 0)
            end_tok = margin + 1;
        if (said != VERDICT_NONE && end_tok + 1 < c->b &&
            t->items[end_tok + 1].kind == AUDIT_TOK_PUNCT && t->items[end_tok + 1].word[0] == ')')
            end_tok++;
        if (nv != (respectively ? nt : 1) || (!respectively && nt != 1)) {
            audit_found f;
            found_init(&f, t, j, last, KPI_AUDIT_TARGET);
            f.verdict = KPI_AUDIT_UNVERIFIED;
            char q[160];
            quote(s->d, t, j, last, q, sizeof q);
            say(f.reason, sizeof f.reason, "\"%s\": %zu target%s but %zu value%s to set against %s",
                q, nt, nt == 1 ? "" : "s", nv, nv == 1 ? "" : "s", nt == 1 ? "it" : "them");
            kpi_status st = emit(s, &f, err);
            if (st != KPI_OK)
                return st;
            continue;
        }
        /* values[] runs backwards; targets[] forwards. */
        for (size_t i = 0; i < nt; i++) {
            size_t vi = nv - 1 - i;
            /* The clause names one indicator: its metadata speaks for a
             * single target only. */
            kpi_status st = check_target(s, nt == 1 ? s->im : NULL, vsrc[vi], values[vi],
                                         targets[i], end_tok, said, vat, margin, err);
            if (st != KPI_OK)
                return st;
        }
        j = last;
    }
    return KPI_OK;
}

/* ---- the sentence ------------------------------------------------------- */

/* Does the clause hold anything to check? */
static bool
has_claims(const audit_clause *c, const audit_tokens *t)
{
    if (c->nfigs || c->npairs)
        return true;
    for (size_t j = c->a; j < c->b; j++)
        if (audit_is_word(&t->items[j], "target") || audit_is_word(&t->items[j], "targets"))
            return true;
    return false;
}

static kpi_status
check_clause(sentence *s, audit_clause *c, kpi_error *err)
{
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < c->nfigs && st == KPI_OK; i++)
        st = check_figure(s, c, &c->figs[i], err);
    for (size_t i = 0; i < c->npairs && st == KPI_OK; i++) {
        const audit_pair *p = &c->pairs[i];
        if (p->dir)
            st = check_pair_direction(s, p, err);
        if (st == KPI_OK && s->se)
            st = check_pair_values(s, c, p, err);
    }
    return st == KPI_OK ? check_targets(s, c, err) : st;
}

/* The indicator clause k of the sentence names, or else the nearest one
 * an earlier clause names.  Clauses are searched only when one has
 * something to check, and each at most once: the search is the costly
 * part of an audit against data. */
#define MAX_CLAUSES 16

typedef struct names {
    size_t a[MAX_CLAUSES], b[MAX_CLAUSES]; /* token ranges */
    const kpi_indicator_meta *im[MAX_CLAUSES];
    bool searched[MAX_CLAUSES];
} names;

static const kpi_indicator_meta *
named_by(const sentence *s, names *nm, size_t k)
{
    for (size_t i = k + 1; i-- > 0;) {
        if (!nm->searched[i]) {
            size_t ms, me;
            nm->im[i] = kpi_audit_find_indicator(s->opt->meta, s->d->text,
                                                 s->t->items[nm->a[i]].start,
                                                 s->t->items[nm->b[i] - 1].end, &ms, &me);
            nm->searched[i] = true;
        }
        if (nm->im[i])
            return nm->im[i];
    }
    return NULL;
}

kpi_status
kpi_audit_sentence(const audit_doc *d, const audit_span *sp, const kpi_audit_options *opt,
                   audit_context *ctx, audit_sink *sink, kpi_error *err)
{
    if (sp->kind == AUDIT_SPAN_TABLE)
        return KPI_OK;
    audit_tokens *t = &ctx->cur;
    kpi_status st = kpi_audit_tokenize(d->text, sp->start, sp->end, t, err);
    if (st != KPI_OK)
        return st;
    audit_when when = sentence_when(t, 0, t->n);
    if (sp->kind == AUDIT_SPAN_HEADING) {
        if (when.has)
            ctx->heading = when;
        ctx->prev.n = 0;
        ctx->item_open = false;
        return KPI_OK;
    }
    bool in_list = sp->list_item || ctx->item_open;
    if (!in_list && !sp->lead_in)
        ctx->lead.has = false;
    sentence s = {.d = d,
                  .opt = opt,
                  .ctx = ctx,
                  .sink = sink,
                  .t = t,
                  .sp = sp,
                  .when = when,
                  .in_list = in_list};
    names nm;
    size_t k = 0;
    for (size_t a = 0; a < t->n && st == KPI_OK; a++) {
        size_t b = a;
        while (b < t->n && !(t->items[b].kind == AUDIT_TOK_PUNCT && t->items[b].word[0] == ';'))
            b++;
        if (b == a)
            continue;
        /* Past MAX_CLAUSES, a clause shares the last slot: it then looks
         * for its indicator in itself only. */
        if (k == MAX_CLAUSES)
            k--;
        nm.a[k] = a;
        nm.b[k] = b;
        nm.searched[k] = false;
        audit_clause c;
        kpi_audit_clause_read(&c, t, a, b);
        if (has_claims(&c, t)) {
            s.im = opt->meta ? named_by(&s, &nm, k) : NULL;
            s.se = s.im && opt->store ? kpi_audit_series(opt->store, s.im->id) : NULL;
            st = check_clause(&s, &c, err);
        }
        k++;
        a = b;
    }
    if (sp->lead_in)
        ctx->lead = when;
    ctx->item_open = in_list && !sp->para_end;
    if (sp->para_end) {
        ctx->prev.n = 0;
    } else {
        audit_tokens tmp = ctx->prev;
        ctx->prev = ctx->cur;
        ctx->cur = tmp;
    }
    return st;
}
