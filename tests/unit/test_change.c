/* Tests of period comparisons: year-on-year, previous, fixed base. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/change.h"
#include "kpi/reader.h"

static kpi_store *
read_text(const char *text)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error err;
    kpi_store *s = kpi_read_stream(fp, "t.csv", NULL, NULL, &err);
    fclose(fp);
    assert_non_null(s);
    return s;
}

static char *
capture(const kpi_store *s, const kpi_change_options *o, kpi_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(kpi_change_write(s, o, out, f, &err), KPI_OK);
    fclose(out);
    return buf;
}

static const char *met = "indicator,area,period,value\n"
                         "knife_injury,London,2016-17,\"4,446\"\n"
                         "knife_injury,London,2017-18,\"4,732\"\n"
                         "knife_injury,London,2018-19,\"4,277\"\n"
                         "homicide,London,2017-18,163\n"
                         "homicide,London,2018-19,122\n";

/* The Met's 2018-19 Q4 figures: knife injuries fell 9.6%, homicide 25.2%. */
static void
test_change_yoy_met_figures(void **state)
{
    (void)state;
    kpi_store *s = read_text(met);
    kpi_change_options o = kpi_change_options_default();
    kpi_change c;
    const char *key[] = {"knife_injury", "London"};
    const kpi_series *k = kpi_store_find(s, key);
    kpi_change_at(k, 2, &o, &c);
    assert_true(c.has_change && c.has_pct);
    assert_double_equal(c.change, -455, 0);
    assert_double_equal(kpi_value_round(c.pct_change, 1), -9.6, 1e-12);
    assert_int_equal(c.direction, KPI_DIRECTION_DECREASE);
    assert_true(c.has_prev_pct);
    assert_double_equal(kpi_value_round(c.prev_pct_change, 1), 6.4, 1e-12);
    const char *hk[] = {"homicide", "London"};
    kpi_change_at(kpi_store_find(s, hk), 1, &o, &c);
    assert_double_equal(c.change, -41, 0);
    assert_double_equal(kpi_value_round(c.pct_change, 1), -25.2, 1e-12);
    assert_false(c.has_prev_pct);
    kpi_store_free(s);
}

/* The first period has no base, so its change fields stay empty. */
static void
test_change_write_csv(void **state)
{
    (void)state;
    kpi_store *s = read_text(met);
    kpi_change_options o = kpi_change_options_default();
    char *out = capture(s, &o, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,period,value,base_period,base_value,change,"
                             "pct_change,direction,prev_pct_change\n"
                             "knife_injury,London,2016-17,4446,2015-16,,,,,\n"
                             "knife_injury,London,2017-18,4732,2016-17,4446,286,6.4,increase,\n"
                             "knife_injury,London,2018-19,4277,2017-18,4732,-455,-9.6,decrease,"
                             "6.4\n"
                             "homicide,London,2017-18,163,2016-17,,,,,\n"
                             "homicide,London,2018-19,122,2017-18,163,-41,-25.2,decrease,\n");
    free(out);
    o.latest = true;
    o.decimals = 2;
    out = capture(s, &o, KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "knife_injury,London,2018-19,4277,2017-18,4732,-455,-9.62,"
                                "decrease,6.43\n"));
    assert_null(strstr(out, "2017-18,4732,2016-17"));
    free(out);
    kpi_store_free(s);
}

/* Against a fixed base every period compares with the same one. */
static void
test_change_fixed_base_and_prev(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\n"
                             "k,2019-01,10\nk,2019-02,0\nk,2019-03,5\nk,2019-04,NA\nk,2019-05,5\n");
    kpi_change_options o = kpi_change_options_default();
    o.vs = KPI_VS_PREV;
    kpi_change c;
    const kpi_series *k = kpi_store_at(s, 0);
    kpi_change_at(k, 2, &o, &c);
    /* From zero there is a change but no percentage. */
    assert_true(c.has_change);
    assert_false(c.has_pct);
    assert_string_equal(c.reason, "base value is zero");
    kpi_change_at(k, 4, &o, &c);
    assert_false(c.has_change);
    assert_string_equal(c.reason, "base value is missing");
    kpi_change_at(k, 3, &o, &c);
    assert_string_equal(c.reason, "value is missing");

    o.vs = KPI_VS_FIXED;
    const char *base = "2019-01";
    kpi_period_parse(base, strlen(base), KPI_FREQ_NONE, &o.base, NULL, NULL);
    kpi_change_at(k, 4, &o, &c);
    assert_double_equal(c.pct_change, -50, 0);
    assert_int_equal(c.base_period.ordinal, o.base.ordinal);
    assert_false(c.has_prev_pct);

    /* A base of another frequency gives no base, not a failure. */
    kpi_period_parse("2018-19", 7, KPI_FREQ_NONE, &o.base, NULL, NULL);
    kpi_change_at(k, 4, &o, &c);
    assert_int_equal(c.base_period.freq, KPI_FREQ_NONE);
    assert_false(c.has_change);
    assert_string_equal(c.reason, "the base period is of another frequency");
    kpi_store_free(s);
}

/* Decimal values change by exactly their written decimals, and a tie in
 * the percentage rounds away from zero. */
static void
test_change_decimals_and_rounding(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\n"
                             "answer_101,2018,29.8\nanswer_101,2019,30.2\n"
                             "k,2018,200\nk,2019,201\n"
                             "z,2018,7\nz,2019,7\n");
    kpi_change_options o = kpi_change_options_default();
    o.latest = true;
    char *out = capture(s, &o, KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "answer_101,,2019,30.2,2018,29.8,0.4,1.3,increase,\n"));
    /* 1/200 = 0.5% exactly: at 0 decimals it rounds up to 1. */
    free(out);
    o.decimals = 0;
    out = capture(s, &o, KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "k,,2019,201,2018,200,1,1,increase,\n"));
    assert_non_null(strstr(out, "z,,2019,7,2018,7,0,0,no change,\n"));
    free(out);
    kpi_store_free(s);
}

/* JSON writes numbers bare and empty fields as null. */
static void
test_change_write_json(void **state)
{
    (void)state;
    kpi_store *s = read_text("indicator,period,value\nk,2018,4\nk,2019,5\n");
    kpi_change_options o = kpi_change_options_default();
    o.latest = true;
    char *out = capture(s, &o, KPI_FORMAT_JSON);
    assert_string_equal(out, "[\n  {\"indicator\": \"k\", \"area\": \"\", \"period\": \"2019\", "
                             "\"value\": 5, \"base_period\": \"2018\", \"base_value\": 4, "
                             "\"change\": 1, \"pct_change\": 25.0, \"direction\": \"increase\", "
                             "\"prev_pct_change\": null}\n]\n");
    free(out);
    kpi_store_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_change_yoy_met_figures),
        cmocka_unit_test(test_change_write_csv),
        cmocka_unit_test(test_change_fixed_base_and_prev),
        cmocka_unit_test(test_change_decimals_and_rounding),
        cmocka_unit_test(test_change_write_json),
    };
    return kpi_test_run(tests);
}
