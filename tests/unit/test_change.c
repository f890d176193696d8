/* Tests of period comparisons: year-on-year, previous, fixed base. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/change.h"
#include "kpi/reader.h"
#include "kpi/store.h"
#include "kpi/table.h"

static char *
capture(const kpi_store *s, const kpi_change_options *o, kpi_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(
        kpi_table_write_change(s, o, out, &(kpi_table_options){.format = f, .threads = 1}, &err),
        KPI_OK);
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
    kpi_store *s = kpi_test_read(met, NULL);
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
    kpi_store *s = kpi_test_read(met, NULL);
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
    kpi_store *s = kpi_test_read(
        "indicator,period,value\n"
        "k,2019-01,10\nk,2019-02,0\nk,2019-03,5\nk,2019-04,NA\nk,2019-05,5\n",
        NULL);
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
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "answer_101,2018,29.8\nanswer_101,2019,30.2\n"
                                 "k,2018,200\nk,2019,201\n"
                                 "z,2018,7\nz,2019,7\n",
                                 NULL);
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
    kpi_store *s = kpi_test_read("indicator,period,value\nk,2018,4\nk,2019,5\n", NULL);
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

/* A percentage or change printed in the Met's 2018-19 Q4 report, and what
 * the report's own levels give.  The dataset records every figure as
 * printed; where the printed change disagrees with the printed levels,
 * the test asserts the arithmetic and that it differs from the print. */
typedef struct printed {
    const char *indicator;
    const char *period;
    double pct;    /* as printed */
    int decimals;  /* digits printed after the point */
    bool agrees;   /* the printed percentage matches the levels */
    double arith;  /* what the levels give, at the printed decimals */
    double change; /* the printed absolute change; 0 when none */
    bool change_agrees;
    double arith_change;
} printed;

static const printed met_report[] = {
    /* "There were 122 homicides in 2018-19, compared to 163": -41 is
     * printed as -39; -25% agrees. */
    {"homicide", "2018-19", -25, 0, true, -25, -39, false, -41},
    /* +86 offences agrees, but 86 / 14,766 is +0.58%, printed +0.5%. */
    {"knife_crime", "2018-19", 0.5, 1, false, 0.6, 86, true, 86},
    {"knife_injury", "2018-19", -9.6, 1, true, -9.6, 0, true, 0},
    {"knife_injury_u25", "2018-19", -15, 0, true, -15, -311, true, -311},
    /* 23,986 to 11,390 is -12,596 (-52.5%); printed -12,506 and -52.3%. */
    {"moped_enabled_crime", "2018-19", -52.3, 1, false, -52.5, -12506, false, -12596},
    /* 13,113 to 9,445 is -27.97%; printed -32.4%. */
    {"ptw_theft", "2018-19", -32.4, 1, false, -28.0, 0, true, 0},
};

/* Every percentage the Met report prints, reproduced from its levels in
 * datasets/met-business-plan to the printed digit where they agree. */
static void
test_change_reproduces_met_report(void **state)
{
    (void)state;
    kpi_error err;
    kpi_store *s = kpi_read_file(kpi_test_path("datasets/met-business-plan/figures.csv"), NULL,
                                 NULL, &err);
    assert_non_null(s);
    kpi_change_options o = kpi_change_options_default();
    for (size_t k = 0; k < sizeof met_report / sizeof met_report[0]; k++) {
        const printed *r = &met_report[k];
        const char *key[] = {r->indicator, "London"};
        const kpi_series *se = kpi_store_find(s, key);
        assert_non_null(se);
        kpi_period p;
        assert_int_equal(
            kpi_period_parse(r->period, strlen(r->period), KPI_FREQ_FYEAR, &p, NULL, NULL), KPI_OK);
        ptrdiff_t i = kpi_series_index(se, p);
        assert_true(i >= 0);
        kpi_change c;
        kpi_change_at(se, (size_t)i, &o, &c);
        assert_true(c.has_pct);
        double got = kpi_value_round(c.pct_change, r->decimals);
        assert_double_equal(got, r->arith, 1e-9);
        if (r->agrees)
            assert_double_equal(got, r->pct, 1e-9);
        else
            assert_true(got != r->pct);
        if (r->change != 0) {
            assert_double_equal(c.change, r->arith_change, 0);
            assert_true((c.change == r->change) == r->change_agrees);
        }
    }
    kpi_store_free(s);
}

/* The compound annual growth rate needs positive values and a span. */
static void
test_change_cagr(void **state)
{
    (void)state;
    double g = 0;
    assert_true(kpi_change_cagr(100, 121, 2, &g));
    assert_double_equal(g, 10, 1e-12);
    assert_false(kpi_change_cagr(0, 121, 2, &g));
    assert_false(kpi_change_cagr(100, 121, 0, &g));
    kpi_store *s = kpi_test_read("indicator,period,value\nk,2016-17,100\nk,2017-18,110\n"
                                 "k,2018-19,121\n",
                                 NULL);
    kpi_change_options o = kpi_change_options_default();
    o.vs = KPI_VS_FIXED;
    o.cagr = true;
    o.latest = true;
    kpi_period_parse("2016-17", 7, KPI_FREQ_NONE, &o.base, NULL, NULL);
    char *out = capture(s, &o, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,period,value,base_period,base_value,change,"
                             "pct_change,direction,prev_pct_change,cagr_pct\n"
                             "k,,2018-19,121,2016-17,100,21,21.0,increase,,10.0\n");
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
        cmocka_unit_test(test_change_reproduces_met_report),
        cmocka_unit_test(test_change_cagr),
    };
    return kpi_test_run(tests);
}
