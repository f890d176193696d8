/* Tests of the series store: keys, dense slots, duplicates, frequencies. */
#include "harness.h"

#include <math.h>
#include <string.h>

#include "kpi/series.h"
#include "kpi/store.h"
#include "series_private.h"

static kpi_value
num(double x)
{
    return (kpi_value){.kind = KPI_VALUE_NUMBER, .number = x};
}

static kpi_period
month(int y, int m)
{
    return (kpi_period){KPI_FREQ_MONTH, y * 12 + m - 1};
}

static kpi_series *
new_series(kpi_store **s, const char *indicator, const char *area)
{
    *s = kpi_store_new(0, NULL, NULL);
    assert_non_null(*s);
    const char *key[] = {indicator, area};
    kpi_series *se = kpi_store_intern(*s, key, NULL);
    assert_non_null(se);
    return se;
}

/* Interning the same key twice gives the same series; keys differ by part. */
static void
test_series_intern_and_find(void **state)
{
    (void)state;
    const char *names[] = {"major"};
    kpi_store *s = kpi_store_new(1, names, NULL);
    const char *a[] = {"knife", "Barnet", "Violence"}, *b[] = {"knife", "Barnet", "Other"};
    const char *ab[] = {"knif", "eBarnet", "Violence"};
    kpi_series *x = kpi_store_intern(s, a, NULL);
    assert_ptr_equal(kpi_store_intern(s, a, NULL), x);
    assert_ptr_not_equal(kpi_store_intern(s, b, NULL), x);
    assert_ptr_not_equal(kpi_store_intern(s, ab, NULL), x);
    assert_int_equal(kpi_store_count(s), 3);
    assert_ptr_equal(kpi_store_find(s, a), x);
    assert_string_equal(kpi_series_group(x, 0), "Violence");
    assert_string_equal(kpi_store_group_name(s, 0), "major");
    const char *none[] = {"x", "y", "z"};
    assert_null(kpi_store_find(s, none));
    kpi_store_free(s);
}

/* Many series survive the key table's growth, in first-seen order. */
static void
test_series_many_keys_keep_order(void **state)
{
    (void)state;
    kpi_store *s = kpi_store_new(0, NULL, NULL);
    char name[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "ind%d", i);
        const char *key[] = {name, ""};
        assert_non_null(kpi_store_intern(s, key, NULL));
    }
    assert_int_equal(kpi_store_count(s), 1000);
    assert_string_equal(kpi_series_indicator(kpi_store_at(s, 737)), "ind737");
    const char *key[] = {"ind999", ""};
    assert_ptr_equal(kpi_store_find(s, key), kpi_store_at(s, 999));
    kpi_store_free(s);
}

/* Slots are dense from the first to the last period; gaps are absent. */
static void
test_series_dense_slots_with_gaps(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_series *se = new_series(&s, "k", "");
    kpi_value v = num(5), m = {.kind = KPI_VALUE_MISSING};
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &v, KPI_DUP_ERROR, 4, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(se, month(2018, 12), 0, &v, KPI_DUP_ERROR, 2, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(se, month(2019, 1), 0, &m, KPI_DUP_ERROR, 3, NULL), KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    assert_int_equal(kpi_series_length(se), 4);
    assert_int_equal(kpi_series_period(se, 0).ordinal, 2018 * 12 + 11);
    assert_int_equal(kpi_series_state(se, 0), KPI_OBS_VALUE);
    assert_int_equal(kpi_series_state(se, 1), KPI_OBS_MISSING);
    assert_true(isnan(kpi_series_value(se, 1)));
    assert_int_equal(kpi_series_state(se, 2), KPI_OBS_ABSENT);
    assert_int_equal(kpi_series_line(se, 3), 4);
    assert_int_equal(kpi_series_index(se, month(2019, 2)), 2);
    assert_int_equal(kpi_series_index(se, month(2019, 4)), -1);
    assert_int_equal(kpi_series_count(se, KPI_OBS_ABSENT), 1);
    assert_int_equal(kpi_series_count(se, KPI_OBS_VALUE), 2);
    kpi_store_free(s);
}

/* A new series makes room at once for as many slots as the series made
 * before it has, and only for its first allocation: later growth doubles
 * as before, and a series after a short one starts small.  Periods that
 * come latest first move within that room and keep their places. */
static void
test_series_room_like_the_one_before(void **state)
{
    (void)state;
    kpi_store *s = kpi_store_new(0, NULL, NULL);
    const char *ka[] = {"a", ""}, *kb[] = {"b", ""}, *kc[] = {"c", ""}, *kd[] = {"d", ""};
    kpi_series *a = kpi_store_intern(s, ka, NULL);
    kpi_value v = num(1);
    for (int m = 0; m < 100; m++)
        assert_int_equal(kpi_series_put(a, month(2000 + m / 12, m % 12 + 1), 0, &v, KPI_DUP_ERROR,
                                        (unsigned long)m + 2, NULL),
                         KPI_OK);
    assert_int_equal(a->cap, 128); /* 16 doubled three times */
    kpi_series *b = kpi_store_intern(s, kb, NULL);
    for (int m = 2; m >= 0; m--) {
        kpi_value x = num(m);
        assert_int_equal(kpi_series_put(b, month(2010, m + 1), 0, &x, KPI_DUP_ERROR, 1, NULL),
                         KPI_OK);
    }
    assert_int_equal(b->cap, 100);
    assert_int_equal(kpi_series_length(b), 3);
    for (size_t i = 0; i < 3; i++)
        assert_true(kpi_series_value(b, i) == (double)i);
    for (int m = 3; m < 101; m++)
        assert_int_equal(
            kpi_series_put(b, month(2010 + m / 12, m % 12 + 1), 0, &v, KPI_DUP_ERROR, 1, NULL),
            KPI_OK);
    assert_int_equal(b->cap, 200);
    kpi_series *c = kpi_store_intern(s, kc, NULL);
    assert_int_equal(kpi_series_put(c, month(2020, 1), 0, &v, KPI_DUP_ERROR, 1, NULL), KPI_OK);
    assert_int_equal(c->cap, 101);
    kpi_series *d = kpi_store_intern(s, kd, NULL);
    assert_int_equal(kpi_series_put(d, month(2020, 1), 0, &v, KPI_DUP_ERROR, 1, NULL), KPI_OK);
    assert_int_equal(d->cap, 16);
    kpi_store_free(s);
}

/* A repeated period is an error naming the earlier line, unless a policy
 * says how to combine. */
static void
test_series_duplicates(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_series *se = new_series(&s, "knife", "London");
    kpi_value a = num(10), b = num(3), m = {.kind = KPI_VALUE_MISSING};
    kpi_error err;
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &a, KPI_DUP_ERROR, 7, &err), KPI_OK);
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &b, KPI_DUP_ERROR, 9, &err),
                     KPI_EDUPLICATE);
    assert_non_null(strstr(err.message, "'knife' / 'London' already has period 2019-03 (line 7)"));
    /* The library names its own option; flags are the command line's. */
    assert_non_null(strstr(err.message, "set the duplicates option to sum, first or last"));
    assert_null(strstr(err.message, "--"));
    assert_int_equal(kpi_series_check(se, month(2019, 3), 0, &b, KPI_DUP_ERROR, &err),
                     KPI_EDUPLICATE);
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &b, KPI_DUP_SUM, 9, &err), KPI_OK);
    assert_double_equal(kpi_series_value(se, 0), 13, 0);
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &m, KPI_DUP_SUM, 9, &err), KPI_OK);
    assert_double_equal(kpi_series_value(se, 0), 13, 0);
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &b, KPI_DUP_FIRST, 9, &err), KPI_OK);
    assert_double_equal(kpi_series_value(se, 0), 13, 0);
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &b, KPI_DUP_LAST, 9, &err), KPI_OK);
    assert_double_equal(kpi_series_value(se, 0), 3, 0);
    assert_int_equal(kpi_series_line(se, 0), 9);
    kpi_store_free(s);
}

/* One series keeps one frequency and one unit. */
static void
test_series_mixed_frequency_and_unit(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_series *se = new_series(&s, "k", "");
    kpi_value v = num(1), pct = {.kind = KPI_VALUE_NUMBER, .unit = KPI_UNIT_PERCENT, .number = 2};
    kpi_error err;
    assert_int_equal(kpi_series_put(se, month(2019, 3), 0, &v, KPI_DUP_ERROR, 2, &err), KPI_OK);
    kpi_period q = {KPI_FREQ_QUARTER, 2019 * 4};
    assert_int_equal(kpi_series_put(se, q, 0, &v, KPI_DUP_ERROR, 3, &err), KPI_EFREQ);
    assert_string_equal(err.message, "mixed frequencies: series 'k' has months, found quarter "
                                     "'2019Q1'");
    assert_int_equal(kpi_series_put(se, month(2019, 4), 0, &pct, KPI_DUP_ERROR, 3, &err),
                     KPI_EVALUE);
    assert_string_equal(err.message,
                        "mixed units: series 'k' has plain values, found a percent value");
    assert_int_equal(kpi_series_length(se), 1);
    kpi_store_free(s);
}

/* "2011-12" joins a financial-year series as 2011-12, and a series of
 * nothing but such texts becomes financial-yearly when finished. */
static void
test_series_ambiguous_fy(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_series *se = new_series(&s, "k", "");
    kpi_value v = num(1);
    kpi_period fy = {KPI_FREQ_FYEAR, 2012};
    assert_int_equal(kpi_series_put(se, fy, 0, &v, KPI_DUP_ERROR, 2, NULL), KPI_OK);
    assert_int_equal(
        kpi_series_put(se, month(2011, 12), KPI_PERIOD_AMBIGUOUS_FY, &v, KPI_DUP_ERROR, 3, NULL),
        KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_int_equal(kpi_series_period(se, 0).ordinal, 2011);
    kpi_store_free(s);

    se = new_series(&s, "k", "");
    assert_int_equal(
        kpi_series_put(se, month(2010, 11), KPI_PERIOD_AMBIGUOUS_FY, &v, KPI_DUP_ERROR, 2, NULL),
        KPI_OK);
    assert_int_equal(
        kpi_series_put(se, month(2011, 12), KPI_PERIOD_AMBIGUOUS_FY, &v, KPI_DUP_ERROR, 3, NULL),
        KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    /* An unambiguous financial year turns the ambiguous months over. */
    assert_int_equal(kpi_series_put(se, fy, 0, &v, KPI_DUP_ERROR, 4, NULL), KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_int_equal(kpi_series_length(se), 3);
    assert_int_equal(kpi_series_line(se, 1), 3);
    kpi_store_free(s);

    se = new_series(&s, "k", "");
    assert_int_equal(
        kpi_series_put(se, month(2009, 10), KPI_PERIOD_AMBIGUOUS_FY, &v, KPI_DUP_ERROR, 2, NULL),
        KPI_OK);
    assert_int_equal(
        kpi_series_put(se, month(2010, 11), KPI_PERIOD_AMBIGUOUS_FY, &v, KPI_DUP_ERROR, 3, NULL),
        KPI_OK);
    assert_int_equal(kpi_store_finish(s, NULL), KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_int_equal(kpi_series_period(se, 1).ordinal, 2010);
    kpi_store_free(s);
}

/* Daily dates that are all the 1st of a month become months. */
static void
test_series_first_of_month_days_become_months(void **state)
{
    (void)state;
    kpi_store *s;
    kpi_series *se = new_series(&s, "k", "");
    kpi_value v = num(1);
    kpi_period d1 = {KPI_FREQ_DAY, kpi_period_day_from_ymd(2022, 3, 1)};
    kpi_period d2 = {KPI_FREQ_DAY, kpi_period_day_from_ymd(2022, 5, 1)};
    assert_int_equal(kpi_series_put(se, d1, 0, &v, KPI_DUP_ERROR, 2, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(se, d2, 0, &v, KPI_DUP_ERROR, 3, NULL), KPI_OK);
    const char *key[] = {"other", ""};
    kpi_series *daily = kpi_store_intern(s, key, NULL);
    kpi_period d3 = {KPI_FREQ_DAY, kpi_period_day_from_ymd(2022, 5, 2)};
    assert_int_equal(kpi_series_put(daily, d1, 0, &v, KPI_DUP_ERROR, 4, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(daily, d3, 0, &v, KPI_DUP_ERROR, 5, NULL), KPI_OK);
    assert_int_equal(kpi_store_finish(s, NULL), KPI_OK);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    assert_int_equal(kpi_series_length(se), 3);
    assert_int_equal(kpi_series_period(se, 2).ordinal, 2022 * 12 + 4);
    assert_int_equal(kpi_series_state(se, 1), KPI_OBS_ABSENT);
    assert_int_equal(kpi_series_freq(daily), KPI_FREQ_DAY);
    kpi_store_free(s);
}

/* Every failed allocation is KPI_ENOMEM and leaves nothing behind. */
static void
test_series_out_of_memory(void **state)
{
    (void)state;
    kpi_status st = KPI_ENOMEM;
    for (long n = 0; st != KPI_OK && n < 200; n++) {
        kpi_alloc_fail_after(n);
        kpi_error err;
        kpi_store *s = kpi_store_new(0, NULL, &err);
        st = s ? KPI_OK : KPI_ENOMEM;
        for (int i = 0; i < 40 && st == KPI_OK; i++) {
            char name[8];
            snprintf(name, sizeof name, "i%d", i % 5);
            const char *key[] = {name, ""};
            kpi_series *se = kpi_store_intern(s, key, &err);
            kpi_value v = num(i);
            st = se ? kpi_series_put(se, month(2000 + i, 1), 0, &v, KPI_DUP_ERROR, 1, &err)
                    : KPI_ENOMEM;
        }
        kpi_alloc_fail_after(-1);
        if (st != KPI_OK)
            assert_int_equal(err.code, KPI_ENOMEM);
        kpi_store_free(s);
    }
    assert_int_equal(st, KPI_OK);
}

/* Two stores of one series combine across their join; a period both hold
 * merges when they agree, is an error naming both sources and lines when
 * they do not, and with KPI_PREFER_LAST takes the second's value. */
static void
test_store_combine(void **state)
{
    (void)state;
    kpi_store *a, *b;
    kpi_series *sa = new_series(&a, "k", "X"), *sb = new_series(&b, "k", "X");
    kpi_value v1 = num(1), v2 = num(2), v3 = num(3), v9 = num(9);
    assert_int_equal(kpi_series_put(sa, month(2019, 1), 0, &v1, KPI_DUP_ERROR, 2, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(sa, month(2019, 2), 0, &v2, KPI_DUP_ERROR, 3, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(sb, month(2019, 2), 0, &v2, KPI_DUP_ERROR, 2, NULL), KPI_OK);
    assert_int_equal(kpi_series_put(sb, month(2019, 3), 0, &v3, KPI_DUP_ERROR, 3, NULL), KPI_OK);
    kpi_error err;
    assert_int_equal(kpi_store_combine(a, b, KPI_PREFER_NONE, "a.csv", "b.csv", &err), KPI_OK);
    assert_int_equal(kpi_series_length(sa), 3);
    assert_double_equal(kpi_series_value(sa, 2), 3, 0);

    kpi_series_put(sb, month(2019, 3), 0, &v9, KPI_DUP_LAST, 4, NULL);
    assert_int_equal(kpi_store_combine(a, b, KPI_PREFER_NONE, "a.csv", "b.csv", &err),
                     KPI_EDUPLICATE);
    assert_string_equal(err.source, "b.csv");
    assert_int_equal(err.line, 4);
    assert_string_equal(err.message, "k, X, 2019-03 is 9 here but 3 in a.csv (line 3): the two "
                                     "files disagree");
    assert_int_equal(kpi_store_combine(a, b, KPI_PREFER_FIRST, "a.csv", "b.csv", &err), KPI_OK);
    assert_double_equal(kpi_series_value(sa, 2), 3, 0);
    assert_int_equal(kpi_store_combine(a, b, KPI_PREFER_LAST, "a.csv", "b.csv", &err), KPI_OK);
    assert_double_equal(kpi_series_value(sa, 2), 9, 0);
    kpi_store_free(a);
    kpi_store_free(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_series_intern_and_find),
        cmocka_unit_test(test_series_many_keys_keep_order),
        cmocka_unit_test(test_series_dense_slots_with_gaps),
        cmocka_unit_test(test_series_room_like_the_one_before),
        cmocka_unit_test(test_series_duplicates),
        cmocka_unit_test(test_series_mixed_frequency_and_unit),
        cmocka_unit_test(test_series_ambiguous_fy),
        cmocka_unit_test(test_series_first_of_month_days_become_months),
        cmocka_unit_test(test_series_out_of_memory),
        cmocka_unit_test(test_store_combine),
    };
    return kpi_test_run(tests);
}
