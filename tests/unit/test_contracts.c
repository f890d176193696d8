/* The error contract of every public entry point (kpi/error.h): err may
 * be NULL.  Each case makes a call fail, once with an error record and
 * once with NULL, and checks that both give the same status, that the
 * record holds it, and that nothing crashes.  Cases across modules live
 * here, in one program, because the contract is one rule for the whole
 * API; each module's own tests check its messages and locations. */
#include "harness.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "kpi/chart.h"
#include "kpi/chart_build.h"
#include "kpi/kpi.h"
#include "kpi/report.h"
#include "kpi/scale.h"
#include "kpi/trend_write.h"

/* `call` mentions ERR: it runs with ERR an error record, then NULL. */
#define EXPECT_STATUS(expected, call)                                                              \
    do {                                                                                           \
        kpi_error e_;                                                                              \
        kpi_error *ERR = &e_;                                                                      \
        kpi_error_clear(ERR);                                                                      \
        assert_int_equal((call), (expected));                                                      \
        assert_int_equal(e_.code, (expected));                                                     \
        ERR = NULL;                                                                                \
        assert_int_equal((call), (expected));                                                      \
    } while (0)

#define EXPECT_NULL(expected, call)                                                                \
    do {                                                                                           \
        kpi_error e_;                                                                              \
        kpi_error *ERR = &e_;                                                                      \
        kpi_error_clear(ERR);                                                                      \
        assert_null(call);                                                                         \
        assert_int_equal(e_.code, (expected));                                                     \
        ERR = NULL;                                                                                \
        assert_null(call);                                                                         \
    } while (0)

static const char *const data = "indicator,area,period,value\n"
                                "k,Camden,2019-01,5\nk,Camden,2019-02,7\nk,Camden,2019-03,6\n"
                                "k,Barnet,2019-01,3\nk,Barnet,2019-02,4\nk,Barnet,2019-03,5\n";

/* A stream whose every write fails. */
static FILE *
full(void)
{
    FILE *fp = fopen("/dev/full", "w");
    assert_non_null(fp);
    return fp;
}

/* The core and the model: errors, periods, values, series, stores. */
static void
test_contracts_core_and_model(void **state)
{
    (void)state;
    kpi_error_clear(NULL);
    assert_int_equal(kpi_error_set(NULL, KPI_EVALUE, "x", 1, 2, "bad %d", 3), KPI_EVALUE);
    kpi_period p;
    unsigned flags;
    kpi_freq f;
    kpi_value v;
    EXPECT_STATUS(KPI_EPERIOD, kpi_period_parse("2019-13", 7, KPI_FREQ_NONE, &p, &flags, ERR));
    EXPECT_STATUS(KPI_EINVAL, kpi_freq_parse("weekly", &f, ERR));
    kpi_period month = {KPI_FREQ_MONTH, 2019 * 12};
    EXPECT_STATUS(KPI_EFREQ, kpi_period_convert(month, KPI_FREQ_DAY, 4, &p, ERR));
    EXPECT_STATUS(KPI_EVALUE, kpi_value_parse("12abc", 5, NULL, &v, ERR));
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_series *se = kpi_store_intern(s, (const char *const[]){"k", "Camden"}, NULL);
    assert_non_null(se);
    kpi_value five = {.kind = KPI_VALUE_NUMBER, .number = 5};
    kpi_period jan = {KPI_FREQ_MONTH, 2019 * 12};
    EXPECT_STATUS(KPI_EDUPLICATE, kpi_series_check(se, jan, 0, &five, KPI_DUP_ERROR, ERR));
    EXPECT_STATUS(KPI_EDUPLICATE, kpi_series_put(se, jan, 0, &five, KPI_DUP_ERROR, 9, ERR));
    kpi_period year = {KPI_FREQ_YEAR, 2019};
    EXPECT_STATUS(KPI_EFREQ, kpi_series_put(se, year, 0, &five, KPI_DUP_ERROR, 9, ERR));
    /* Out of memory, with and without a record. */
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_alloc_fail_after(0);
        assert_null(kpi_store_new(0, NULL, ERR));
        kpi_alloc_fail_after(0);
        assert_null(kpi_store_intern(s, (const char *const[]){"new", ""}, ERR));
        kpi_alloc_fail_after(0);
        assert_null(kpi_store_subset(s, (const size_t[]){0, 1}, 2, ERR));
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
    kpi_store_free(s);
}

/* Ingest: the reader (the crash: a bad cell with err NULL), the
 * metadata, roll-up maps and populations. */
static void
test_contracts_ingest(void **state)
{
    (void)state;
    const char *bad = "indicator,period,value\nk,2019-01,x\n";
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        FILE *fp = kpi_test_memfile(bad);
        assert_null(kpi_read_stream(fp, "mem", NULL, NULL, with ? &e : NULL));
        fclose(fp);
        if (with)
            assert_error(&e, KPI_EVALUE, 2, 11, "column 'value'");
    }
    const char *path = kpi_test_tmpfile(bad, strlen(bad));
    EXPECT_NULL(KPI_EVALUE, kpi_read_file(path, NULL, NULL, ERR));
    EXPECT_NULL(KPI_EIO, kpi_read_file("/nonexistent/kpi.csv", NULL, NULL, ERR));
    kpi_layout l;
    EXPECT_STATUS(KPI_EINVAL, kpi_layout_parse("diagonal", &l, ERR));
    EXPECT_NULL(KPI_EIO, kpi_meta_read("/nonexistent/meta.csv", ERR));
    FILE *fp = kpi_test_memfile("indicator,better\nk,sideways\n");
    EXPECT_NULL(KPI_EMETA, kpi_meta_read_stream(fp, "meta", ERR));
    fclose(fp);
    EXPECT_NULL(KPI_EIO, kpi_rollup_read("/nonexistent/map.csv", ERR));
    EXPECT_NULL(KPI_EIO, kpi_population_read("/nonexistent/pop.csv", 4, ERR));
}

static kpi_status
failing_rows(void *ctx, size_t first, size_t last, kpi_table *out, kpi_error *err)
{
    (void)ctx;
    (void)first;
    (void)last;
    (void)out;
    return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "no rows");
}

/* Analysis and output: every writer on a stream that cannot be written. */
static void
test_contracts_analysis_and_output(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(data, NULL);
    const kpi_series *se = kpi_store_at(s, 0);
    kpi_summary_row row;
    kpi_period year = {KPI_FREQ_YEAR, 2019};
    EXPECT_STATUS(KPI_EFREQ, kpi_summary_at(se, NULL, &year, &row, ERR));
    EXPECT_NULL(KPI_EINVAL, kpi_transform_rolling(s, 0, NULL, NULL, ERR));
    const double x[] = {1, 2}, y[] = {3, 4};
    kpi_ols ols;
    kpi_theil_sen ts;
    kpi_mann_kendall mk;
    EXPECT_STATUS(KPI_EDOMAIN, kpi_trend_ols(x, y, 2, &ols, ERR));
    EXPECT_STATUS(KPI_EDOMAIN, kpi_trend_theil_sen(x, y, 1, &ts, ERR));
    EXPECT_STATUS(KPI_EDOMAIN, kpi_trend_mann_kendall(y, 2, &mk, ERR));
    unsigned stats;
    EXPECT_STATUS(KPI_EINVAL, kpi_trend_stats_parse("fourier", &stats, ERR));
    kpi_format fmt;
    EXPECT_STATUS(KPI_EINVAL, kpi_format_parse("xml", &fmt, ERR));
    kpi_change_options co = kpi_change_options_default();
    kpi_trend_options to = kpi_trend_options_default();
    const kpi_table_options md = {.format = KPI_FORMAT_MD, .threads = 1};
    FILE *fp = full();
    EXPECT_STATUS(KPI_EIO, kpi_table_write_store(s, fp, NULL, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_table_write_change(s, &co, fp, &md, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_table_write_summary(s, NULL, NULL, fp, NULL, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_trend_write(s, &to, fp, KPI_FORMAT_CSV, ERR));
    fclose(fp);
    /* Sentences and notes are short: the failure shows when they are
     * flushed, so each gets a stream without a buffer. */
    fp = full();
    setvbuf(fp, NULL, _IONBF, 0);
    EXPECT_STATUS(KPI_EIO, kpi_sentence_write(s, NULL, NULL, 0, fp, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_table_partial_note(fp, KPI_FORMAT_MD, ERR));
    fclose(fp);
    /* A failing row function, and a table of too many columns. */
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        FILE *out = fopen("/dev/null", "w");
        const char *names[] = {"a"};
        kpi_table *t = kpi_table_new(out, KPI_FORMAT_CSV, names, NULL, 1, ERR);
        assert_non_null(t);
        assert_int_equal(kpi_table_write_rows(t, 2, 100, 100000, failing_rows, NULL, ERR),
                         KPI_EDOMAIN);
        /* The rows' failure is the caller's, not the table's. */
        assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
        const char *tail[KPI_TABLE_MAX_COLUMNS];
        kpi_column_type types[KPI_TABLE_MAX_COLUMNS] = {KPI_COLUMN_TEXT};
        for (size_t k = 0; k < KPI_TABLE_MAX_COLUMNS; k++)
            tail[k] = "c";
        assert_null(kpi_table_new_keyed(out, KPI_FORMAT_CSV, s, tail, types,
                                        KPI_TABLE_MAX_COLUMNS - 1, ERR));
        if (with)
            assert_int_equal(e.code, KPI_EINVAL);
        fclose(out);
    }
    EXPECT_NULL(KPI_EIO, kpi_outfile_open("/nonexistent/dir/out.csv", ERR));
    kpi_store_free(s);
}

static kpi_status
unknown(void *ud, const kpi_template_ref *ref, kpi_template_out *out, kpi_error *err)
{
    (void)ud;
    (void)out;
    return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "unknown '%s'", ref->name);
}

/* Templates and the report resolver. */
static void
test_contracts_templates_and_reports(void **state)
{
    (void)state;
    EXPECT_NULL(KPI_EINVAL, kpi_template_parse("{{ x", 4, "t", ERR));
    kpi_template *t = kpi_template_parse("{{x.value}} {{chart:x:pie}}", 27, "t", NULL);
    assert_non_null(t);
    EXPECT_STATUS(KPI_EINVAL, kpi_template_check(t, unknown, NULL, ERR));
    FILE *out = fopen("/dev/null", "w");
    EXPECT_STATUS(KPI_EINVAL, kpi_template_write(t, unknown, NULL, out, ERR));
    EXPECT_STATUS(KPI_EINVAL, kpi_template_expand("{{y}}", 5, "t", unknown, NULL, out, ERR));
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_report_context ctx = {.store = s, .chart_dir = "."};
    /* x is no indicator of s. */
    EXPECT_STATUS(KPI_EINVAL, kpi_template_check(t, kpi_report_resolve, &ctx, ERR));
    kpi_template_free(t);
    fclose(out);
    kpi_store_free(s);
}

/* Plots: charts, their types, formats, scales and batches. */
static void
test_contracts_plots(void **state)
{
    (void)state;
    kpi_chart_type type;
    kpi_chart_format cf;
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_type_parse("pie", &type, ERR));
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_format_from_path("chart.gif", &cf, ERR));
    EXPECT_NULL(KPI_EINVAL, kpi_chart_new(KPI_CHART_TYPE_LAST, NULL, ERR));
    kpi_ticks ticks;
    EXPECT_STATUS(KPI_EINVAL, kpi_scale_ticks(NAN, 1, 5, 0, &ticks, ERR));
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_chart_request rq = {
        .type = KPI_CHART_LINE, .indicator = "none", .opt = kpi_chart_options_default()};
    EXPECT_NULL(KPI_EINVAL, kpi_chart_build(s, &rq, ERR));
    rq.type = KPI_CHART_YOY;
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_build_all(s, &rq, "/tmp", "png", NULL, NULL, ERR));
    rq.type = KPI_CHART_LINE;
    rq.indicator = NULL;
    EXPECT_STATUS(KPI_EIO, kpi_chart_build_all(s, &rq, "/nonexistent", "png", NULL, NULL, ERR));
    kpi_chart *c = kpi_chart_new(KPI_CHART_LINE, NULL, NULL);
    assert_non_null(c);
    FILE *fp = fopen("/dev/null", "wb");
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_write_stream(c, KPI_CHART_PNG, fp, ERR));
    fclose(fp);
    assert_int_equal(kpi_chart_add_store_series(c, kpi_store_at(s, 0), NULL), KPI_OK);
    EXPECT_STATUS(KPI_EIO, kpi_chart_write(c, "/nonexistent/dir/chart.png", ERR));
    kpi_chart_free(c);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contracts_core_and_model),
        cmocka_unit_test(test_contracts_ingest),
        cmocka_unit_test(test_contracts_analysis_and_output),
        cmocka_unit_test(test_contracts_templates_and_reports),
        cmocka_unit_test(test_contracts_plots),
    };
    return kpi_test_run(tests);
}
