/* strtod_l is a glibc/BSD extension: glibc declares it under _GNU_SOURCE. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "kpi/value.h"

#include <assert.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest text the parser converts: every digit an analyst could mean,
 * with room to spare, so the clean copy fits on the stack. */
#define MAX_NUMBER_TEXT 400

/* Longest quotation of bad input in a message, so the message keeps its
 * tail (the hint) inside KPI_ERROR_MESSAGE_MAX. */
#define MAX_QUOTE 120

/* Where fixed output gives way to the exponent form. */
#define FIXED_LIMIT 1e15

/* One C locale for the whole process, created on first use.  Two threads
 * may race to create it: the loser frees its copy, so the pointer is
 * published exactly once without a lock. */
static _Atomic(locale_t) c_locale_obj;

static locale_t
c_locale(void)
{
    locale_t loc = atomic_load(&c_locale_obj);
    if (loc)
        return loc;
    locale_t made = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!made)
        return (locale_t)0;
    locale_t expected = (locale_t)0;
    if (!atomic_compare_exchange_strong(&c_locale_obj, &expected, made)) {
        freelocale(made);
        return expected;
    }
    return made;
}

/* ---- parsing ----------------------------------------------------------- */

static bool
is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void
trim(const char **text, size_t *len)
{
    const char *s = *text;
    size_t n = *len;
    while (n && is_space(*s)) {
        s++;
        n--;
    }
    while (n && is_space(s[n - 1]))
        n--;
    *text = s;
    *len = n;
}

static char
ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
equal_nocase(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}

static const char *const builtin_missing[] = {"NA", "N/A", "..", "-", ":"};

/* Whether s[0..n) (already trimmed) is a missing marker; sets *kind. */
static bool
match_marker(const char *s, size_t n, const kpi_value_markers *markers, kpi_value_kind *kind)
{
    if (n == 0) {
        *kind = KPI_VALUE_MISSING;
        return true;
    }
    if (n == 1 && *s == '*') {
        *kind = KPI_VALUE_SUPPRESSED;
        return true;
    }
    for (size_t i = 0; i < sizeof builtin_missing / sizeof builtin_missing[0]; i++) {
        if (equal_nocase(s, n, builtin_missing[i], strlen(builtin_missing[i]))) {
            *kind = KPI_VALUE_MISSING;
            return true;
        }
    }
    if (!markers)
        return false;
    for (size_t i = 0; i < markers->n_extra; i++) {
        const char *m = markers->extra[i];
        assert(m != NULL);
        size_t mn = strlen(m);
        trim(&m, &mn);
        if (equal_nocase(s, n, m, mn)) {
            *kind = KPI_VALUE_MISSING;
            return true;
        }
    }
    return false;
}

static const struct {
    const char *text;
    kpi_unit unit;
} currencies[] = {
    {"\xC2\xA3", KPI_UNIT_GBP},
    {"$", KPI_UNIT_USD},
    {"\xE2\x82\xAC", KPI_UNIT_EUR},
};

static size_t
match_currency(const char *s, size_t n, kpi_unit *unit)
{
    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
        size_t cn = strlen(currencies[i].text);
        if (n >= cn && memcmp(s, currencies[i].text, cn) == 0) {
            *unit = currencies[i].unit;
            return cn;
        }
    }
    return 0;
}

static size_t
count_digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k]))
        k++;
    return k;
}

/* How a decimal mark writes numbers: the mark, the thousands separators
 * it allows (one of them throughout a number), and what to say when a
 * number is written the other way. */
typedef struct notation {
    char point;
    const char *groups;
    const char *group_hint;
    const char *point_hint;
} notation;

static const notation notations[] = {
    [KPI_DECIMAL_POINT] = {'.', ",",
                           "',' must separate groups of three digits; a decimal comma is read "
                           "with the decimal_comma option",
                           "the decimal point is '.', and ',' only separates thousands; a "
                           "decimal comma is read with the decimal_comma option"},
    [KPI_DECIMAL_COMMA] = {',', ". ", "'.' or a space must separate groups of three digits",
                           "the decimal mark is ',', and '.' or a space only separates "
                           "thousands"},
};

/* The grammar, checked by hand so that no library routine gets to apply
 * the process locale:
 *
 *   [sign] [currency [sign]] int-part [ point digits ] [exponent] ['%']
 *
 * with at most one sign.  int-part is plain digits, or 1-3 digits followed
 * by groups of three, each after a thousands separator; at least one digit
 * must appear before or after the point (".5" and "5." are both numbers).
 * The point is '.' and the separator ',', or with a decimal comma the
 * point is ',' and the separator '.' or a space.  An exponent ("0.4297E-03", as
 * NIST StRD files write) is allowed only without separators, where it
 * cannot be mistaken for a grouped figure.  A currency and a percent
 * together name two units at once and are refused.  The digits, point and
 * exponent are copied to buf without separators, ready for strtod_l.
 * Returns false with *hint set (possibly NULL) when the text does not fit. */
static bool
scan_number(const char *s, size_t n, const notation *nt, char *buf, kpi_unit *unit, int *decimals,
            const char **hint)
{
    size_t i = 0, o = 0;
    bool sign = false;
    *unit = KPI_UNIT_PLAIN;
    *hint = NULL;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        buf[o++] = s[i++];
        sign = true;
    }
    size_t cur = match_currency(s + i, n - i, unit);
    if (cur) {
        i += cur;
        if (!sign && i < n && (s[i] == '+' || s[i] == '-'))
            buf[o++] = s[i++];
    }

    size_t lead = count_digits(s + i, n - i);
    memcpy(buf + o, s + i, lead);
    o += lead;
    i += lead;
    char sep = i < n && s[i] && strchr(nt->groups, s[i]) ? s[i] : 0;
    bool grouped = sep != 0;
    if (grouped && (lead == 0 || lead > 3)) {
        *hint = nt->group_hint;
        return false;
    }
    while (grouped && i < n && s[i] == sep) {
        size_t g = count_digits(s + i + 1, n - i - 1);
        if (g != 3) {
            *hint = nt->group_hint;
            return false;
        }
        memcpy(buf + o, s + i + 1, 3);
        o += 3;
        i += 4;
    }

    size_t frac = 0;
    if (i < n && s[i] == nt->point) {
        buf[o++] = '.';
        i++;
        frac = count_digits(s + i, n - i);
        memcpy(buf + o, s + i, frac);
        o += frac;
        i += frac;
        if (i < n && s[i] && strchr(nt->groups, s[i])) {
            *hint = nt->point_hint;
            return false;
        }
    }
    if (lead == 0 && frac == 0)
        return false;

    if (i < n && (s[i] == 'e' || s[i] == 'E') && !grouped) {
        buf[o++] = 'e';
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            buf[o++] = s[i++];
        size_t ed = count_digits(s + i, n - i);
        if (ed == 0)
            return false;
        memcpy(buf + o, s + i, ed);
        o += ed;
        i += ed;
    }

    if (i < n && s[i] == '%') {
        if (*unit != KPI_UNIT_PLAIN) {
            *hint = "a currency and a percent cannot be combined";
            return false;
        }
        *unit = KPI_UNIT_PERCENT;
        i++;
    }
    if (i != n)
        return false;
    buf[o] = '\0';
    *decimals = (int)frac;
    return true;
}

/* Quote at most MAX_QUOTE bytes, cut on a UTF-8 character boundary. */
static int
quote_len(const char *s, size_t n, bool *cut)
{
    *cut = n > MAX_QUOTE;
    if (!*cut)
        return (int)n;
    size_t k = MAX_QUOTE;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return (int)k;
}

static kpi_status
bad_value(kpi_error *err, const char *s, size_t n, const char *hint)
{
    bool cut;
    int q = quote_len(s, n, &cut);
    return kpi_error_set(err, KPI_EVALUE, NULL, 0, 0,
                         "expected a number or a missing marker, found '%.*s%s'%s%s%s", q, s,
                         cut ? "..." : "", hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
}

/* The common case without strtod: a clean "[-]digits[.digits]" of at most
 * 15 digits.  Its digits form an integer below 2^53 and 10^decimals is
 * exact, so one IEEE division rounds correctly, exactly as strtod would. */
static bool
exact_decimal(const char *buf, double *out)
{
    static const double p10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *p = buf;
    bool neg = *p == '-';
    p += neg || *p == '+';
    uint64_t m = 0;
    int digits = 0, decimals = -1;
    for (; *p; p++) {
        if (*p == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (!is_digit(*p) || ++digits > 15)
            return false;
        m = m * 10 + (uint64_t)(*p - '0');
        if (decimals >= 0)
            decimals++;
    }
    if (digits == 0)
        return false;
    double x = (double)m / p10[decimals > 0 ? decimals : 0];
    *out = neg ? -x : x;
    return true;
}

/* The digits of a scanned number: 0.DIGITS x 10^point, without leading
 * zeros (trailing zeros as written count), and how many decimals the
 * writing gave it (negative for "15e3"). */
typedef struct written {
    const char *digits; /* points into the scanned text; not terminated */
    int n;
    long point;
    long decimals;
} written;

#define TOO_LARGE "too large: kpi reads numbers below 1e15 in magnitude"
#define TOO_SMALL "too small: kpi keeps 15 decimals, and this rounds to zero"

/* Exponents are clamped here: far beyond any range check, far from
 * overflowing a long when digit counts are added. */
#define EXPONENT_CLAMP 100000L

static void
read_written(const char *buf, written *w)
{
    const char *p = buf + (*buf == '-' || *buf == '+');
    long int_digits = (long)count_digits(p, strlen(p));
    const char *frac = p + int_digits + (p[int_digits] == '.');
    long frac_digits = (long)count_digits(frac, strlen(frac));
    const char *e = frac + frac_digits;
    long exp = 0;
    if (*e == 'e') {
        bool neg = e[1] == '-';
        for (e += 1 + (e[1] == '-' || e[1] == '+'); is_digit(*e); e++)
            if (exp < EXPONENT_CLAMP)
                exp = exp * 10 + (*e - '0');
        exp = neg ? -exp : exp;
    }
    w->decimals = frac_digits - exp;
    /* Skip leading zeros across the point; the point moves left with each
     * one skipped after it. */
    long point = int_digits + exp, k = 0;
    const char *d = p;
    for (; k < int_digits && *d == '0'; k++, d++)
        point--;
    if (k == int_digits && p[int_digits] == '.') {
        d = frac;
        for (long j = 0; j < frac_digits && *d == '0'; j++, d++)
            point--;
    }
    w->digits = d;
    w->point = point;
    w->n = 0;
    for (const char *q = d; is_digit(*q) || (*q == '.' && q == p + int_digits); q++)
        w->n += *q != '.';
}

/* Fit a non-zero number written with more than KPI_VALUE_MAX_DIGITS
 * significant digits or decimals into the range (value.h): round it half
 * away from zero at the last digit kept, as spreadsheets do, then read
 * the rounded digits.  Its decimals are those of the rounded figure, so
 * "0.30000000000000004" counts as "0.3".  NULL, or the reason the number
 * is out of range. */
static const char *
fit_range(const written *w, bool negative, locale_t loc, kpi_value *v)
{
    if (w->point > KPI_VALUE_MAX_DIGITS)
        return TOO_LARGE;
    long keep = w->point + KPI_VALUE_MAX_DIGITS;
    if (keep < 0)
        return TOO_SMALL;
    if (keep > KPI_VALUE_MAX_DIGITS)
        keep = KPI_VALUE_MAX_DIGITS;
    if (keep > w->n)
        keep = w->n;
    char d[KPI_VALUE_MAX_DIGITS + 1];
    long point = w->point;
    int n = 0;
    const char *next = w->digits;
    for (; n < keep; next++)
        if (*next != '.')
            d[n++] = *next;
    if (keep < w->n) {
        if (*next == '.')
            next++;
        if (*next >= '5') {
            int i = n - 1;
            while (i >= 0 && d[i] == '9')
                d[i--] = '0';
            if (i >= 0) {
                d[i]++;
            } else {
                d[0] = '1';
                n = 1;
                point++;
            }
        }
    }
    while (n > 0 && d[n - 1] == '0')
        n--;
    if (n == 0)
        return TOO_SMALL;
    if (point > KPI_VALUE_MAX_DIGITS)
        return TOO_LARGE;
    char text[KPI_VALUE_MAX_DIGITS + 32];
    snprintf(text, sizeof text, "%s0.%.*se%ld", negative ? "-" : "", n, d, point);
    v->number = strtod_l(text, NULL, loc);
    v->decimals = n > point ? (int)(n - point) : 0;
    return NULL;
}

kpi_status
kpi_value_parse(const char *text, size_t len, const kpi_value_markers *markers, kpi_value *out,
                kpi_error *err)
{
    return kpi_value_parse_mark(text, len, markers, KPI_DECIMAL_POINT, out, err);
}

kpi_status
kpi_value_parse_mark(const char *text, size_t len, const kpi_value_markers *markers,
                     kpi_decimal_mark mark, kpi_value *out, kpi_error *err)
{
    assert(mark == KPI_DECIMAL_POINT || mark == KPI_DECIMAL_COMMA);
    const char *s = text;
    size_t n = len;
    trim(&s, &n);

    kpi_value v = {.kind = KPI_VALUE_NUMBER, .unit = KPI_UNIT_PLAIN, .number = 0.0, .decimals = 0};
    if (match_marker(s, n, markers, &v.kind)) {
        *out = v;
        return KPI_OK;
    }
    if (n > MAX_NUMBER_TEXT)
        return bad_value(err, s, n, "too long for a number");

    char buf[MAX_NUMBER_TEXT + 2];
    const char *hint;
    if (!scan_number(s, n, &notations[mark], buf, &v.unit, &v.decimals, &hint))
        return bad_value(err, s, n, hint);

    if (exact_decimal(buf, &v.number)) {
        *out = v;
        return KPI_OK;
    }
    locale_t loc = c_locale();
    if (!loc)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0,
                             "out of memory creating the C locale for numbers");
    written w;
    read_written(buf, &w);
    if (w.n == 0) {
        /* Zero in any notation ("0e5", "0.000"): its decimals as written,
         * at most the 15 kpi keeps. */
        v.number = 0.0;
        v.decimals = w.decimals < 0                      ? 0
                     : w.decimals > KPI_VALUE_MAX_DIGITS ? KPI_VALUE_MAX_DIGITS
                                                         : (int)w.decimals;
    } else if (w.n <= KPI_VALUE_MAX_DIGITS && w.decimals <= KPI_VALUE_MAX_DIGITS &&
               w.point <= KPI_VALUE_MAX_DIGITS) {
        /* The grammar guarantees strtod_l consumes all of buf, and the
         * checks above keep it inside the range. */
        v.number = strtod_l(buf, NULL, loc);
        v.decimals = w.decimals < 0 ? 0 : (int)w.decimals;
    } else {
        const char *why = fit_range(&w, buf[0] == '-', loc, &v);
        if (why)
            return bad_value(err, s, n, why);
    }
    *out = v;
    return KPI_OK;
}

/* ---- formatting -------------------------------------------------------- */

/* A decimal magnitude: 0.DIGITS x 10^point, digits without leading or
 * trailing zeros; n == 0 is zero.  17 significant digits always identify
 * a double, so 18 bytes hold any shortest form plus a rounding carry. */
typedef struct decimal {
    char digits[24];
    int n;
    int point;
} decimal;

static void
strip_zeros(decimal *d)
{
    while (d->n > 0 && d->digits[d->n - 1] == '0')
        d->n--;
}

/* Digits of |x| at `prec` significant digits.  printf's "%e" writes the
 * locale's radix character, so only the digits and the exponent are read
 * out of it and the process locale never shows in the result. */
static void
decimal_from_e(double ax, int prec, decimal *d)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, ax);
    const char *p = tmp;
    d->n = 0;
    while (*p && *p != 'e') {
        if (is_digit(*p))
            d->digits[d->n++] = *p;
        p++;
    }
    d->point = atoi(p + 1) + 1;
    strip_zeros(d);
}

/* Read d back as a double through the C locale; false when that locale
 * cannot be had. */
static bool
decimal_to_double(const decimal *d, double *out)
{
    locale_t loc = c_locale();
    if (!loc)
        return false;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "0.%.*se%d", d->n, d->digits, d->point);
    *out = d->n ? strtod_l(tmp, NULL, loc) : 0.0;
    return true;
}

/* The shortest digits that read back as |x| (x finite).  Whole numbers
 * below 2^53, the common case of counts, are exact and need no printf.
 * Otherwise, any two decimals of at most DBL_DIG (15) significant digits
 * are distinct doubles, so when the 15-digit form reads back, its digits
 * without trailing zeros are the shortest; 16 or 17 digits are tried only
 * when it does not (subnormals search from one digit).  Without a C locale to check round trips, 17 digits
 * are used: they always round-trip. */
static void
decimal_shortest(double x, decimal *d)
{
    double ax = fabs(x);
    if (ax == 0.0) {
        d->n = 0;
        d->point = 0;
        return;
    }
    if (ax < KPI_VALUE_EXACT_LIMIT && ax == floor(ax)) {
        char rev[20];
        int n = 0;
        for (unsigned long long v = (unsigned long long)ax; v; v /= 10)
            rev[n++] = (char)('0' + v % 10);
        for (int i = 0; i < n; i++)
            d->digits[i] = rev[n - 1 - i];
        d->n = n;
        d->point = n;
        strip_zeros(d);
        return;
    }
    /* Subnormals carry fewer digits than DBL_DIG, so they search from one. */
    for (int prec = ax < DBL_MIN ? 1 : 15; prec < 17; prec++) {
        decimal_from_e(ax, prec, d);
        double back;
        if (!decimal_to_double(d, &back))
            break;
        if (back == ax)
            return;
    }
    decimal_from_e(ax, 17, d);
}

/* Round half away from zero, keeping `places` digits after the point.
 * The digits are the magnitude, so rounding the magnitude up is rounding
 * away from zero whatever the sign. */
static void
decimal_round(decimal *d, int places)
{
    int keep = d->point + places;
    if (keep >= d->n)
        return;
    if (keep < 0 || (keep == 0 && d->digits[0] < '5')) {
        d->n = 0;
        return;
    }
    bool up = d->digits[keep] >= '5';
    d->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && d->digits[i] == '9')
            d->digits[i--] = '0';
        if (i >= 0) {
            d->digits[i]++;
        } else {
            d->digits[0] = '1';
            d->n = 1;
            d->point++;
        }
    }
    strip_zeros(d);
}

/* |x| * 10^places rounded half away from zero, when that can be read off
 * the binary value: it is a whole number below 2^53 already, or it lies
 * below 2^31, where its error is under 1e-6, well inside the 1e-5 kept
 * from a tie.  False near ties ("2.675"), which need the decimal digits. */
static bool
scaled_integer(double x, int places, uint64_t *out)
{
    /* Every power up to 1e22 is exact, so y is |x| * 10^places rounded
     * once. */
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (places < 0 || places > 22)
        return false;
    double y = fabs(x) * p10[places], fl = floor(y);
    if (y == fl && y < KPI_VALUE_EXACT_LIMIT) {
        *out = (uint64_t)y;
        return true;
    }
    if (y < 2147483648.0 && fabs(y - fl - 0.5) > 1e-5) {
        *out = (uint64_t)fl + (y - fl > 0.5);
        return true;
    }
    return false;
}

/* The digits of x rounded half away from zero to `places` decimals, as
 * the decimal value that x prints as.  Away from a tie the binary value
 * rounds the same way; only near-ties go through the shortest digits. */
static void
rounded_digits(double x, int places, decimal *d)
{
    uint64_t r;
    if (scaled_integer(x, places, &r)) {
        char rev[24];
        int n = 0;
        for (; r; r /= 10)
            rev[n++] = (char)('0' + r % 10);
        for (int i = 0; i < n; i++)
            d->digits[i] = rev[n - 1 - i];
        d->n = n;
        d->point = n - places;
        strip_zeros(d);
        if (d->n == 0)
            d->point = 0;
        return;
    }
    decimal_shortest(x, d);
    decimal_round(d, places);
}

/* Copy the text in tmp[0..n) out like snprintf does. */
static size_t
emit(const char *tmp, size_t n, char *buf, size_t size)
{
    if (size > 0) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, tmp, k);
        buf[k] = '\0';
    }
    return n;
}

static size_t
format_special(double x, char *buf, size_t size)
{
    const char *t = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
    return emit(t, strlen(t), buf, size);
}

/* Plain notation covers 1e-6 <= |x| < 1e15.  Smaller magnitudes use the
 * exponent form ("2.5e-7"): written out plainly, the smallest doubles
 * would need over 300 digits and break the 32-byte promise.  At 1e15 and
 * beyond, doubles stop holding every integer, so the exponent form says
 * honestly how many digits are meant. */
/* d (the digits of a magnitude) with a minus sign when negative, in
 * kpi_value_format's notation. */
static size_t
format_decimal(bool negative, const decimal *d, char *buf, size_t size)
{
    char tmp[40];
    size_t o = 0;
    if (d->n == 0)
        return emit("0", 1, buf, size);
    if (negative)
        tmp[o++] = '-';
    if (d->point < -5 || d->point > 15) {
        tmp[o++] = d->digits[0];
        if (d->n > 1) {
            tmp[o++] = '.';
            memcpy(tmp + o, d->digits + 1, (size_t)d->n - 1);
            o += (size_t)d->n - 1;
        }
        o += (size_t)snprintf(tmp + o, sizeof tmp - o, "e%d", d->point - 1);
    } else if (d->point <= 0) {
        tmp[o++] = '0';
        tmp[o++] = '.';
        for (int i = 0; i < -d->point; i++)
            tmp[o++] = '0';
        memcpy(tmp + o, d->digits, (size_t)d->n);
        o += (size_t)d->n;
    } else {
        for (int i = 0; i < d->point; i++)
            tmp[o++] = i < d->n ? d->digits[i] : '0';
        if (d->n > d->point) {
            tmp[o++] = '.';
            memcpy(tmp + o, d->digits + d->point, (size_t)(d->n - d->point));
            o += (size_t)(d->n - d->point);
        }
    }
    return emit(tmp, o, buf, size);
}

size_t
kpi_value_format(double x, char *buf, size_t size)
{
    if (!isfinite(x))
        return format_special(x, buf, size);
    decimal d;
    decimal_shortest(x, &d);
    return format_decimal(x < 0, &d, buf, size);
}

/* Write r / 10^decimals with its sign: the fast path of fixed output,
 * once per number in every table. */
static size_t
fixed_from_integer(bool negative, uint64_t r, int decimals, bool thousands, char *buf, size_t size)
{
    /* Written from the last digit back, so the text ends at tmp's end. */
    char tmp[64];
    char *p = tmp + sizeof tmp;
    bool zero = r == 0;
    for (int k = 0; k < decimals; k++, r /= 10)
        *--p = (char)('0' + r % 10);
    if (decimals)
        *--p = '.';
    int int_digits = 0;
    do {
        if (thousands && int_digits && int_digits % 3 == 0)
            *--p = ',';
        *--p = (char)('0' + r % 10);
        r /= 10;
        int_digits++;
    } while (r);
    /* A value that rounds to zero prints unsigned, as in the slow path. */
    if (negative && !zero)
        *--p = '-';
    return emit(p, (size_t)(tmp + sizeof tmp - p), buf, size);
}

size_t
kpi_value_format_fixed(double x, int decimals, bool thousands, char *buf, size_t size)
{
    if (!isfinite(x))
        return format_special(x, buf, size);
    if (fabs(x) >= FIXED_LIMIT)
        return kpi_value_format(x, buf, size);
    decimals = decimals < 0 ? 0 : decimals > KPI_VALUE_MAX_DIGITS ? KPI_VALUE_MAX_DIGITS : decimals;
    uint64_t r;
    if (scaled_integer(x, decimals, &r))
        return fixed_from_integer(x < 0, r, decimals, thousands, buf, size);
    decimal d;
    rounded_digits(x, decimals, &d);

    char tmp[KPI_VALUE_TEXT_MAX];
    size_t o = 0;
    /* A value that rounds to zero prints unsigned: "-0.0" would claim a
     * direction the published figure does not have. */
    if (x < 0 && d.n > 0)
        tmp[o++] = '-';
    int int_digits = d.point > 0 ? d.point : 1;
    for (int i = 0; i < int_digits; i++) {
        if (thousands && i > 0 && (int_digits - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = d.point > 0 && i < d.n ? d.digits[i] : '0';
    }
    if (decimals > 0) {
        tmp[o++] = '.';
        for (int k = 0; k < decimals; k++) {
            int idx = d.point + k;
            tmp[o++] = idx >= 0 && idx < d.n ? d.digits[idx] : '0';
        }
    }
    return emit(tmp, o, buf, size);
}

/* A negative count of decimals falls out of the same digit arithmetic:
 * -2 rounds to hundreds. */
double
kpi_value_round(double x, int decimals)
{
    if (!isfinite(x))
        return x;
    decimal d;
    rounded_digits(x, decimals, &d);
    double r;
    if (!decimal_to_double(&d, &r)) {
        /* No C locale to read the digits back: round the binary value,
         * which differs only on ties that the binary value misses. */
        double scale = pow(10.0, decimals);
        r = floor(fabs(x) * scale + 0.5) / scale;
    }
    if (r == 0.0)
        return 0.0;
    return x < 0 ? -r : r;
}

int
kpi_value_sig_decimals(double x, int digits)
{
    if (x == 0 || !isfinite(x))
        return 0;
    int d = digits - 1 - (int)floor(log10(fabs(x)));
    return d < 0 ? 0 : d > 15 ? 15 : d;
}

/* Rounding to `digits` and printing the double that comes back prints
 * the rounded digits themselves, as long as that double is a normal one
 * (at most 17 digits always read back, and subnormals hold fewer): so
 * those digits are written directly, without the trip through a double
 * and its shortest form (two printf and two strtod calls, which were a
 * quarter of kpi change --test). */
size_t
kpi_value_format_sig(double x, int digits, char *buf, size_t size)
{
    if (x != 0 && isfinite(x)) {
        int magnitude = (int)floor(log10(fabs(x)));
        int places = digits - 1 - magnitude;
        if (digits <= DBL_DIG && c_locale()) {
            decimal d;
            rounded_digits(x, places, &d);
            if (d.n == 0 || (d.point > DBL_MIN_10_EXP && d.point <= DBL_MAX_10_EXP))
                return format_decimal(x < 0, &d, buf, size);
        }
        x = kpi_value_round(x, places);
    }
    return kpi_value_format(x, buf, size);
}

/* ---- units ------------------------------------------------------------- */

static const struct {
    const char *symbol;
    const char *name;
    bool prefix;
} units[] = {
    {"", "plain", false}, {"%", "percent", false},       {"\xC2\xA3", "gbp", true},
    {"$", "usd", true},   {"\xE2\x82\xAC", "eur", true},
};

_Static_assert(sizeof units / sizeof units[0] == KPI_UNIT_LAST,
               "units must have one entry per kpi_unit");

const char *
kpi_unit_symbol(kpi_unit unit, bool *prefix)
{
    bool known = (int)unit >= 0 && unit < KPI_UNIT_LAST;
    if (prefix)
        *prefix = known && units[unit].prefix;
    return known ? units[unit].symbol : "";
}

const char *
kpi_unit_name(kpi_unit unit)
{
    if ((int)unit < 0 || unit >= KPI_UNIT_LAST)
        return "unknown";
    return units[unit].name;
}
