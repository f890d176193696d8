/* kpi audit: what a sentence names in the data, an indicator and a
 * period. */
#include "audit_private.h"

#include <ctype.h>
#include <string.h>

#include "kpi/summary.h"

/* Match phrase p[0..n) at text[i..end) without case, any run of white
 * space in the text standing for one space of the phrase.  Returns the end
 * of the match, or 0. */
static size_t
match_at(const char *text, size_t i, size_t end, const char *p, size_t n)
{
    size_t k = 0;
    while (k < n) {
        if (i >= end)
            return 0;
        if (p[k] == ' ') {
            if (!isspace((unsigned char)text[i]))
                return 0;
            while (i < end && isspace((unsigned char)text[i]))
                i++;
            while (k < n && p[k] == ' ')
                k++;
            continue;
        }
        if (tolower((unsigned char)text[i]) != tolower((unsigned char)p[k]))
            return 0;
        i++;
        k++;
    }
    return i;
}

static bool
boundary(const char *text, size_t start, size_t end, size_t i)
{
    return i <= start || i >= end || !isalnum((unsigned char)text[i]);
}

/* The first match of phrase in text[start..end) on word boundaries. */
static bool
find_phrase(const char *text, size_t start, size_t end, const char *p, size_t n, size_t *ms,
            size_t *me)
{
    while (n > 0 && p[0] == ' ')
        p++, n--;
    while (n > 0 && p[n - 1] == ' ')
        n--;
    if (n == 0)
        return false;
    int first = tolower((unsigned char)p[0]);
    for (size_t i = start; i < end; i++) {
        if (tolower((unsigned char)text[i]) != first ||
            (i > start && isalnum((unsigned char)text[i - 1]) && isalnum((unsigned char)p[0])))
            continue;
        size_t e = match_at(text, i, end, p, n);
        if (e && (boundary(text, start, end, e) || !isalnum((unsigned char)p[n - 1]))) {
            *ms = i;
            *me = e;
            return true;
        }
    }
    return false;
}

const kpi_indicator_meta *
kpi_audit_find_indicator(const kpi_meta *m, const char *text, size_t start, size_t end,
                         size_t *mstart, size_t *mend)
{
    const kpi_indicator_meta *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < kpi_meta_count(m); i++) {
        const kpi_indicator_meta *im = kpi_meta_at(m, i);
        /* The label, then each alias. */
        const char *list[2] = {im->label, im->aliases};
        for (size_t l = 0; l < 2; l++) {
            const char *p = list[l];
            while (*p) {
                size_t n = l == 0 ? strlen(p) : strcspn(p, ";");
                size_t ms, me;
                if (n > best_len && find_phrase(text, start, end, p, n, &ms, &me)) {
                    best = im;
                    best_len = n;
                    *mstart = ms;
                    *mend = me;
                }
                p += n;
                if (*p == ';')
                    p++;
            }
        }
    }
    return best;
}

bool
kpi_audit_resolve_period(const kpi_series *se, const audit_when *when, const kpi_audit_options *opt,
                         kpi_period *out)
{
    kpi_freq f = kpi_series_freq(se);
    if (when && when->has) {
        kpi_period p = when->period;
        if (when->window == 12 && p.freq == KPI_FREQ_MONTH) {
            int y = p.ordinal / 12, m = p.ordinal % 12 + 1;
            int fy_last = (opt->fy_start + 10) % 12 + 1;
            if (f == KPI_FREQ_FYEAR && m == fy_last) {
                *out = (kpi_period){.freq = f, .ordinal = opt->fy_start == 1 ? y : y - 1};
                return true;
            }
            if (f == KPI_FREQ_YEAR && m == 12) {
                *out = (kpi_period){.freq = f, .ordinal = y};
                return true;
            }
        }
        if (p.freq == f) {
            *out = p;
            return true;
        }
    }
    return kpi_summary_period(se, opt->has_period ? &opt->period : NULL, out);
}

const kpi_series *
kpi_audit_series(const kpi_store *s, const char *id)
{
    for (size_t i = 0; i < kpi_store_count(s); i++)
        if (strcmp(kpi_series_indicator(kpi_store_at(s, i)), id) == 0)
            return kpi_store_at(s, i);
    return NULL;
}
