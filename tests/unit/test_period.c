/* Tests of periods: parsing every notation, formatting, arithmetic,
 * conversion between frequencies and the calendar underneath. */
#include "harness.h"

#include "kpi/period.h"

#include <stdint.h>
#include <string.h>

/* Parses text with want, checks the value and flags, then checks that the
 * canonical text is what format writes and that it parses back to the same
 * period.  The read-back asks for p's frequency, because the canonical texts
 * of 2011-12 the month and 2011-12 the financial year are the same. */
static void
check_round_trip_want(const char *text, kpi_freq want, kpi_freq freq, int32_t ordinal,
                      const char *canonical, unsigned want_flags)
{
    kpi_period p = {KPI_FREQ_NONE, -1};
    kpi_error err;
    unsigned flags = 0xffu;
    if (kpi_period_parse(text, strlen(text), want, &p, &flags, &err) != KPI_OK)
        fail_msg("'%s' did not parse: %s", text, err.message);
    if (p.freq != freq || p.ordinal != ordinal)
        fail_msg("'%s': got %s %d, expected %s %d", text, kpi_freq_name(p.freq), (int)p.ordinal,
                 kpi_freq_name(freq), (int)ordinal);
    if (flags != want_flags)
        fail_msg("'%s': flags %u, expected %u", text, flags, want_flags);

    char buf[KPI_PERIOD_TEXT_MAX];
    size_t n = kpi_period_format(p, buf, sizeof buf);
    assert_int_equal(n, strlen(canonical));
    assert_string_equal(buf, canonical);

    kpi_period back = {KPI_FREQ_NONE, -1};
    assert_int_equal(kpi_period_parse(buf, n, p.freq, &back, &flags, &err), KPI_OK);
    assert_int_equal(back.freq, p.freq);
    assert_int_equal(back.ordinal, p.ordinal);
    assert_int_equal(flags, freq == KPI_FREQ_DAY ? KPI_PERIOD_FROM_DATE
                                                 : want_flags & KPI_PERIOD_AMBIGUOUS_FY);
}

static void
check_round_trip(const char *text, kpi_freq freq, int32_t ordinal, const char *canonical)
{
    check_round_trip_want(text, KPI_FREQ_NONE, freq, ordinal, canonical,
                          freq == KPI_FREQ_DAY ? KPI_PERIOD_FROM_DATE : 0u);
}

/* Parses text, expecting KPI_EPERIOD whose message quotes the text and
 * contains needle; out and flags must show nothing was read. */
static void
check_invalid(const char *text, const char *needle)
{
    kpi_period p = {KPI_FREQ_YEAR, 1234};
    kpi_error err;
    unsigned flags = 0xffu;
    char quoted[128];
    snprintf(quoted, sizeof quoted, "found '%s'", text);
    if (kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, &flags, &err) != KPI_EPERIOD)
        fail_msg("'%s' parsed as %s %d", text, kpi_freq_name(p.freq), (int)p.ordinal);
    assert_error(&err, KPI_EPERIOD, 0, 0, quoted);
    if (!strstr(err.message, needle))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, needle);
    assert_int_equal(p.freq, KPI_FREQ_YEAR);
    assert_int_equal(p.ordinal, 1234);
    assert_int_equal(flags, 0);
}

static kpi_period
day(int y, int m, int d)
{
    return (kpi_period){KPI_FREQ_DAY, kpi_period_day_from_ymd(y, m, d)};
}

static kpi_period
month(int y, int m)
{
    return (kpi_period){KPI_FREQ_MONTH, y * 12 + (m - 1)};
}

static kpi_period
quarter(int y, int q)
{
    return (kpi_period){KPI_FREQ_QUARTER, y * 4 + (q - 1)};
}

static kpi_period
fquarter(int y, int q)
{
    return (kpi_period){KPI_FREQ_FQUARTER, y * 4 + (q - 1)};
}

static void
check_convert(kpi_period p, kpi_freq to, int fy_start, int32_t ordinal)
{
    kpi_period out = {KPI_FREQ_NONE, -1};
    kpi_error err;
    if (kpi_period_convert(p, to, fy_start, &out, &err) != KPI_OK)
        fail_msg("%s %d to %s (fy_start %d) failed: %s", kpi_freq_name(p.freq), (int)p.ordinal,
                 kpi_freq_name(to), fy_start, err.message);
    assert_int_equal(out.freq, to);
    if (out.ordinal != ordinal)
        fail_msg("%s %d to %s (fy_start %d): got %d, expected %d", kpi_freq_name(p.freq),
                 (int)p.ordinal, kpi_freq_name(to), fy_start, (int)out.ordinal, (int)ordinal);
}

static void
check_days(kpi_period p, int fy_start, kpi_period first, kpi_period last)
{
    kpi_period f = {KPI_FREQ_NONE, 0}, l = {KPI_FREQ_NONE, 0};
    kpi_period_days(p, fy_start, &f, &l);
    assert_int_equal(f.freq, KPI_FREQ_DAY);
    assert_int_equal(l.freq, KPI_FREQ_DAY);
    assert_int_equal(f.ordinal, first.ordinal);
    assert_int_equal(l.ordinal, last.ordinal);
}

/* A date parses to days since 1970-01-01 and formats back unchanged. */
static void
test_period_parse_day_round_trip(void **state)
{
    (void)state;
    check_round_trip("2019-03-31", KPI_FREQ_DAY, 17986, "2019-03-31");
    check_round_trip("1970-01-01", KPI_FREQ_DAY, 0, "1970-01-01");
    check_round_trip("1969-12-31", KPI_FREQ_DAY, -1, "1969-12-31");
    check_round_trip("2020-02-29", KPI_FREQ_DAY, 18321, "2020-02-29");
    check_round_trip("0001-01-01", KPI_FREQ_DAY, -719162, "0001-01-01");
    check_round_trip("9999-12-31", KPI_FREQ_DAY, 2932896, "9999-12-31");
}

/* A timestamp keeps its date part and is flagged as a date. */
static void
test_period_parse_timestamp_keeps_date(void **state)
{
    (void)state;
    check_round_trip("2016-05-31T23:01:00+00:00", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_round_trip("2016-05-31T23:01:00Z", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_round_trip("2016-05-31T23:01", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_round_trip("2016-05-31T23:01:00.250-0130", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_round_trip("2016-05-31T00:00:00+01", KPI_FREQ_DAY, 16952, "2016-05-31");
}

/* Parses text with the syntax, expecting a day; 17986 is 2019-03-31. */
static void
check_syntax_day(const kpi_period_syntax *syn, const char *text, int32_t ordinal)
{
    kpi_period p = {KPI_FREQ_NONE, -1};
    kpi_error err;
    unsigned flags = 0;
    if (kpi_period_parse_with(text, strlen(text), syn, &p, &flags, &err) != KPI_OK)
        fail_msg("'%s' did not parse: %s", text, err.message);
    assert_int_equal(p.freq, KPI_FREQ_DAY);
    if (p.ordinal != ordinal)
        fail_msg("'%s': day %d, expected %d", text, (int)p.ordinal, (int)ordinal);
    assert_int_equal(flags, KPI_PERIOD_FROM_DATE);
}

/* Parses text with the syntax, expecting KPI_EPERIOD with needle. */
static void
check_syntax_invalid(const kpi_period_syntax *syn, const char *text, const char *needle)
{
    kpi_period p;
    kpi_error err;
    assert_int_equal(kpi_period_parse_with(text, strlen(text), syn, &p, NULL, &err), KPI_EPERIOD);
    if (!strstr(err.message, needle))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, needle);
}

/* Day-first dates read day, month, year with any of the three separators,
 * with or without a time; 2019-03-31 is day 17986 since 1970-01-01. */
static void
test_period_parse_dayfirst(void **state)
{
    (void)state;
    kpi_period_syntax dmy = {.dayfirst = true};
    check_syntax_day(&dmy, "31/03/2019", 17986);
    check_syntax_day(&dmy, "31-03-2019", 17986);
    check_syntax_day(&dmy, "31.03.2019", 17986);
    check_syntax_day(&dmy, " 31/3/2019 ", 17986);
    check_syntax_day(&dmy, "31/03/2019 23:15", 17986);
    check_syntax_day(&dmy, "31/03/2019 23:15:59", 17986);
    /* 1 April 2019, not 4 January: the day comes first. */
    check_syntax_day(&dmy, "01/04/2019", 17987);
    check_syntax_day(&dmy, "1/4/2019", 17987);
    check_syntax_day(&dmy, "29/02/2020", 18321);
    /* ISO dates keep their own order, and months stay months. */
    check_syntax_day(&dmy, "2019-03-31", 17986);
    kpi_period p;
    assert_int_equal(kpi_period_parse_with("03/2019", 7, &dmy, &p, NULL, NULL), KPI_OK);
    assert_int_equal(p.freq, KPI_FREQ_MONTH);
    assert_int_equal(p.ordinal, 2019 * 12 + 2);

    check_syntax_invalid(&dmy, "03/31/2019", "with a month 1..12 in the middle");
    check_syntax_invalid(&dmy, "31/03/19", "with a four-digit year");
    check_syntax_invalid(&dmy, "29/02/2019", "with a day that exists in its month");
    check_syntax_invalid(&dmy, "31/04/2019", "with a day that exists in its month");
    check_syntax_invalid(&dmy, "31/03-2019", "expected a period such as");
    check_syntax_invalid(&dmy, "31/03/0000", "with a year 0001..9999");
    check_syntax_invalid(&dmy, "31/03/2019 25:00", "with a time such as");
}

/* Without dayfirst a day/month/year date is refused, never guessed, even
 * when only one order makes sense; the message names the option. */
static void
test_period_parse_dmy_needs_dayfirst(void **state)
{
    (void)state;
    check_invalid("31/03/2019", "read day first with the dayfirst option");
    check_invalid("03/04/2019", "kpi does not guess");
    check_invalid("03.04.2019 10:00", "the dayfirst option");
    check_syntax_invalid(NULL, "31-03-2019", "the dayfirst option");
}

/* A date and a time separated by a space read as the 'T' form does. */
static void
test_period_parse_timestamp_with_space(void **state)
{
    (void)state;
    check_round_trip("2016-05-31 23:01:00", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_round_trip("2016-05-31 23:01:00+01:00", KPI_FREQ_DAY, 16952, "2016-05-31");
    check_invalid("2016-05-31 noon", "with a time such as");
    check_invalid("2016-05-31 24:00", "with a time such as");
}

/* Every month notation gives year * 12 + (month - 1). */
static void
test_period_parse_month_notations(void **state)
{
    (void)state;
    const char *texts[] = {"2019-03",    "201903",  "Mar 2019", "March 2019", "mar 2019",
                           "MARCH 2019", "03/2019", "3/2019",   "Mar-19"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        check_round_trip(texts[i], KPI_FREQ_MONTH, 2019 * 12 + 2, "2019-03");
    check_round_trip("Jan-03", KPI_FREQ_MONTH, 2003 * 12, "2003-01");
    check_round_trip("September 2019", KPI_FREQ_MONTH, 2019 * 12 + 8, "2019-09");
    check_round_trip("Dec 2019", KPI_FREQ_MONTH, 2019 * 12 + 11, "2019-12");
    check_round_trip("May-21", KPI_FREQ_MONTH, 2021 * 12 + 4, "2021-05");
}

/* Every quarter notation gives year * 4 + (quarter - 1). */
static void
test_period_parse_quarter_notations(void **state)
{
    (void)state;
    const char *texts[] = {"2019Q1", "2019 Q1", "2019-Q1", "Q1 2019", "2019q1"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        check_round_trip(texts[i], KPI_FREQ_QUARTER, 2019 * 4, "2019Q1");
    check_round_trip("Q4 2019", KPI_FREQ_QUARTER, 2019 * 4 + 3, "2019Q4");
}

/* Every financial-year notation gives the year the financial year starts. */
static void
test_period_parse_fy_notations(void **state)
{
    (void)state;
    const char *texts[] = {"2018-19",   "2018/19",    "2018-2019", "2018/2019",
                           "FY2018-19", "FY 2018/19", "fy18-19",   "fy2018-2019"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        check_round_trip(texts[i], KPI_FREQ_FYEAR, 2018, "2018-19");
    check_round_trip("fy21-22", KPI_FREQ_FYEAR, 2021, "2021-22");
    check_round_trip("1999-00", KPI_FREQ_FYEAR, 1999, "1999-00");
    check_round_trip("1999/00", KPI_FREQ_FYEAR, 1999, "1999-00");
    check_round_trip("FY1999-2000", KPI_FREQ_FYEAR, 1999, "1999-00");
    check_round_trip("fy99-00", KPI_FREQ_FYEAR, 2099, "2099-00");
    check_round_trip("2012-13", KPI_FREQ_FYEAR, 2012, "2012-13");
}

/* Every financial-quarter notation gives start year * 4 + (quarter - 1). */
static void
test_period_parse_fquarter_notations(void **state)
{
    (void)state;
    const char *texts[] = {"2018-19 Q4", "Q4 2018-19", "FY2018-19 Q4", "2018/19 q4"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        check_round_trip(texts[i], KPI_FREQ_FQUARTER, 2018 * 4 + 3, "2018-19 Q4");
    check_round_trip("2011-12 Q1", KPI_FREQ_FQUARTER, 2011 * 4, "2011-12 Q1");
    check_round_trip("Q2 1999/00", KPI_FREQ_FQUARTER, 1999 * 4 + 1, "1999-00 Q2");
}

/* Four bare digits are a calendar year. */
static void
test_period_parse_year(void **state)
{
    (void)state;
    check_round_trip("2019", KPI_FREQ_YEAR, 2019, "2019");
    check_round_trip("0001", KPI_FREQ_YEAR, 1, "0001");
}

/* Spaces around the text are ignored and nothing past len is read. */
static void
test_period_parse_trims_spaces_and_honours_len(void **state)
{
    (void)state;
    check_round_trip("  2019-03 ", KPI_FREQ_MONTH, 2019 * 12 + 2, "2019-03");
    check_round_trip("2019  Q2", KPI_FREQ_QUARTER, 2019 * 4 + 1, "2019Q2");

    kpi_period p;
    kpi_error err;
    assert_int_equal(kpi_period_parse("2019-03-31XYZ", 7, KPI_FREQ_NONE, &p, NULL, &err), KPI_OK);
    assert_int_equal(p.freq, KPI_FREQ_MONTH);
    assert_int_equal(p.ordinal, 2019 * 12 + 2);
}

/* Format writes the canonical text and refuses invalid periods and short
 * buffers. */
static void
test_period_format_canonical_and_limits(void **state)
{
    (void)state;
    char buf[KPI_PERIOD_TEXT_MAX];
    assert_int_equal(kpi_period_format((kpi_period){KPI_FREQ_FYEAR, 1999}, buf, sizeof buf), 7);
    assert_string_equal(buf, "1999-00");
    assert_int_equal(kpi_period_format(fquarter(2099, 2), buf, sizeof buf), 10);
    assert_string_equal(buf, "2099-00 Q2");
    assert_int_equal(kpi_period_format(quarter(2019, 4), buf, sizeof buf), 6);
    assert_string_equal(buf, "2019Q4");

    assert_int_equal(kpi_period_format(month(2019, 3), buf, 8), 7);
    assert_string_equal(buf, "2019-03");
    strcpy(buf, "untouched");
    assert_int_equal(kpi_period_format(month(2019, 3), buf, 7), 0);
    assert_string_equal(buf, "untouched");

    assert_int_equal(kpi_period_format((kpi_period){KPI_FREQ_YEAR, 10000}, buf, sizeof buf), 0);
    assert_int_equal(kpi_period_format((kpi_period){KPI_FREQ_YEAR, 0}, buf, sizeof buf), 0);
    assert_int_equal(kpi_period_format(month(0, 12), buf, sizeof buf), 0);
    assert_int_equal(kpi_period_format(day(10000, 1, 1), buf, sizeof buf), 0);
    assert_int_equal(kpi_period_format((kpi_period){KPI_FREQ_NONE, 2019}, buf, sizeof buf), 0);
    assert_int_equal(kpi_period_format((kpi_period){KPI_FREQ_MONTH, INT32_MIN}, buf, sizeof buf),
                     0);
}

/* YYYY-NN that is both a month and a financial year is the month, flagged,
 * unless want asks for the financial year. */
static void
test_period_parse_ambiguous_fy_flag_and_want(void **state)
{
    (void)state;
    check_round_trip_want("2011-12", KPI_FREQ_NONE, KPI_FREQ_MONTH, 2011 * 12 + 11, "2011-12",
                          KPI_PERIOD_AMBIGUOUS_FY);
    check_round_trip_want("2011-12", KPI_FREQ_MONTH, KPI_FREQ_MONTH, 2011 * 12 + 11, "2011-12",
                          KPI_PERIOD_AMBIGUOUS_FY);
    check_round_trip_want("2000-01", KPI_FREQ_NONE, KPI_FREQ_MONTH, 2000 * 12, "2000-01",
                          KPI_PERIOD_AMBIGUOUS_FY);

    kpi_period p;
    kpi_error err;
    unsigned flags = 0xffu;
    assert_int_equal(kpi_period_parse("2011-12", 7, KPI_FREQ_FYEAR, &p, &flags, &err), KPI_OK);
    assert_int_equal(p.freq, KPI_FREQ_FYEAR);
    assert_int_equal(p.ordinal, 2011);
    assert_int_equal(flags, 0);
    assert_int_equal(kpi_period_parse("2000-01", 7, KPI_FREQ_FYEAR, &p, &flags, &err), KPI_OK);
    assert_int_equal(p.freq, KPI_FREQ_FYEAR);
    assert_int_equal(p.ordinal, 2000);

    /* want resolves ambiguity only: it never converts. */
    check_round_trip_want("2012-12", KPI_FREQ_FYEAR, KPI_FREQ_MONTH, 2012 * 12 + 11, "2012-12", 0);
    check_round_trip_want("2012-13", KPI_FREQ_MONTH, KPI_FREQ_FYEAR, 2012, "2012-13", 0);
    check_round_trip_want("2019", KPI_FREQ_FYEAR, KPI_FREQ_YEAR, 2019, "2019", 0);
    check_round_trip_want("2011-12", KPI_FREQ_FQUARTER, KPI_FREQ_MONTH, 2011 * 12 + 11, "2011-12",
                          KPI_PERIOD_AMBIGUOUS_FY);
    /* The FY prefix and slash forms are never months. */
    check_round_trip("FY2011-12", KPI_FREQ_FYEAR, 2011, "2011-12");
    check_round_trip("2011/12", KPI_FREQ_FYEAR, 2011, "2011-12");

    /* flags may be NULL. */
    assert_int_equal(kpi_period_parse("2011-12", 7, KPI_FREQ_NONE, &p, NULL, &err), KPI_OK);
    assert_int_equal(p.ordinal, 2011 * 12 + 11);
}

/* Texts that are no period, or name one that does not exist, are errors
 * that quote the text and say what was expected. */
static void
test_period_parse_rejects_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
    } cases[] = {
        {"2018-20", "a month 01..12 or a financial year"},
        {"2019-13", "a month 01..12 or a financial year"},
        {"2019-00", "a month 01..12 or a financial year"},
        {"2019-02-30", "a day that exists"},
        {"2019-02-29", "a day that exists"},
        {"2019-04-31", "a day that exists"},
        {"2019-13-01", "a month 01..12"},
        {"2019Q5", "a quarter Q1..Q4"},
        {"Q0 2019", "a quarter Q1..Q4"},
        {"2018-19 Q5", "a quarter Q1..Q4"},
        {"Foo 2019", "expected a period such as"},
        {"", "expected a period such as"},
        {"201913", "a month 01..12"},
        {"201900", "a month 01..12"},
        {"13/2019", "a month 01..12"},
        {"2018-2020", "a second year one after the first"},
        {"2018/2020", "a second year one after the first"},
        {"2018/20", "a second year one after the first"},
        {"fy18-20", "a second year one after the first"},
        {"2019-03 Q1", "a second year one after the first"},
        {"0000", "a year 0001..9999"},
        {"0000-01-01", "a year 0001..9999"},
        {"2019-03-31T25:00", "a time such as"},
        {"2019-03-31T10:15:00+", "a time such as"},
        {"2019-03-31T", "a time such as"},
        {"2019-03-31 10:15 x", "a time such as"},
        {"18-19", "expected a period such as"},
        {"20190", "expected a period such as"},
        {"2019-3", "expected a period such as"},
        {"Sept 2019", "expected a period such as"},
        {"Mar 19", "expected a period such as"},
        {"FY 2018", "expected a period such as"},
        {"2019Q", "expected a period such as"},
        {"2019 Q1 x", "expected a period such as"},
        {"1-2-3-4-5-6T", "expected a period such as"},
        {"2019-03-31-01", "expected a period such as"},
        {"\302\2402019", "expected a period such as"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_invalid(cases[i].text, cases[i].needle);

    kpi_period p;
    kpi_error err;
    assert_int_equal(kpi_period_parse("   ", 3, KPI_FREQ_NONE, &p, NULL, &err), KPI_EPERIOD);
    assert_error(&err, KPI_EPERIOD, 0, 0,
                 "expected a period such as 2019-03-31, 2019-03, 2019Q1, "
                 "2019, 2018-19 or 2018-19 Q4, found ''");
    assert_int_equal(kpi_period_parse(NULL, 0, KPI_FREQ_NONE, &p, NULL, &err), KPI_EPERIOD);
    assert_error(&err, KPI_EPERIOD, 0, 0, "found ''");
}

/* A long bad text is quoted only up to 40 characters. */
static void
test_period_parse_error_truncates_long_text(void **state)
{
    (void)state;
    const char *text = "0123456789012345678901234567890123456789ABCDEFGHIJ";
    kpi_period p;
    kpi_error err;
    assert_int_equal(kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, NULL, &err),
                     KPI_EPERIOD);
    assert_error(&err, KPI_EPERIOD, 0, 0, "found '0123456789012345678901234567890123456789...'");
    assert_null(strstr(err.message, "ABC"));

    assert_int_equal(kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, NULL, NULL),
                     KPI_EPERIOD);
}

/* Shift moves by steps of the period's own frequency, and diff undoes it. */
static void
test_period_shift_and_diff(void **state)
{
    (void)state;
    kpi_period p = kpi_period_shift(month(2019, 3), -3);
    assert_int_equal(p.freq, KPI_FREQ_MONTH);
    assert_int_equal(p.ordinal, month(2018, 12).ordinal);
    assert_int_equal(kpi_period_shift(quarter(2019, 4), 1).ordinal, quarter(2020, 1).ordinal);
    assert_int_equal(kpi_period_shift(fquarter(2018, 4), 1).ordinal, fquarter(2019, 1).ordinal);
    assert_int_equal(kpi_period_shift((kpi_period){KPI_FREQ_FYEAR, 2018}, -1).ordinal, 2017);
    assert_int_equal(kpi_period_shift(day(2019, 2, 28), 1).ordinal, day(2019, 3, 1).ordinal);
    assert_int_equal(kpi_period_shift(day(2020, 2, 28), 1).ordinal, day(2020, 2, 29).ordinal);

    assert_int_equal(kpi_period_diff(month(2018, 12), month(2019, 3)), 3);
    assert_int_equal(kpi_period_diff(month(2019, 3), month(2018, 12)), -3);
    assert_int_equal(kpi_period_diff(day(2019, 1, 1), day(2020, 1, 1)), 365);
    assert_int_equal(kpi_period_diff(day(2020, 1, 1), day(2021, 1, 1)), 366);
    assert_int_equal(kpi_period_diff(quarter(2019, 1), quarter(2019, 1)), 0);

    /* Ordinals saturate instead of overflowing. */
    kpi_period top = {KPI_FREQ_MONTH, INT32_MAX};
    assert_int_equal(kpi_period_shift(top, 1).ordinal, INT32_MAX);
    assert_int_equal(kpi_period_shift((kpi_period){KPI_FREQ_MONTH, INT32_MIN}, -1).ordinal,
                     INT32_MIN);
    assert_int_equal(kpi_period_diff((kpi_period){KPI_FREQ_DAY, INT32_MIN},
                                     (kpi_period){KPI_FREQ_DAY, INT32_MAX}),
                     INT32_MAX);
}

/* A year ago is one year's worth of steps back; for days, the same date,
 * with 29 February going to 28 February. */
static void
test_period_year_ago(void **state)
{
    (void)state;
    kpi_period p = kpi_period_year_ago(month(2019, 3));
    assert_int_equal(p.freq, KPI_FREQ_MONTH);
    assert_int_equal(p.ordinal, month(2018, 3).ordinal);
    assert_int_equal(kpi_period_year_ago(quarter(2019, 1)).ordinal, quarter(2018, 1).ordinal);
    assert_int_equal(kpi_period_year_ago(fquarter(2018, 4)).ordinal, fquarter(2017, 4).ordinal);
    assert_int_equal(kpi_period_year_ago((kpi_period){KPI_FREQ_YEAR, 2019}).ordinal, 2018);
    assert_int_equal(kpi_period_year_ago((kpi_period){KPI_FREQ_FYEAR, 2018}).ordinal, 2017);

    p = kpi_period_year_ago(day(2019, 3, 1));
    assert_int_equal(p.freq, KPI_FREQ_DAY);
    assert_int_equal(p.ordinal, 17591);
    assert_int_equal(kpi_period_year_ago(day(2020, 2, 29)).ordinal, 17955);
    assert_int_equal(kpi_period_year_ago(day(2021, 3, 1)).ordinal, day(2020, 3, 1).ordinal);
    assert_int_equal(kpi_period_year_ago(day(2020, 12, 31)).ordinal, day(2019, 12, 31).ordinal);
}

/* Periods per year: 365, 12, 4, 4, 1, 1, and 0 for none. */
static void
test_period_per_year(void **state)
{
    (void)state;
    assert_int_equal(kpi_period_per_year(KPI_FREQ_DAY), 365);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_MONTH), 12);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_QUARTER), 4);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_FQUARTER), 4);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_YEAR), 1);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_FYEAR), 1);
    assert_int_equal(kpi_period_per_year(KPI_FREQ_NONE), 0);
}

/* With April financial years, March is the last month of the year before. */
static void
test_period_convert_fy_start_april(void **state)
{
    (void)state;
    check_convert(month(2019, 3), KPI_FREQ_FYEAR, 4, 2018);
    check_convert(month(2019, 3), KPI_FREQ_FQUARTER, 4, 2018 * 4 + 3);
    check_convert(month(2019, 4), KPI_FREQ_FYEAR, 4, 2019);
    check_convert(month(2019, 4), KPI_FREQ_FQUARTER, 4, 2019 * 4);
    check_convert(month(2019, 12), KPI_FREQ_FQUARTER, 4, 2019 * 4 + 2);
    check_convert(month(2019, 3), KPI_FREQ_QUARTER, 4, 2019 * 4);
    check_convert(month(2019, 4), KPI_FREQ_QUARTER, 4, 2019 * 4 + 1);
    check_convert(month(2019, 3), KPI_FREQ_YEAR, 4, 2019);
    check_convert(month(2019, 3), KPI_FREQ_MONTH, 4, month(2019, 3).ordinal);

    check_convert(day(2019, 3, 31), KPI_FREQ_MONTH, 4, month(2019, 3).ordinal);
    check_convert(day(2019, 3, 31), KPI_FREQ_QUARTER, 4, 2019 * 4);
    check_convert(day(2019, 3, 31), KPI_FREQ_YEAR, 4, 2019);
    check_convert(day(2019, 3, 31), KPI_FREQ_FYEAR, 4, 2018);
    check_convert(day(2019, 3, 31), KPI_FREQ_FQUARTER, 4, 2018 * 4 + 3);
    check_convert(day(2019, 4, 1), KPI_FREQ_FQUARTER, 4, 2019 * 4);
    check_convert(day(1969, 12, 31), KPI_FREQ_MONTH, 4, month(1969, 12).ordinal);

    check_convert(quarter(2019, 1), KPI_FREQ_FYEAR, 4, 2018);
    check_convert(quarter(2019, 1), KPI_FREQ_FQUARTER, 4, 2018 * 4 + 3);
    check_convert(quarter(2019, 2), KPI_FREQ_FQUARTER, 4, 2019 * 4);
    check_convert(quarter(2019, 4), KPI_FREQ_YEAR, 4, 2019);
    check_convert(fquarter(2018, 4), KPI_FREQ_FYEAR, 4, 2018);
    check_convert(fquarter(2018, 1), KPI_FREQ_FYEAR, 4, 2018);
    check_convert((kpi_period){KPI_FREQ_FYEAR, 2018}, KPI_FREQ_FYEAR, 4, 2018);
}

/* Ordinals before year 1 still map by floor division, so December of year
 * -1 (month ordinal -1) is in year -1, not year 0. */
static void
test_period_convert_floors_negative_ordinals(void **state)
{
    (void)state;
    kpi_period dec = {KPI_FREQ_MONTH, -1};
    check_convert(dec, KPI_FREQ_YEAR, 4, -1);
    check_convert(dec, KPI_FREQ_QUARTER, 4, -1);
    check_convert(dec, KPI_FREQ_FQUARTER, 4, -1 * 4 + 2);
    check_convert((kpi_period){KPI_FREQ_QUARTER, -1}, KPI_FREQ_YEAR, 4, -1);
    check_convert((kpi_period){KPI_FREQ_FQUARTER, -1}, KPI_FREQ_FYEAR, 4, -1);
    check_days(dec, 4, (kpi_period){KPI_FREQ_DAY, kpi_period_day_from_ymd(0, 1, 1) - 31},
               (kpi_period){KPI_FREQ_DAY, kpi_period_day_from_ymd(0, 1, 1) - 1});
}

/* With January financial years, financial periods are the calendar ones. */
static void
test_period_convert_fy_start_january(void **state)
{
    (void)state;
    check_convert(month(2019, 1), KPI_FREQ_FYEAR, 1, 2019);
    check_convert(month(2019, 3), KPI_FREQ_FQUARTER, 1, 2019 * 4);
    check_convert(month(2019, 12), KPI_FREQ_FYEAR, 1, 2019);
    check_convert(month(2019, 12), KPI_FREQ_FQUARTER, 1, 2019 * 4 + 3);
    check_convert(quarter(2019, 4), KPI_FREQ_FQUARTER, 1, 2019 * 4 + 3);
    check_convert(quarter(2019, 1), KPI_FREQ_FYEAR, 1, 2019);
    check_convert(day(2019, 1, 1), KPI_FREQ_FYEAR, 1, 2019);
    check_convert(day(2018, 12, 31), KPI_FREQ_FQUARTER, 1, 2018 * 4 + 3);
}

/* With July financial years, June ends one year and July starts the next. */
static void
test_period_convert_fy_start_july(void **state)
{
    (void)state;
    check_convert(month(2019, 6), KPI_FREQ_FYEAR, 7, 2018);
    check_convert(month(2019, 6), KPI_FREQ_FQUARTER, 7, 2018 * 4 + 3);
    check_convert(month(2019, 7), KPI_FREQ_FQUARTER, 7, 2019 * 4);
    check_convert(month(2019, 1), KPI_FREQ_FQUARTER, 7, 2018 * 4 + 2);
    check_convert(day(2019, 12, 31), KPI_FREQ_FQUARTER, 7, 2019 * 4 + 1);
    check_convert(quarter(2019, 3), KPI_FREQ_FQUARTER, 7, 2019 * 4);
    check_convert(quarter(2019, 2), KPI_FREQ_FYEAR, 7, 2018);
}

/* A conversion into a finer or misaligned frequency fails with KPI_EFREQ
 * and leaves out alone. */
static void
test_period_convert_rejects_incompatible(void **state)
{
    (void)state;
    static const struct {
        kpi_period p;
        kpi_freq to;
        int fy_start;
        const char *needle;
    } cases[] = {
        {{KPI_FREQ_YEAR, 2019}, KPI_FREQ_MONTH, 4, "year periods fit into, found 'month'"},
        {{KPI_FREQ_YEAR, 2019}, KPI_FREQ_FYEAR, 4, "year periods fit into, found 'fy'"},
        {{KPI_FREQ_FYEAR, 2018}, KPI_FREQ_YEAR, 4, "fy periods fit into, found 'year'"},
        {{KPI_FREQ_FYEAR, 2018}, KPI_FREQ_FQUARTER, 4, "found 'fquarter'"},
        {{KPI_FREQ_FQUARTER, 8075}, KPI_FREQ_QUARTER, 4, "found 'quarter'"},
        {{KPI_FREQ_MONTH, 24230}, KPI_FREQ_DAY, 4, "found 'day'"},
        {{KPI_FREQ_QUARTER, 8076}, KPI_FREQ_FYEAR, 2, "month 1, 4, 7 or 10"},
        {{KPI_FREQ_QUARTER, 8076}, KPI_FREQ_FQUARTER, 12, "found month 12"},
        {{KPI_FREQ_NONE, 0}, KPI_FREQ_YEAR, 4, "none periods fit into"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_period out = {KPI_FREQ_DAY, 77};
        kpi_error err;
        assert_int_equal(kpi_period_convert(cases[i].p, cases[i].to, cases[i].fy_start, &out, &err),
                         KPI_EFREQ);
        assert_error(&err, KPI_EFREQ, 0, 0, cases[i].needle);
        assert_int_equal(out.freq, KPI_FREQ_DAY);
        assert_int_equal(out.ordinal, 77);
    }
}

/* can_convert holds exactly for the documented pairs. */
static void
test_period_can_convert_table(void **state)
{
    (void)state;
    /* Rows: from; columns: to; order none, day, month, quarter, year, fy, fquarter. */
    static const char aligned[KPI_FREQ_LAST][KPI_FREQ_LAST + 1] = {
        "0000000", "0111111", "0011111", "0001111", "0000100", "0000010", "0000011",
    };
    static const char misaligned[KPI_FREQ_LAST][KPI_FREQ_LAST + 1] = {
        "0000000", "0111111", "0011111", "0001100", "0000100", "0000010", "0000011",
    };
    for (int fy_start = 1; fy_start <= 12; fy_start++) {
        for (int from = 0; from < KPI_FREQ_LAST; from++) {
            for (int to = 0; to < KPI_FREQ_LAST; to++) {
                char want = (fy_start % 3 == 1 ? aligned : misaligned)[from][to];
                bool got = kpi_period_can_convert((kpi_freq)from, (kpi_freq)to, fy_start);
                if (got != (want == '1'))
                    fail_msg("%s to %s with fy_start %d: got %d", kpi_freq_name((kpi_freq)from),
                             kpi_freq_name((kpi_freq)to), fy_start, got);
            }
        }
    }
}

/* February has 29 days in leap years (2000, 2020) and 28 otherwise (1900). */
static void
test_period_days_of_february_and_leap_years(void **state)
{
    (void)state;
    check_days(month(2020, 2), 4, day(2020, 2, 1), day(2020, 2, 29));
    check_days(month(2019, 2), 4, day(2019, 2, 1), day(2019, 2, 28));
    check_days(month(2000, 2), 4, day(2000, 2, 1), day(2000, 2, 29));
    check_days(month(1900, 2), 4, day(1900, 2, 1), day(1900, 2, 28));
    check_days(month(2019, 12), 4, day(2019, 12, 1), day(2019, 12, 31));
    check_days(quarter(2019, 4), 4, day(2019, 10, 1), day(2019, 12, 31));
    check_days(quarter(2020, 1), 4, day(2020, 1, 1), day(2020, 3, 31));
    check_days((kpi_period){KPI_FREQ_YEAR, 2020}, 4, day(2020, 1, 1), day(2020, 12, 31));
    check_days(day(2019, 3, 31), 4, day(2019, 3, 31), day(2019, 3, 31));

    kpi_period first, last;
    kpi_period_days(month(2020, 2), 4, &first, &last);
    assert_int_equal(kpi_period_diff(first, last) + 1, 29);
    assert_int_equal(first.ordinal, 18293);
}

/* Financial periods start in month fy_start: FY 2018-19 with April years
 * runs 2018-04-01..2019-03-31. */
static void
test_period_days_of_financial_periods(void **state)
{
    (void)state;
    kpi_period fy = {KPI_FREQ_FYEAR, 2018};
    check_days(fy, 4, day(2018, 4, 1), day(2019, 3, 31));
    kpi_period first, last;
    kpi_period_days(fy, 4, &first, &last);
    assert_int_equal(first.ordinal, 17622);
    assert_int_equal(last.ordinal, 17986);

    check_days(fy, 1, day(2018, 1, 1), day(2018, 12, 31));
    check_days(fy, 7, day(2018, 7, 1), day(2019, 6, 30));
    check_days((kpi_period){KPI_FREQ_FYEAR, 2019}, 4, day(2019, 4, 1), day(2020, 3, 31));
    check_days(fquarter(2018, 4), 4, day(2019, 1, 1), day(2019, 3, 31));
    check_days(fquarter(2018, 1), 4, day(2018, 4, 1), day(2018, 6, 30));
    check_days(fquarter(2018, 3), 4, day(2018, 10, 1), day(2018, 12, 31));
    check_days(fquarter(2019, 3), 7, day(2020, 1, 1), day(2020, 3, 31));
    check_days(fquarter(2019, 4), 12, day(2020, 9, 1), day(2020, 11, 30));
    check_days(fquarter(2019, 4), 11, day(2020, 8, 1), day(2020, 10, 31));
}

/* Day ordinals agree with a day-by-day walk of the calendar over years
 * 1..9999, both ways. */
static void
test_period_day_ymd_matches_calendar_walk(void **state)
{
    (void)state;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int32_t ordinal = -719162;
    for (int y = 1; y <= 9999; y++) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int last = mdays[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= last; d++, ordinal++) {
                int32_t got = kpi_period_day_from_ymd(y, m, d);
                int gy, gm, gd;
                kpi_period_day_to_ymd(ordinal, &gy, &gm, &gd);
                if (got != ordinal || gy != y || gm != m || gd != d)
                    fail_msg("%04d-%02d-%02d: ordinal %d (expected %d), back %04d-%02d-%02d", y, m,
                             d, (int)got, (int)ordinal, gy, gm, gd);
            }
        }
    }
    assert_int_equal(ordinal, 2932897);
}

/* Known day ordinals from outside the code under test. */
static void
test_period_day_ymd_known_values(void **state)
{
    (void)state;
    assert_int_equal(kpi_period_day_from_ymd(1970, 1, 1), 0);
    assert_int_equal(kpi_period_day_from_ymd(1969, 12, 31), -1);
    assert_int_equal(kpi_period_day_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(kpi_period_day_from_ymd(2019, 3, 31), 17986);
    int y, m, d;
    kpi_period_day_to_ymd(16952, &y, &m, &d);
    assert_int_equal(y, 2016);
    assert_int_equal(m, 5);
    assert_int_equal(d, 31);
}

/* Frequency names round-trip and the aliases are accepted in any case. */
static void
test_period_freq_name_and_parse(void **state)
{
    (void)state;
    assert_string_equal(kpi_freq_name(KPI_FREQ_NONE), "none");
    assert_string_equal(kpi_freq_name(KPI_FREQ_DAY), "day");
    assert_string_equal(kpi_freq_name(KPI_FREQ_MONTH), "month");
    assert_string_equal(kpi_freq_name(KPI_FREQ_QUARTER), "quarter");
    assert_string_equal(kpi_freq_name(KPI_FREQ_YEAR), "year");
    assert_string_equal(kpi_freq_name(KPI_FREQ_FYEAR), "fy");
    assert_string_equal(kpi_freq_name(KPI_FREQ_FQUARTER), "fquarter");

    kpi_error err;
    for (int f = KPI_FREQ_DAY; f < KPI_FREQ_LAST; f++) {
        kpi_freq out = KPI_FREQ_NONE;
        assert_int_equal(kpi_freq_parse(kpi_freq_name((kpi_freq)f), &out, &err), KPI_OK);
        assert_int_equal(out, f);
    }
    static const struct {
        const char *name;
        kpi_freq freq;
    } aliases[] = {
        {"fyear", KPI_FREQ_FYEAR},       {"FY", KPI_FREQ_FYEAR},    {"fq", KPI_FREQ_FQUARTER},
        {"FQ", KPI_FREQ_FQUARTER},       {"Month", KPI_FREQ_MONTH}, {"QUARTER", KPI_FREQ_QUARTER},
        {"FQuarter", KPI_FREQ_FQUARTER},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        kpi_freq out = KPI_FREQ_NONE;
        assert_int_equal(kpi_freq_parse(aliases[i].name, &out, &err), KPI_OK);
        assert_int_equal(out, aliases[i].freq);
    }
}

/* An unknown frequency name is KPI_EINVAL listing the valid ones. */
static void
test_period_freq_parse_rejects_unknown(void **state)
{
    (void)state;
    const char *bad[] = {"weekly", "none", "", "days", "f"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kpi_freq out = KPI_FREQ_MONTH;
        kpi_error err;
        char needle[64];
        snprintf(needle, sizeof needle, "found '%s'", bad[i]);
        assert_int_equal(kpi_freq_parse(bad[i], &out, &err), KPI_EINVAL);
        assert_error(&err, KPI_EINVAL, 0, 0,
                     "expected day, month, quarter, year, fy or fquarter, found '");
        assert_error(&err, KPI_EINVAL, 0, 0, needle);
        assert_int_equal(out, KPI_FREQ_MONTH);
    }
}

/* Periods order by frequency first, then by ordinal. */
static void
test_period_cmp_orders_by_freq_then_ordinal(void **state)
{
    (void)state;
    assert_int_equal(kpi_period_cmp(month(2019, 3), month(2019, 3)), 0);
    assert_int_equal(kpi_period_cmp(month(2019, 3), month(2019, 4)), -1);
    assert_int_equal(kpi_period_cmp(month(2019, 4), month(2019, 3)), 1);
    assert_int_equal(kpi_period_cmp(day(2030, 1, 1), month(1990, 1)), -1);
    assert_int_equal(kpi_period_cmp(fquarter(1990, 1), (kpi_period){KPI_FREQ_YEAR, 2019}), 1);
    assert_int_equal(kpi_period_cmp((kpi_period){KPI_FREQ_DAY, INT32_MIN},
                                    (kpi_period){KPI_FREQ_DAY, INT32_MAX}),
                     -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_parse_day_round_trip),
        cmocka_unit_test(test_period_parse_timestamp_keeps_date),
        cmocka_unit_test(test_period_parse_month_notations),
        cmocka_unit_test(test_period_parse_quarter_notations),
        cmocka_unit_test(test_period_parse_fy_notations),
        cmocka_unit_test(test_period_parse_fquarter_notations),
        cmocka_unit_test(test_period_parse_year),
        cmocka_unit_test(test_period_parse_trims_spaces_and_honours_len),
        cmocka_unit_test(test_period_format_canonical_and_limits),
        cmocka_unit_test(test_period_parse_ambiguous_fy_flag_and_want),
        cmocka_unit_test(test_period_parse_rejects_invalid),
        cmocka_unit_test(test_period_parse_error_truncates_long_text),
        cmocka_unit_test(test_period_shift_and_diff),
        cmocka_unit_test(test_period_year_ago),
        cmocka_unit_test(test_period_per_year),
        cmocka_unit_test(test_period_convert_fy_start_april),
        cmocka_unit_test(test_period_convert_floors_negative_ordinals),
        cmocka_unit_test(test_period_convert_fy_start_january),
        cmocka_unit_test(test_period_convert_fy_start_july),
        cmocka_unit_test(test_period_convert_rejects_incompatible),
        cmocka_unit_test(test_period_can_convert_table),
        cmocka_unit_test(test_period_days_of_february_and_leap_years),
        cmocka_unit_test(test_period_days_of_financial_periods),
        cmocka_unit_test(test_period_day_ymd_matches_calendar_walk),
        cmocka_unit_test(test_period_day_ymd_known_values),
        cmocka_unit_test(test_period_freq_name_and_parse),
        cmocka_unit_test(test_period_freq_parse_rejects_unknown),
        cmocka_unit_test(test_period_cmp_orders_by_freq_then_ordinal),
        cmocka_unit_test(test_period_parse_dayfirst),
        cmocka_unit_test(test_period_parse_dmy_needs_dayfirst),
        cmocka_unit_test(test_period_parse_timestamp_with_space),
    };
    return kpi_test_run(tests);
}
