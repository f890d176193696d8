/* Tests of the transforms: rolling windows, year to date, resampling,
 * area roll-ups, rates per head and pipelines, with values worked out by
 * hand, every incomplete set counted, and out-of-memory loops. */
#include "harness.h"

#include <string.h>

#include "kpi/meta.h"
#include "kpi/population.h"
#include "kpi/reader.h"
#include "kpi/rollup.h"
#include "kpi/store.h"
#include "kpi/transform.h"

#define HEADER "indicator,area,period,value\n"

/* ---- helpers ------------------------------------------------------------------ */

static kpi_store *
read_opt(const char *text, const kpi_reader_options *opt)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_error_clear(&err);
    kpi_store *s = kpi_read_stream(fp, "t.csv", opt, NULL, &err);
    fclose(fp);
    if (!s)
        fprintf(stderr, "t.csv:%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(s);
    return s;
}

static kpi_store *
read_store(const char *text)
{
    return read_opt(text, NULL);
}

static kpi_meta *
read_meta(const char *text)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_meta *m = kpi_meta_read_stream(fp, "meta.csv", &err);
    fclose(fp);
    if (!m)
        fprintf(stderr, "meta.csv:%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(m);
    return m;
}

static const char *
tmp(const char *text)
{
    return kpi_test_tmpfile(text, strlen(text));
}

static kpi_rollup *
read_map(const char *text)
{
    kpi_error err;
    kpi_rollup *m = kpi_rollup_read(tmp(text), &err);
    if (!m)
        fprintf(stderr, "map:%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(m);
    return m;
}

static kpi_population *
read_pop(const char *text, int fy_start)
{
    kpi_error err;
    kpi_population *p = kpi_population_read(tmp(text), fy_start, &err);
    if (!p)
        fprintf(stderr, "pop:%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(p);
    return p;
}

/* The series (indicator, area) of a store without groups; fails if none. */
static const kpi_series *
find(const kpi_store *s, const char *indicator, const char *area)
{
    const char *key[] = {indicator, area};
    const kpi_series *se = kpi_store_find(s, key);
    if (!se)
        fprintf(stderr, "no series %s / %s\n", indicator, area);
    assert_non_null(se);
    return se;
}

/* The slot of the period written as text (read in the series' frequency),
 * or -1 when the series does not reach it. */
static ptrdiff_t
slot(const kpi_series *se, const char *text)
{
    kpi_period p;
    assert_int_equal(kpi_period_parse(text, strlen(text), kpi_series_freq(se), &p, NULL, NULL),
                     KPI_OK);
    return kpi_series_index(se, p);
}

/* The value at a period is exactly `want` (==, not approximately). */
#define assert_value(se, text, want) check_value((se), (text), (want), __LINE__)
static void
check_value(const kpi_series *se, const char *text, double want, int line)
{
    ptrdiff_t i = slot(se, text);
    if (i < 0 || kpi_series_state(se, (size_t)i) != KPI_OBS_VALUE ||
        kpi_series_value(se, (size_t)i) != want) {
        fprintf(stderr, "line %d: %s: expected %.17g, found %s %.17g\n", line, text, want,
                i < 0 ? "nothing" : "state/value", i < 0 ? 0 : kpi_series_value(se, (size_t)i));
        fail();
    }
}

/* The period is in no output slot, or an absent one: left out. */
static void
assert_left_out(const kpi_series *se, const char *text)
{
    ptrdiff_t i = slot(se, text);
    if (i >= 0 && kpi_series_state(se, (size_t)i) != KPI_OBS_ABSENT) {
        fprintf(stderr, "%s: expected no value, found state %d\n", text,
                kpi_series_state(se, (size_t)i));
        fail();
    }
}

static void
assert_missing(const kpi_series *se, const char *text)
{
    ptrdiff_t i = slot(se, text);
    assert_true(i >= 0);
    assert_int_equal(kpi_series_state(se, (size_t)i), KPI_OBS_MISSING);
}

/* The first and last period of a series, as text. */
static void
assert_span(const kpi_series *se, const char *first, const char *last)
{
    size_t n = kpi_series_length(se);
    assert_true(n > 0);
    char a[KPI_PERIOD_TEXT_MAX], b[KPI_PERIOD_TEXT_MAX];
    kpi_period_format(kpi_series_period(se, 0), a, sizeof a);
    kpi_period_format(kpi_series_period(se, n - 1), b, sizeof b);
    assert_string_equal(a, first);
    assert_string_equal(b, last);
}

static const kpi_transform_stats no_stats;

/* ---- reading as a coarser frequency ---------------------------------------- */

/* kpi_transform_freq adds months into financial years only when all twelve
 * are there: April-June 2019 alone is an incomplete 2019-20, left out and
 * named, or with partial kept, summed (6) and marked partial; the whole
 * 2018-19 (1..12, 78) is never marked.  Dates one to a year are
 * relabelled, not counted as a partial year. */
static void
test_freq_months_into_fy_complete_only(void **state)
{
    (void)state;
    char text[2048] = HEADER;
    for (int m = 0; m < 15; m++) {
        char row[64];
        snprintf(row, sizeof row, "k,London,%04d-%02d,%d\n", 2018 + (3 + m) / 12, (3 + m) % 12 + 1,
                 m < 12 ? m + 1 : m - 11);
        strcat(text, row);
    }
    strcat(text, "d,London,1999-12-31,5\nd,London,2000-12-31,7\n");
    kpi_store *s = read_store(text);
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_freq(s, KPI_FREQ_FYEAR, 4, false, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *k = find(r, "k", "London");
    assert_span(k, "2018-19", "2018-19");
    assert_value(k, "2018-19", 78);
    assert_false(kpi_series_partial(k, 0));
    assert_int_equal(st.incomplete, 1);
    assert_int_equal(st.kept_partial, 0);
    assert_string_equal(st.examples, "k, London, 2019-20");
    const kpi_series *d = find(r, "d", "London");
    assert_span(d, "1999-00", "2000-01");
    assert_value(d, "1999-00", 5);
    assert_value(d, "2000-01", 7);
    kpi_store_free(r);

    r = kpi_transform_freq(s, KPI_FREQ_FYEAR, 4, true, NULL, &st, &err);
    assert_non_null(r);
    k = find(r, "k", "London");
    assert_value(k, "2019-20", 6);
    assert_true(kpi_series_partial(k, 1));
    assert_false(kpi_series_partial(k, 0));
    assert_int_equal(st.kept_partial, 1);
    assert_true(kpi_store_has_partial(r));
    kpi_store_free(r);
    kpi_store_free(s);
}

/* ---- rolling windows ------------------------------------------------------------ */

/* A rolling window over a partial value is partial too (a chart marks
 * it): quarters 2018Q1..Q4 with Q3 kept partial give 2-quarter windows
 * Q2 (complete), Q3 and Q4 (both partial). */
static void
test_rolling_over_partial_is_partial(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,London,2018Q1,1\nk,London,2018Q2,2\n"
                                     "k,London,2018Q3,3\nk,London,2018Q4,4\n");
    kpi_series *k = (kpi_series *)find(s, "k", "London");
    kpi_series_set_partial(k, 2);
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 2, NULL, NULL, &err);
    assert_non_null(r);
    const kpi_series *o = find(r, "k", "London");
    assert_span(o, "2018Q2", "2018Q4");
    assert_value(o, "2018Q3", 5);
    assert_false(kpi_series_partial(o, 0));
    assert_true(kpi_series_partial(o, 1));
    assert_true(kpi_series_partial(o, 2));
    kpi_store_free(r);
    kpi_store_free(s);
}

/* A 3-month rolling sum at p adds p-2..p; the first two months have no
 * whole window and are neither output nor counted. */
static void
test_rolling_sums(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,London,2018-01,10\nk,London,2018-02,20\n"
                                     "k,London,2018-03,30\nk,London,2018-04,40\n"
                                     "k,London,2018-05,50\nk,London,2018-06,60\n");
    kpi_transform_stats st;
    memset(&st, 0xff, sizeof st);
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 3, NULL, &st, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_count(r), 1);
    const kpi_series *se = find(r, "k", "London");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    assert_span(se, "2018-03", "2018-06");
    assert_value(se, "2018-03", 60);
    assert_value(se, "2018-04", 90);
    assert_value(se, "2018-05", 120);
    assert_value(se, "2018-06", 150);
    assert_left_out(se, "2018-02");
    assert_int_equal(kpi_series_count(se, KPI_OBS_VALUE), 4);
    assert_int_equal(kpi_series_decimals(se), 0);
    assert_int_equal(st.incomplete, 0);
    assert_int_equal(st.unmapped_areas, 0);
    assert_string_equal(st.unmapped, "");
    assert_int_equal(st.no_population, 0);
    /* A window of 1 is the series itself; the input is untouched. */
    kpi_store *one = kpi_transform_rolling(s, 1, NULL, NULL, &err);
    assert_non_null(one);
    assert_span(find(one, "k", "London"), "2018-01", "2018-06");
    assert_value(find(one, "k", "London"), "2018-01", 10);
    assert_value(find(s, "k", "London"), "2018-03", 30);
    kpi_store_free(one);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* A window holding a missing value or an absent month is left out and
 * counted; a window ending at an absent month is not a window at all. */
static void
test_rolling_incomplete_windows(void **state)
{
    (void)state;
    /* 2018-03 is missing and 2018-06 never appears. */
    kpi_store *s = read_store(HEADER "k,London,2018-01,10\nk,London,2018-02,20\n"
                                     "k,London,2018-03,NA\nk,London,2018-04,40\n"
                                     "k,London,2018-05,50\nk,London,2018-07,70\n"
                                     "k,London,2018-08,80\nk,London,2018-09,90\n"
                                     "k,London,2018-10,100\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 3, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "London");
    /* Windows ending 03, 04, 05 hold the missing 03; 07 and 08 hold the
     * absent 06; 06 itself ends no window; 01 and 02 reach before the
     * data. */
    assert_int_equal(st.incomplete, 5);
    assert_int_equal(kpi_series_count(se, KPI_OBS_VALUE), 2);
    assert_span(se, "2018-09", "2018-10");
    assert_value(se, "2018-09", 240);
    assert_value(se, "2018-10", 270);
    assert_left_out(se, "2018-05");
    kpi_store_free(r);
    kpi_store_free(s);
}

/* Windows are differences of running totals while every scaled value is
 * below 2^52 over the series' length; past that (9e14 over 6 months) each
 * window is added up on its own.  Either way the sums are exact. */
static void
test_rolling_large_values(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,London,2018-01,900000000000001\n"
                                     "k,London,2018-02,900000000000002\n"
                                     "k,London,2018-03,900000000000003\n"
                                     "k,London,2018-04,900000000000004\n"
                                     "k,London,2018-05,900000000000005\n"
                                     "k,London,2018-06,900000000000006\n"
                                     "s,London,2018-01,1\ns,London,2018-02,2\n"
                                     "s,London,2018-03,3\ns,London,2018-04,4\n");
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 3, NULL, NULL, &err);
    assert_non_null(r);
    assert_value(find(r, "k", "London"), "2018-03", 2700000000000006.0);
    assert_value(find(r, "k", "London"), "2018-04", 2700000000000009.0);
    assert_value(find(r, "k", "London"), "2018-06", 2700000000000015.0);
    assert_value(find(r, "s", "London"), "2018-03", 6);
    assert_value(find(r, "s", "London"), "2018-04", 9);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* With aggregation = mean the window's mean is kept, printed with one more
 * decimal than the source (or the metadata's decimals); other indicators
 * still sum. */
static void
test_rolling_mean_from_meta(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "rate,London,2018-01,1.5\nrate,London,2018-02,2.5\n"
                                     "rate,London,2018-03,3.0\n"
                                     "count,London,2018-01,1\ncount,London,2018-02,2\n"
                                     "count,London,2018-03,4\n"
                                     "pct,London,2018-01,1\npct,London,2018-02,2\n");
    kpi_meta *meta = read_meta("indicator,aggregation,decimals\nrate,mean,\npct,mean,3\n");
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 2, meta, NULL, &err);
    assert_non_null(r);
    const kpi_series *rate = find(r, "rate", "London");
    assert_value(rate, "2018-02", 2.0);
    assert_value(rate, "2018-03", 2.75);
    assert_int_equal(kpi_series_decimals(rate), 2);
    const kpi_series *count = find(r, "count", "London");
    assert_value(count, "2018-02", 3);
    assert_value(count, "2018-03", 6);
    assert_int_equal(kpi_series_decimals(count), 0);
    const kpi_series *pct = find(r, "pct", "London");
    assert_value(pct, "2018-02", 1.5);
    assert_int_equal(kpi_series_decimals(pct), 3);
    kpi_store_free(r);

    r = kpi_transform_rolling(s, 3, meta, NULL, &err);
    assert_non_null(r);
    assert_value(find(r, "rate", "London"), "2018-03", 7.0 / 3.0);
    assert_value(find(r, "count", "London"), "2018-03", 7);
    assert_int_equal(kpi_series_length(find(r, "pct", "London")), 0);
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
}

/* With aggregation = last (a stock) the window's last value is kept. */
static void
test_rolling_last_from_meta(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "officers,London,2018-01,100\nofficers,London,2018-02,105\n"
                                     "officers,London,2018-03,103\nofficers,London,2018-04,110\n");
    kpi_meta *meta = read_meta("indicator,aggregation\nofficers,last\n");
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 3, meta, NULL, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "officers", "London");
    assert_span(se, "2018-03", "2018-04");
    assert_value(se, "2018-03", 103);
    assert_value(se, "2018-04", 110);
    assert_int_equal(kpi_series_decimals(se), 0);
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
}

/* Decimals add exactly: 0.1 + 0.2 is the double 0.3, not
 * 0.30000000000000004, and 0.1 + 0.2 + 0.3 is 0.6. */
static void
test_rolling_decimal_sums_are_exact(void **state)
{
    (void)state;
    volatile double a = 0.1, b = 0.2, c = 0.3;
    assert_true(a + b != 0.3); /* why this test exists */
    assert_true(a + b + c != 0.6);
    kpi_store *s = read_store(HEADER "k,,2018-01,0.1\nk,,2018-02,0.2\nk,,2018-03,0.3\n");
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 2, NULL, NULL, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_value(se, "2018-02", 0.3);
    assert_value(se, "2018-03", 0.5);
    assert_int_equal(kpi_series_decimals(se), 1);
    kpi_store_free(r);
    r = kpi_transform_rolling(s, 3, NULL, NULL, &err);
    assert_non_null(r);
    assert_value(find(r, "k", ""), "2018-03", 0.6);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* A 12-month rolling sum of counts is the hand sum of the 12 months. */
static void
test_rolling_twelve_months(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "burglary,Camden,2018-01,812\nburglary,Camden,2018-02,790\n"
                                     "burglary,Camden,2018-03,845\nburglary,Camden,2018-04,801\n"
                                     "burglary,Camden,2018-05,877\nburglary,Camden,2018-06,902\n"
                                     "burglary,Camden,2018-07,930\nburglary,Camden,2018-08,915\n"
                                     "burglary,Camden,2018-09,860\nburglary,Camden,2018-10,843\n"
                                     "burglary,Camden,2018-11,820\n"
                                     "burglary,Camden,2018-12,\"1,899\"\n"
                                     "burglary,Camden,2019-01,805\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_rolling(s, 12, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "burglary", "Camden");
    assert_span(se, "2018-12", "2019-01");
    /* 812+790+845+801+877+902+930+915+860+843+820+1899 = 11294; then drop
     * January 2018 (812) and add January 2019 (805). */
    assert_value(se, "2018-12", 11294);
    assert_value(se, "2019-01", 11287);
    assert_int_equal(st.incomplete, 0);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* A window must be at least one period. */
static void
test_rolling_bad_window(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,,2018-01,1\n");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_transform_rolling(s, 0, NULL, NULL, &err));
    assert_error(&err, KPI_EINVAL, 0, 0, "at least 1 period, found 0");
    assert_null(kpi_transform_rolling(s, -12, NULL, NULL, &err));
    assert_error(&err, KPI_EINVAL, 0, 0, "found -12");
    assert_null(kpi_transform_rolling(s, 0, NULL, NULL, NULL));
    kpi_store_free(s);
}

/* ---- year to date ------------------------------------------------------------------- */

/* Jan 2018 .. Jun 2019, month m of the data valued m (Jan 2018 = 1). */
static char *
months_2018_to_mid_2019(const char *missing)
{
    static char text[2048];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int m = 0; m < 18; m++) {
        char period[8];
        snprintf(period, sizeof period, "%d-%02d", 2018 + m / 12, m % 12 + 1);
        if (missing && strcmp(period, missing) == 0)
            len += (size_t)snprintf(text + len, sizeof text - len, "k,,%s,NA\n", period);
        else
            len += (size_t)snprintf(text + len, sizeof text - len, "k,,%s,%d\n", period, m + 1);
    }
    return text;
}

/* Year to date with April starts: April is April alone, March sums the
 * whole year, April restarts; months whose year began before the data are
 * neither output nor counted. */
static void
test_ytd_april_years(void **state)
{
    (void)state;
    kpi_store *s = read_store(months_2018_to_mid_2019(NULL));
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_ytd(s, 4, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_span(se, "2018-04", "2019-06");
    assert_left_out(se, "2018-03");
    assert_value(se, "2018-04", 4);
    assert_value(se, "2018-05", 4 + 5);
    assert_value(se, "2018-12", 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12);
    assert_value(se, "2019-03", 114); /* 4 + 5 + ... + 15 */
    assert_value(se, "2019-04", 16);
    assert_value(se, "2019-05", 16 + 17);
    assert_value(se, "2019-06", 16 + 17 + 18);
    assert_int_equal(kpi_series_count(se, KPI_OBS_VALUE), 15);
    assert_int_equal(st.incomplete, 0);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* A missing month leaves out every later month of its year, each counted;
 * the next year starts afresh. */
static void
test_ytd_missing_month(void **state)
{
    (void)state;
    kpi_store *s = read_store(months_2018_to_mid_2019("2018-06"));
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_ytd(s, 4, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_value(se, "2018-04", 4);
    assert_value(se, "2018-05", 9);
    assert_left_out(se, "2018-06");
    assert_left_out(se, "2019-03");
    assert_value(se, "2019-04", 16);
    assert_value(se, "2019-06", 51);
    assert_int_equal(st.incomplete, 10); /* June 2018 .. March 2019 */
    assert_int_equal(kpi_series_count(se, KPI_OBS_VALUE), 5);
    kpi_store_free(r);
    kpi_store_free(s);

    /* An absent month: the months after it in its year are counted, the
     * absent month itself is not a period of the data. */
    const char *text = months_2018_to_mid_2019(NULL);
    char *cut = strstr(text, "k,,2019-01,13\n");
    assert_non_null(cut);
    memmove(cut, cut + strlen("k,,2019-01,13\n"), strlen(cut + strlen("k,,2019-01,13\n")) + 1);
    s = read_store(text);
    r = kpi_transform_ytd(s, 4, NULL, &st, &err);
    assert_non_null(r);
    se = find(r, "k", "");
    assert_value(se, "2018-12", 72);
    assert_left_out(se, "2019-01");
    assert_left_out(se, "2019-02");
    assert_left_out(se, "2019-03");
    assert_value(se, "2019-04", 16);
    assert_int_equal(st.incomplete, 2);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* fy_start 1 gives calendar year to date. */
static void
test_ytd_calendar_years(void **state)
{
    (void)state;
    kpi_store *s = read_store(months_2018_to_mid_2019(NULL));
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_ytd(s, 1, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_span(se, "2018-01", "2019-06");
    assert_value(se, "2018-01", 1);
    assert_value(se, "2018-03", 6);
    assert_value(se, "2018-12", 78);
    assert_value(se, "2019-01", 13);
    assert_value(se, "2019-06", 93); /* 13 + ... + 18 */
    assert_int_equal(st.incomplete, 0);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* Quarters accumulate within April years too. */
static void
test_ytd_quarters(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,,2018Q1,10\nk,,2018Q2,20\nk,,2018Q3,30\nk,,2018Q4,40\n"
                                     "k,,2019Q1,50\nk,,2019Q2,60\n");
    kpi_error err;
    kpi_store *r = kpi_transform_ytd(s, 4, NULL, NULL, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_span(se, "2018Q2", "2019Q2");
    assert_value(se, "2018Q2", 20);
    assert_value(se, "2018Q4", 90);
    assert_value(se, "2019Q1", 140);
    assert_value(se, "2019Q2", 60);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* Years and financial years have nothing to accumulate: KPI_EFREQ. */
static void
test_ytd_yearly_is_error(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "m,,2018-04,1\ny,,2018,5\ny,,2019,6\n");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_transform_ytd(s, 4, NULL, NULL, &err));
    assert_error(&err, KPI_EFREQ, 0, 0, "series 'y' has year periods");
    kpi_store_free(s);
    s = read_store(HEADER "f,,2017-18,1\nf,,2018-19,2\n");
    assert_null(kpi_transform_ytd(s, 4, NULL, NULL, &err));
    assert_error(&err, KPI_EFREQ, 0, 0, "fy periods");
    kpi_store_free(s);
    /* Calendar quarters do not fit a May year. */
    s = read_store(HEADER "q,,2018Q1,1\n");
    assert_null(kpi_transform_ytd(s, 5, NULL, NULL, &err));
    assert_int_equal(err.code, KPI_EFREQ);
    kpi_store_free(s);
}

/* ---- resampling ------------------------------------------------------------------------ */

/* Months sum into quarters; a quarter with a missing or absent month is
 * left out and counted, or with partial kept as the sum of what is there
 * (when anything is there). */
static void
test_resample_months_to_quarters(void **state)
{
    (void)state;
    /* a: 2018-05 missing.  b: starts in February, so January is absent.
     * c: the whole second quarter missing. */
    kpi_store *s = read_store(HEADER "a,,2018-01,1\na,,2018-02,2\na,,2018-03,3\n"
                                     "a,,2018-04,4\na,,2018-05,NA\na,,2018-06,6\n"
                                     "a,,2018-07,7\na,,2018-08,8\na,,2018-09,9\n"
                                     "b,,2018-02,10\nb,,2018-03,10\nb,,2018-04,10\n"
                                     "b,,2018-05,10\nb,,2018-06,10\n"
                                     "c,,2018-01,1\nc,,2018-02,1\nc,,2018-03,1\n"
                                     "c,,2018-04,NA\nc,,2018-05,NA\nc,,2018-06,NA\n"
                                     "c,,2018-07,2\nc,,2018-08,2\nc,,2018-09,2\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_resample(s, KPI_FREQ_QUARTER, 4, false, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *a = find(r, "a", "");
    assert_int_equal(kpi_series_freq(a), KPI_FREQ_QUARTER);
    assert_span(a, "2018Q1", "2018Q3");
    assert_value(a, "2018Q1", 6);
    assert_left_out(a, "2018Q2");
    assert_value(a, "2018Q3", 24);
    const kpi_series *b = find(r, "b", "");
    assert_span(b, "2018Q2", "2018Q2");
    assert_value(b, "2018Q2", 30);
    assert_left_out(find(r, "c", ""), "2018Q2");
    assert_int_equal(st.incomplete, 3);
    kpi_store_free(r);

    r = kpi_transform_resample(s, KPI_FREQ_QUARTER, 4, true, NULL, &st, &err);
    assert_non_null(r);
    assert_value(find(r, "a", ""), "2018Q2", 10);
    assert_value(find(r, "b", ""), "2018Q1", 20);
    assert_value(find(r, "b", ""), "2018Q2", 30);
    assert_value(find(r, "c", ""), "2018Q1", 3);
    assert_left_out(find(r, "c", ""), "2018Q2");
    assert_value(find(r, "c", ""), "2018Q3", 6);
    assert_int_equal(st.incomplete, 3);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* Months sum into April financial years and into calendar years. */
static void
test_resample_months_to_years(void **state)
{
    (void)state;
    char text[2048];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int m = 1; m <= 24; m++)
        len += (size_t)snprintf(text + len, sizeof text - len, "k,,%d-%02d,%d\n",
                                m <= 12 ? 2018 : 2019, (m - 1) % 12 + 1, m <= 12 ? 10 : 20);
    kpi_store *s = read_store(text);
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_resample(s, KPI_FREQ_YEAR, 4, false, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_YEAR);
    assert_value(se, "2018", 120);
    assert_value(se, "2019", 240);
    assert_int_equal(st.incomplete, 0);
    kpi_store_free(r);

    /* 2017-18 and 2019-20 reach outside the data. */
    r = kpi_transform_resample(s, KPI_FREQ_FYEAR, 4, false, NULL, &st, &err);
    assert_non_null(r);
    se = find(r, "k", "");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_span(se, "2018-19", "2018-19");
    assert_value(se, "2018-19", 150); /* 9 x 10 + 3 x 20 */
    assert_int_equal(st.incomplete, 2);
    kpi_store_free(r);

    r = kpi_transform_resample(s, KPI_FREQ_FYEAR, 4, true, NULL, &st, &err);
    assert_non_null(r);
    se = find(r, "k", "");
    assert_value(se, "2017-18", 30);
    assert_value(se, "2018-19", 150);
    assert_value(se, "2019-20", 180);
    assert_int_equal(st.incomplete, 2);
    kpi_store_free(r);

    /* Financial quarters of a January year are calendar quarters. */
    r = kpi_transform_resample(s, KPI_FREQ_FQUARTER, 1, false, NULL, &st, &err);
    assert_non_null(r);
    assert_value(find(r, "k", ""), "2019-20 Q4", 60);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* With aggregation = mean a quarter is the mean of its months. */
static void
test_resample_mean(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "rate,,2018-01,1.5\nrate,,2018-02,2.5\nrate,,2018-03,3.0\n"
                                     "rate,,2018-04,4\nrate,,2018-05,NA\nrate,,2018-06,5\n");
    kpi_meta *meta = read_meta("indicator,aggregation\nrate,mean\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_resample(s, KPI_FREQ_QUARTER, 4, true, meta, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "rate", "");
    assert_value(se, "2018Q1", 7.0 / 3.0);
    assert_value(se, "2018Q2", 4.5); /* partial: the mean of the two present */
    assert_int_equal(kpi_series_decimals(se), 2);
    assert_int_equal(st.incomplete, 1);
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
}

/* Days sum into months: February 2019 has all 28 days, March lacks the
 * 15th and is incomplete. */
static void
test_resample_days_to_months(void **state)
{
    (void)state;
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int d = 1; d <= 28; d++)
        len += (size_t)snprintf(text + len, sizeof text - len, "k,,2019-02-%02d,%d\n", d, d);
    for (int d = 1; d <= 31; d++)
        if (d != 15)
            len += (size_t)snprintf(text + len, sizeof text - len, "k,,2019-03-%02d,%d\n", d, d);
    kpi_store *s = read_store(text);
    assert_int_equal(kpi_series_freq(find(s, "k", "")), KPI_FREQ_DAY);
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_resample(s, KPI_FREQ_MONTH, 4, false, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "");
    assert_value(se, "2019-02", 406); /* 1 + ... + 28 */
    assert_left_out(se, "2019-03");
    assert_int_equal(st.incomplete, 1);
    kpi_store_free(r);
    r = kpi_transform_resample(s, KPI_FREQ_MONTH, 4, true, NULL, &st, &err);
    assert_non_null(r);
    assert_value(find(r, "k", ""), "2019-03", 481); /* 1 + ... + 31 - 15 */
    kpi_store_free(r);
    kpi_store_free(s);
}

/* Quarters do not split into months: KPI_EFREQ naming the series. */
static void
test_resample_finer_is_error(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "m,,2018-01,1\nq,,2018Q1,1\n");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_transform_resample(s, KPI_FREQ_MONTH, 4, false, NULL, NULL, &err));
    assert_error(&err, KPI_EFREQ, 0, 0, "series 'q' has quarter periods");
    /* Calendar quarters do not fit a February year. */
    assert_null(kpi_transform_resample(s, KPI_FREQ_FYEAR, 2, false, NULL, NULL, &err));
    assert_int_equal(err.code, KPI_EFREQ);
    kpi_store_free(s);
}

/* In a store of a monthly and a financial-year series resampled to
 * financial years, the yearly series passes through as it is (an identity
 * conversion): its values are kept and its missing year is left out and
 * counted like any incomplete target period. */
static void
test_resample_mixed_store_identity(void **state)
{
    (void)state;
    char text[2048];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int m = 0; m < 12; m++)
        len += (size_t)snprintf(text + len, sizeof text - len, "m,,%d-%02d,1\n",
                                2018 + (m + 3) / 12, (m + 3) % 12 + 1);
    snprintf(text + len, sizeof text - len, "f,,2017-18,100.5\nf,,2018-19,NA\nf,,2019-20,300\n");
    kpi_store *s = read_store(text);
    assert_int_equal(kpi_series_freq(find(s, "f", "")), KPI_FREQ_FYEAR);
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_resample(s, KPI_FREQ_FYEAR, 4, false, NULL, &st, &err);
    assert_non_null(r);
    const kpi_series *m = find(r, "m", "");
    assert_span(m, "2018-19", "2018-19");
    assert_value(m, "2018-19", 12);
    const kpi_series *f = find(r, "f", "");
    assert_int_equal(kpi_series_freq(f), KPI_FREQ_FYEAR);
    assert_span(f, "2017-18", "2019-20");
    assert_value(f, "2017-18", 100.5);
    assert_left_out(f, "2018-19");
    assert_value(f, "2019-20", 300);
    assert_int_equal(kpi_series_decimals(f), 1);
    assert_int_equal(st.incomplete, 1);
    kpi_store_free(r);
    kpi_store_free(s);
}

/* ---- roll-ups ------------------------------------------------------------------------------ */

/* Two parents over three children; "camden" in the map is "Camden" in the
 * data. */
static const char *const map_text = "area,parent\n"
                                    "Camden,Central North\n"
                                    "Islington,Central North\n"
                                    "camden,London\n"
                                    "Islington,London\n"
                                    "Westminster,London\n";

/* A parent's period is the sum when every child has a value and missing
 * (counted) otherwise; areas not in the map are left out and listed. */
static void
test_rollup_sums_and_missing(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-01,10\ncrimes,Camden,2019-02,11\n"
                                     "crimes,Camden,2019-03,12\n"
                                     "crimes,Islington,2019-01,20\ncrimes,Islington,2019-02,NA\n"
                                     "crimes,Islington,2019-03,22\n"
                                     "crimes,Westminster,2019-01,30\n"
                                     "crimes,Westminster,2019-02,31\n"
                                     "crimes,Hackney,2019-01,5\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_rollup(s, map, NULL, false, &st, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_count(r), 2);
    assert_string_equal(kpi_series_area(kpi_store_at(r, 0)), "Central North");
    assert_string_equal(kpi_series_area(kpi_store_at(r, 1)), "London");
    const kpi_series *cn = find(r, "crimes", "Central North");
    assert_span(cn, "2019-01", "2019-03");
    assert_value(cn, "2019-01", 30);
    assert_missing(cn, "2019-02");
    assert_value(cn, "2019-03", 34);
    const kpi_series *lon = find(r, "crimes", "London");
    assert_span(lon, "2019-01", "2019-03");
    assert_value(lon, "2019-01", 60);
    assert_missing(lon, "2019-02");
    assert_missing(lon, "2019-03"); /* Westminster has no March */
    assert_int_equal(kpi_series_decimals(lon), 0);
    assert_int_equal(st.incomplete, 3);
    assert_int_equal(st.unmapped_areas, 1);
    assert_string_equal(st.unmapped, "Hackney");
    assert_int_equal(st.no_population, 0);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* Grouping columns are kept: each group rolls up on its own. */
static void
test_rollup_keeps_groups(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_reader_options o = kpi_reader_options_default();
    const char *groups[] = {"type"};
    o.groups = groups;
    o.n_groups = 1;
    kpi_store *s = read_opt("indicator,type,area,period,value\n"
                            "crimes,burglary,Camden,2019-01,1\n"
                            "crimes,robbery,Camden,2019-01,10\n"
                            "crimes,burglary,Islington,2019-01,2\n"
                            "crimes,robbery,Islington,2019-01,20\n"
                            "crimes,burglary,Westminster,2019-01,4\n"
                            "crimes,robbery,Westminster,2019-01,40\n",
                            &o);
    kpi_error err;
    kpi_store *r = kpi_transform_rollup(s, map, NULL, false, NULL, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_n_groups(r), 1);
    assert_string_equal(kpi_store_group_name(r, 0), "type");
    assert_int_equal(kpi_store_count(r), 4);
    const char *k1[] = {"crimes", "London", "burglary"};
    const char *k2[] = {"crimes", "London", "robbery"};
    const char *k3[] = {"crimes", "Central North", "burglary"};
    const char *k4[] = {"crimes", "Central North", "robbery"};
    assert_value(kpi_store_find(r, k1), "2019-01", 7);
    assert_value(kpi_store_find(r, k2), "2019-01", 70);
    assert_value(kpi_store_find(r, k3), "2019-01", 3);
    assert_value(kpi_store_find(r, k4), "2019-01", 30);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* Across areas a mean is the mean of the children and a stock (last)
 * adds up. */
static void
test_rollup_mean_and_last(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(HEADER "rate,Camden,2019-01,1.5\nrate,Islington,2019-01,2.5\n"
                                     "rate,Westminster,2019-01,3.0\n"
                                     "officers,Camden,2019-01,100\nofficers,Camden,2019-02,110\n"
                                     "officers,Islington,2019-01,200\n"
                                     "officers,Islington,2019-02,210\n"
                                     "officers,Westminster,2019-01,300\n"
                                     "officers,Westminster,2019-02,310\n");
    kpi_meta *meta = read_meta("indicator,aggregation\nrate,mean\nofficers,last\n");
    kpi_error err;
    kpi_store *r = kpi_transform_rollup(s, map, meta, false, NULL, &err);
    assert_non_null(r);
    const kpi_series *rate = find(r, "rate", "London");
    assert_value(rate, "2019-01", 7.0 / 3.0);
    assert_int_equal(kpi_series_decimals(rate), 2);
    assert_value(find(r, "rate", "Central North"), "2019-01", 2.0);
    const kpi_series *off = find(r, "officers", "London");
    assert_value(off, "2019-01", 600);
    assert_value(off, "2019-02", 630);
    assert_int_equal(kpi_series_decimals(off), 0);
    assert_value(find(r, "officers", "Central North"), "2019-02", 320);
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* Children of one parent must share a frequency: KPI_EFREQ. */
static void
test_rollup_mixed_frequencies(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-01,1\ncrimes,Islington,2019Q1,2\n");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_transform_rollup(s, map, NULL, false, NULL, &err));
    assert_error(&err, KPI_EFREQ, 0, 0, "area 'Islington'");
    kpi_store_free(s);
    /* Another indicator may have another frequency. */
    s = read_store(HEADER "crimes,Camden,2019-01,1\ncrimes,Islington,2019-01,2\n"
                          "pop,Camden,2019Q1,5\npop,Islington,2019Q1,6\n");
    kpi_store *r = kpi_transform_rollup(s, map, NULL, false, NULL, &err);
    assert_non_null(r);
    assert_value(find(r, "crimes", "Central North"), "2019-01", 3);
    assert_value(find(r, "pop", "Central North"), "2019Q1", 11);
    assert_missing(find(r, "pop", "London"), "2019Q1");
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* Unmapped areas are listed once each, by exact name (not as substrings
 * of one another), and a store with no area column is all unmapped. */
static void
test_rollup_unmapped_list(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(HEADER "a,Westminster Abbey,2019-01,1\na,West,2019-01,1\n"
                                     "b,Westminster Abbey,2019-01,1\na,Camden,2019-01,1\n"
                                     "b,Hackney,2019-01,1\nc,West,2019-01,1\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_rollup(s, map, NULL, false, &st, &err);
    assert_non_null(r);
    assert_int_equal(st.unmapped_areas, 3);
    assert_string_equal(st.unmapped, "Westminster Abbey, West, Hackney");
    kpi_store_free(r);
    kpi_store_free(s);

    s = read_store("indicator,period,value\nk,2019-01,1\nj,2019-01,2\n");
    r = kpi_transform_rollup(s, map, NULL, false, &st, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_count(r), 0);
    assert_int_equal(st.unmapped_areas, 1);
    assert_string_equal(st.unmapped, "(no area)");
    kpi_store_free(r);
    kpi_store_free(s);

    /* A long list is cut with "..." but still counts every area once. */
    char text[8192];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int i = 0; i < 40; i++)
        for (int k = 0; k < 2; k++)
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "k%d,Some Rather Long Area Name %02d,2019-01,1\n", k, i);
    s = read_store(text);
    r = kpi_transform_rollup(s, map, NULL, false, &st, &err);
    assert_non_null(r);
    assert_int_equal(st.unmapped_areas, 40);
    assert_int_equal(strlen(st.unmapped), sizeof st.unmapped - 1);
    assert_string_equal(st.unmapped + sizeof st.unmapped - 4, "...");
    assert_memory_equal(st.unmapped, "Some Rather Long Area Name 00, Some", 35);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* One child area written two ways ("Camden", "CAMDEN") is the same area
 * twice: a duplicate, never counted as two children. */
static void
test_rollup_child_twice_in_data(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-01,10\ncrimes,CAMDEN,2019-01,5\n"
                                     "crimes,Islington,2019-01,NA\n");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_transform_rollup(s, map, NULL, false, NULL, &err));
    assert_error(&err, KPI_EDUPLICATE, 0, 0, "'CAMDEN'");
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* ---- rates per head ------------------------------------------------------------------------ */

/* With an area,population file every value is divided by its area's
 * population: 50 in 200,000 is 0.25 per 1,000.  A value with no
 * population becomes missing and is counted; missing stays missing. */
static void
test_per_area_population(void **state)
{
    (void)state;
    kpi_population *pop = read_pop("area,population\nCamden,200000\nIslington,\"160,000\"\n", 4);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-01,50\ncrimes,Camden,2019-02,NA\n"
                                     "crimes,Camden,2019-04,100\ncrimes,Islington,2019-01,40\n"
                                     "crimes,Hackney,2019-01,10\ncrimes,Hackney,2019-02,*\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_per(s, pop, 1000, &st, &err);
    assert_non_null(r);
    const kpi_series *cam = find(r, "crimes", "Camden");
    assert_value(cam, "2019-01", 0.25);
    assert_missing(cam, "2019-02");
    assert_left_out(cam, "2019-03");
    assert_double_rel(kpi_series_value(cam, 3), 0.5, 1e-15);
    assert_int_equal(kpi_series_decimals(cam), 2);
    assert_int_equal(kpi_series_unit(cam), KPI_UNIT_PLAIN);
    assert_double_rel(kpi_series_value(find(r, "crimes", "Islington"), 0), 0.25, 1e-15);
    const kpi_series *hack = find(r, "crimes", "Hackney");
    assert_missing(hack, "2019-01");
    assert_int_equal(kpi_series_state(hack, 1), KPI_OBS_SUPPRESSED);
    assert_int_equal(st.no_population, 1);
    assert_int_equal(st.incomplete, 0);
    kpi_store_free(r);

    r = kpi_transform_per(s, pop, 100000, &st, &err);
    assert_non_null(r);
    assert_double_rel(kpi_series_value(find(r, "crimes", "Camden"), 0), 25, 1e-15);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_population_free(pop);
}

/* With calendar-year rows a 2019 month takes the 2019 population, and a
 * month of a year with no row has none. */
static void
test_per_year_population(void **state)
{
    (void)state;
    kpi_population *pop = read_pop("area,period,population\nCamden,2019,200000\n"
                                   "Camden,2020,250000\n",
                                   4);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-06,50\ncrimes,Camden,2020-01,50\n"
                                     "crimes,Camden,2021-01,50\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_per(s, pop, 1000, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "crimes", "Camden");
    assert_value(se, "2019-06", 0.25);
    assert_double_rel(kpi_series_value(se, (size_t)slot(se, "2020-01")), 0.2, 1e-15);
    assert_missing(se, "2021-01");
    assert_int_equal(st.no_population, 1);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_population_free(pop);
}

/* With financial-year rows (April starts) March 2019 takes the 2018-19
 * population and April the 2019-20 one; a financial-year series takes its
 * own year's. */
static void
test_per_fy_population(void **state)
{
    (void)state;
    kpi_population *pop = read_pop("area,period,population\nCamden,2018-19,200000\n"
                                   "Camden,2019-20,250000\n",
                                   4);
    kpi_store *s = read_store(HEADER "crimes,Camden,2019-03,50\ncrimes,Camden,2019-04,100\n"
                                     "yearly,Camden,2018-19,50\nyearly,Camden,2019-20,500\n");
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_per(s, pop, 1000, &st, &err);
    assert_non_null(r);
    const kpi_series *m = find(r, "crimes", "Camden");
    assert_value(m, "2019-03", 0.25);
    assert_double_rel(kpi_series_value(m, 1), 0.4, 1e-15);
    const kpi_series *y = find(r, "yearly", "Camden");
    assert_value(y, "2018-19", 0.25);
    assert_double_rel(kpi_series_value(y, 1), 2, 1e-15);
    assert_int_equal(st.no_population, 0);
    kpi_store_free(r);
    kpi_store_free(s);
    kpi_population_free(pop);
}

/* Certified values: the London Datastore's offences per 1,000 population
 * are reproduced from the recorded offences and the populations behind
 * them, and the published "n/a" rates are exactly the values with no
 * population. */
static void
test_per_reproduces_london_rates(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    o.area = "Borough";
    o.period = "Year";
    o.value = "Value";
    o.freq = KPI_FREQ_FYEAR;
    kpi_error err;
    kpi_store *offences = kpi_read_file(kpi_test_path("datasets/london/recorded-offences.csv"), &o,
                                        NULL, &err);
    kpi_store *published = kpi_read_file(kpi_test_path("datasets/london/crime-rates.csv"), &o, NULL,
                                         &err);
    kpi_population *pop = kpi_population_read(kpi_test_path("datasets/london/population-fy.csv"), 4,
                                              &err);
    assert_non_null(offences);
    assert_non_null(published);
    assert_non_null(pop);
    kpi_transform_stats st;
    kpi_store *r = kpi_transform_per(offences, pop, 1000, &st, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_count(r), kpi_store_count(published));
    size_t compared = 0, unpublished = 0;
    for (size_t k = 0; k < kpi_store_count(r); k++) {
        const kpi_series *mine = kpi_store_at(r, k);
        const char *key[] = {kpi_series_indicator(mine), kpi_series_area(mine)};
        const kpi_series *theirs = kpi_store_find(published, key);
        assert_non_null(theirs);
        for (size_t i = 0; i < kpi_series_length(mine); i++) {
            ptrdiff_t j = kpi_series_index(theirs, kpi_series_period(mine, i));
            kpi_obs a = kpi_series_state(mine, i);
            kpi_obs b = j < 0 ? KPI_OBS_ABSENT : kpi_series_state(theirs, (size_t)j);
            assert_int_equal(a == KPI_OBS_VALUE, b == KPI_OBS_VALUE);
            if (a == KPI_OBS_VALUE) {
                assert_double_rel(kpi_series_value(mine, i), kpi_series_value(theirs, (size_t)j),
                                  1e-9);
                compared++;
            } else if (a == KPI_OBS_MISSING && b == KPI_OBS_MISSING) {
                unpublished++;
            }
        }
    }
    assert_int_equal(compared, 641);
    assert_int_equal(st.no_population, 18);
    assert_true(unpublished >= 18);
    kpi_store_free(r);
    kpi_population_free(pop);
    kpi_store_free(published);
    kpi_store_free(offences);
}

/* ---- pipelines ---------------------------------------------------------------------------- */

/* A pipeline that asks for nothing gives back the store itself. */
static void
test_apply_empty_pipeline(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,,2018-01,1\n");
    kpi_pipeline p = {.fy_start = 4};
    kpi_transform_stats st;
    memset(&st, 0xff, sizeof st);
    kpi_error err;
    assert_ptr_equal(kpi_transform_apply(s, &p, &st, &err), s);
    assert_int_equal(st.incomplete, 0);
    assert_int_equal(st.unmapped_areas, 0);
    assert_int_equal(st.no_population, 0);
    assert_ptr_equal(kpi_transform_apply(s, &p, NULL, &err), s);
    kpi_store_free(s);
}

/* Roll-up, then quarters, then a 2-quarter rolling sum, in that order,
 * with every step's left-outs added up. */
static void
test_apply_rollup_resample_rolling(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    /* Camden month m is m, Islington 10, Westminster 100; Islington's
     * December is missing; Hackney is not in the map. */
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, HEADER);
    for (int m = 1; m <= 12; m++) {
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "k,Camden,2018-%02d,%d\nk,Islington,2018-%02d,%s\n"
                                "k,Westminster,2018-%02d,100\nk,Hackney,2018-%02d,7\n",
                                m, m, m, m == 12 ? "NA" : "10", m, m);
    }
    kpi_store *s = read_store(text);
    kpi_pipeline p = {.fy_start = 4, .rollup = map, .to = KPI_FREQ_QUARTER, .rolling = 2};
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_apply(s, &p, &st, &err);
    assert_non_null(r);
    assert_int_equal(kpi_store_count(r), 2);
    /* London months are m + 110: quarters 336, 345, 354 and an incomplete
     * Q4; two-quarter sums 681 and 699. */
    const kpi_series *lon = find(r, "k", "London");
    assert_int_equal(kpi_series_freq(lon), KPI_FREQ_QUARTER);
    assert_span(lon, "2018Q2", "2018Q3");
    assert_value(lon, "2018Q2", 681);
    assert_value(lon, "2018Q3", 699);
    /* Central North months are m + 10: quarters 36, 45, 54. */
    const kpi_series *cn = find(r, "k", "Central North");
    assert_value(cn, "2018Q2", 81);
    assert_value(cn, "2018Q3", 99);
    /* Roll-up: December missing in both parents (2); resample: both Q4s
     * (2); rolling: nothing. */
    assert_int_equal(st.incomplete, 4);
    assert_int_equal(st.unmapped_areas, 1);
    assert_string_equal(st.unmapped, "Hackney");
    assert_int_equal(st.no_population, 0);
    kpi_store_free(r);
    kpi_rollup_free(map);
}

/* Rates come last, on the aggregated counts, and their stats add in. */
static void
test_apply_ytd_then_rates(void **state)
{
    (void)state;
    kpi_population *pop = read_pop("area,period,population\nCamden,2018-19,200000\n", 4);
    kpi_store *s = read_store(HEADER "k,Camden,2018-04,20\nk,Camden,2018-05,30\n"
                                     "k,Camden,2018-06,NA\nk,Camden,2019-04,5\n");
    kpi_pipeline p = {.fy_start = 4, .ytd = true, .per_population = pop, .per = 1000};
    kpi_transform_stats st;
    kpi_error err;
    kpi_store *r = kpi_transform_apply(s, &p, &st, &err);
    assert_non_null(r);
    const kpi_series *se = find(r, "k", "Camden");
    assert_value(se, "2018-05", 0.25); /* (20 + 30) / 200,000 x 1,000 */
    assert_missing(se, "2019-04");     /* no 2019-20 population */
    assert_int_equal(st.incomplete, 1);
    assert_int_equal(st.no_population, 1);
    kpi_store_free(r);
    kpi_population_free(pop);
}

/* A resampled series can end up empty (no complete quarter); year to date
 * after it is still fine. */
static void
test_apply_empty_series_after_resample(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "short,,2018-04,1\nshort,,2018-05,2\n"
                                     "long,,2018-04,1\nlong,,2018-05,2\nlong,,2018-06,3\n");
    kpi_pipeline p = {.fy_start = 4, .to = KPI_FREQ_QUARTER, .ytd = true};
    kpi_transform_stats st;
    kpi_error err;
    kpi_error_clear(&err);
    kpi_store *r = kpi_transform_apply(s, &p, &st, &err);
    if (!r)
        fprintf(stderr, "%s\n", err.message);
    assert_non_null(r);
    assert_value(find(r, "long", ""), "2018Q2", 6);
    assert_int_equal(kpi_series_length(find(r, "short", "")), 0);
    assert_int_equal(st.incomplete, 1);
    kpi_store_free(r);
}

/* Rolling and year to date together are refused, and the input is
 * consumed all the same; a failing step frees it too. */
static void
test_apply_errors_consume_input(void **state)
{
    (void)state;
    kpi_store *s = read_store(HEADER "k,,2018-01,1\n");
    kpi_pipeline p = {.fy_start = 4, .rolling = 3, .ytd = true};
    kpi_error err;
    kpi_error_clear(&err);
    kpi_transform_stats st = no_stats;
    assert_null(kpi_transform_apply(s, &p, &st, &err));
    assert_error(&err, KPI_EINVAL, 0, 0, "cannot be combined");

    s = read_store(HEADER "k,,2018Q1,1\n");
    p = (kpi_pipeline){.fy_start = 4, .to = KPI_FREQ_MONTH};
    assert_null(kpi_transform_apply(s, &p, NULL, &err));
    assert_int_equal(err.code, KPI_EFREQ);

    s = read_store(HEADER "k,,2018Q1,1\n");
    p = (kpi_pipeline){.fy_start = 4, .rolling = -1};
    assert_null(kpi_transform_apply(s, &p, NULL, &err));
    assert_int_equal(err.code, KPI_EINVAL);
}

/* ---- out of memory ------------------------------------------------------------------------ */

/* Run call with the nth allocation failing, for n = 0, 1, ... until it
 * succeeds: each failure is NULL with KPI_ENOMEM, and ASan sees no leak. */
#define OOM_LOOP(result, call)                                                                     \
    do {                                                                                           \
        long n_;                                                                                   \
        for (n_ = 0; n_ < 100000; n_++) {                                                          \
            kpi_error err_;                                                                        \
            kpi_error_clear(&err_);                                                                \
            kpi_alloc_fail_after(n_);                                                              \
            result = call;                                                                         \
            kpi_alloc_fail_after(-1);                                                              \
            if (result)                                                                            \
                break;                                                                             \
            if (err_.code != KPI_ENOMEM)                                                           \
                fprintf(stderr, "n=%ld: %s\n", n_, err_.message);                                  \
            assert_int_equal(err_.code, KPI_ENOMEM);                                               \
        }                                                                                          \
        assert_true(n_ > 0 && n_ < 100000);                                                        \
    } while (0)

static const char *const oom_data = HEADER "k,Camden,2019-01,1\nk,Camden,2019-02,2\n"
                                           "k,Camden,2019-03,3\nk,Camden,2019-04,4\n"
                                           "k,Islington,2019-01,10\nk,Islington,2019-02,20\n"
                                           "k,Islington,2019-03,NA\nk,Islington,2019-04,40\n"
                                           "k,Westminster,2019-02,5\nk,Hackney,2019-01,1\n"
                                           "j,Camden,2019Q1,1.5\nj,Westminster,2019Q1,2.5\n"
                                           "j,Islington,2019Q1,3.5\n";

/* Rolling windows fail cleanly at every allocation. */
static void
test_rolling_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = read_store(oom_data);
    kpi_meta *meta = read_meta("indicator,aggregation\nj,mean\n");
    kpi_store *r;
    OOM_LOOP(r, kpi_transform_rolling(s, 2, meta, NULL, &err_));
    assert_value(find(r, "k", "Camden"), "2019-04", 7);
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
}

/* Roll-ups fail cleanly at every allocation. */
static void
test_rollup_out_of_memory(void **state)
{
    (void)state;
    kpi_rollup *map = read_map(map_text);
    kpi_store *s = read_store(oom_data);
    kpi_meta *meta = read_meta("indicator,aggregation\nj,mean\n");
    kpi_store *r;
    kpi_transform_stats st;
    OOM_LOOP(r, kpi_transform_rollup(s, map, meta, false, &st, &err_));
    assert_value(find(r, "k", "Central North"), "2019-04", 44);
    assert_value(find(r, "j", "Central North"), "2019Q1", 2.5); /* (1.5 + 3.5) / 2 */
    assert_value(find(r, "j", "London"), "2019Q1", 2.5);        /* 7.5 / 3 */
    kpi_store_free(r);
    kpi_meta_free(meta);
    kpi_store_free(s);
    kpi_rollup_free(map);
}

/* Year to date, resampling, rates and a whole pipeline fail cleanly at
 * every allocation too. */
static void
test_other_transforms_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = read_store(oom_data);
    kpi_rollup *map = read_map(map_text);
    kpi_population *pop = read_pop("area,population\nCamden,1000\nIslington,2000\n", 4);
    kpi_store *r;
    OOM_LOOP(r, kpi_transform_ytd(s, 1, NULL, NULL, &err_));
    kpi_store_free(r);
    OOM_LOOP(r, kpi_transform_resample(s, KPI_FREQ_QUARTER, 4, true, NULL, NULL, &err_));
    kpi_store_free(r);
    OOM_LOOP(r, kpi_transform_per(s, pop, 1000, NULL, &err_));
    kpi_store_free(r);
    kpi_pipeline p = {.fy_start = 4,
                      .rollup = map,
                      .to = KPI_FREQ_QUARTER,
                      .rolling = 1,
                      .per_population = pop,
                      .per = 1000};
    /* The pipeline consumes its input, so each attempt gets a fresh copy,
     * made before the failures are switched on. */
    long n;
    for (n = 0; n < 100000; n++) {
        kpi_store *in = read_store(oom_data);
        kpi_error err;
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        r = kpi_transform_apply(in, &p, NULL, &err);
        kpi_alloc_fail_after(-1);
        if (r)
            break;
        assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_true(n > 0);
    assert_int_equal(kpi_store_count(r), 4);
    kpi_store_free(r);
    kpi_population_free(pop);
    kpi_rollup_free(map);
    kpi_store_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_freq_months_into_fy_complete_only),
        cmocka_unit_test(test_rolling_sums),
        cmocka_unit_test(test_rolling_over_partial_is_partial),
        cmocka_unit_test(test_rolling_incomplete_windows),
        cmocka_unit_test(test_rolling_large_values),
        cmocka_unit_test(test_rolling_mean_from_meta),
        cmocka_unit_test(test_rolling_last_from_meta),
        cmocka_unit_test(test_rolling_decimal_sums_are_exact),
        cmocka_unit_test(test_rolling_twelve_months),
        cmocka_unit_test(test_rolling_bad_window),
        cmocka_unit_test(test_ytd_april_years),
        cmocka_unit_test(test_ytd_missing_month),
        cmocka_unit_test(test_ytd_calendar_years),
        cmocka_unit_test(test_ytd_quarters),
        cmocka_unit_test(test_ytd_yearly_is_error),
        cmocka_unit_test(test_resample_months_to_quarters),
        cmocka_unit_test(test_resample_months_to_years),
        cmocka_unit_test(test_resample_mean),
        cmocka_unit_test(test_resample_days_to_months),
        cmocka_unit_test(test_resample_finer_is_error),
        cmocka_unit_test(test_resample_mixed_store_identity),
        cmocka_unit_test(test_rollup_sums_and_missing),
        cmocka_unit_test(test_rollup_keeps_groups),
        cmocka_unit_test(test_rollup_mean_and_last),
        cmocka_unit_test(test_rollup_mixed_frequencies),
        cmocka_unit_test(test_rollup_unmapped_list),
        cmocka_unit_test(test_rollup_child_twice_in_data),
        cmocka_unit_test(test_per_area_population),
        cmocka_unit_test(test_per_year_population),
        cmocka_unit_test(test_per_fy_population),
        cmocka_unit_test(test_per_reproduces_london_rates),
        cmocka_unit_test(test_apply_empty_pipeline),
        cmocka_unit_test(test_apply_rollup_resample_rolling),
        cmocka_unit_test(test_apply_ytd_then_rates),
        cmocka_unit_test(test_apply_empty_series_after_resample),
        cmocka_unit_test(test_apply_errors_consume_input),
        cmocka_unit_test(test_rolling_out_of_memory),
        cmocka_unit_test(test_rollup_out_of_memory),
        cmocka_unit_test(test_other_transforms_out_of_memory),
    };
    return kpi_test_run(tests);
}
