/* kpi audit: numbers as reports write them, and the tokens of a sentence.
 *
 * The reader takes what a report prints ("14,766", "-25.2%", "£101
 * million", "20 per cent") and the tokenizer decides from the context
 * which numbers are quantities a claim may use: dates, times, years,
 * financial years, ranges, list numbers, phone numbers, labels ("Form
 * 107") and the service names "101" and "999" are not. */
#include "audit_private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
word_at(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    return len >= n && strncasecmp(s, w, n) == 0 && (len == n || !isalpha((unsigned char)s[n]));
}

/* The sign or currency sign at s, with its length; 0 when none. */
static size_t
prefix(const char *s, size_t len, int *sign, kpi_unit *cur)
{
    if (len >= 1 && (s[0] == '+' || s[0] == '-')) {
        *sign = s[0] == '+' ? 1 : -1;
        return 1;
    }
    if (len >= 3 && (memcmp(s, "\xE2\x88\x92", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0)) {
        *sign = -1;
        return 3;
    }
    if (len >= 2 && memcmp(s, "\xC2\xA3", 2) == 0) {
        *cur = KPI_UNIT_GBP;
        return 2;
    }
    if (len >= 3 && memcmp(s, "\xE2\x82\xAC", 3) == 0) {
        *cur = KPI_UNIT_EUR;
        return 3;
    }
    if (len >= 1 && s[0] == '$') {
        *cur = KPI_UNIT_USD;
        return 1;
    }
    return 0;
}

size_t
kpi_audit_number_read(const char *s, size_t len, audit_number *out)
{
    memset(out, 0, sizeof *out);
    out->scale = 1;
    size_t i = 0;
    for (int k = 0; k < 2; k++) {
        size_t n = prefix(s + i, len - i, &out->sign, &out->currency);
        if (n == 0)
            break;
        i += n;
    }
    if (i >= len || !isdigit((unsigned char)s[i]))
        return 0;
    char buf[64];
    size_t nb = 0, first = i;
    while (i < len && isdigit((unsigned char)s[i]) && nb < 40)
        buf[nb++] = s[i++];
    size_t lead = i - first;
    if (lead <= 3) {
        while (i + 3 < len + 0 && s[i] == ',' && isdigit((unsigned char)s[i + 1]) &&
               isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
               (i + 4 >= len || !isdigit((unsigned char)s[i + 4])) && nb < 40) {
            memcpy(buf + nb, s + i + 1, 3);
            nb += 3;
            i += 4;
            out->grouped = true;
        }
    }
    if (i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        buf[nb++] = s[i++];
        while (i < len && isdigit((unsigned char)s[i]) && nb < 60) {
            buf[nb++] = s[i++];
            out->decimals++;
        }
    }
    buf[nb] = '\0';
    out->value = strtod(buf, NULL);
    out->lead_zero = s[first] == '0' && lead > 1;
    if (i < len && isalpha((unsigned char)s[i])) {
        static const char *const ordinals[] = {"st", "nd", "rd", "th"};
        for (size_t k = 0; k < 4; k++)
            if (word_at(s + i, len - i, ordinals[k])) {
                out->ordinal = true;
                return i + 2;
            }
        if (word_at(s + i, len - i, "m"))
            out->scale = 1e6, i += 1;
        else if (word_at(s + i, len - i, "bn"))
            out->scale = 1e9, i += 2;
        else if (word_at(s + i, len - i, "k"))
            out->scale = 1e3, i += 1;
        else
            return 0; /* glued to a word: "5G", "10am" */
    } else {
        size_t j = i < len && s[i] == ' ' ? i + 1 : i;
        if (j < len && s[j] == '%') {
            out->percent = true;
            i = j + 1;
        } else if (j > i) {
            static const struct {
                const char *w;
                double scale;
            } words[] = {{"per cent", 0},  {"per-cent", 0}, {"percent", 0},   {"million", 1e6},
                         {"billion", 1e9}, {"bn", 1e9},     {"thousand", 1e3}};
            for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
                if (word_at(s + j, len - j, words[k].w)) {
                    if (words[k].scale == 0)
                        out->percent = true;
                    else
                        out->scale = words[k].scale;
                    i = j + strlen(words[k].w);
                    break;
                }
        }
    }
    out->value *= out->scale;
    if (out->sign < 0)
        out->value = -out->value;
    return i;
}

static const char *const month_names[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

int
kpi_audit_month(const char *w)
{
    size_t n = strlen(w);
    for (int m = 0; m < 12; m++)
        if (strcmp(w, month_names[m]) == 0 ||
            (n == 3 && m != 4 && strncmp(w, month_names[m], 3) == 0) ||
            (m == 8 && strcmp(w, "sept") == 0))
            return m + 1;
    return 0;
}

bool
kpi_audit_in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return true;
    return false;
}

/* Words after which a number is a name, not a quantity ("Form 107"). */
static const char *const label_words[] = {
    "form",      "no",     "nos",      "section",  "article",  "chapter",   "page",    "pages",
    "table",     "figure", "annex",    "quarter",  "q",        "phase",     "tranche", "level",
    "version",   "step",   "part",     "schedule", "appendix", "paragraph", "para",    "stage",
    "programme", "room",   "grade",    "band",     "wave",     "item",      "option",  "release",
    "cohort",    "route",  "junction", "flat",     "unit",     "platform",  "channel", "term"};

/* Words after "101" or "999" that make it the service's name. */
static const char *const service_words[] = {"call",          "calls",     "service", "services",
                                            "number",        "line",      "lines",   "contact",
                                            "non-emergency", "emergency", "and",     "or"};

/* Words before "101" or "999" that make it the service's name. */
static const char *const service_before[] = {
    "dial", "dialled", "dialling", "call", "calling", "ring", "the", "a", "or", "and", "via"};

static kpi_status
push(audit_tokens *t, const audit_token *tok, kpi_error *err)
{
    if (kpi_grow((void **)&t->items, &t->cap, t->n + 1, sizeof *t->items) != 0)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    t->items[t->n++] = *tok;
    return KPI_OK;
}

static bool
is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '\'' || c >= 0x80;
}

/* A financial year ("2018-19", "2018/19", "2018–19") or an ISO date at s;
 * returns its length and fills *p, or 0. */
static size_t
read_period(const char *s, size_t len, kpi_period *p, bool *date)
{
    *date = false;
    size_t i = 0;
    while (i < len && isdigit((unsigned char)s[i]))
        i++;
    if (i != 4)
        return 0;
    size_t sep = 0;
    if (i < len && (s[i] == '-' || s[i] == '/'))
        sep = 1;
    else if (i + 2 < len && memcmp(s + i, "\xE2\x80\x93", 3) == 0)
        sep = 3;
    size_t j = i + sep;
    if (!sep || j + 1 >= len || !isdigit((unsigned char)s[j]) || !isdigit((unsigned char)s[j + 1]))
        return 0;
    if (j + 2 < len && isdigit((unsigned char)s[j + 2]))
        return 0;
    if (j + 2 < len && (s[j + 2] == '-' || s[j + 2] == '/')) {
        /* 2019-03-31: a date, never a quantity. */
        size_t k = j + 2;
        while (k < len && (isdigit((unsigned char)s[k]) || s[k] == '-' || s[k] == '/'))
            k++;
        *date = true;
        return k;
    }
    int y = atoi(s), yy = (s[j] - '0') * 10 + (s[j + 1] - '0');
    if ((y + 1) % 100 == yy) {
        p->freq = KPI_FREQ_FYEAR;
        p->ordinal = y;
        return j + 2;
    }
    if (yy >= 1 && yy <= 12 && sep == 1 && s[i] == '-') {
        p->freq = KPI_FREQ_MONTH;
        p->ordinal = y * 12 + yy - 1;
        return j + 2;
    }
    *date = true;
    return j + 2;
}

/* The quarter a token names: "Q4" (a word), or "Quarter" followed by the
 * number token at k + 1; 1..4, else 0. */
static int
quarter_at(const audit_tokens *t, size_t k)
{
    const audit_token *x = &t->items[k];
    if (x->kind != AUDIT_TOK_WORD)
        return 0;
    if (x->word[0] == 'q' && x->word[1] >= '1' && x->word[1] <= '4' && x->word[2] == '\0')
        return x->word[1] - '0';
    if (strcmp(x->word, "quarter") == 0 && k + 1 < t->n) {
        const audit_token *n = &t->items[k + 1];
        double v = n->num.value;
        if ((n->kind == AUDIT_TOK_OTHER || n->kind == AUDIT_TOK_NUMBER) && v >= 1 && v <= 4 &&
            n->num.decimals == 0 && !n->num.percent)
            return (int)v;
    }
    return 0;
}

/* "Q4 2018-19", "Quarter 4, 2018-19" and "2018-19 Q4" name a financial
 * quarter, "Q1 2019" a calendar one: the year token takes the quarter. */
static void
mark_quarters(audit_tokens *t)
{
    for (size_t k = 0; k < t->n; k++) {
        audit_token *y = &t->items[k];
        if (y->kind != AUDIT_TOK_PERIOD ||
            (y->period.freq != KPI_FREQ_FYEAR && y->period.freq != KPI_FREQ_YEAR))
            continue;
        int q = k + 1 < t->n ? quarter_at(t, k + 1) : 0;
        for (size_t j = k; j > 0 && k - j < 3 && !q; j--) {
            const audit_token *x = &t->items[j - 1];
            if (x->kind == AUDIT_TOK_PERIOD || (x->kind == AUDIT_TOK_PUNCT && x->word[0] != ','))
                break;
            q = quarter_at(t, j - 1);
        }
        if (!q)
            continue;
        y->period.freq = y->period.freq == KPI_FREQ_FYEAR ? KPI_FREQ_FQUARTER : KPI_FREQ_QUARTER;
        y->period.ordinal = y->period.ordinal * 4 + q - 1;
    }
}

kpi_status
kpi_audit_tokenize(const char *text, size_t start, size_t end, audit_tokens *t, kpi_error *err)
{
    t->n = 0;
    size_t i = start;
    while (i < end) {
        unsigned char c = (unsigned char)text[i];
        if (isspace(c)) {
            i++;
            continue;
        }
        audit_token tok;
        memset(&tok, 0, sizeof tok);
        tok.start = i;
        bool prev_alnum = i > start &&
                          (isalnum((unsigned char)text[i - 1]) ||
                           ((unsigned char)text[i - 1] >= 0x80 &&
                            !(i >= start + 3 && ((unsigned char)text[i - 3] == 0xE2))));
        bool prev_digit = i > start && isdigit((unsigned char)text[i - 1]);
        size_t n = 0;
        if (isdigit(c) && !prev_alnum) {
            bool date = false;
            n = read_period(text + i, end - i, &tok.period, &date);
            if (n) {
                tok.kind = date ? AUDIT_TOK_OTHER : AUDIT_TOK_PERIOD;
                tok.has_period = !date;
            } else {
                /* 10:30 and 22/03/2019 are times and dates. */
                size_t j = i;
                while (j < end && isdigit((unsigned char)text[j]))
                    j++;
                if (j + 1 < end && (text[j] == ':' || text[j] == '/') &&
                    isdigit((unsigned char)text[j + 1])) {
                    while (j < end && (isdigit((unsigned char)text[j]) || text[j] == ':' ||
                                       text[j] == '/' || text[j] == '.'))
                        j++;
                    n = j - i;
                    tok.kind = AUDIT_TOK_OTHER;
                }
            }
        }
        if (n == 0 && !prev_alnum &&
            (isdigit(c) || c == '+' || c == '-' || c >= 0x80 || c == '$')) {
            n = kpi_audit_number_read(text + i, end - i, &tok.num);
            if (n) {
                tok.kind = AUDIT_TOK_NUMBER;
                /* A range ("6-8", "18–25") is no quantity at either end. */
                if (prev_digit || (i > start && text[i - 1] == '-'))
                    tok.kind = AUDIT_TOK_OTHER;
            }
        }
        if (n == 0 && (isalnum(c) || c >= 0x80) &&
            !(c == 0xE2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80) &&
            !(c == 0xC2 && i + 1 < end && (unsigned char)text[i + 1] == 0xA3)) {
            size_t j = i;
            while (j < end) {
                unsigned char d = (unsigned char)text[j];
                if (d == 0xE2 && j + 2 < end && (unsigned char)text[j + 1] == 0x80)
                    break; /* dashes and curly quotes */
                if (is_word_byte(d) ||
                    (d == '-' && j + 1 < end && isalpha((unsigned char)text[j + 1])))
                    j++;
                else
                    break;
            }
            n = j - i;
            tok.kind = AUDIT_TOK_WORD;
            size_t w = 0;
            for (size_t k = i; k < j && w + 1 < AUDIT_WORD_MAX; k++)
                tok.word[w++] = (char)tolower((unsigned char)text[k]);
            tok.word[w] = '\0';
        }
        if (n == 0) {
            /* Punctuation, a whole UTF-8 character at a time. */
            n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + n > end)
                n = end - i;
            tok.kind = AUDIT_TOK_PUNCT;
            tok.word[0] = (char)c;
            if (c == 0xE2 && n == 3 && (unsigned char)text[i + 1] == 0x80 &&
                ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94))
                tok.word[0] = '-';
        }
        tok.end = i + n;
        kpi_status st = push(t, &tok, err);
        if (st != KPI_OK)
            return st;
        i += n;
    }

    /* Context: which numbers are no quantity. */
    for (size_t k = 0; k < t->n; k++) {
        audit_token *tk = &t->items[k];
        if (tk->kind != AUDIT_TOK_NUMBER)
            continue;
        const audit_number *nm = &tk->num;
        const audit_token *prev = k > 0 ? &t->items[k - 1] : NULL;
        const audit_token *next = k + 1 < t->n ? &t->items[k + 1] : NULL;
        bool bare = !nm->percent && !nm->grouped && nm->decimals == 0 && nm->sign == 0 &&
                    nm->currency == KPI_UNIT_PLAIN && nm->scale == 1;
        if (nm->ordinal || nm->lead_zero) {
            tk->kind = AUDIT_TOK_OTHER;
            /* A phone number's further groups: "020 7230 1212". */
            for (size_t m = k + 1;
                 nm->lead_zero && m < t->n && t->items[m].kind == AUDIT_TOK_NUMBER &&
                 t->items[m].start == t->items[m - 1].end + 1;
                 m++)
                t->items[m].kind = AUDIT_TOK_OTHER;
            continue;
        }
        if (bare && nm->value >= 1900 && nm->value <= 2100 && tk->end - tk->start == 4) {
            tk->kind = AUDIT_TOK_PERIOD;
            tk->has_period = true;
            tk->period.freq = KPI_FREQ_YEAR;
            tk->period.ordinal = (int32_t)nm->value;
            int month = prev && prev->kind == AUDIT_TOK_WORD ? kpi_audit_month(prev->word) : 0;
            if (month) {
                tk->period.freq = KPI_FREQ_MONTH;
                tk->period.ordinal = (int32_t)nm->value * 12 + month - 1;
            }
            continue;
        }
        if (bare && ((next && next->kind == AUDIT_TOK_WORD && kpi_audit_month(next->word)) ||
                     (prev && prev->kind == AUDIT_TOK_WORD && kpi_audit_month(prev->word) &&
                      nm->value >= 1 && nm->value <= 31))) {
            tk->kind = AUDIT_TOK_OTHER; /* 22 March, March 22 */
            continue;
        }
        if (bare && (nm->value == 101 || nm->value == 999) &&
            ((next && next->kind == AUDIT_TOK_WORD && AUDIT_IN(next->word, service_words)) ||
             (prev && prev->kind == AUDIT_TOK_WORD && AUDIT_IN(prev->word, service_before)))) {
            tk->kind = AUDIT_TOK_OTHER;
            continue;
        }
        if (bare && prev && prev->kind == AUDIT_TOK_WORD && AUDIT_IN(prev->word, label_words)) {
            tk->kind = AUDIT_TOK_OTHER;
            continue;
        }
        if (k == 0 && bare && next && next->kind == AUDIT_TOK_PUNCT && next->start == tk->end &&
            strchr("-.)", next->word[0])) {
            tk->kind = AUDIT_TOK_OTHER; /* "1- Introduction" */
            continue;
        }
        if (next && next->kind == AUDIT_TOK_PUNCT && next->word[0] == '-' &&
            next->start == tk->end && k + 2 < t->n && t->items[k + 2].start == next->end &&
            (t->items[k + 2].kind == AUDIT_TOK_NUMBER || t->items[k + 2].kind == AUDIT_TOK_OTHER))
            tk->kind = AUDIT_TOK_OTHER; /* the left end of a range */
    }
    mark_quarters(t);
    return KPI_OK;
}

void
kpi_audit_tokens_fini(audit_tokens *t)
{
    kpi_free(t->items);
    t->items = NULL;
    t->n = t->cap = 0;
}
