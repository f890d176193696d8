/* kpi audit: the recogniser, which finds what a clause of a report states
 * (audit_claim.c checks it).
 *
 * In a clause (a sentence's text up to a ';') it finds
 *   - change figures: a percentage or count after a change word ("rose
 *     3%", "a reduction of 12,506", "down 0.7%"), before a comparative
 *     ("9.6% fewer", "86 more"), or written with a sign ("+0.5%");
 *   - from-to pairs: "from A to B", "B down from A", "to B from A",
 *     "B, compared to A".
 * It only reads tokens: what a figure is checked against, and how, is
 * audit_claim.c's. */
#include "audit_private.h"

#include <stdint.h>
#include <string.h>

static const char *const down_words[] = {
    "decrease", "decreased", "decreases", "decreasing", "reduction", "reductions",
    "reduce",   "reduced",   "reduces",   "reducing",   "fall",      "fell",
    "fallen",   "falling",   "falls",     "fewer",      "down",      "lower",
    "drop",     "dropped",   "drops",     "dropping",   "decline",   "declined",
    "declines", "declining", "less",      "cut",        "cuts"};
static const char *const up_words[] = {
    "increase", "increased", "increases", "increasing", "rise",   "rose", "risen",
    "rising",   "rises",     "more",      "up",         "higher", "grew", "grown",
    "growth",   "grow",      "grows",     "climbed",    "jumped", "jump", "uplift"};
static const char *const change_words[] = {"change", "changed", "changes"};
/* Change words that are nouns, and so may take "of": "a fall of 3%". */
static const char *const noun_words[] = {
    "decrease", "decreases", "reduction", "reductions", "fall",   "falls",    "drop",
    "drops",    "decline",   "declines",  "cut",        "cuts",   "increase", "increases",
    "rise",     "rises",     "growth",    "jump",       "uplift", "change",   "changes"};
/* Comparatives that follow the figure: "311 fewer offences". */
static const char *const after_words[] = {"fewer", "more", "lower", "higher", "less"};
/* Words that may stand between a change word and its figure. */
static const char *const filler_words[] = {"only",
                                           "just",
                                           "slightly",
                                           "some",
                                           "about",
                                           "around",
                                           "approximately",
                                           "nearly",
                                           "almost",
                                           "over",
                                           "roughly",
                                           "a",
                                           "an",
                                           "further",
                                           "significantly",
                                           "sharply",
                                           "substantially",
                                           "marginally",
                                           "overall",
                                           "c",
                                           "circa",
                                           "by",
                                           "of",
                                           "an",
                                           "estimated"};
static const char *const approx_words[] = {
    "about", "around", "approximately", "nearly",    "almost", "over",  "roughly",
    "some",  "c",      "circa",         "estimated", "under",  "topped"};
static int
word_dir(const char *w)
{
    return AUDIT_IN(w, down_words) ? -1 : AUDIT_IN(w, up_words) ? 1 : 0;
}

/* ---- the parts of a clause ---------------------------------------------- */

/* Skip approximation words before a number: "around 400", "just over
 * 5,000".  Returns the number's token or SIZE_MAX. */
static size_t
number_after(const audit_tokens *t, size_t i, size_t b, bool *approx)
{
    for (size_t k = 0; i < b && k < 3; k++, i++) {
        if (audit_is_quantity(&t->items[i]))
            return i;
        if (t->items[i].kind != AUDIT_TOK_WORD ||
            !(AUDIT_IN(t->items[i].word, approx_words) || audit_is_word(&t->items[i], "just") ||
              audit_is_word(&t->items[i], "than") || audit_is_word(&t->items[i], "more")))
            return SIZE_MAX;
        *approx = true;
    }
    return SIZE_MAX;
}

static bool
same_kind(const audit_token *x, const audit_token *y)
{
    return x->num.percent == y->num.percent && x->num.currency == y->num.currency;
}

bool
kpi_audit_in_pair(const audit_clause *c, size_t k)
{
    for (size_t i = 0; i < c->npairs; i++)
        if (c->pairs[i].from == k || c->pairs[i].to == k)
            return true;
    return false;
}

static void
add_pair(audit_clause *c, const audit_tokens *t, size_t from, size_t to, size_t first, size_t last,
         int dir, size_t dir_tok, bool approx)
{
    if (c->npairs == AUDIT_MAX_PARTS || !same_kind(&t->items[from], &t->items[to]) ||
        kpi_audit_in_pair(c, from) || kpi_audit_in_pair(c, to))
        return;
    c->pairs[c->npairs++] = (audit_pair){from, to, first, last, dir, dir_tok, approx, false};
}

/* The nearest quantity before token i, at most `reach` tokens back, not
 * crossing an opening bracket. */
static size_t
quantity_before(const audit_tokens *t, size_t a, size_t i, size_t reach)
{
    for (size_t k = i; k > a && i - k < reach; k--) {
        const audit_token *x = &t->items[k - 1];
        if (audit_is_quantity(x))
            return k - 1;
        if (x->kind == AUDIT_TOK_PUNCT && (x->word[0] == '(' || x->word[0] == ':'))
            break;
    }
    return SIZE_MAX;
}

static void
find_pairs(audit_clause *c, const audit_tokens *t)
{
    for (size_t j = c->a; j < c->b; j++) {
        const audit_token *w = &t->items[j];
        if (audit_is_word(w, "compared") && j + 1 < c->b &&
            (audit_is_word(&t->items[j + 1], "to") || audit_is_word(&t->items[j + 1], "with"))) {
            bool approx = false;
            size_t from = number_after(t, j + 2, c->b, &approx);
            size_t to = quantity_before(t, c->a, j, 8);
            if (from != SIZE_MAX && to != SIZE_MAX)
                add_pair(c, t, from, to, to, from, 0, 0, approx);
            continue;
        }
        if (!audit_is_word(w, "from"))
            continue;
        bool approx = false;
        size_t from = number_after(t, j + 1, c->b, &approx);
        if (from == SIZE_MAX)
            continue;
        int dir = j > c->a && t->items[j - 1].kind == AUDIT_TOK_WORD
                      ? word_dir(t->items[j - 1].word)
                      : 0;
        size_t dir_tok = dir ? j - 1 : 0;
        /* from A [a few words] to B */
        size_t to = SIZE_MAX;
        for (size_t k = from + 1; k < c->b && k <= from + 5; k++) {
            const audit_token *x = &t->items[k];
            if (audit_is_quantity(x) || (x->kind == AUDIT_TOK_PUNCT && strchr("();:", x->word[0])))
                break;
            if (audit_is_word(x, "to")) {
                to = number_after(t, k + 1, c->b, &approx);
                break;
            }
        }
        if (to != SIZE_MAX) {
            add_pair(c, t, from, to, dir ? dir_tok : j, to, dir, dir_tok, approx);
            continue;
        }
        /* to B from A */
        if (j >= c->a + 2 && audit_is_quantity(&t->items[j - 1]) &&
            audit_is_word(&t->items[j - 2], "to")) {
            add_pair(c, t, from, j - 1, j - 2, from, 0, 0, approx);
            continue;
        }
        /* B [...] down from A */
        if (dir) {
            size_t b = quantity_before(t, c->a, j - 1, 8);
            if (b != SIZE_MAX)
                add_pair(c, t, from, b, b, from, dir, dir_tok, approx);
        }
    }
}

/* Is the number at k a change figure?  Fills f. */
static bool
change_figure(const audit_clause *c, const audit_tokens *t, size_t k, audit_figure *f)
{
    const audit_token *x = &t->items[k];
    memset(f, 0, sizeof *f);
    f->tok = k;
    f->first = f->last = k;
    f->pct = x->num.percent;
    if (k + 1 < c->b &&
        (audit_is_word(&t->items[k + 1], "points") || audit_is_word(&t->items[k + 1], "point") ||
         audit_is_word(&t->items[k + 1], "pp")))
        f->points = true;
    /* A change word before it, with only fillers between. */
    bool of = false, by = false;
    for (size_t j = k; j > c->a && k - j < 5; j--) {
        const audit_token *w = &t->items[j - 1];
        if (w->kind != AUDIT_TOK_WORD)
            break;
        int d = word_dir(w->word);
        bool neutral = AUDIT_IN(w->word, change_words);
        if ((d || neutral) && !AUDIT_IN(w->word, after_words)) {
            bool noun = AUDIT_IN(w->word, noun_words);
            if (of && !noun)
                break;
            f->dir = d;
            f->has_word = true;
            f->first = j - 1;
            return true;
        }
        if (!AUDIT_IN(w->word, filler_words))
            break;
        if (strcmp(w->word, "of") == 0) {
            if (of || by)
                break;
            of = true;
        } else if (strcmp(w->word, "by") == 0) {
            if (by || of)
                break;
            by = true;
        }
        if (AUDIT_IN(w->word, approx_words))
            f->approx = true;
    }
    f->approx = false;
    /* A comparative after it. */
    if (k + 1 < c->b && t->items[k + 1].kind == AUDIT_TOK_WORD &&
        AUDIT_IN(t->items[k + 1].word, after_words) &&
        !(k + 2 < c->b && audit_is_word(&t->items[k + 2], "than"))) {
        f->dir = word_dir(t->items[k + 1].word);
        f->has_word = true;
        f->last = k + 1;
        return true;
    }
    /* A written sign makes a change: "+0.5%", "(+86 offences". */
    return x->num.sign != 0;
}

/* Does the clause speak of the year before ("the increase had been +46%
 * the previous year")?  Not when that year is the base of a comparison
 * ("compared to the previous year", "on last year"). */
static bool
previous_year(const audit_clause *c, const audit_tokens *t)
{
    static const char *const before[] = {"previous", "last", "prior"};
    static const char *const base_words[] = {"to",   "with",  "on",      "than", "from",
                                             "over", "since", "against", "vs",   "versus"};
    for (size_t j = c->a; j + 1 < c->b; j++) {
        const audit_token *x = &t->items[j], *y = &t->items[j + 1];
        bool hit = (x->kind == AUDIT_TOK_WORD && AUDIT_IN(x->word, before) &&
                    audit_is_word(y, "year")) ||
                   (audit_is_word(x, "year") &&
                    (audit_is_word(y, "before") || audit_is_word(y, "earlier")));
        if (!hit)
            continue;
        size_t k = j;
        if (k > c->a && audit_is_word(&t->items[k - 1], "the"))
            k--;
        if (k > c->a && t->items[k - 1].kind == AUDIT_TOK_WORD &&
            AUDIT_IN(t->items[k - 1].word, base_words))
            return false;
        return true;
    }
    return false;
}

static void
find_figures(audit_clause *c, const audit_tokens *t)
{
    for (size_t k = c->a; k < c->b && c->nfigs < AUDIT_MAX_PARTS; k++) {
        audit_figure f;
        if (!audit_is_quantity(&t->items[k]) || kpi_audit_in_pair(c, k) ||
            !change_figure(c, t, k, &f))
            continue;
        f.relative_year = previous_year(c, t);
        c->figs[c->nfigs++] = f;
    }
}

size_t
kpi_audit_nearest_pair(const audit_clause *c, const audit_figure *f)
{
    size_t best = SIZE_MAX, dist = SIZE_MAX;
    for (size_t i = 0; i < c->npairs; i++) {
        const audit_pair *p = &c->pairs[i];
        size_t d = f->tok < p->first ? p->first - f->tok : f->tok > p->last ? f->tok - p->last : 0;
        if (d < dist) {
            dist = d;
            best = i;
        }
    }
    return best;
}

void
kpi_audit_clause_read(audit_clause *c, const audit_tokens *t, size_t a, size_t b)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->b = b;
    find_pairs(c, t);
    find_figures(c, t);
}
