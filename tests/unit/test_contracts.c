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

#include <cairo.h>

#include "kpi/chart.h"
#include "kpi/chart_build.h"
#include "kpi/chart_cairo.h"
#include "kpi/chart_html.h"
#include "kpi/dashboard.h"
#include "kpi/kpi.h"
#include "kpi/pack.h"
#include "kpi/period_axis.h"
#include "kpi/report.h"
#include "kpi/scale.h"
#include "kpi/trend_write.h"
#include "kpi/workbook.h"

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
    /* No {{table:...}} placeholder: no workbook to make. */
    EXPECT_STATUS(KPI_EINVAL, kpi_report_workbook(t, &ctx, out, ERR));
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
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_alloc_fail_after(0);
        assert_int_equal(kpi_chart_build_all(s, &rq, "/tmp", "png", NULL, NULL, with ? &e : NULL),
                         KPI_ENOMEM);
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
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

/* A monthly store and a yearly one that share a series: combining them
 * cannot put both frequencies in one series.  Each call gets fresh
 * stores, because a failed combine may leave part of from in into. */
static kpi_status
combine_clash(kpi_error *err)
{
    kpi_store *into = kpi_test_read(data, NULL);
    kpi_store *from = kpi_test_read("indicator,area,period,value\nk,Camden,2019,5\n", NULL);
    kpi_status st = kpi_store_combine(into, from, KPI_PREFER_NONE, "a.csv", "b.csv", err);
    kpi_store_free(from);
    kpi_store_free(into);
    return st;
}

/* A store of one daily series on the 1st of two months, not yet settled:
 * kpi_store_finish makes it monthly, which allocates. */
static kpi_store *
unsettled(void)
{
    kpi_store *s = kpi_store_new(0, NULL, NULL);
    assert_non_null(s);
    kpi_series *se = kpi_store_intern(s, (const char *const[]){"k", "Camden"}, NULL);
    assert_non_null(se);
    kpi_value v = {.kind = KPI_VALUE_NUMBER, .number = 5};
    const char *days[] = {"2019-01-01", "2019-02-01"};
    for (size_t i = 0; i < 2; i++) {
        kpi_period p;
        assert_int_equal(kpi_period_parse(days[i], 10, KPI_FREQ_NONE, &p, NULL, NULL), KPI_OK);
        assert_int_equal(kpi_series_put(se, p, 0, &v, KPI_DUP_ERROR, i + 2, NULL), KPI_OK);
    }
    return s;
}

/* The model and the analysis functions the first cases leave out: parsing
 * with a syntax or a decimal mark, combining and settling stores,
 * transforms, trends, significance and SPC. */
static void
test_contracts_model_and_analysis(void **state)
{
    (void)state;
    kpi_period p;
    unsigned flags;
    kpi_value v;
    const kpi_period_syntax monthfirst = {.dayfirst = false};
    EXPECT_STATUS(KPI_EPERIOD,
                  kpi_period_parse_with("31/03/2019", 10, &monthfirst, &p, &flags, ERR));
    EXPECT_STATUS(KPI_EVALUE, kpi_value_parse_mark("1,234.5", 7, NULL, KPI_DECIMAL_COMMA, &v, ERR));
    EXPECT_NULL(KPI_EINVAL, kpi_tz_new("Mars/Olympus_Mons", ERR));
    EXPECT_STATUS(KPI_EFREQ, combine_clash(ERR));
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_store *s = unsettled();
        kpi_alloc_fail_after(0);
        assert_int_equal(kpi_store_finish(s, ERR), KPI_ENOMEM);
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
        assert_int_equal(kpi_store_finish(s, ERR), KPI_OK);
        assert_int_equal(kpi_series_freq(kpi_store_at(s, 0)), KPI_FREQ_MONTH);
        kpi_store_free(s);
    }

    /* Transforms: a month cannot become days, yearly data has no year to
     * date, a rate needs people per unit. */
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_store *years = kpi_test_read("indicator,area,period,value\nk,Camden,2019,5\n", NULL);
    EXPECT_NULL(KPI_EFREQ, kpi_transform_resample(s, KPI_FREQ_DAY, 4, false, NULL, NULL, ERR));
    EXPECT_NULL(KPI_EFREQ, kpi_transform_freq(s, KPI_FREQ_DAY, 4, false, NULL, NULL, ERR));
    EXPECT_NULL(KPI_EFREQ, kpi_transform_ytd(years, 4, NULL, NULL, ERR));
    EXPECT_NULL(KPI_EINVAL, kpi_transform_per(s, NULL, 0, NULL, ERR));
    const kpi_pipeline to_days = {.fy_start = 4, .to = KPI_FREQ_DAY};
    EXPECT_NULL(KPI_EFREQ, kpi_transform_apply(kpi_test_read(data, NULL), &to_days, NULL, ERR));
    const char *map = "area,parent\nCamden,London\nBarnet,London\n";
    kpi_rollup *r = kpi_rollup_read(kpi_test_tmpfile(map, strlen(map)), NULL);
    assert_non_null(r);
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_alloc_fail_after(0);
        assert_null(kpi_transform_rollup(s, r, NULL, false, NULL, ERR));
        kpi_alloc_fail_after(0);
        assert_null(kpi_trend_workspace_new(16, ERR));
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
    kpi_rollup_free(r);

    /* Trends: every x 0, no columns, a span that ends before it starts. */
    const double zero[] = {0, 0, 0}, y[] = {1, 2, 3};
    kpi_ols ols;
    EXPECT_STATUS(KPI_EDOMAIN, kpi_trend_ols_origin(zero, y, 3, &ols, ERR));
    double coef[1], se[1];
    kpi_regression reg = {.coef = coef, .se = se};
    EXPECT_STATUS(KPI_EDOMAIN, kpi_trend_regress(zero, y, 3, 0, &reg, ERR));
    kpi_trend_options to = kpi_trend_options_default();
    to.has_from = to.has_to = true;
    to.from = (kpi_period){KPI_FREQ_MONTH, 2019 * 12 + 2};
    to.to = (kpi_period){KPI_FREQ_MONTH, 2019 * 12};
    kpi_trend tr;
    EXPECT_STATUS(KPI_EINVAL, kpi_trend_series(kpi_store_at(s, 0), &to, NULL, &tr, ERR));

    /* Significance and SPC: a negative count, a value that is not finite,
     * and memory that runs out. */
    kpi_rate_test rt;
    EXPECT_STATUS(KPI_EDOMAIN, kpi_significance_poisson(-1, 1, 5, 1, 0.95, 0.05, &rt, ERR));
    const double bad[] = {1, NAN, 3};
    kpi_spc_point pts[3];
    kpi_spc_options so = kpi_spc_options_default();
    EXPECT_STATUS(KPI_EDOMAIN, kpi_spc_compute(bad, 3, NULL, 0, &so, pts, ERR));
    const kpi_period months[] = {{KPI_FREQ_MONTH, 1}, {KPI_FREQ_MONTH, 2}, {KPI_FREQ_MONTH, 3}};
    EXPECT_STATUS(KPI_EDOMAIN, kpi_spc_periods(months, bad, NULL, 3, &so, pts, ERR));
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_spc chart = {0};
        kpi_alloc_fail_after(0);
        assert_int_equal(kpi_spc_series(kpi_store_at(s, 0), &so, NULL, &chart, ERR), KPI_ENOMEM);
        kpi_alloc_fail_after(-1);
        kpi_spc_free(&chart);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
    kpi_store_free(years);
    kpi_store_free(s);
}

/* Tables row by row, workbooks, output files, escaping and the SPC table. */
static void
test_contracts_tables_and_files(void **state)
{
    (void)state;
    kpi_escape esc;
    EXPECT_STATUS(KPI_EINVAL, kpi_escape_parse("rtf", &esc, ERR));
    kpi_store *s = kpi_test_read(data, NULL);
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        FILE *out = fopen("/dev/null", "w");
        /* JSON has no "inf": the row fails, and the table stays failed. */
        const char *names[] = {"x"};
        const kpi_column_type number[] = {KPI_COLUMN_NUMBER};
        kpi_table *t = kpi_table_new(out, KPI_FORMAT_JSON, names, number, 1, ERR);
        assert_non_null(t);
        assert_int_equal(kpi_table_row(t, (const char *const[]){"inf"}, ERR), KPI_EINVAL);
        assert_int_equal(kpi_table_end(t, NULL), KPI_EINVAL);
        t = kpi_table_new_keyed(out, KPI_FORMAT_JSON, s, names, number, 1, ERR);
        assert_non_null(t);
        assert_int_equal(kpi_table_series(t, kpi_store_at(s, 0), ERR), KPI_OK);
        assert_int_equal(kpi_table_series_row(t, (const char *const[]){"inf"}, ERR), KPI_EINVAL);
        assert_int_equal(kpi_table_series(t, kpi_store_at(s, 1), ERR), KPI_EINVAL);
        assert_int_equal(kpi_table_end(t, NULL), KPI_EINVAL);
        if (with)
            assert_int_equal(e.code, KPI_EINVAL);
        fclose(out);

        /* A workbook: memory, a sheet name Excel refuses, a full disk. */
        out = full();
        kpi_alloc_fail_after(0);
        assert_null(kpi_workbook_new(out, ERR));
        kpi_alloc_fail_after(-1);
        kpi_workbook *wb = kpi_workbook_new(out, ERR);
        assert_non_null(wb);
        assert_null(kpi_workbook_table(wb, "a/b", names, NULL, 1, ERR));
        if (with)
            assert_int_equal(e.code, KPI_EINVAL);
        t = kpi_workbook_table(wb, "metadata", names, NULL, 1, ERR);
        assert_int_equal(kpi_table_row(t, (const char *const[]){"1"}, ERR), KPI_OK);
        assert_int_equal(kpi_table_end(t, ERR), KPI_OK);
        /* The metadata sheet's name is taken. */
        kpi_meta *meta = kpi_test_meta("indicator,label\nx,X\n");
        assert_int_equal(kpi_workbook_meta(wb, s, meta, ERR), KPI_EINVAL);
        if (with)
            assert_int_equal(e.code, KPI_EINVAL);
        kpi_meta_free(meta);
        assert_int_equal(kpi_workbook_close(wb, ERR), KPI_EIO);
        if (with)
            assert_int_equal(e.code, KPI_EIO);
        fclose(out);

        /* An output file kept on a full device. */
        kpi_outfile *f = kpi_outfile_open("/dev/full", ERR);
        assert_non_null(f);
        fputs("x\n", kpi_outfile_stream(f));
        assert_int_equal(kpi_outfile_close(f, true, ERR), KPI_EIO);
        if (with)
            assert_int_equal(e.code, KPI_EIO);

        /* A set of outputs: memory, a folder that is not there, a full
         * device among its members. */
        kpi_alloc_fail_after(0);
        assert_null(kpi_outset_new(ERR));
        kpi_alloc_fail_after(-1);
        kpi_outset *set = kpi_outset_new(ERR);
        assert_non_null(set);
        assert_null(kpi_outset_open(set, "/nonexistent/dir/out.csv", ERR));
        if (with)
            assert_int_equal(e.code, KPI_EIO);
        f = kpi_outset_open(set, "/dev/full", ERR);
        assert_non_null(f);
        fputs("x\n", kpi_outfile_stream(f));
        assert_int_equal(kpi_outset_close(set, true, ERR), KPI_EIO);
        if (with)
            assert_int_equal(e.code, KPI_EIO);
        kpi_alloc_fail_after(0);
        assert_null(kpi_report_cache_new(ERR));
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
    FILE *fp = full();
    kpi_spc_write_options so = {.spc = kpi_spc_options_default(), .threads = 1};
    EXPECT_STATUS(KPI_EIO, kpi_spc_write(s, &so, fp, KPI_FORMAT_CSV, ERR));
    fclose(fp);
    kpi_store_free(s);
}

/* Report audits: memory, a binary report, a missing file, a full disk. */
static void
test_contracts_audit(void **state)
{
    (void)state;
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_alloc_fail_after(0);
        assert_null(kpi_audit_new(NULL, ERR));
        kpi_alloc_fail_after(-1);
        if (with)
            assert_int_equal(e.code, KPI_ENOMEM);
    }
    kpi_audit *a = kpi_audit_new(NULL, NULL);
    assert_non_null(a);
    EXPECT_STATUS(KPI_EVALUE, kpi_audit_text(a, "r.txt", "rose\0 5%", 8, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_audit_file(a, "/nonexistent/report.txt", ERR));
    const char *report = "Burglary fell 10% from 100 to 80.\n";
    assert_int_equal(kpi_audit_text(a, "r.txt", report, strlen(report), NULL), KPI_OK);
    assert_int_equal(kpi_audit_count_verdict(a, KPI_AUDIT_ERROR), 1);
    FILE *fp = full();
    setvbuf(fp, NULL, _IONBF, 0);
    EXPECT_STATUS(KPI_EIO, kpi_audit_write_text(a, fp, false, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_audit_write_table(a, fp, KPI_FORMAT_CSV, ERR));
    fclose(fp);
    kpi_audit_free(a);
}

#define REGISTER                                                                                   \
    "milestone,title,theme,due,period,status,note\n"                                               \
    "a,Alpha,,2018-19 Q3,2018-19 Q3,on track,\n"                                                   \
    "a,Alpha,,,2018-19 Q4,some delay,\n"

/* A resolver that sends every placeholder to the register's, with the
 * view as its data. */
static kpi_status
milestones_field(void *ud, const kpi_template_ref *ref, kpi_template_out *out, kpi_error *err)
{
    return kpi_milestones_report_resolve(ud, ref, out, err);
}

/* The milestone register and its reports. */
static void
test_contracts_milestones(void **state)
{
    (void)state;
    EXPECT_NULL(KPI_EIO, kpi_milestones_read("/nonexistent/register.csv", NULL, ERR));
    FILE *in = kpi_test_memfile("milestone,period,status\na,2019-01,maybe\n");
    EXPECT_NULL(KPI_EVALUE, kpi_milestones_read_stream(in, "register.csv", NULL, ERR));
    fclose(in);
    kpi_milestone_status ms;
    EXPECT_STATUS(KPI_EVALUE, kpi_milestone_status_parse("maybe", 5, NULL, 0, &ms, ERR));
    in = kpi_test_memfile(REGISTER);
    kpi_milestones *m = kpi_milestones_read_stream(in, "register.csv", NULL, NULL);
    fclose(in);
    assert_non_null(m);
    const kpi_period y2020 = {KPI_FREQ_FYEAR, 2020};
    for (int with = 0; with < 2; with++) {
        kpi_error e;
        kpi_error *ERR = with ? &e : NULL;
        kpi_milestones_view v;
        assert_int_equal(kpi_milestones_at(m, &y2020, &v, ERR), KPI_EINVAL);
        kpi_milestones_view_fini(&v);
        if (with)
            assert_int_equal(e.code, KPI_EINVAL);
    }
    kpi_milestones_view v;
    assert_int_equal(kpi_milestones_at(m, NULL, &v, NULL), KPI_OK);
    kpi_milestones_table table;
    EXPECT_STATUS(KPI_EINVAL, kpi_milestones_report_table_parse("gantt", &table, ERR));
    FILE *fp = full();
    setvbuf(fp, NULL, _IONBF, 0);
    EXPECT_STATUS(KPI_EIO, kpi_milestones_report_table(&v, KPI_MILESTONES_TABLE_STATUS, fp,
                                                       KPI_FORMAT_CSV, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_milestones_report_workbook(&v, fp, ERR));
    kpi_workbook *wb = kpi_workbook_new(fp, NULL);
    assert_non_null(wb);
    EXPECT_STATUS(KPI_EINVAL,
                  kpi_milestones_report_sheet(&v, KPI_MILESTONES_TABLE_STATUS, wb, "a/b", ERR));
    assert_int_equal(kpi_workbook_close(wb, NULL), KPI_EIO);
    EXPECT_STATUS(KPI_EIO, kpi_milestones_report_sentences(&v, fp, ERR));
    EXPECT_STATUS(KPI_EIO, kpi_milestones_report_write(&v, fp, ERR));
    fclose(fp);
    kpi_template *t = kpi_template_parse("{{milestones.velocity}}", 23, "t", NULL);
    assert_non_null(t);
    EXPECT_STATUS(KPI_EINVAL, kpi_template_check(t, milestones_field, &v, ERR));
    kpi_template_free(t);
    kpi_milestones_view_fini(&v);

    /* The register's chart, with a bad size. */
    kpi_chart_options opt = kpi_chart_options_default();
    opt.width = -1;
    EXPECT_NULL(KPI_EINVAL, kpi_chart_build_milestones(m, &opt, ERR));
    kpi_milestones_free(m);
}

static double
fixed_width(void *ud, const char *text)
{
    (void)ud;
    return 6.0 * (double)strlen(text);
}

/* Plots and publish (the report resolver is in the template cases): a time axis the wrong way round, a chart with
 * nothing to draw, a pack with a bad date or no folder, HTML charts and
 * dashboards. */
static void
test_contracts_axes_packs_and_reports(void **state)
{
    (void)state;
    kpi_period_axis ax;
    const kpi_scale xs = {0, 1, 0, 100};
    const kpi_period may = {KPI_FREQ_MONTH, 2019 * 12 + 4}, jan = {KPI_FREQ_MONTH, 2019 * 12};
    EXPECT_STATUS(KPI_EINVAL,
                  kpi_period_axis_plan(may, jan, &xs, 0, 100, 4, fixed_width, NULL, &ax, ERR));
    EXPECT_STATUS(KPI_EINVAL,
                  kpi_period_axis_plan_ends(may, jan, &xs, 0, 100, 4, fixed_width, NULL, &ax, ERR));
    kpi_chart_order order;
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_order_parse("size", &order, ERR));
    kpi_chart *c = kpi_chart_new(KPI_CHART_LINE, NULL, NULL);
    assert_non_null(c);
    cairo_surface_t *surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(surface);
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_draw_cairo(c, cr, 200, 100, ERR));
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    kpi_chart_free(c);

    kpi_store *s = kpi_test_read(data, NULL);
    kpi_pack_options po = kpi_pack_options_default();
    po.date = "2026-13-01";
    FILE *fp = fopen("/dev/null", "wb");
    EXPECT_STATUS(KPI_EINVAL, kpi_pack_write_stream(s, NULL, &po, fp, ERR));
    fclose(fp);
    po.date = NULL;
    EXPECT_STATUS(KPI_EIO, kpi_pack_write(s, NULL, &po, "/nonexistent/dir/pack.pdf", ERR));

    /* Charts in HTML: a bad id prefix, a chart that failed before, glyphs
     * on a full disk; the dashboard of no series, and into no folder. */
    EXPECT_NULL(KPI_EINVAL, kpi_chart_html_new("9k", ERR));
    kpi_chart_html *h = kpi_chart_html_new("k", NULL);
    assert_non_null(h);
    c = kpi_chart_new(KPI_CHART_YOY, NULL, NULL);
    assert_non_null(c);
    assert_int_equal(kpi_chart_add_store_series(c, kpi_store_at(s, 0), NULL), KPI_EINVAL);
    fp = fopen("/dev/null", "w");
    EXPECT_STATUS(KPI_EINVAL, kpi_chart_html_write(h, c, NULL, fp, ERR));
    EXPECT_NULL(KPI_EINVAL, kpi_chart_html_draw(c, ERR));
    fclose(fp);
    kpi_chart_free(c);
    fp = full();
    setvbuf(fp, NULL, _IONBF, 0);
    EXPECT_STATUS(KPI_EIO, kpi_chart_html_write_glyphs(h, fp, ERR));
    /* A chart drawn, then placed on a full disk. */
    c = kpi_chart_new(KPI_CHART_LINE, NULL, NULL);
    assert_int_equal(kpi_chart_add_store_series(c, kpi_store_at(s, 0), NULL), KPI_OK);
    kpi_error pe;
    assert_int_equal(kpi_chart_html_put(h, kpi_chart_html_draw(c, NULL), NULL, fp, &pe), KPI_EIO);
    assert_int_equal(pe.code, KPI_EIO);
    assert_int_equal(kpi_chart_html_put(h, kpi_chart_html_draw(c, NULL), NULL, fp, NULL), KPI_EIO);
    kpi_chart_svg_free(NULL);
    kpi_chart_free(c);
    fclose(fp);
    kpi_chart_html_free(h);
    kpi_dashboard_options dop = kpi_dashboard_options_default();
    dop.indicators = (const char *const[]){"none"};
    dop.n_indicators = 1;
    fp = fopen("/dev/null", "w");
    EXPECT_STATUS(KPI_EINVAL, kpi_dashboard_write_stream(s, NULL, &dop, fp, ERR));
    fclose(fp);
    dop.n_indicators = 0;
    EXPECT_STATUS(KPI_EIO, kpi_dashboard_write(s, NULL, &dop, "/nonexistent/dir/d.html", ERR));

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
        cmocka_unit_test(test_contracts_model_and_analysis),
        cmocka_unit_test(test_contracts_tables_and_files),
        cmocka_unit_test(test_contracts_audit),
        cmocka_unit_test(test_contracts_milestones),
        cmocka_unit_test(test_contracts_axes_packs_and_reports),
    };
    return kpi_test_run(tests);
}
