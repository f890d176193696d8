/* Tests of time zones: offsets on either side of the UK's clock changes,
 * other zones, refused names, and out of memory.  The reference is the
 * law, not GLib: the Summer Time Order puts British Summer Time from
 * 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday
 * of October (27 March and 30 October in 2016). */
#include "harness.h"

#include <string.h>

#include "kpi/period.h"
#include "kpi/tz.h"

/* Seconds since the epoch of y-m-d h:m:s UTC. */
static int64_t
utc(int y, int m, int d, int h, int min, int s)
{
    return (int64_t)kpi_period_day_from_ymd(y, m, d) * 86400 + h * 3600 + min * 60 + s;
}

static void
test_tz_london_clock_changes(void **state)
{
    (void)state;
    kpi_error err;
    kpi_tz *tz = kpi_tz_new("Europe/London", &err);
    assert_non_null(tz);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 1, 15, 12, 0, 0)), 0);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 3, 27, 0, 59, 59)), 0);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 3, 27, 1, 0, 0)), 3600);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 5, 31, 23, 1, 0)), 3600);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 10, 30, 0, 59, 59)), 3600);
    assert_int_equal(kpi_tz_offset(tz, utc(2016, 10, 30, 1, 0, 0)), 0);
    kpi_tz_free(tz);
    kpi_tz_free(NULL);
}

/* Zones far from London: a half-hour offset, a zone west of UTC with its
 * own summer time, and UTC itself. */
static void
test_tz_other_zones(void **state)
{
    (void)state;
    kpi_error err;
    kpi_tz *kolkata = kpi_tz_new("Asia/Kolkata", &err);
    kpi_tz *new_york = kpi_tz_new("America/New_York", &err);
    kpi_tz *u = kpi_tz_new("UTC", &err);
    assert_non_null(kolkata);
    assert_non_null(new_york);
    assert_non_null(u);
    assert_int_equal(kpi_tz_offset(kolkata, utc(2016, 6, 1, 0, 0, 0)), 5 * 3600 + 1800);
    assert_int_equal(kpi_tz_offset(new_york, utc(2016, 6, 1, 0, 0, 0)), -4 * 3600);
    assert_int_equal(kpi_tz_offset(new_york, utc(2016, 12, 1, 0, 0, 0)), -5 * 3600);
    assert_int_equal(kpi_tz_offset(u, utc(2016, 6, 1, 0, 0, 0)), 0);
    kpi_tz_free(kolkata);
    kpi_tz_free(new_york);
    kpi_tz_free(u);
}

/* A name the database lacks, an empty name, NULL and file paths are
 * refused with one message, never read as the process's own zone. */
static void
test_tz_bad_names(void **state)
{
    (void)state;
    const char *bad[] = {"Europe/Londres", "",
                         "/etc/localtime", "../zoneinfo/UTC",
                         "Europe/London;", "Europe London"};
    kpi_error err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(kpi_tz_new(bad[i], &err));
        assert_int_equal(err.code, KPI_EINVAL);
        if (!strstr(err.message, "unknown time zone '") || !strstr(err.message, bad[i]))
            fail_msg("'%s': message '%s'", bad[i], err.message);
    }
    assert_null(kpi_tz_new(NULL, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    assert_string_equal(err.message, "unknown time zone '': expected a tz database name such as "
                                     "Europe/London or UTC (see /usr/share/zoneinfo)");
}

static void
test_tz_out_of_memory(void **state)
{
    (void)state;
    kpi_error err;
    kpi_alloc_fail_after(0);
    assert_null(kpi_tz_new("Europe/London", &err));
    kpi_alloc_fail_after(-1);
    assert_int_equal(err.code, KPI_ENOMEM);
}

/* A timestamp's day in a zone: written with an offset, it is converted;
 * without one, it is already local.  16952 is 2016-05-31. */
static void
test_tz_period_parse(void **state)
{
    (void)state;
    kpi_error err;
    kpi_tz *tz = kpi_tz_new("Europe/London", &err);
    kpi_tz *kolkata = kpi_tz_new("Asia/Kolkata", &err);
    kpi_period_syntax london = {.tz = tz}, india = {.tz = kolkata};
    struct {
        const kpi_period_syntax *syn;
        const char *text;
        int32_t day;
    } cases[] = {
        {&london, "2016-05-31T23:01:00+00:00", 16953}, /* 00:01 BST on 1 June */
        {&london, "2016-05-31T22:59:59Z", 16952},      /* 23:59:59 BST */
        {&london, "2016-06-01T00:30:00+01:00", 16953}, /* the same instant, written in BST */
        {&london, "2016-05-31 23:30:00", 16952},       /* no offset: local already */
        {&london, "2016-05-31", 16952},
        {&london, "2016-03-26T23:30:00Z", 16886},  /* GMT still: 26 March */
        {&london, "2016-10-29T23:30:00Z", 17104},  /* BST: 30 October */
        {&london, "2016-10-30T23:30:00Z", 17104},  /* GMT again: 30 October */
        {&london, "2016-12-31T23:30:00Z", 17166},  /* GMT: the year stays 2016 */
        {&india, "2016-12-31T18:29:00Z", 17166},   /* 23:59 IST */
        {&india, "2016-12-31T18:30:00Z", 17167},   /* 00:00 IST, 1 January 2017 */
        {&india, "1969-12-31T18:30:00Z", 0},       /* from before the epoch to 1970 */
        {&india, "1969-12-31T18:29:00Z", -1},      /* 23:59 IST on 31 December 1969 */
        {&london, "1969-12-31T23:59:00-00:30", 0}, /* 00:29 UTC 1 January 1970, then BST */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_period p;
        if (kpi_period_parse_with(cases[i].text, strlen(cases[i].text), cases[i].syn, &p, NULL,
                                  &err) != KPI_OK)
            fail_msg("'%s': %s", cases[i].text, err.message);
        assert_int_equal(p.freq, KPI_FREQ_DAY);
        if (p.ordinal != cases[i].day)
            fail_msg("'%s': day %d, expected %d", cases[i].text, (int)p.ordinal, (int)cases[i].day);
    }
    kpi_tz_free(tz);
    kpi_tz_free(kolkata);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_london_clock_changes),
        cmocka_unit_test(test_tz_other_zones),
        cmocka_unit_test(test_tz_bad_names),
        cmocka_unit_test(test_tz_out_of_memory),
        cmocka_unit_test(test_tz_period_parse),
    };
    return kpi_test_run_group("tz", tests, sizeof tests / sizeof tests[0]);
}
