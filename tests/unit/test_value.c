/* Tests of value parsing and formatting: every written form, every missing
 * marker, every refusal, round trips and published rounding. */
#include "harness.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi/value.h"

/* UTF-8 currency signs, kept apart so that a digit after them is not read
 * as part of a hex escape. */
#define GBP "\xC2\xA3"
#define EUR "\xE2\x82\xAC"

static kpi_value
parse_mark_ok(const char *text, const kpi_value_markers *markers, kpi_decimal_mark mark)
{
    kpi_value v;
    kpi_error err;
    kpi_error_clear(&err);
    kpi_status st = kpi_value_parse_mark(text, strlen(text), markers, mark, &v, &err);
    if (st != KPI_OK)
        fprintf(stderr, "parsing '%s': %s\n", text, err.message);
    assert_int_equal(st, KPI_OK);
    return v;
}

static kpi_value
parse_ok(const char *text, const kpi_value_markers *markers)
{
    return parse_mark_ok(text, markers, KPI_DECIMAL_POINT);
}

static void
check_number_mark(const char *text, kpi_decimal_mark mark, double number, int decimals,
                  kpi_unit unit)
{
    kpi_value v = parse_mark_ok(text, NULL, mark);
    assert_int_equal(v.kind, KPI_VALUE_NUMBER);
    if (v.number != number)
        fprintf(stderr, "'%s' read as %.17g, expected %.17g\n", text, v.number, number);
    assert_true(v.number == number);
    assert_int_equal(v.decimals, decimals);
    assert_int_equal(v.unit, unit);
}

static void
check_number(const char *text, double number, int decimals, kpi_unit unit)
{
    check_number_mark(text, KPI_DECIMAL_POINT, number, decimals, unit);
}

static void
check_comma(const char *text, double number, int decimals, kpi_unit unit)
{
    check_number_mark(text, KPI_DECIMAL_COMMA, number, decimals, unit);
}

static void
check_kind(const char *text, const kpi_value_markers *markers, kpi_value_kind kind)
{
    kpi_value v = parse_ok(text, markers);
    assert_int_equal(v.kind, kind);
}

/* Text is refused with KPI_EVALUE quoting it, and *out is left alone. */
static void
check_invalid(const char *text)
{
    kpi_value v = {
        .kind = KPI_VALUE_SUPPRESSED, .unit = KPI_UNIT_EUR, .number = 42.0, .decimals = 7};
    kpi_error err;
    kpi_error_clear(&err);
    char found[128];
    snprintf(found, sizeof found, "found '%s'", text);
    if (kpi_value_parse(text, strlen(text), NULL, &v, &err) != KPI_EVALUE)
        fprintf(stderr, "'%s' was accepted\n", text);
    assert_error(&err, KPI_EVALUE, 0, 0, found);
    assert_int_equal(v.kind, KPI_VALUE_SUPPRESSED);
    assert_true(v.number == 42.0);
}

static void
check_format(double x, const char *expected)
{
    char buf[32];
    size_t n = kpi_value_format(x, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_int_equal(n, strlen(expected));
}

static void
check_fixed(double x, int decimals, bool thousands, const char *expected)
{
    char buf[64];
    size_t n = kpi_value_format_fixed(x, decimals, thousands, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_int_equal(n, strlen(expected));
}

/* Plain integers, with either sign and surrounding spaces, read exactly. */
static void
test_value_parse_plain(void **state)
{
    (void)state;
    check_number("14766", 14766.0, 0, KPI_UNIT_PLAIN);
    check_number("0", 0.0, 0, KPI_UNIT_PLAIN);
    check_number("+5", 5.0, 0, KPI_UNIT_PLAIN);
    check_number("-5", -5.0, 0, KPI_UNIT_PLAIN);
    check_number("  42 \t", 42.0, 0, KPI_UNIT_PLAIN);
    check_number("007", 7.0, 0, KPI_UNIT_PLAIN);
}

/* Thousands separators in groups of three are read and dropped. */
static void
test_value_parse_thousands(void **state)
{
    (void)state;
    check_number("14,766", 14766.0, 0, KPI_UNIT_PLAIN);
    check_number("1,234,567", 1234567.0, 0, KPI_UNIT_PLAIN);
    check_number("-1,234.50", -1234.5, 2, KPI_UNIT_PLAIN);
    check_number("+999,000.125", 999000.125, 3, KPI_UNIT_PLAIN);
}

/* Decimals count the digits written after the point. */
static void
test_value_parse_decimals(void **state)
{
    (void)state;
    check_number("9.6", 9.6, 1, KPI_UNIT_PLAIN);
    check_number("0.125", 0.125, 3, KPI_UNIT_PLAIN);
    check_number("-0.001", -0.001, 3, KPI_UNIT_PLAIN);
    check_number("12.50", 12.5, 2, KPI_UNIT_PLAIN);
    check_number(".5", 0.5, 1, KPI_UNIT_PLAIN);
    check_number("-.25", -0.25, 2, KPI_UNIT_PLAIN);
    check_number("5.", 5.0, 0, KPI_UNIT_PLAIN);
}

/* A trailing percent keeps the figure as a percentage and notes the unit. */
static void
test_value_parse_percent(void **state)
{
    (void)state;
    check_number("9.6%", 9.6, 1, KPI_UNIT_PERCENT);
    check_number("-9.6%", -9.6, 1, KPI_UNIT_PERCENT);
    check_number("+12%", 12.0, 0, KPI_UNIT_PERCENT);
    check_number("1,250.5%", 1250.5, 1, KPI_UNIT_PERCENT);
}

/* £, $ and € are stripped and noted, with the sign on either side. */
static void
test_value_parse_currency(void **state)
{
    (void)state;
    check_number(GBP "101", 101.0, 0, KPI_UNIT_GBP);
    check_number("$5", 5.0, 0, KPI_UNIT_USD);
    check_number(EUR "3.5", 3.5, 1, KPI_UNIT_EUR);
    check_number(GBP "1,234.50", 1234.5, 2, KPI_UNIT_GBP);
    check_number("-" GBP "5", -5.0, 0, KPI_UNIT_GBP);
    check_number(GBP "-5", -5.0, 0, KPI_UNIT_GBP);
    check_number("+$1,000", 1000.0, 0, KPI_UNIT_USD);
    check_number("$+2", 2.0, 0, KPI_UNIT_USD);
    check_number(" -" EUR "0.99 ", -0.99, 2, KPI_UNIT_EUR);
}

/* Exponent forms as NIST StRD files write them are numbers, with the
 * decimals their value has ("0.4297E-03" is 0.0004297: 7). */
static void
test_value_parse_exponent(void **state)
{
    (void)state;
    check_number("0.4297E-03", 0.4297E-03, 7, KPI_UNIT_PLAIN);
    check_number("-2.5e-7", -2.5e-7, 8, KPI_UNIT_PLAIN);
    check_number("1e5", 1e5, 0, KPI_UNIT_PLAIN);
    check_number("1.5E+2", 150.0, 0, KPI_UNIT_PLAIN);
    check_number("0e999999999999999999", 0.0, 0, KPI_UNIT_PLAIN);
    check_number("0.00e-20", 0.0, 15, KPI_UNIT_PLAIN);
}

/* The edges of the range: 15 nines and one unit in the 15th decimal are
 * read exactly; one step beyond either is refused. */
static void
test_value_parse_range_edges(void **state)
{
    (void)state;
    check_number("999999999999999", 999999999999999.0, 0, KPI_UNIT_PLAIN);
    check_number("-999,999,999,999,999", -999999999999999.0, 0, KPI_UNIT_PLAIN);
    check_number("999999999999999e0", 999999999999999.0, 0, KPI_UNIT_PLAIN);
    check_number("0.000000000000001", 1e-15, 15, KPI_UNIT_PLAIN);
    check_number("-1e-15", -1e-15, 15, KPI_UNIT_PLAIN);
    check_number("0.123456789012345", 0.123456789012345, 15, KPI_UNIT_PLAIN);
    check_number("12345678901234.5", 12345678901234.5, 1, KPI_UNIT_PLAIN);
    /* Half of the 15th decimal rounds up into the range. */
    check_number("0.0000000000000005", 1e-15, 15, KPI_UNIT_PLAIN);
    check_number("9.99999999999999e14", 999999999999999.0, 0, KPI_UNIT_PLAIN);
    static const char *const outside[] = {"1e15",
                                          "1000000000000000",
                                          "-1,000,000,000,000,000",
                                          "999999999999999.5",
                                          "1e308",
                                          "-1e308",
                                          "1.7e308",
                                          "1e400",
                                          "0.0000000000000004",
                                          "1e-16",
                                          "1e-400",
                                          "4.9406564584124654e-324"};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
        check_invalid(outside[i]);
    kpi_value v;
    kpi_error err;
    assert_int_equal(kpi_value_parse("1e308", 5, NULL, &v, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 0, 0,
                 "found '1e308' (too large: kpi reads numbers below 1e15 in magnitude)");
    assert_int_equal(kpi_value_parse("1e-16", 5, NULL, &v, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 0, 0, "(too small: kpi keeps 15 decimals");
}

/* The stack overflow: 301 decimals, which once reached a fixed
 * formatter with 301 places.  It is below the range and refused. */
static void
test_value_parse_three_hundred_decimals(void **state)
{
    (void)state;
    char text[310] = "0.";
    memset(text + 2, '0', 300);
    strcpy(text + 302, "1");
    check_invalid(text);
    /* The same digits ending in a 1 at the 15th decimal are in range. */
    memcpy(text + 2 + 14, "1", 1);
    kpi_value v = parse_ok(text, NULL);
    assert_true(v.number == 1e-15);
    assert_int_equal(v.decimals, 15);
}

/* More than 15 significant digits are rounded to 15, half away from zero,
 * and count with the decimals of the rounded figure, so a pandas export
 * does not spread 17 decimals over its series. */
static void
test_value_parse_rounds_to_fifteen_digits(void **state)
{
    (void)state;
    check_number("0.30000000000000004", 0.3, 1, KPI_UNIT_PLAIN);
    check_number("-0.30000000000000004", -0.3, 1, KPI_UNIT_PLAIN);
    check_number("123.57452728304442", 123.574527283044, 12, KPI_UNIT_PLAIN);
    check_number("1.0000000000000000", 1.0, 0, KPI_UNIT_PLAIN);
    check_number("0.1234567890123456789", 0.123456789012346, 15, KPI_UNIT_PLAIN);
    check_number("99999999999999.99", 100000000000000.0, 0, KPI_UNIT_PLAIN);
    check_number("0.00000123456789012345678", 0.00000123456789, 14, KPI_UNIT_PLAIN);
    check_number("2.6666666666666665%", 2.66666666666667, 14, KPI_UNIT_PERCENT);
    check_number(GBP "1,234,567,890.123456789", 1234567890.12346, 5, KPI_UNIT_GBP);
}

/* Only len bytes are read: the text needs no terminating NUL. */
static void
test_value_parse_reads_only_len(void **state)
{
    (void)state;
    kpi_value v;
    kpi_error err;
    assert_int_equal(kpi_value_parse("12345", 3, NULL, &v, &err), KPI_OK);
    assert_true(v.number == 123.0);
    assert_int_equal(kpi_value_parse("NAN", 2, NULL, &v, &err), KPI_OK);
    assert_int_equal(v.kind, KPI_VALUE_MISSING);
}

/* Every built-in missing marker, in any case, is missing, never zero. */
static void
test_value_parse_missing_markers(void **state)
{
    (void)state;
    static const char *const missing[] = {"",    "   ", "NA", "na", "Na",   "N/A",
                                          "n/a", "..",  "-",  ":",  " NA ", "\t-\t"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
        check_kind(missing[i], NULL, KPI_VALUE_MISSING);
}

/* "*" is suppressed, apart from merely missing. */
static void
test_value_parse_suppressed(void **state)
{
    (void)state;
    check_kind("*", NULL, KPI_VALUE_SUPPRESSED);
    check_kind("  *  ", NULL, KPI_VALUE_SUPPRESSED);
    check_invalid("**");
}

/* Caller markers are missing too, trimmed and in any case. */
static void
test_value_parse_extra_markers(void **state)
{
    (void)state;
    static const char *const extra[] = {"x", " n.k. ", "0"};
    kpi_value_markers markers = {extra, 3};
    check_kind("x", &markers, KPI_VALUE_MISSING);
    check_kind(" X ", &markers, KPI_VALUE_MISSING);
    check_kind("N.K.", &markers, KPI_VALUE_MISSING);
    check_kind("0", &markers, KPI_VALUE_MISSING);
    check_kind("NA", &markers, KPI_VALUE_MISSING);
    check_kind("*", &markers, KPI_VALUE_SUPPRESSED);
    check_kind("12", &markers, KPI_VALUE_NUMBER);
    check_invalid("x");
    check_invalid("n.k.");
}

/* Everything else is KPI_EVALUE quoting the text found. */
static void
test_value_parse_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "inf",      "nan",      "-inf",       "0x10",   "1 000",   "14.766,0", "12abc", "--5",
        "+-5",      "%",        GBP,          "$",      "1,4766",  "14,76",    ",766",  "1,",
        "1,000,00", "1234,567", "-" GBP "-5", GBP "5%", "1,000e3", "1e",       "1e+",   "5-",
        "5" EUR,    ".",        "+",          "-.",     "5 %",     GBP " 5",   "1.2.3", "NA5",
        "***",      "N/",       "1e400",      "-1e400"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_invalid(bad[i]);
}

/* The message says what was expected and explains a misplaced separator. */
static void
test_value_parse_error_message(void **state)
{
    (void)state;
    kpi_value v;
    kpi_error err;
    assert_int_equal(kpi_value_parse(" 14.766,0 ", 10, NULL, &v, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 0, 0, "expected a number or a missing marker, found '14.766,0'");
    assert_non_null(strstr(err.message, "decimal point is '.'"));
    assert_string_equal(err.source, "");
    assert_int_equal(kpi_value_parse("1,4766", 6, NULL, &v, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 0, 0, "groups of three digits");
}

/* An absurdly long cell is refused with a shortened quotation. */
static void
test_value_parse_long_text(void **state)
{
    (void)state;
    char text[1000];
    memset(text, '1', sizeof text);
    kpi_value v;
    kpi_error err;
    assert_int_equal(kpi_value_parse(text, sizeof text, NULL, &v, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 0, 0, "111...'");
}

static const char *
comma_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8",  "fr_FR.UTF-8",
                                        "fr_FR.utf8",  "nl_NL.UTF-8", "de_DE"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_ALL, names[i]))
            return names[i];
    return NULL;
}

/* A process locale with a decimal comma changes neither parsing nor output. */
static void
test_value_ignores_process_locale(void **state)
{
    (void)state;
    if (!comma_locale())
        skip();
    kpi_value v;
    kpi_error err;
    kpi_status st = kpi_value_parse("1,234.5", 7, NULL, &v, &err);
    char plain[32], fixed[32];
    kpi_value_format(0.5, plain, sizeof plain);
    kpi_value_format_fixed(14852.25, 1, true, fixed, sizeof fixed);
    setlocale(LC_ALL, "C");
    assert_int_equal(st, KPI_OK);
    assert_true(v.number == 1234.5);
    assert_string_equal(plain, "0.5");
    assert_string_equal(fixed, "14,852.3");
}

/* Parses text with the mark, expecting KPI_EVALUE whose message has needle. */
static void
check_mark_invalid(const char *text, kpi_decimal_mark mark, const char *needle)
{
    kpi_value v = {.number = 7};
    kpi_error err;
    assert_int_equal(kpi_value_parse_mark(text, strlen(text), NULL, mark, &v, &err), KPI_EVALUE);
    if (!strstr(err.message, needle))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, needle);
    assert_true(v.number == 7);
}

/* With a decimal comma, ',' starts the decimals and '.' or a space groups
 * thousands: the European spreadsheet forms read as their point twins. */
static void
test_value_parse_decimal_comma(void **state)
{
    (void)state;
    check_comma("1.234,5", 1234.5, 1, KPI_UNIT_PLAIN);
    check_comma("1 234,5", 1234.5, 1, KPI_UNIT_PLAIN);
    check_comma("12.345.678,25", 12345678.25, 2, KPI_UNIT_PLAIN);
    check_comma("120,4538179311024", 120.453817931102, 12, KPI_UNIT_PLAIN);
    check_comma("14,766", 14.766, 3, KPI_UNIT_PLAIN);
    check_comma("-0,5", -0.5, 1, KPI_UNIT_PLAIN);
    check_comma(",5", 0.5, 1, KPI_UNIT_PLAIN);
    check_comma("9,6%", 9.6, 1, KPI_UNIT_PERCENT);
    check_comma(EUR "3,50", 3.5, 2, KPI_UNIT_EUR);
    check_comma("1,5E-03", 0.0015, 4, KPI_UNIT_PLAIN);
    check_comma("14766", 14766, 0, KPI_UNIT_PLAIN);
    kpi_value v;
    assert_int_equal(kpi_value_parse_mark("..", 2, NULL, KPI_DECIMAL_COMMA, &v, NULL), KPI_OK);
    assert_int_equal(v.kind, KPI_VALUE_MISSING);
    /* The point mark is kpi_value_parse itself. */
    assert_int_equal(kpi_value_parse_mark("1,234.5", 7, NULL, KPI_DECIMAL_POINT, &v, NULL), KPI_OK);
    assert_true(v.number == 1234.5);
}

/* Each mark refuses the other's numbers with a reason; the point's reason
 * names the option that reads a decimal comma. */
static void
test_value_parse_decimal_mark_refusals(void **state)
{
    (void)state;
    check_mark_invalid("1,234.5", KPI_DECIMAL_COMMA, "the decimal mark is ','");
    check_mark_invalid("1.23,5", KPI_DECIMAL_COMMA, "must separate groups of three digits");
    check_mark_invalid("1.234 567,5", KPI_DECIMAL_COMMA, "found '1.234 567,5'");
    check_mark_invalid("1234.567,5", KPI_DECIMAL_COMMA, "must separate groups of three digits");
    check_mark_invalid("12,5", KPI_DECIMAL_POINT, "the decimal_comma option");
    check_mark_invalid("1.234,5", KPI_DECIMAL_POINT, "the decimal_comma option");
}

/* Formatting gives the shortest plain decimal that reads back the same. */
static void
test_value_format_shortest(void **state)
{
    (void)state;
    check_format(14766.0, "14766");
    check_format(9.6, "9.6");
    check_format(0.1, "0.1");
    check_format(-3.25, "-3.25");
    check_format(1.0 / 3.0, "0.3333333333333333");
    check_format(1e14, "100000000000000");
    check_format(999999999999999.0, "999999999999999");
    check_format(123456.789, "123456.789");
    check_format(0.000001, "0.000001");
    check_format(-0.00012345, "-0.00012345");
    check_format(0.1 + 0.2, "0.30000000000000004");
    check_format(0.0, "0");
}

/* Negative zero prints as "0". */
static void
test_value_format_negative_zero(void **state)
{
    (void)state;
    check_format(-0.0, "0");
}

/* Below 1e-6 and from 1e15 the exponent form keeps the text short. */
static void
test_value_format_exponent_outside_plain_range(void **state)
{
    (void)state;
    check_format(-2.5e-7, "-2.5e-7");
    check_format(1e15, "1e15");
    check_format(1.5e300, "1.5e300");
    check_format(4.9406564584124654e-324, "5e-324");
    check_format(-1.7976931348623157e308, "-1.7976931348623157e308");
}

/* Non-finite values, which no parse produces, still print something. */
static void
test_value_format_non_finite(void **state)
{
    (void)state;
    check_format(NAN, "nan");
    check_format(INFINITY, "inf");
    check_format(-INFINITY, "-inf");
}

/* The shortest form reads back as the same double through strtod (the
 * tests run in the C locale): kpi's own parser would round it to its 15
 * digits. */
static void
check_round_trip(double x)
{
    char buf[32];
    size_t n = kpi_value_format(x, buf, sizeof buf);
    assert_true(n < sizeof buf);
    double back = strtod(buf, NULL);
    if (back != x)
        fprintf(stderr, "%.17g printed as '%s' read back as %.17g\n", x, buf, back);
    assert_true(back == x);
}

/* parse(format(x)) == x exactly, for chosen and pseudo-random doubles. */
static void
test_value_format_round_trips(void **state)
{
    (void)state;
    static const double chosen[] = {0.1,
                                    1.0 / 3.0,
                                    2.0 / 3.0,
                                    14766.0,
                                    1e14,
                                    -2.5e-7,
                                    9.6,
                                    0.125,
                                    2.675,
                                    1e15,
                                    1e-6,
                                    9.99e-7,
                                    1e21,
                                    -1e-300,
                                    5e-324,
                                    1.7976931348623157e308,
                                    2.2250738585072014e-308,
                                    123456789012345.67,
                                    0.30000000000000004,
                                    -99.99};
    for (size_t i = 0; i < sizeof chosen / sizeof chosen[0]; i++)
        check_round_trip(chosen[i]);

    /* Random bit patterns cover every exponent; a fixed seed keeps the
     * test repeatable. */
    uint64_t s = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 20000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x;
        memcpy(&x, &s, sizeof x);
        if (isfinite(x))
            check_round_trip(x);
        check_round_trip((double)(int64_t)(s >> 20) / 1000.0);
    }
}

/* Like snprintf: a short buffer gets a truncated, terminated prefix and the
 * full length is returned. */
static void
test_value_format_reports_needed_length(void **state)
{
    (void)state;
    char buf[3];
    assert_int_equal(kpi_value_format(14766.0, buf, sizeof buf), 5);
    assert_string_equal(buf, "14");
    assert_int_equal(kpi_value_format(-3.25, NULL, 0), 5);
    assert_int_equal(kpi_value_format_fixed(14852.0, 0, true, buf, sizeof buf), 6);
    assert_string_equal(buf, "14");
}

/* Fixed formatting rounds the printed decimal half away from zero. */
static void
test_value_format_fixed_examples(void **state)
{
    (void)state;
    check_fixed(14852.0, 0, true, "14,852");
    check_fixed(14852.0, 0, false, "14852");
    check_fixed(-25.25, 1, false, "-25.3");
    check_fixed(0.05, 1, false, "0.1");
    check_fixed(2.675, 2, false, "2.68");
    check_fixed(1.005, 2, false, "1.01");
    check_fixed(1234567.891, 2, true, "1,234,567.89");
    check_fixed(-1234567.891, 0, true, "-1,234,568");
    check_fixed(999.95, 1, true, "1,000.0");
    check_fixed(999999.5, 0, true, "1,000,000");
    check_fixed(123.0, 0, true, "123");
    check_fixed(5.0, 2, false, "5.00");
    check_fixed(0.0, 2, false, "0.00");
    check_fixed(0.0004, 3, false, "0.000");
    check_fixed(0.0005, 3, false, "0.001");
    check_fixed(999999999999999.0, 0, true, "999,999,999,999,999");
    check_fixed(-999999999999999.0, 15, true, "-999,999,999,999,999.000000000000000");
    check_fixed(1e-15, 15, false, "0.000000000000001");
    check_fixed(1e-15, 14, false, "0.00000000000000");
    check_fixed(999999999999999.5, 0, true, "1,000,000,000,000,000");
    check_fixed(0.1, 15, false, "0.100000000000000");
}

/* From 1e15, which only a computation reaches, the fixed form is the
 * exponent form kpi_value_format writes, whatever the decimals: the
 * issue's 1e308 with 301 decimals overflowed a stack buffer. */
static void
test_value_format_fixed_beyond_range(void **state)
{
    (void)state;
    check_fixed(1e15, 0, true, "1e15");
    check_fixed(1e20, 2, true, "1e20");
    check_fixed(-1e308, 15, true, "-1e308");
    check_fixed(1.7976931348623157e308, 301, true, "1.7976931348623157e308");
    check_fixed(-1.7976931348623157e308, -3, false, "-1.7976931348623157e308");
    check_fixed(INFINITY, 2, false, "inf");
    char buf[KPI_VALUE_TEXT_MAX];
    assert_true(kpi_value_format_fixed(-999999999999999.9, 15, true, buf, sizeof buf) < sizeof buf);
    assert_string_equal(buf, "-999,999,999,999,999.900000000000000");
}

/* A value that rounds to zero never prints as "-0". */
static void
test_value_format_fixed_no_negative_zero(void **state)
{
    (void)state;
    check_fixed(-0.04, 1, false, "0.0");
    check_fixed(-0.0, 0, false, "0");
    check_fixed(-0.4, 0, true, "0");
    check_fixed(-0.5, 0, false, "-1");
    check_fixed(-0.05, 1, false, "-0.1");
}

/* Rounding works on the decimal value as printed, half away from zero. */
static void
test_value_round_half_away_from_zero(void **state)
{
    (void)state;
    assert_true(kpi_value_round(0.125, 2) == 0.13);
    assert_true(kpi_value_round(-0.125, 2) == -0.13);
    assert_true(kpi_value_round(2.675, 2) == 2.68);
    assert_true(kpi_value_round(1.005, 2) == 1.01);
    assert_true(kpi_value_round(2.5, 0) == 3.0);
    assert_true(kpi_value_round(-2.5, 0) == -3.0);
    assert_true(kpi_value_round(0.05, 1) == 0.1);
    assert_true(kpi_value_round(-25.25, 1) == -25.3);
    assert_true(kpi_value_round(1234.5678, 2) == 1234.57);
    assert_true(kpi_value_round(9.995, 2) == 10.0);
    assert_true(kpi_value_round(14766.0, 0) == 14766.0);
    assert_true(kpi_value_round(0.1, 15) == 0.1);
    assert_true(kpi_value_round(1e300, 2) == 1e300);
}

/* Negative decimals round to tens, hundreds and so on. */
static void
test_value_round_negative_decimals(void **state)
{
    (void)state;
    assert_true(kpi_value_round(1234.0, -2) == 1200.0);
    assert_true(kpi_value_round(1250.0, -2) == 1300.0);
    assert_true(kpi_value_round(-950.0, -3) == -1000.0);
    assert_true(kpi_value_round(49.0, -2) == 0.0);
}

/* A negative value that rounds to zero becomes plain zero. */
static void
test_value_round_to_zero_is_unsigned(void **state)
{
    (void)state;
    double r = kpi_value_round(-0.001, 2);
    assert_true(r == 0.0);
    assert_false(signbit(r));
    assert_true(isnan(kpi_value_round(NAN, 2)));
    assert_true(kpi_value_round(-INFINITY, 2) == -INFINITY);
}

/* Significant digits, in every notation kpi_value_format uses. */
static void
test_value_format_sig_examples(void **state)
{
    (void)state;
    static const struct {
        double x;
        const char *text;
    } cases[] = {
        {0.000123456789, "0.000123457"},
        {1234567.89, "1234570"},
        {1.23456789e-20, "1.23457e-20"},
        {-0.5, "-0.5"},
        {0.99999951, "1"},
        {2.5e-7, "2.5e-7"},
        {-0.0000001, "-1e-7"},
        {0.0, "0"},
        {123456789e10, "1.23457e18"},
        {INFINITY, "inf"},
        {1e-320, "1e-320"},
        {DBL_MAX, "1.79769e308"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[KPI_VALUE_TEXT_MAX];
        kpi_value_format_sig(cases[i].x, 6, buf, sizeof buf);
        assert_string_equal(buf, cases[i].text);
    }
}

/* Against printf's correctly rounded %.5e over magnitudes from 1e-300 to
 * 1e300 (random doubles, so no decimal ties), and the same text as
 * rounding first and printing the rounded double. */
static void
test_value_format_sig_matches_printf(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double x = ldexp((double)(seed >> 11), -53) * pow(10.0, (int)(seed % 601) - 300);
        if (x == 0)
            continue;
        char got[KPI_VALUE_TEXT_MAX], want[KPI_VALUE_TEXT_MAX], old[KPI_VALUE_TEXT_MAX];
        kpi_value_format_sig(x, 6, got, sizeof got);
        snprintf(want, sizeof want, "%.5e", x);
        assert_true(strtod(got, NULL) == strtod(want, NULL));
        kpi_value_format(kpi_value_round(x, 5 - (int)floor(log10(x))), old, sizeof old);
        assert_string_equal(got, old);
    }
}

/* Units have their symbol, its side, and a lower-case name. */
static void
test_value_unit_symbol_and_name(void **state)
{
    (void)state;
    bool prefix = true;
    assert_string_equal(kpi_unit_symbol(KPI_UNIT_PLAIN, &prefix), "");
    assert_false(prefix);
    assert_string_equal(kpi_unit_symbol(KPI_UNIT_PERCENT, &prefix), "%");
    assert_false(prefix);
    assert_string_equal(kpi_unit_symbol(KPI_UNIT_GBP, &prefix), GBP);
    assert_true(prefix);
    assert_string_equal(kpi_unit_symbol(KPI_UNIT_USD, &prefix), "$");
    assert_true(prefix);
    assert_string_equal(kpi_unit_symbol(KPI_UNIT_EUR, NULL), EUR);
    assert_string_equal(kpi_unit_name(KPI_UNIT_PLAIN), "plain");
    assert_string_equal(kpi_unit_name(KPI_UNIT_PERCENT), "percent");
    assert_string_equal(kpi_unit_name(KPI_UNIT_GBP), "gbp");
    assert_string_equal(kpi_unit_name(KPI_UNIT_USD), "usd");
    assert_string_equal(kpi_unit_name(KPI_UNIT_EUR), "eur");
    assert_string_equal(kpi_unit_name(KPI_UNIT_LAST), "unknown");
}

/* Every unit a parse reports has the symbol the text was written with. */
static void
test_value_unit_symbol_matches_parse(void **state)
{
    (void)state;
    static const char *const texts[] = {"5", "5%", GBP "5", "$5", EUR "5"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        kpi_value v = parse_ok(texts[i], NULL);
        bool prefix;
        const char *sym = kpi_unit_symbol(v.unit, &prefix);
        char rebuilt[16];
        snprintf(rebuilt, sizeof rebuilt, "%s5%s", prefix ? sym : "", prefix ? "" : sym);
        assert_string_equal(rebuilt, texts[i]);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_parse_plain),
        cmocka_unit_test(test_value_parse_thousands),
        cmocka_unit_test(test_value_parse_decimals),
        cmocka_unit_test(test_value_parse_percent),
        cmocka_unit_test(test_value_parse_currency),
        cmocka_unit_test(test_value_parse_exponent),
        cmocka_unit_test(test_value_parse_range_edges),
        cmocka_unit_test(test_value_parse_three_hundred_decimals),
        cmocka_unit_test(test_value_parse_rounds_to_fifteen_digits),
        cmocka_unit_test(test_value_parse_reads_only_len),
        cmocka_unit_test(test_value_parse_missing_markers),
        cmocka_unit_test(test_value_parse_suppressed),
        cmocka_unit_test(test_value_parse_extra_markers),
        cmocka_unit_test(test_value_parse_invalid),
        cmocka_unit_test(test_value_parse_error_message),
        cmocka_unit_test(test_value_parse_long_text),
        cmocka_unit_test(test_value_ignores_process_locale),
        cmocka_unit_test(test_value_parse_decimal_comma),
        cmocka_unit_test(test_value_parse_decimal_mark_refusals),
        cmocka_unit_test(test_value_format_shortest),
        cmocka_unit_test(test_value_format_negative_zero),
        cmocka_unit_test(test_value_format_exponent_outside_plain_range),
        cmocka_unit_test(test_value_format_non_finite),
        cmocka_unit_test(test_value_format_round_trips),
        cmocka_unit_test(test_value_format_reports_needed_length),
        cmocka_unit_test(test_value_format_fixed_examples),
        cmocka_unit_test(test_value_format_fixed_beyond_range),
        cmocka_unit_test(test_value_format_fixed_no_negative_zero),
        cmocka_unit_test(test_value_round_half_away_from_zero),
        cmocka_unit_test(test_value_round_negative_decimals),
        cmocka_unit_test(test_value_round_to_zero_is_unsigned),
        cmocka_unit_test(test_value_format_sig_examples),
        cmocka_unit_test(test_value_format_sig_matches_printf),
        cmocka_unit_test(test_value_unit_symbol_and_name),
        cmocka_unit_test(test_value_unit_symbol_matches_parse),
    };
    return kpi_test_run(tests);
}
