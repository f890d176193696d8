/* Tests of summary rows: the Met figures, target status on printed
 * figures, period selection, trends, and the table in every format. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/meta.h"
#include "kpi/reader.h"
#include "kpi/store.h"
#include "kpi/table.h"
#include "kpi/summary.h"

static kpi_period
period(const char *text)
{
    kpi_period p;
    assert_int_equal(kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, NULL, NULL), KPI_OK);
    return p;
}

/* The summary of one series (by indicator, area "") at period (NULL:
 * latest). */
static kpi_summary_row
row_of(const kpi_store *s, const kpi_meta *m, const char *indicator, const char *area,
       const char *at)
{
    const char *key[] = {indicator, area};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    kpi_summary_row r;
    kpi_period p;
    if (at)
        p = period(at);
    kpi_error err;
    assert_int_equal(kpi_summary_at(se, kpi_meta_find(m, indicator), at ? &p : NULL, &r, &err),
                     KPI_OK);
    return r;
}

static char *
capture(const kpi_store *s, const kpi_meta *m, const char *at, kpi_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    kpi_error err;
    kpi_period p;
    if (at)
        p = period(at);
    assert_int_equal(kpi_table_write_summary(s, m, at ? &p : NULL, out,
                                             &(kpi_table_options){.format = f, .threads = 1}, &err),
                     KPI_OK);
    fclose(out);
    return buf;
}

static kpi_store *
met_figures(kpi_meta **meta)
{
    kpi_error err;
    kpi_reader_options o = kpi_reader_options_default();
    kpi_store *s = kpi_read_file(kpi_test_path("datasets/met-business-plan/figures.csv"), &o, NULL,
                                 &err);
    assert_non_null(s);
    *meta = kpi_meta_read(kpi_test_path("datasets/met-business-plan/meta.csv"), &err);
    assert_non_null(*meta);
    return s;
}

/* The Met's 2018-19 figures: knife crime +86 (+0.6%, bad), homicide -41
 * (-25.2%, good), knife injury -9.6% after +6.4% the year before. */
static void
test_summary_met_changes(void **state)
{
    (void)state;
    kpi_meta *m;
    kpi_store *s = met_figures(&m);
    kpi_summary_row r = row_of(s, m, "knife_crime", "London", NULL);
    assert_string_equal(r.label, "Knife crime (offences involving a knife or sharp instrument)");
    assert_true(r.has_value && r.has_base && r.has_change && r.has_pct);
    assert_double_equal(r.value, 14852, 0);
    assert_double_equal(r.base_value, 14766, 0);
    assert_double_equal(r.change, 86, 0);
    assert_double_equal(kpi_value_round(r.pct_change, 1), 0.6, 1e-12);
    assert_int_equal(r.direction, KPI_DIRECTION_INCREASE);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_BAD);
    assert_false(r.has_prev_change);
    assert_int_equal(r.status, KPI_TARGET_STATUS_NONE);
    assert_int_equal(r.decimals, 0);

    r = row_of(s, m, "homicide", "London", NULL);
    assert_double_equal(r.change, -41, 0);
    assert_double_equal(kpi_value_round(r.pct_change, 1), -25.2, 1e-12);
    assert_int_equal(r.direction, KPI_DIRECTION_DECREASE);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_GOOD);

    r = row_of(s, m, "knife_injury", "London", NULL);
    assert_double_equal(r.change, -455, 0);
    assert_double_equal(kpi_value_round(r.pct_change, 1), -9.6, 1e-12);
    assert_true(r.has_prev_change && r.has_prev_pct);
    assert_double_equal(r.prev_change, 286, 0);
    assert_int_equal(r.prev_direction, KPI_DIRECTION_INCREASE);
    assert_double_equal(kpi_value_round(r.prev_pct_change, 1), 6.4, 1e-12);
    /* Three values, 4446 4732 4277: no test can find a trend in 3, so
     * there is none, and the note says why. */
    assert_false(r.has_trend);
    assert_int_equal(r.trend_n, 3);
    assert_string_equal(r.note, "trend: only 3 values; a trend test needs 5; "
                                "variation: only 3 values; process limits need 12");
    /* 4,277 against 4,732 as counts: SciPy's binomtest(4277, 9009, 0.5)
     * gives p = 1.71705e-06. */
    assert_true(r.test.has_test);
    assert_double_rel(r.test.p, 1.71705e-06, 1e-5);
    assert_int_equal(r.test.significance, KPI_SIGNIFICANCE_DECREASE);
    assert_int_equal(r.variation, KPI_SPC_NO_LIMITS);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* 101 calls answered in 30.2 s against <= 30 is missed by 0.2; 999 calls
 * in 5.2 s against <= 10 is met, 4.8 inside; 1,171 ward officers against
 * >= 1,258 is missed by 87. */
static void
test_summary_met_targets(void **state)
{
    (void)state;
    kpi_meta *m;
    kpi_store *s = met_figures(&m);
    kpi_summary_row r = row_of(s, m, "calls_101_answer_seconds", "London", NULL);
    assert_int_equal(r.target_op, KPI_TARGET_LE);
    assert_double_equal(r.target, 30, 0);
    assert_int_equal(r.status, KPI_TARGET_MISSED);
    assert_double_equal(r.margin, 0.2, 1e-12);
    assert_int_equal(r.decimals, 1);
    assert_int_equal(r.target_decimals, 0);
    assert_int_equal(r.margin_decimals, 1);
    assert_false(r.has_base);
    assert_int_equal(r.direction, KPI_DIRECTION_NONE);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_NONE);
    /* One value: no Mann-Kendall. */
    assert_false(r.has_trend);
    assert_int_equal(r.trend_n, 1);

    r = row_of(s, m, "calls_999_answer_seconds", "London", NULL);
    assert_int_equal(r.status, KPI_TARGET_MET);
    assert_double_equal(r.margin, 4.8, 1e-12);

    r = row_of(s, m, "dedicated_ward_officers", "London", NULL);
    assert_int_equal(r.target_op, KPI_TARGET_GE);
    assert_int_equal(r.status, KPI_TARGET_MISSED);
    assert_double_equal(r.margin, 87, 0);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* The target is judged on the value as printed: 30.04 prints as 30.0 and
 * meets <= 30 with margin 0; 30.05 prints as 30.1 and misses by 0.1; a
 * target finer than the value widens the margin's decimals. */
static void
test_summary_target_on_printed_value(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "a,2019-01,30.04\n"
                                 "b,2019-01,30.05\n"
                                 "c,2019-01,30.0\n"
                                 "d,2019-01,29.9\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,target,target_op,decimals\n"
                                "a,30,<=,1\n"
                                "b,30,<=,1\n"
                                "c,29.95,<=,1\n"
                                "d,30,>=,1\n");
    kpi_summary_row r = row_of(s, m, "a", "", NULL);
    assert_double_equal(r.value, 30.0, 0);
    assert_int_equal(r.status, KPI_TARGET_MET);
    assert_double_equal(r.margin, 0, 0);
    r = row_of(s, m, "b", "", NULL);
    assert_double_equal(r.value, 30.1, 1e-12);
    assert_int_equal(r.status, KPI_TARGET_MISSED);
    assert_double_equal(r.margin, 0.1, 1e-12);
    r = row_of(s, m, "c", "", NULL);
    assert_int_equal(r.target_decimals, 2);
    assert_int_equal(r.margin_decimals, 2);
    assert_int_equal(r.status, KPI_TARGET_MISSED);
    assert_double_equal(r.margin, 0.05, 1e-12);
    r = row_of(s, m, "d", "", NULL);
    assert_int_equal(r.status, KPI_TARGET_MISSED);
    assert_double_equal(r.margin, 0.1, 1e-12);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* Fewer metadata decimals than the data: the change follows the printed
 * figures, so 5.24 against 5.16 at one decimal is 5.2 against 5.2, no
 * change, and the percentage comes from the rounded figures too. */
static void
test_summary_change_on_printed_figures(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "a,2018,5.16\na,2019,5.24\n"
                                 "b,2018,4.04\nb,2019,4.36\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,decimals,better\na,1,down\nb,1,none\n");
    kpi_summary_row r = row_of(s, m, "a", "", NULL);
    assert_true(r.has_change && r.has_pct);
    assert_double_equal(r.change, 0, 0);
    assert_int_equal(r.direction, KPI_DIRECTION_NO_CHANGE);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_NEUTRAL);
    assert_double_equal(r.pct_change, 0, 0);
    r = row_of(s, m, "b", "", NULL);
    /* 4.4 - 4.0 = 0.4, 10% (the raw figures give 7.9%). */
    assert_double_equal(r.change, 0.4, 1e-12);
    assert_double_equal(r.pct_change, 10, 1e-9);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_NEUTRAL);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* A zero base gives a change but no percentage; a missing value gives an
 * empty row; no metadata labels with the id and assesses nothing. */
static void
test_summary_zero_base_missing_and_no_meta(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "z,2018,0\nz,2019,5\n"
                                 "n,2018,3\nn,2019,NA\n",
                                 NULL);
    kpi_summary_row r = row_of(s, NULL, "z", "", NULL);
    assert_string_equal(r.label, "z");
    assert_true(r.has_change);
    assert_false(r.has_pct);
    assert_double_equal(r.change, 5, 0);
    assert_int_equal(r.assessment, KPI_ASSESSMENT_NEUTRAL);
    r = row_of(s, NULL, "n", "", NULL);
    assert_int_equal(r.state, KPI_OBS_MISSING);
    assert_false(r.has_value);
    assert_true(r.has_base);
    assert_false(r.has_change);
    kpi_store_free(s);
}

/* The period: the latest by default, a given one in the series'
 * frequency, "2011-12" as a financial year for a financial-yearly series,
 * another frequency is KPI_EFREQ and a period outside the data is ABSENT. */
static void
test_summary_period_selection(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "fy,2010-11,1\nfy,2011-12,2\nfy,2012-13,3\n"
                                 "m,2012-01,7\nm,2012-02,8\n",
                                 NULL);
    const char *fk[] = {"fy", ""};
    const kpi_series *fy = kpi_store_find(s, fk);
    assert_int_equal(kpi_series_freq(fy), KPI_FREQ_FYEAR);
    kpi_period p, dec2011 = period("2011-12");
    assert_int_equal(dec2011.freq, KPI_FREQ_MONTH);
    assert_true(kpi_summary_period(fy, &dec2011, &p));
    assert_int_equal(p.freq, KPI_FREQ_FYEAR);
    assert_int_equal(p.ordinal, 2011);
    assert_true(kpi_summary_period(fy, NULL, &p));
    assert_int_equal(p.ordinal, 2012);
    kpi_period jan = period("2012-01");
    assert_false(kpi_summary_period(fy, &jan, &p));

    kpi_summary_row r = row_of(s, NULL, "fy", "", "2011-12");
    assert_double_equal(r.value, 2, 0);
    assert_double_equal(r.change, 1, 0);
    assert_double_equal(r.pct_change, 100, 0);

    kpi_error err;
    assert_int_equal(kpi_summary_at(fy, NULL, &jan, &r, &err), KPI_EFREQ);
    assert_non_null(strstr(err.message, "expected a period of its frequency (fy)"));

    kpi_period far = period("2020-21");
    assert_int_equal(kpi_summary_at(fy, NULL, &far, &r, &err), KPI_OK);
    assert_int_equal(r.state, KPI_OBS_ABSENT);
    assert_false(r.has_value);
    assert_false(r.has_trend);

    /* Only the monthly series has 2012-02. */
    char *out = capture(s, NULL, "2012-02", KPI_FORMAT_CSV);
    assert_non_null(strstr(out, "\nm,,m,2012-02,8,2011-02,,"));
    assert_null(strstr(out, "\nfy,"));
    free(out);
    kpi_store_free(s);
}

/* Mann-Kendall up to the period: five rising values are an increasing
 * trend at 5%; the span stops at the period, so three values are not. */
static void
test_summary_trend(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "a,2015,1\na,2016,2\na,2017,3\na,2018,4\na,2019,5\n",
                                 NULL);
    kpi_summary_row r = row_of(s, NULL, "a", "", NULL);
    assert_true(r.has_trend);
    assert_int_equal(r.trend_n, 5);
    assert_int_equal(r.trend, KPI_TREND_INCREASING);
    /* z = (10 - 1) / sqrt(5*4*15/18) = 9 / sqrt(50/3) = 2.2045;
     * p = 2 Q(2.2045) = 0.02749. */
    assert_double_rel(r.trend_p, 0.0274889, 1e-4);
    r = row_of(s, NULL, "a", "", "2017");
    assert_int_equal(r.trend_n, 3);
    assert_false(r.has_trend);
    kpi_store_free(s);
}

/* A partial period is left out of the Mann-Kendall test, as it is left
 * out of the change and the SPC limits, and the note says so: the
 * quarters of test_trend_series_partial_left_out, whose first and last are
 * partial.  SciPy on the seven complete ones: p = 0.36752073824214304 (it
 * is 0.6021675 with the partial two counted). */
static void
test_summary_trend_partial(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "r,2023Q4,391\nr,2024Q1,806\nr,2024Q2,793\nr,2024Q3,821\n"
                                 "r,2024Q4,939\nr,2025Q1,712\nr,2025Q2,688\nr,2025Q3,730\n"
                                 "r,2025Q4,429\n",
                                 NULL);
    const char *key[] = {"r", ""};
    kpi_series *se = kpi_store_intern(s, key, NULL);
    kpi_series_set_partial(se, 0);
    kpi_series_set_partial(se, 8);
    kpi_summary_row r = row_of(s, NULL, "r", "", NULL);
    assert_true(r.has_trend);
    assert_int_equal(r.trend_n, 7);
    assert_int_equal(r.trend, KPI_TREND_NO_TREND);
    assert_double_rel(r.trend_p, 0.36752073824214304, 1e-10);
    assert_non_null(strstr(r.note, "trend: 2023Q4 and 2025Q4 are partial (incomplete data), so "
                                   "they are left out of the test"));
    /* At 2025Q3 the span holds only the first partial period. */
    r = row_of(s, NULL, "r", "", "2025Q3");
    assert_int_equal(r.trend_n, 7);
    assert_non_null(strstr(r.note, "trend: 2023Q4 is partial (incomplete data), so it is left "
                                   "out of the test"));
    kpi_store_free(s);
}

/* The latest point's variation on the XmR chart up to the period: Camden's
 * robbery (tests/cli/spc/london-camden-robbery.sh works it by hand) ends
 * in a shift of 11 months below the mean of 108.04, an improvement where
 * lower is better; a target of 100 lies between the limits 66.64 and
 * 149.45: hit and miss. */
static void
test_summary_spc(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "r,Camden,2023-12,94\n"
                                 "r,Camden,2024-01,126\n"
                                 "r,Camden,2024-02,133\n"
                                 "r,Camden,2024-03,115\n"
                                 "r,Camden,2024-04,105\n"
                                 "r,Camden,2024-05,118\n"
                                 "r,Camden,2024-06,142\n"
                                 "r,Camden,2024-07,149\n"
                                 "r,Camden,2024-08,120\n"
                                 "r,Camden,2024-09,98\n"
                                 "r,Camden,2024-10,132\n"
                                 "r,Camden,2024-11,145\n"
                                 "r,Camden,2024-12,140\n"
                                 "r,Camden,2025-01,97\n"
                                 "r,Camden,2025-02,108\n"
                                 "r,Camden,2025-03,89\n"
                                 "r,Camden,2025-04,76\n"
                                 "r,Camden,2025-05,88\n"
                                 "r,Camden,2025-06,92\n"
                                 "r,Camden,2025-07,81\n"
                                 "r,Camden,2025-08,96\n"
                                 "r,Camden,2025-09,86\n"
                                 "r,Camden,2025-10,81\n"
                                 "r,Camden,2025-11,82\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,better,target,target_op\nr,down,100,<=\n");
    kpi_summary_row r = row_of(s, m, "r", "Camden", NULL);
    assert_int_equal(r.variation, KPI_SPC_IMPROVEMENT);
    assert_int_equal(r.assurance, KPI_SPC_HIT_AND_MISS);
    assert_true(r.has_trend);
    assert_null(strstr(r.note, "variation"));
    r = row_of(s, m, "r", "Camden", "2024-11");
    /* 94 126 133 115 105 118 142 149 120 98 132 145: mean 123.083333,
     * mean(mR) 19, near band beyond 89.39 and 156.78, no run of 7 on one
     * side: common cause. */
    assert_int_equal(r.variation, KPI_SPC_COMMON);
    r = row_of(s, m, "r", "Camden", "2024-10");
    assert_int_equal(r.variation, KPI_SPC_NO_LIMITS);
    assert_string_equal(r.note, "variation: only 11 values; process limits need 12");
    kpi_store_free(s);
    kpi_meta_free(m);
}

static const char *small = "indicator,area,period,value\n"
                           "crime,North,2017,100\ncrime,North,2018,\"1,200\"\n"
                           "crime,North,2019,\"1,150\"\n"
                           "wait,North,2019,30.2\n";
static const char *small_meta = "indicator,label,unit,better,target,target_op,decimals\n"
                                "crime,Crime,offences,down,,,\n"
                                "wait,Answer time,seconds,down,30,<=,1\n";

/* CSV: every column, plain numbers, empty cells for empty fields. */
static void
test_summary_write_csv(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(small, NULL);
    kpi_meta *m = kpi_test_meta(small_meta);
    char *out = capture(s, m, NULL, KPI_FORMAT_CSV);
    assert_string_equal(
        out, "indicator,area,label,period,value,base_period,base_value,change,"
             "pct_change,direction,assessment,prev_pct_change,trend,trend_p,"
             "target_op,target,target_status,target_margin,significance,p_value,"
             "variation,assurance,note\n"
             "crime,North,Crime,2019,1150,2018,1200,-50,-4.2,decrease,good,1100.0,"
             ",,,,,,no significant change,0.312115,,,trend: only 3 values; a trend test needs 5; "
             "variation: only 3 values; process limits need 12\n"
             "wait,North,Answer time,2019,30.2,2018,,,,,,,,,<=,30,missed,0.2,,,,,"
             "trend: only 1 value; a trend test needs 5; "
             "variation: only 1 value; process limits need 12\n");
    free(out);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* Markdown right-aligns the number columns; JSON writes them bare and
 * empty fields as null. */
static void
test_summary_write_md_json(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(small, NULL);
    kpi_meta *m = kpi_test_meta(small_meta);
    char *out = capture(s, m, "2019", KPI_FORMAT_MD);
    assert_string_equal(
        out,
        "| indicator | area | label | period | value | base_period | base_value | change | "
        "pct_change | direction | assessment | prev_pct_change | trend | trend_p | target_op | "
        "target | target_status | target_margin | significance | p_value | variation | "
        "assurance | note |\n"
        "|---|---|---|---|---:|---|---:|---:|---:|---|---|---:|---|---:|---|---:|---|---:|---|---:|"
        "---|---|---|\n"
        "| crime | North | Crime | 2019 | 1150 | 2018 | 1200 | -50 | -4.2 | decrease | good | "
        "1100.0 |  |  |  |  |  |  | no significant change | 0.312115 |  |  | trend: only 3 values; "
        "a trend test needs 5; "
        "variation: only 3 values; process limits need 12 |\n"
        "| wait | North | Answer time | 2019 | 30.2 | 2018 |  |  |  |  |  |  |  |  | <= | 30 | "
        "missed | 0.2 |  |  |  |  | trend: only 1 value; a trend test needs 5; "
        "variation: only 1 value; process limits need 12 |\n");
    free(out);
    out = capture(s, m, "2019", KPI_FORMAT_JSON);
    assert_string_equal(
        out, "[\n"
             "  {\"indicator\": \"crime\", \"area\": \"North\", \"label\": \"Crime\", "
             "\"period\": \"2019\", \"value\": 1150, \"base_period\": \"2018\", \"base_value\": "
             "1200, \"change\": -50, \"pct_change\": -4.2, \"direction\": \"decrease\", "
             "\"assessment\": \"good\", \"prev_pct_change\": 1100.0, \"trend\": null, "
             "\"trend_p\": null, \"target_op\": null, \"target\": null, \"target_status\": null, "
             "\"target_margin\": null, \"significance\": \"no significant change\", \"p_value\": "
             "0.312115, \"variation\": null, \"assurance\": null, \"note\": \"trend: only 3 "
             "values; a trend test needs 5; "
             "variation: only 3 values; process limits need 12\"},\n"
             "  {\"indicator\": \"wait\", \"area\": \"North\", \"label\": \"Answer time\", "
             "\"period\": \"2019\", \"value\": 30.2, \"base_period\": \"2018\", \"base_value\": "
             "null, \"change\": null, \"pct_change\": null, \"direction\": null, \"assessment\": "
             "null, \"prev_pct_change\": null, \"trend\": null, \"trend_p\": null, \"target_op\": "
             "\"<=\", \"target\": 30, \"target_status\": \"missed\", \"target_margin\": 0.2, "
             "\"significance\": null, \"p_value\": null, \"variation\": null, \"assurance\": null, "
             "\"note\": \"trend: only 1 value; a trend test needs 5; "
             "variation: only 1 value; process limits need 12\"}\n"
             "]\n");
    free(out);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* Failing the nth allocation, for every n, gives KPI_ENOMEM and no leak
 * until the table is written whole. */
static void
test_summary_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(small, NULL);
    kpi_meta *m = kpi_test_meta(small_meta);
    char *want = capture(s, m, NULL, KPI_FORMAT_CSV);
    kpi_status st = KPI_ENOMEM;
    long n;
    for (n = 0; n < 1000 && st != KPI_OK; n++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        kpi_error err;
        kpi_alloc_fail_after(n);
        st = kpi_table_write_summary(s, m, NULL, out, NULL, &err);
        kpi_alloc_fail_after(-1);
        fclose(out);
        if (st != KPI_OK)
            assert_int_equal(st, KPI_ENOMEM);
        else
            assert_string_equal(buf, want);
        free(buf);
    }
    assert_int_equal(st, KPI_OK);
    assert_true(n > 1);
    free(want);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* The names of the enums. */
static void
test_summary_names(void **state)
{
    (void)state;
    assert_string_equal(kpi_assessment_name(KPI_ASSESSMENT_NONE), "");
    assert_string_equal(kpi_assessment_name(KPI_ASSESSMENT_GOOD), "good");
    assert_string_equal(kpi_assessment_name(KPI_ASSESSMENT_BAD), "bad");
    assert_string_equal(kpi_assessment_name(KPI_ASSESSMENT_NEUTRAL), "neutral");
    assert_string_equal(kpi_target_status_name(KPI_TARGET_STATUS_NONE), "");
    assert_string_equal(kpi_target_status_name(KPI_TARGET_MET), "met");
    assert_string_equal(kpi_target_status_name(KPI_TARGET_MISSED), "missed");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_met_changes),
        cmocka_unit_test(test_summary_met_targets),
        cmocka_unit_test(test_summary_target_on_printed_value),
        cmocka_unit_test(test_summary_change_on_printed_figures),
        cmocka_unit_test(test_summary_zero_base_missing_and_no_meta),
        cmocka_unit_test(test_summary_period_selection),
        cmocka_unit_test(test_summary_trend),
        cmocka_unit_test(test_summary_trend_partial),
        cmocka_unit_test(test_summary_spc),
        cmocka_unit_test(test_summary_write_csv),
        cmocka_unit_test(test_summary_write_md_json),
        cmocka_unit_test(test_summary_out_of_memory),
        cmocka_unit_test(test_summary_names),
    };
    return kpi_test_run(tests);
}
