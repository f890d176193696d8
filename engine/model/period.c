#include "kpi/period.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Longest notation is "FY 2018-19 Q4": A, space, N, -, N, space, A, N. */
#define MAX_TOKENS 8

/* Quoting more than this of a bad cell would only bury the message. */
#define FOUND_MAX 40

#define MIN_YEAR 1
#define MAX_YEAR 9999

static const char *const freq_names[] = {
    "none", "day", "month", "quarter", "year", "fy", "fquarter",
};

_Static_assert(sizeof freq_names / sizeof freq_names[0] == KPI_FREQ_LAST,
               "freq_names must have one entry per kpi_freq");

static const char *const month_names[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

/* Why a text that looked like a period is not one; each completes the
 * sentence "expected a period..." of the error message. */
static const char generic_reason[] =
    " such as 2019-03-31, 2019-03, 2019Q1, 2019, 2018-19 or 2018-19 Q4";
static const char year_reason[] = " with a year 0001..9999";
static const char month_reason[] = " with a month 01..12";
static const char month_or_fy_reason[] = " with a month 01..12 or a financial year such as 2018-19";
static const char day_reason[] = " with a day that exists in its month";
static const char quarter_reason[] = " with a quarter Q1..Q4";
static const char fy_reason[] = " with a second year one after the first, as in 2018-19";
static const char time_reason[] = " with a time such as T10:15:00+00:00";
static const char dmy_year_reason[] = " with a four-digit year, as in 31/03/2019";
static const char dmy_month_reason[] =
    " with a month 1..12 in the middle (the dates are read day first)";
/* Day first (UK) or month first (US): the notation cannot say which. */
static const char dmy_order_reason[] =
    " whose day and month order is known (dates such as 31/03/2019 are read day first with "
    "the dayfirst option; kpi does not guess)";

/* Text is split into runs so that each notation is a fixed shape: "2019Q1"
 * is digits, letters, digits ("NAN") and "FY 2018/19" is "A N/N".  Runs of
 * spaces become one ' ' token; any other byte is a token of its own. */
typedef struct token {
    const char *s;
    size_t len;
    int32_t value; /* of a digit run of up to 9 digits; no notation has more */
} token;

typedef struct span {
    const token *t;
    const char *shape; /* one kind per token: 'N', 'A', ' ', or the byte itself */
    size_t n;
} span;

typedef enum match {
    NO_MATCH, /* not this notation: try the next */
    MATCHED,
    INVALID /* this notation, but not a period that exists */
} match;

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t';
}

static char
ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive comparison of s[0..len) with the lower-case word. */
static bool
equals_word(const char *s, size_t len, const char *word)
{
    if (strlen(word) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (ascii_lower(s[i]) != word[i])
            return false;
    return true;
}

static int32_t
floor_div(int64_t a, int32_t b)
{
    int64_t q = a / b;
    return (int32_t)(q * b > a ? q - 1 : q);
}

static int32_t
floor_mod(int64_t a, int32_t b)
{
    return (int32_t)(a - (int64_t)floor_div(a, b) * b);
}

/* Ordinals are plain integers that callers may push anywhere; clamping
 * instead of wrapping keeps the arithmetic defined, and a clamped ordinal
 * is far outside years 1..9999, so it still formats as invalid. */
static int32_t
clamp32(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

static bool
is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms":
 * days_from_civil, on a calendar whose years start in March so that the
 * leap day is the last day of the year.  An era is 400 years, 146097 days. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Hinnant's civil_from_days, the inverse of days_from_civil. */
static void
civil_from_days(int64_t z, int64_t *year, int *month, int *mday)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *mday = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int32_t
kpi_period_day_from_ymd(int year, int month, int day)
{
    return clamp32(days_from_civil(year, month, day));
}

void
kpi_period_day_to_ymd(int32_t day, int *year, int *month, int *mday)
{
    int64_t y;
    civil_from_days(day, &y, month, mday);
    *year = (int)y;
}

static size_t
tokenize(const char *s, size_t len, token *t, char *shape)
{
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        if (n == MAX_TOKENS)
            return MAX_TOKENS + 1;
        size_t start = i;
        char kind;
        if (is_digit(s[i])) {
            kind = 'N';
            while (i < len && is_digit(s[i]))
                i++;
        } else if (is_letter(s[i])) {
            kind = 'A';
            while (i < len && is_letter(s[i]))
                i++;
        } else if (is_space(s[i])) {
            kind = ' ';
            while (i < len && is_space(s[i]))
                i++;
        } else {
            /* A NUL or a non-ASCII byte must not end or widen the shape. */
            kind = s[i] == '-' || s[i] == '/' || s[i] == '.' ? s[i] : '?';
            i++;
        }
        t[n] = (token){s + start, i - start, -1};
        if (kind == 'N' && t[n].len <= 9) {
            t[n].value = 0;
            for (size_t k = start; k < i; k++)
                t[n].value = t[n].value * 10 + (s[k] - '0');
        }
        shape[n++] = kind;
    }
    shape[n] = '\0';
    return n;
}

static bool
shape_is(span sp, const char *pattern)
{
    return strlen(pattern) == sp.n && memcmp(sp.shape, pattern, sp.n) == 0;
}

static span
sub_span(span sp, size_t from, size_t n)
{
    return (span){sp.t + from, sp.shape + from, n};
}

/* A four-digit year; 0000 is the only one out of range. */
static match
year4(const token *t, int *year, const char **why)
{
    if (t->len != 4)
        return NO_MATCH;
    if (t->value < MIN_YEAR) {
        *why = year_reason;
        return INVALID;
    }
    *year = t->value;
    return MATCHED;
}

/* "Q1".."Q4", given the letter token and the digit token after it. */
static match
quarter_tokens(const token *q, const token *digit, int *quarter, const char **why)
{
    if (!equals_word(q->s, q->len, "q") || digit->len != 1)
        return NO_MATCH;
    if (digit->value < 1 || digit->value > 4) {
        *why = quarter_reason;
        return INVALID;
    }
    *quarter = digit->value;
    return MATCHED;
}

/* English month names, in full or as their first three letters. */
static int
month_from_name(const token *t)
{
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if (t->len != 3 && t->len != full)
            continue;
        size_t i = 0;
        while (i < t->len && ascii_lower(t->s[i]) == month_names[m][i])
            i++;
        if (i == t->len)
            return m + 1;
    }
    return 0;
}

/* A financial year: [FY[ ]]YYYY{-,/}YY|YYYY, or FY with two-digit years
 * (fy18-19, as Met Police files write them), which are 20YY. */
static match
parse_fy(span sp, int *year, const char **why)
{
    bool prefixed = sp.n >= 1 && sp.shape[0] == 'A' && equals_word(sp.t[0].s, sp.t[0].len, "fy");
    if (prefixed) {
        size_t skip = sp.n >= 2 && sp.shape[1] == ' ' ? 2 : 1;
        sp = sub_span(sp, skip, sp.n - skip);
    }
    if (!shape_is(sp, "N-N") && !shape_is(sp, "N/N"))
        return NO_MATCH;
    const token *first = &sp.t[0], *second = &sp.t[2];
    int y;
    if (first->len == 2 && prefixed) {
        y = 2000 + first->value;
    } else {
        match m = year4(first, &y, why);
        if (m != MATCHED)
            return m;
    }
    bool follows;
    if (second->len == 2)
        follows = second->value == (y + 1) % 100;
    else if (second->len == 4)
        follows = second->value == y + 1;
    else
        return NO_MATCH;
    if (!follows) {
        *why = fy_reason;
        return INVALID;
    }
    *year = y;
    return MATCHED;
}

/* The day y-month-day, or INVALID with bad_month or day_reason. */
static match
day_period(int y, int month, int day, const char *bad_month, kpi_period *out, const char **why)
{
    if (month < 1 || month > 12) {
        *why = bad_month;
        return INVALID;
    }
    if (day < 1 || day > days_in_month(y, month)) {
        *why = day_reason;
        return INVALID;
    }
    *out = (kpi_period){KPI_FREQ_DAY, kpi_period_day_from_ymd(y, month, day)};
    return MATCHED;
}

static match
parse_date(span sp, kpi_period *out, const char **why)
{
    if (!shape_is(sp, "N-N-N") || sp.t[2].len != 2 || sp.t[4].len != 2)
        return NO_MATCH;
    int y;
    match m = year4(&sp.t[0], &y, why);
    if (m != MATCHED)
        return m;
    return day_period(y, sp.t[2].value, sp.t[4].value, month_reason, out, why);
}

/* A date with the day first: D/M/YYYY, D-M-YYYY or D.M.YYYY, one
 * separator throughout.  The shape alone is enough to know that the order
 * must be said, so without dayfirst it is INVALID rather than NO_MATCH. */
static match
parse_dmy(span sp, bool dayfirst, kpi_period *out, const char **why)
{
    if (sp.n != 5 || sp.shape[0] != 'N' || sp.shape[2] != 'N' || sp.shape[4] != 'N' ||
        sp.shape[1] != sp.shape[3] || !strchr("/-.", sp.shape[1]) || sp.t[0].len > 2 ||
        sp.t[2].len > 2)
        return NO_MATCH;
    if (!dayfirst) {
        *why = dmy_order_reason;
        return INVALID;
    }
    int y;
    match ym = year4(&sp.t[4], &y, why);
    if (ym == NO_MATCH)
        *why = dmy_year_reason;
    if (ym != MATCHED)
        return INVALID;
    return day_period(y, sp.t[2].value, sp.t[0].value, dmy_month_reason, out, why);
}

static kpi_period
month_period(int year, int month)
{
    return (kpi_period){KPI_FREQ_MONTH, year * 12 + (month - 1)};
}

/* YYYY-NN is a month when NN is 01..12 and a financial year when NN is
 * the next year's last two digits; 2011-12 is both. */
static match
parse_month_or_fy(span sp, kpi_freq want, kpi_period *out, unsigned *flags, const char **why)
{
    if (!shape_is(sp, "N-N") || sp.t[2].len != 2)
        return NO_MATCH;
    int y;
    match m = year4(&sp.t[0], &y, why);
    if (m != MATCHED)
        return m;
    int nn = sp.t[2].value;
    bool is_month = nn >= 1 && nn <= 12;
    bool is_fy = nn == (y + 1) % 100;
    if (is_month && is_fy) {
        if (want == KPI_FREQ_FYEAR) {
            *out = (kpi_period){KPI_FREQ_FYEAR, y};
        } else {
            *out = month_period(y, nn);
            *flags |= KPI_PERIOD_AMBIGUOUS_FY;
        }
    } else if (is_month) {
        *out = month_period(y, nn);
    } else if (is_fy) {
        *out = (kpi_period){KPI_FREQ_FYEAR, y};
    } else {
        *why = month_or_fy_reason;
        return INVALID;
    }
    return MATCHED;
}

/* 201903, 03/2019, Mar 2019, March 2019 and Mar-19 (Met Police files). */
static match
parse_month(span sp, kpi_period *out, const char **why)
{
    int y, month;
    if (shape_is(sp, "N") && sp.t[0].len == 6) {
        y = sp.t[0].value / 100;
        month = sp.t[0].value % 100;
        if (y < MIN_YEAR) {
            *why = year_reason;
            return INVALID;
        }
    } else if (shape_is(sp, "N/N") && sp.t[0].len <= 2 && sp.t[2].len == 4) {
        month = sp.t[0].value;
        match m = year4(&sp.t[2], &y, why);
        if (m != MATCHED)
            return m;
    } else if (shape_is(sp, "A N") && sp.t[2].len == 4 && (month = month_from_name(&sp.t[0]))) {
        match m = year4(&sp.t[2], &y, why);
        if (m != MATCHED)
            return m;
    } else if (shape_is(sp, "A-N") && sp.t[2].len == 2 && (month = month_from_name(&sp.t[0]))) {
        y = 2000 + sp.t[2].value;
    } else {
        return NO_MATCH;
    }
    if (month < 1 || month > 12) {
        *why = month_reason;
        return INVALID;
    }
    *out = month_period(y, month);
    return MATCHED;
}

/* 2019Q1, 2019 Q1, 2019-Q1 and Q1 2019. */
static match
parse_quarter(span sp, kpi_period *out, const char **why)
{
    const token *year_tok, *q_tok;
    if (shape_is(sp, "NAN") || shape_is(sp, "N AN") || shape_is(sp, "N-AN")) {
        year_tok = &sp.t[0];
        q_tok = &sp.t[sp.n - 2];
    } else if (shape_is(sp, "AN N")) {
        q_tok = &sp.t[0];
        year_tok = &sp.t[3];
    } else {
        return NO_MATCH;
    }
    int y, q;
    match m = quarter_tokens(q_tok, q_tok + 1, &q, why);
    if (m != MATCHED)
        return m;
    m = year4(year_tok, &y, why);
    if (m != MATCHED)
        return m;
    *out = (kpi_period){KPI_FREQ_QUARTER, y * 4 + (q - 1)};
    return MATCHED;
}

/* A financial year followed by " Q4", or "Q4 " followed by one. */
static match
parse_fquarter(span sp, kpi_period *out, const char **why)
{
    span fy_part;
    const token *q_tok;
    if (sp.n >= 4 && memcmp(sp.shape + sp.n - 3, " AN", 3) == 0) {
        fy_part = sub_span(sp, 0, sp.n - 3);
        q_tok = &sp.t[sp.n - 2];
    } else if (sp.n >= 4 && memcmp(sp.shape, "AN ", 3) == 0) {
        fy_part = sub_span(sp, 3, sp.n - 3);
        q_tok = &sp.t[0];
    } else {
        return NO_MATCH;
    }
    int q, y;
    const char *q_why = NULL;
    match qm = quarter_tokens(q_tok, q_tok + 1, &q, &q_why);
    if (qm == NO_MATCH)
        return NO_MATCH;
    match m = parse_fy(fy_part, &y, why);
    if (m != MATCHED)
        return m;
    if (qm == INVALID) {
        *why = q_why;
        return INVALID;
    }
    *out = (kpi_period){KPI_FREQ_FQUARTER, y * 4 + (q - 1)};
    return MATCHED;
}

/* Reads two digits whose value is at most max into *v. */
static bool
two_digits(const char **p, const char *end, int max, int *v)
{
    const char *s = *p;
    if (end - s < 2 || !is_digit(s[0]) || !is_digit(s[1]) || (s[0] - '0') * 10 + (s[1] - '0') > max)
        return false;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    *p = s + 2;
    return true;
}

/* A time of day: seconds since midnight, and the offset from UTC it was
 * written with, if any. */
typedef struct clock_time {
    int32_t seconds;
    bool has_offset;
    int32_t offset; /* seconds east of UTC */
} clock_time;

/* ISO 8601 time of day: HH:MM[:SS[.fff]][Z|+HH[:]MM|+HH].  Fractions of
 * a second are dropped: no calendar date turns on them. */
static bool
parse_clock(const char *p, const char *end, clock_time *t)
{
    int h, m, sec = 0;
    if (!two_digits(&p, end, 23, &h) || p == end || *p++ != ':' || !two_digits(&p, end, 59, &m))
        return false;
    if (p < end && *p == ':') {
        p++;
        /* 60 is a leap second. */
        if (!two_digits(&p, end, 60, &sec))
            return false;
        if (p < end && *p == '.') {
            const char *frac = ++p;
            while (p < end && is_digit(*p))
                p++;
            if (p == frac)
                return false;
        }
    }
    *t = (clock_time){.seconds = h * 3600 + m * 60 + sec};
    if (p == end)
        return true;
    t->has_offset = true;
    if (*p == 'Z' || *p == 'z')
        return p + 1 == end;
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
    if (!two_digits(&p, end, 23, &oh))
        return false;
    if (p != end) {
        if (*p == ':')
            p++;
        if (!two_digits(&p, end, 59, &om) || p != end)
            return false;
    }
    t->offset = sign * (oh * 3600 + om * 60);
    return true;
}

/* A date on its own, in any notation that names a day. */
static match
parse_day(const char *s, size_t len, const kpi_period_syntax *syn, kpi_period *out,
          const char **why)
{
    token t[MAX_TOKENS];
    char shape[MAX_TOKENS + 1];
    size_t n = tokenize(s, len, t, shape);
    if (n > MAX_TOKENS)
        return NO_MATCH;
    span sp = {t, shape, n};
    match m = parse_date(sp, out, why);
    return m != NO_MATCH ? m : parse_dmy(sp, syn->dayfirst, out, why);
}

/* A date, then 'T' or a space, then a time of day.  NO_MATCH unless the
 * text starts with a date, so that "Mar 2019" and "2019 Q1" go on to their
 * own notations. */
static match
parse_timestamp(const char *s, size_t len, const kpi_period_syntax *syn, kpi_period *out,
                const char **why)
{
    size_t k = 0;
    while (k < len && s[k] != 'T' && s[k] != 't' && !is_space(s[k]))
        k++;
    if (k == len || k == 0 || !is_digit(s[0]))
        return NO_MATCH;
    size_t rest = k + 1;
    while (rest < len && is_space(s[rest]))
        rest++;
    match m = parse_day(s, k, syn, out, why);
    clock_time t;
    if (m == MATCHED && !parse_clock(s + rest, s + len, &t)) {
        *why = time_reason;
        return INVALID;
    }
    if (m == MATCHED && syn->tz && t.has_offset) {
        /* The instant in UTC, then the local day it falls on in the zone. */
        int64_t utc = (int64_t)out->ordinal * 86400 + t.seconds - t.offset;
        int64_t local = utc + kpi_tz_offset(syn->tz, utc);
        out->ordinal = clamp32(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
    }
    return m;
}

static match
parse_text(const char *s, size_t len, const kpi_period_syntax *syn, kpi_period *out,
           unsigned *flags, const char **why)
{
    token t[MAX_TOKENS];
    char shape[MAX_TOKENS + 1];
    size_t n;
    match m;
    kpi_freq want = syn->want;

    span sp = {t, shape, 0};
    if ((m = parse_timestamp(s, len, syn, out, why)) == NO_MATCH) {
        if ((n = tokenize(s, len, t, shape)) > MAX_TOKENS)
            return NO_MATCH;
        sp.n = n;
        if ((m = parse_date(sp, out, why)) == NO_MATCH)
            m = parse_dmy(sp, syn->dayfirst, out, why);
    }
    if (m != NO_MATCH) {
        if (m == MATCHED)
            *flags |= KPI_PERIOD_FROM_DATE;
        return m;
    }
    if ((m = parse_month_or_fy(sp, want, out, flags, why)) != NO_MATCH)
        return m;
    if ((m = parse_month(sp, out, why)) != NO_MATCH)
        return m;
    if ((m = parse_quarter(sp, out, why)) != NO_MATCH)
        return m;
    if ((m = parse_fquarter(sp, out, why)) != NO_MATCH)
        return m;
    int y;
    if ((m = parse_fy(sp, &y, why)) != NO_MATCH) {
        if (m == MATCHED)
            *out = (kpi_period){KPI_FREQ_FYEAR, y};
        return m;
    }
    if (shape_is(sp, "N") && (m = year4(&t[0], &y, why)) != NO_MATCH) {
        if (m == MATCHED)
            *out = (kpi_period){KPI_FREQ_YEAR, y};
        return m;
    }
    return NO_MATCH;
}

kpi_status
kpi_period_parse(const char *text, size_t len, kpi_freq want, kpi_period *out, unsigned *flags,
                 kpi_error *err)
{
    kpi_period_syntax syn = {.want = want};
    return kpi_period_parse_with(text, len, &syn, out, flags, err);
}

kpi_status
kpi_period_parse_with(const char *text, size_t len, const kpi_period_syntax *syntax,
                      kpi_period *out, unsigned *flags, kpi_error *err)
{
    static const kpi_period_syntax as_written = {.want = KPI_FREQ_NONE};
    if (!syntax)
        syntax = &as_written;
    assert(text || len == 0);
    assert(out);
    if (!text)
        text = "";
    while (len > 0 && is_space(text[0])) {
        text++;
        len--;
    }
    while (len > 0 && is_space(text[len - 1]))
        len--;

    kpi_period p;
    unsigned found_flags = 0;
    const char *why = generic_reason;
    if (flags)
        *flags = 0;
    if (parse_text(text, len, syntax, &p, &found_flags, &why) != MATCHED)
        return kpi_error_set(err, KPI_EPERIOD, NULL, 0, 0, "expected a period%s, found '%.*s%s'",
                             why, (int)(len > FOUND_MAX ? FOUND_MAX : len), text,
                             len > FOUND_MAX ? "..." : "");
    *out = p;
    if (flags)
        *flags = found_flags;
    return KPI_OK;
}

static bool
year_in_range(int64_t y)
{
    return y >= MIN_YEAR && y <= MAX_YEAR;
}

/* Write v (0 <= v < 10^width) as exactly `width` digits, zero-padded. */
static char *
put_digits(char *o, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        o[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return o + width;
}

size_t
kpi_period_format(kpi_period p, char *buf, size_t size)
{
    /* Written digit by digit: this runs once per output row, and snprintf
     * costs more than everything else in formatting a period. */
    char text[KPI_PERIOD_TEXT_MAX];
    char *o = text;
    int64_t y;
    switch (p.freq) {
    case KPI_FREQ_DAY: {
        int month, mday;
        civil_from_days(p.ordinal, &y, &month, &mday);
        if (!year_in_range(y))
            return 0;
        o = put_digits(o, (int)y, 4);
        *o++ = '-';
        o = put_digits(o, month, 2);
        *o++ = '-';
        o = put_digits(o, mday, 2);
        break;
    }
    case KPI_FREQ_MONTH:
        y = floor_div(p.ordinal, 12);
        if (!year_in_range(y))
            return 0;
        o = put_digits(o, (int)y, 4);
        *o++ = '-';
        o = put_digits(o, floor_mod(p.ordinal, 12) + 1, 2);
        break;
    case KPI_FREQ_QUARTER:
        y = floor_div(p.ordinal, 4);
        if (!year_in_range(y))
            return 0;
        o = put_digits(o, (int)y, 4);
        *o++ = 'Q';
        o = put_digits(o, floor_mod(p.ordinal, 4) + 1, 1);
        break;
    case KPI_FREQ_YEAR:
        if (!year_in_range(p.ordinal))
            return 0;
        o = put_digits(o, (int)p.ordinal, 4);
        break;
    case KPI_FREQ_FYEAR:
    case KPI_FREQ_FQUARTER:
        y = p.freq == KPI_FREQ_FYEAR ? p.ordinal : floor_div(p.ordinal, 4);
        if (!year_in_range(y))
            return 0;
        o = put_digits(o, (int)y, 4);
        *o++ = '-';
        o = put_digits(o, (int)((y + 1) % 100), 2);
        if (p.freq == KPI_FREQ_FQUARTER) {
            *o++ = ' ';
            *o++ = 'Q';
            o = put_digits(o, floor_mod(p.ordinal, 4) + 1, 1);
        }
        break;
    default: return 0;
    }
    size_t n = (size_t)(o - text);
    if (n >= size)
        return 0;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return n;
}

kpi_period
kpi_period_shift(kpi_period p, int32_t n)
{
    p.ordinal = clamp32((int64_t)p.ordinal + n);
    return p;
}

int32_t
kpi_period_per_year(kpi_freq freq)
{
    switch (freq) {
    case KPI_FREQ_DAY: return 365;
    case KPI_FREQ_MONTH: return 12;
    case KPI_FREQ_QUARTER:
    case KPI_FREQ_FQUARTER: return 4;
    case KPI_FREQ_YEAR:
    case KPI_FREQ_FYEAR: return 1;
    default: return 0;
    }
}

kpi_period
kpi_period_year_ago(kpi_period p)
{
    if (p.freq != KPI_FREQ_DAY)
        return kpi_period_shift(p, -kpi_period_per_year(p.freq));
    int64_t y;
    int month, mday;
    civil_from_days(p.ordinal, &y, &month, &mday);
    /* A year before 29 February has no 29 February; the 28th keeps the
     * comparison inside the same month. */
    if (month == 2 && mday == 29)
        mday = 28;
    p.ordinal = clamp32(days_from_civil(y - 1, month, mday));
    return p;
}

int32_t
kpi_period_diff(kpi_period a, kpi_period b)
{
    assert(a.freq == b.freq);
    return clamp32((int64_t)b.ordinal - a.ordinal);
}

int
kpi_period_cmp(kpi_period a, kpi_period b)
{
    if (a.freq != b.freq)
        return a.freq < b.freq ? -1 : 1;
    if (a.ordinal != b.ordinal)
        return a.ordinal < b.ordinal ? -1 : 1;
    return 0;
}

static bool
is_period_freq(kpi_freq f)
{
    return f > KPI_FREQ_NONE && f < KPI_FREQ_LAST;
}

bool
kpi_period_can_convert(kpi_freq from, kpi_freq to, int fy_start)
{
    assert(fy_start >= 1 && fy_start <= 12);
    if (!is_period_freq(from) || !is_period_freq(to))
        return false;
    if (from == to)
        return true;
    switch (from) {
    case KPI_FREQ_DAY: return true;
    case KPI_FREQ_MONTH: return to != KPI_FREQ_DAY;
    case KPI_FREQ_QUARTER:
        /* Calendar quarters sit inside financial ones only when the
         * financial year starts on a quarter boundary. */
        return to == KPI_FREQ_YEAR ||
               ((to == KPI_FREQ_FYEAR || to == KPI_FREQ_FQUARTER) && fy_start % 3 == 1);
    case KPI_FREQ_FQUARTER: return to == KPI_FREQ_FYEAR;
    default: return false;
    }
}

kpi_status
kpi_period_convert(kpi_period p, kpi_freq to, int fy_start, kpi_period *out, kpi_error *err)
{
    assert(out);
    if (!kpi_period_can_convert(p.freq, to, fy_start)) {
        if (p.freq == KPI_FREQ_QUARTER && (to == KPI_FREQ_FYEAR || to == KPI_FREQ_FQUARTER))
            return kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                                 "expected a financial year starting in month 1, 4, 7 or 10 to "
                                 "convert quarters to %s, found month %d",
                                 kpi_freq_name(to), fy_start);
        return kpi_error_set(err, KPI_EFREQ, NULL, 0, 0,
                             "expected a frequency that %s periods fit into, found '%s'",
                             kpi_freq_name(p.freq), kpi_freq_name(to));
    }
    if (p.freq == to) {
        *out = p;
        return KPI_OK;
    }
    if (p.freq == KPI_FREQ_FQUARTER) {
        *out = (kpi_period){KPI_FREQ_FYEAR, floor_div(p.ordinal, 4)};
        return KPI_OK;
    }

    /* Day, month and quarter all reduce to a calendar month inside them:
     * every coarser period that contains that month contains them. */
    int64_t y;
    int month;
    if (p.freq == KPI_FREQ_DAY) {
        int mday;
        civil_from_days(p.ordinal, &y, &month, &mday);
    } else if (p.freq == KPI_FREQ_MONTH) {
        y = floor_div(p.ordinal, 12);
        month = floor_mod(p.ordinal, 12) + 1;
    } else {
        y = floor_div(p.ordinal, 4);
        month = floor_mod(p.ordinal, 4) * 3 + 1;
    }
    int64_t fy = month >= fy_start ? y : y - 1;
    int64_t ordinal;
    switch (to) {
    case KPI_FREQ_MONTH: ordinal = y * 12 + (month - 1); break;
    case KPI_FREQ_QUARTER: ordinal = y * 4 + (month - 1) / 3; break;
    case KPI_FREQ_YEAR: ordinal = y; break;
    case KPI_FREQ_FYEAR: ordinal = fy; break;
    default: ordinal = fy * 4 + (month - fy_start + 12) % 12 / 3; break;
    }
    *out = (kpi_period){to, clamp32(ordinal)};
    return KPI_OK;
}

/* The days of `months` calendar months starting with month m of year y. */
static void
month_span(int64_t y, int m, int months, kpi_period *first, kpi_period *last)
{
    int64_t end = y * 12 + (m - 1) + months;
    int64_t end_y = floor_div(end, 12);
    int end_m = floor_mod(end, 12) + 1;
    *first = (kpi_period){KPI_FREQ_DAY, clamp32(days_from_civil(y, m, 1))};
    *last = (kpi_period){KPI_FREQ_DAY, clamp32(days_from_civil(end_y, end_m, 1) - 1)};
}

void
kpi_period_days(kpi_period p, int fy_start, kpi_period *first, kpi_period *last)
{
    assert(is_period_freq(p.freq));
    assert(fy_start >= 1 && fy_start <= 12);
    assert(first && last);
    switch (p.freq) {
    case KPI_FREQ_DAY: *first = *last = p; break;
    case KPI_FREQ_MONTH:
        month_span(floor_div(p.ordinal, 12), floor_mod(p.ordinal, 12) + 1, 1, first, last);
        break;
    case KPI_FREQ_QUARTER:
        month_span(floor_div(p.ordinal, 4), floor_mod(p.ordinal, 4) * 3 + 1, 3, first, last);
        break;
    case KPI_FREQ_YEAR: month_span(p.ordinal, 1, 12, first, last); break;
    case KPI_FREQ_FYEAR: month_span(p.ordinal, fy_start, 12, first, last); break;
    default: {
        /* Month index from the start of the financial year's calendar year;
         * Q4 of a year starting in April begins in January of the next. */
        int start = fy_start - 1 + floor_mod(p.ordinal, 4) * 3;
        month_span(floor_div(p.ordinal, 4) + start / 12, start % 12 + 1, 3, first, last);
        break;
    }
    }
}

const char *
kpi_freq_name(kpi_freq freq)
{
    if ((int)freq < 0 || freq >= KPI_FREQ_LAST)
        return freq_names[KPI_FREQ_NONE];
    return freq_names[freq];
}

kpi_status
kpi_freq_parse(const char *name, kpi_freq *out, kpi_error *err)
{
    static const struct {
        const char *name;
        kpi_freq freq;
    } names[] = {
        {"day", KPI_FREQ_DAY},           {"month", KPI_FREQ_MONTH}, {"quarter", KPI_FREQ_QUARTER},
        {"year", KPI_FREQ_YEAR},         {"fy", KPI_FREQ_FYEAR},    {"fyear", KPI_FREQ_FYEAR},
        {"fquarter", KPI_FREQ_FQUARTER}, {"fq", KPI_FREQ_FQUARTER},
    };
    assert(name && out);
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (equals_word(name, len, names[i].name)) {
            *out = names[i].freq;
            return KPI_OK;
        }
    }
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                         "expected day, month, quarter, year, fy or fquarter, found '%.*s%s'",
                         (int)(len > FOUND_MAX ? FOUND_MAX : len), name,
                         len > FOUND_MAX ? "..." : "");
}
