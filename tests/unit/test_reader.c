/* Tests of the CSV reader: layouts, columns, and located errors. */
#include "harness.h"

#include <math.h>
#include <string.h>

#include "kpi/reader.h"
#include "kpi/store.h"
#include "kpi/transform.h"

static kpi_store *
read_text(const char *text, const kpi_reader_options *opt, kpi_read_stats *stats, kpi_error *err)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_store *s = kpi_read_stream(fp, "t.csv", opt, stats, err);
    fclose(fp);
    return s;
}

static const kpi_series *
find(const kpi_store *s, const char *indicator, const char *area)
{
    const char *key[] = {indicator, area};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    return se;
}

static double
value_at(const kpi_series *se, kpi_period p)
{
    ptrdiff_t i = kpi_series_index(se, p);
    assert_true(i >= 0);
    assert_int_equal(kpi_series_state(se, (size_t)i), KPI_OBS_VALUE);
    return kpi_series_value(se, (size_t)i);
}

static kpi_period
parse_as(const char *text, kpi_freq want)
{
    kpi_period p;
    assert_int_equal(kpi_period_parse(text, strlen(text), want, &p, NULL, NULL), KPI_OK);
    return p;
}

static kpi_period
parse(const char *text)
{
    return parse_as(text, KPI_FREQ_NONE);
}

/* A European export: ';' found as the delimiter, day-first dates that are
 * the 1st of each month read as months, decimal commas with '.' grouping. */
static void
test_reader_dayfirst_decimal_comma(void **state)
{
    (void)state;
    kpi_reader_options opt = kpi_reader_options_default();
    opt.dayfirst = true;
    opt.decimal_mark = KPI_DECIMAL_COMMA;
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = read_text("indicator;area;date;value\n"
                             "rate;Camden;01/03/2019;1.234,5\n"
                             "rate;Camden;01/04/2019;12,25\n",
                             &opt, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.delimiter, ';');
    const kpi_series *se = find(s, "rate", "Camden");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    assert_double_equal(value_at(se, parse("2019-03")), 1234.5, 0);
    assert_double_equal(value_at(se, parse("2019-04")), 12.25, 0);
    assert_int_equal(kpi_series_decimals(se), 2);
    kpi_store_free(s);
}

/* Without the options the same file fails at the first cell each one
 * would have read, by line and column. */
static void
test_reader_dayfirst_decimal_comma_errors(void **state)
{
    (void)state;
    kpi_reader_options opt = kpi_reader_options_default();
    kpi_error err;
    const char *text = "indicator;area;date;value\n"
                       "rate;Camden;2019-03-01;4\n"
                       "rate;Camden;01/04/2019;12,25\n";
    assert_null(read_text(text, &opt, NULL, &err));
    assert_error(&err, KPI_EPERIOD, 3, 13, "found '01/04/2019'");
    assert_non_null(strstr(err.message, "the dayfirst option"));
    opt.dayfirst = true;
    assert_null(read_text(text, &opt, NULL, &err));
    assert_error(&err, KPI_EVALUE, 3, 24, "found '12,25'");
    assert_non_null(strstr(err.message, "the decimal_comma option"));
    opt.decimal_mark = KPI_DECIMAL_COMMA;
    kpi_store *s = read_text(text, &opt, NULL, &err);
    assert_non_null(s);
    kpi_store_free(s);
}

/* A long file gives one series per indicator and area, values as written. */
static void
test_reader_long_layout(void **state)
{
    (void)state;
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = read_text("Indicator,AREA,period,value,note\n"
                             "knife_crime,London,2017-18,\"14,766\",x\n"
                             "knife_crime,London,2018-19,\"14,852\",\n"
                             "homicide,London,2018-19,122,\n"
                             "homicide,London,2017-18,NA,\n",
                             NULL, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.layout, KPI_LAYOUT_LONG);
    assert_int_equal(st.records, 4);
    assert_int_equal(st.observations, 4);
    assert_string_equal(st.ignored, "note");
    assert_int_equal(kpi_store_count(s), 2);
    const kpi_series *k = find(s, "knife_crime", "London");
    assert_int_equal(kpi_series_freq(k), KPI_FREQ_FYEAR);
    assert_double_equal(value_at(k, parse("2018-19")), 14852, 0);
    const kpi_series *h = find(s, "homicide", "London");
    assert_int_equal(kpi_series_state(h, 0), KPI_OBS_MISSING);
    kpi_store_free(s);
}

/* Period headers make a file wide; the other columns identify series. */
static void
test_reader_wide_layout(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    const char *groups[] = {"Major Category"};
    o.indicator = "Minor Category";
    o.area = "Borough";
    o.groups = groups;
    o.n_groups = 1;
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = read_text("Borough,Major Category,Minor Category,201701,201702,201703\r\n"
                             "Barnet,Burglary,Residential,118,124,93\r\n"
                             "Barnet,Robbery,Personal Property,40,..,51\r\n",
                             &o, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.layout, KPI_LAYOUT_WIDE);
    assert_int_equal(st.observations, 6);
    assert_int_equal(kpi_store_count(s), 2);
    const char *key[] = {"Personal Property", "Barnet", "Robbery"};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_MONTH);
    assert_double_equal(value_at(se, parse("2017-03")), 51, 0);
    assert_int_equal(kpi_series_state(se, 1), KPI_OBS_MISSING);
    assert_int_equal(kpi_series_line(se, 2), 3);
    kpi_store_free(s);
}

/* Event rows are counted per series and period; timestamps map into
 * months with --freq month. */
static void
test_reader_events_count(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    o.count = true;
    o.indicator = "Type";
    o.period = "Date";
    o.freq = KPI_FREQ_MONTH;
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = read_text("Type,Date,Outcome\n"
                             "Person search,2016-05-31T23:01:00+00:00,A\n"
                             "Person search,2016-06-01T00:10:00+00:00,B\n"
                             "Vehicle search,2016-06-02T10:00:00+00:00,B\n"
                             "Person search,2016-06-30T22:30:00+00:00,A\n",
                             &o, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.layout, KPI_LAYOUT_EVENTS);
    assert_int_equal(st.observations, 4);
    /* Rows are counted by day, zero-filled over the file's span, and only
     * then added into months: May holds one day of the span, so it is an
     * incomplete month, not a month with one search. */
    const kpi_series *p = find(s, "Person search", "");
    assert_int_equal(kpi_series_freq(p), KPI_FREQ_DAY);
    assert_double_equal(value_at(p, parse("2016-05-31")), 1, 0);
    assert_double_equal(value_at(p, parse("2016-06-15")), 0, 0);
    kpi_transform_stats ts;
    kpi_store *m = kpi_transform_freq(s, KPI_FREQ_MONTH, 4, false, NULL, &ts, &err);
    assert_non_null(m);
    assert_int_equal(ts.incomplete, 2);
    assert_double_equal(value_at(find(m, "Person search", ""), parse("2016-06")), 2, 0);
    assert_double_equal(value_at(find(m, "Vehicle search", ""), parse("2016-06")), 1, 0);
    assert_int_equal(kpi_series_index(find(m, "Person search", ""), parse("2016-05")), -1);
    kpi_store_free(m);
    kpi_store_free(s);

    /* Without an indicator column every row counts towards "events". */
    o.indicator = NULL;
    o.freq = KPI_FREQ_NONE;
    s = read_text("Date\n2016-06-02\n2016-06-02\n", &o, &st, &err);
    assert_non_null(s);
    assert_double_equal(value_at(find(s, "events", ""), parse("2016-06-02")), 2, 0);
    kpi_store_free(s);
}

/* Without an indicator column, the value column's header names it. */
static void
test_reader_indicator_from_value_header(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    o.value = "homicides";
    kpi_error err;
    kpi_store *s = read_text("year,homicides\r\n2003/04,732\r\n2004/05,748", &o, NULL, &err);
    assert_non_null(s);
    const kpi_series *se = find(s, "homicides", "");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_double_equal(value_at(se, parse_as("2004-05", KPI_FREQ_FYEAR)), 748, 0);
    kpi_store_free(s);
}

/* --freq fy keeps the dates some publishers use for financial years as
 * dates (only the whole series can tell a date that stands for its year
 * from a day to add up), and kpi_transform_freq relabels them. */
static void
test_reader_freq_maps_dates_into_fy(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    o.freq = KPI_FREQ_FYEAR;
    o.indicator = "Code";
    o.area = "Borough";
    o.period = "Year";
    kpi_error err;
    kpi_store *s = read_text("Code,Borough,Year,Value\n"
                             "E09000002,Barking and Dagenham,1999-12-31,19567\n"
                             "E09000002,Barking and Dagenham,2000-12-31,20253\n",
                             &o, NULL, &err);
    assert_non_null(s);
    assert_int_equal(kpi_series_freq(find(s, "E09000002", "Barking and Dagenham")), KPI_FREQ_DAY);
    kpi_transform_stats st;
    kpi_store *fy = kpi_transform_freq(s, KPI_FREQ_FYEAR, 4, false, NULL, &st, &err);
    assert_non_null(fy);
    assert_int_equal(st.incomplete, 0);
    const kpi_series *se = find(fy, "E09000002", "Barking and Dagenham");
    assert_int_equal(kpi_series_freq(se), KPI_FREQ_FYEAR);
    assert_double_equal(value_at(se, parse("1999-00")), 19567, 0);
    assert_double_equal(value_at(se, parse_as("2000-01", KPI_FREQ_FYEAR)), 20253, 0);
    kpi_store_free(fy);
    kpi_store_free(s);
}

/* Text must be UTF-8: the first byte of an ill-formed sequence is located
 * (overlong forms, surrogates and truncated sequences included), and
 * well-formed 2-, 3- and 4-byte characters pass. */
static void
test_reader_utf8_checked(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned long line, column;
    } bad[] = {
        {"indicator,area,period,value\nk,ab\xC0\xAF,2019-01,1\n", 2, 5},
        {"indicator,area,period,value\nk,\xED\xA0\x80,2019-01,1\n", 2, 3},
        {"indicator,area,period,value\nk,\xE2\x82,2019-01,1\n", 2, 3},
        {"indicator,area,period,value\nk,\"\xC3\xA9\n\xF5\",2019-01,1\n", 3, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kpi_error err;
        assert_null(read_text(bad[i].text, NULL, NULL, &err));
        assert_int_equal(err.code, KPI_EENCODING);
        assert_int_equal(err.line, bad[i].line);
        assert_int_equal(err.column, bad[i].column);
    }
    kpi_error err;
    kpi_store *s = read_text("indicator,area,period,value\n"
                             "k,\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80,2019-01,1\n",
                             NULL, NULL, &err);
    assert_non_null(s);
    assert_string_equal(kpi_series_area(kpi_store_at(s, 0)),
                        "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    kpi_store_free(s);
}

/* A UTF-16LE stream with its mark is decoded; with encoding "latin1" a
 * byte above 0x7F is its code point. */
static void
test_reader_decodes_utf16_and_latin1(void **state)
{
    (void)state;
    static const char u16[] = "\xFF\xFE"
                              "i\0n\0d\0i\0c\0a\0t\0o\0r\0,\0p\0e\0r\0i\0o\0d\0,\0"
                              "v\0a\0l\0u\0e\0\n\0\xE9\0,\0"
                              "2\0"
                              "0\0"
                              "1\0"
                              "9\0-\0"
                              "0\0"
                              "3\0,\0"
                              "7\0\n\0";
    kpi_error err;
    kpi_store *s = kpi_read_file(kpi_test_tmpfile(u16, sizeof u16 - 1), NULL, NULL, &err);
    assert_non_null(s);
    assert_string_equal(kpi_series_indicator(kpi_store_at(s, 0)), "\xC3\xA9");
    assert_double_equal(value_at(kpi_store_at(s, 0), parse_as("2019-03", KPI_FREQ_NONE)), 7, 0);
    kpi_store_free(s);

    kpi_reader_options o = kpi_reader_options_default();
    o.encoding = "latin1";
    s = read_text("indicator,period,value\n\xE3,2019-03,1\n", &o, NULL, &err);
    assert_non_null(s);
    assert_string_equal(kpi_series_indicator(kpi_store_at(s, 0)), "\xC3\xA3");
    kpi_store_free(s);
}

/* Semicolons, tabs and pipes are detected; a BOM is skipped. */
static void
test_reader_delimiters_and_bom(void **state)
{
    (void)state;
    const char *texts[] = {
        "indicator;period;value\nk;2019-03;\"1,5\"\n",
        "\xEF\xBB\xBFindicator\tperiod\tvalue\nk\t2019-03\t1\n",
        "indicator|period|value\nk|2019-03|1\n",
    };
    const char delims[] = {';', '\t', '|'};
    for (size_t i = 0; i < 3; i++) {
        kpi_read_stats st;
        kpi_error err;
        kpi_store *s = read_text(texts[i], NULL, &st, &err);
        if (i == 0) {
            /* "1,5" is not a number with a decimal comma: locale never matters. */
            assert_null(s);
            assert_error(&err, KPI_EVALUE, 2, 11, "found '1,5'");
            continue;
        }
        assert_non_null(s);
        assert_int_equal(st.delimiter, delims[i]);
        assert_int_equal(kpi_store_count(s), 1);
        kpi_store_free(s);
    }
}

/* Bad cells are located at their physical line and column, with the
 * column's name; a quoted newline counts as a line. */
static void
test_reader_cell_errors_are_located(void **state)
{
    (void)state;
    kpi_error err;
    assert_null(read_text("indicator,area,period,value\n"
                          "k,\"North\nEast\",2019-03,12\n"
                          "k,South,2019-03,12x\n",
                          NULL, NULL, &err));
    assert_error(&err, KPI_EVALUE, 4, 17, "column 'value': expected");
    assert_non_null(strstr(err.message, "found '12x'"));
    assert_string_equal(err.source, "t.csv");

    assert_null(read_text("indicator,period,value\nk,2019-13,1\n", NULL, NULL, &err));
    assert_error(&err, KPI_EPERIOD, 2, 3, "column 'period': ");
    assert_non_null(strstr(err.message, "2019-13"));

    assert_null(read_text("indicator,period,value\n,2019-03,1\n", NULL, NULL, &err));
    assert_error(&err, KPI_ELAYOUT, 2, 1, "expected an indicator name, found an empty cell");
}

/* Ragged rows are errors at the first extra field, or the last field. */
static void
test_reader_ragged_rows(void **state)
{
    (void)state;
    kpi_error err;
    assert_null(read_text("indicator,period,value\nk,2019-03,1,extra\n", NULL, NULL, &err));
    assert_error(&err, KPI_ECSV, 2, 13, "expected 3 fields as in the header, found more");
    assert_null(read_text("indicator,period,value\nk,2019-03\n", NULL, NULL, &err));
    assert_error(&err, KPI_ECSV, 2, 3, "found 2");
}

/* Header problems are errors at line 1 listing what was found. */
static void
test_reader_header_errors(void **state)
{
    (void)state;
    kpi_error err;
    assert_null(read_text("indicator,when,amount\nk,2019-03,1\n", NULL, NULL, &err));
    assert_error(&err, KPI_ELAYOUT, 1, 1, "no period column");
    assert_non_null(strstr(err.message, "'indicator', 'when', 'amount'"));
    kpi_reader_options o = kpi_reader_options_default();
    o.area = "Borough";
    assert_null(read_text("indicator,period,value\nk,2019-03,1\n", &o, NULL, &err));
    assert_error(&err, KPI_ELAYOUT, 1, 1, "no area column: expected a column named 'Borough'");
    /* The option that fixes it by its name in kpi_reader_options, not by
     * a command-line flag. */
    assert_non_null(strstr(err.message, "(choose one with the area option)"));
    assert_null(strstr(err.message, "--"));
    assert_null(read_text("", NULL, NULL, &err));
    assert_error(&err, KPI_ELAYOUT, 1, 1, "empty");
    assert_null(read_text("name,201901,201901\nk,1,2\n", NULL, NULL, &err));
    assert_error(&err, KPI_ELAYOUT, 1, 1, "no indicator column");
    assert_null(read_text("indicator,201901,2019-01\nk,1,2\n", NULL, NULL, &err));
    assert_error(&err, KPI_EDUPLICATE, 1, 18, "duplicate period column '2019-01'");
}

/* Duplicates and mixed frequencies are errors at the later row. */
static void
test_reader_duplicate_and_mixed_frequency(void **state)
{
    (void)state;
    kpi_error err;
    const char *dup = "indicator,period,value\nk,2019-03,1\nk,2019-04,2\nk,Mar 2019,3\n";
    assert_null(read_text(dup, NULL, NULL, &err));
    assert_error(&err, KPI_EDUPLICATE, 4, 3, "already has period 2019-03 (line 2)");
    kpi_reader_options o = kpi_reader_options_default();
    o.duplicates = KPI_DUP_SUM;
    kpi_store *s = read_text(dup, &o, NULL, &err);
    assert_non_null(s);
    assert_double_equal(value_at(find(s, "k", ""), parse("2019-03")), 4, 0);
    kpi_store_free(s);
    assert_null(read_text("indicator,period,value\nk,2019-03,1\nk,2019Q2,2\n", NULL, NULL, &err));
    assert_error(&err, KPI_EFREQ, 3, 3, "mixed frequencies: series 'k' has months");
}

/* An unterminated quote is reported where the quoted field starts. */
static void
test_reader_unterminated_quote(void **state)
{
    (void)state;
    kpi_error err;
    assert_null(
        read_text("indicator,period,value\nk,2019-03,\"1\nk,2019-04,2\n", NULL, NULL, &err));
    assert_error(&err, KPI_ECSV, 2, 11, "never closed");
}

typedef struct warnings {
    int n;
    unsigned long lines[8];
} warnings;

static void
collect_warning(void *ud, const kpi_error *w)
{
    warnings *ws = ud;
    if (ws->n < 8)
        ws->lines[ws->n] = w->line;
    ws->n++;
}

/* --skip-bad skips whole rows, counts them by reason and warns for each. */
static void
test_reader_skip_bad_counts(void **state)
{
    (void)state;
    warnings ws = {0};
    kpi_reader_options o = kpi_reader_options_default();
    o.skip_bad = true;
    o.diag = collect_warning;
    o.diag_ud = &ws;
    o.indicator = "name";
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = read_text("name,2019-01,2019-02\n"
                             "a,1,2\n"
                             "b,1,x\n"
                             "c,3\n"
                             "a,5,6\n"
                             "d,4,4\n",
                             &o, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.records, 5);
    assert_int_equal(st.skipped, 3);
    assert_int_equal(st.skipped_by[KPI_EVALUE], 1);
    assert_int_equal(st.skipped_by[KPI_ECSV], 1);
    assert_int_equal(st.skipped_by[KPI_EDUPLICATE], 1);
    assert_int_equal(ws.n, 3);
    assert_int_equal(ws.lines[0], 3);
    assert_int_equal(ws.lines[1], 4);
    assert_int_equal(ws.lines[2], 5);
    /* Row "b" had a good first cell, but a skipped row leaves nothing. */
    assert_int_equal(kpi_store_count(s), 3);
    const char *key[] = {"b", ""};
    const kpi_series *b = kpi_store_find(s, key);
    assert_true(b == NULL || kpi_series_length(b) == 0);
    assert_double_equal(value_at(find(s, "a", ""), parse("2019-02")), 2, 0);
    kpi_store_free(s);
}

/* A missing file is an I/O error naming it. */
static void
test_reader_missing_file(void **state)
{
    (void)state;
    kpi_error err;
    kpi_read_stats st;
    assert_null(kpi_read_file("/nonexistent/x.csv", NULL, &st, &err));
    assert_int_equal(err.code, KPI_EIO);
    assert_string_equal(err.source, "/nonexistent/x.csv");
    assert_string_equal(err.message, "cannot open: No such file or directory");
}

/* Options out of range are refused before reading. */
static void
test_reader_bad_options(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    o.fy_start = 13;
    kpi_error err;
    assert_null(read_text("a\n", &o, NULL, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    o = kpi_reader_options_default();
    o.delimiter = ':';
    assert_null(read_text("a\n", &o, NULL, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    kpi_layout l;
    assert_int_equal(kpi_layout_parse("WIDE", &l, &err), KPI_OK);
    assert_int_equal(l, KPI_LAYOUT_WIDE);
    assert_int_equal(kpi_layout_parse("tall", &l, &err), KPI_EINVAL);
}

/* Every failed allocation while reading is KPI_ENOMEM, without leaks. */
static void
test_reader_out_of_memory(void **state)
{
    (void)state;
    const char *text = "name,area,201901,201902\na,x,1,2\nb,y,3,4\n";
    kpi_reader_options o = kpi_reader_options_default();
    o.indicator = "name";
    kpi_store *s = NULL;
    for (long n = 0; !s && n < 500; n++) {
        kpi_error err;
        kpi_alloc_fail_after(n);
        s = read_text(text, &o, NULL, &err);
        kpi_alloc_fail_after(-1);
        if (!s)
            assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_non_null(s);
    assert_int_equal(kpi_store_count(s), 2);
    kpi_store_free(s);
}

/* The real Met borough file (wide, CRLF, YYYYMM headers) reads whole. */
static void
test_reader_real_met_borough_file(void **state)
{
    (void)state;
    const char *path = kpi_test_shared(
        "met-borough-2008-2018/MPS_Borough_Level_Crime_recent24_201701-201812.csv");
    if (!path)
        skip();
    kpi_reader_options o = kpi_reader_options_default();
    const char *groups[] = {"Major Category"};
    o.indicator = "Minor Category";
    o.area = "Borough";
    o.groups = groups;
    o.n_groups = 1;
    kpi_read_stats st;
    kpi_error err;
    kpi_store *s = kpi_read_file(path, &o, &st, &err);
    assert_non_null(s);
    assert_int_equal(st.records, 1050);
    assert_int_equal(kpi_store_count(s), 1050);
    assert_int_equal(st.observations, 1050 * 24);
    const char *key[] = {"Burglary - Business and Community", "Barking and Dagenham", "Burglary"};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    assert_double_equal(value_at(se, parse("2017-01")), 25, 0);
    assert_double_equal(value_at(se, parse("2017-02")), 47, 0);
    assert_double_equal(value_at(se, parse("2018-12")), 34, 0);
    kpi_store_free(s);
}

/* ---- large files, read on two threads ------------------------------- */

/* Large files are read in two parts only when two threads are allowed. */
static const kpi_reader_options two_threads = {.layout = KPI_LAYOUT_AUTO,
                                               .fy_start = KPI_FY_START_DEFAULT,
                                               .freq = KPI_FREQ_NONE,
                                               .duplicates = KPI_DUP_ERROR,
                                               .threads = 2};

/* A long file of `rows` rows, over 8 MB so that it is read in two parts;
 * row_text writes row i. */
static char *
big_text(size_t rows, void (*row_text)(size_t i, char *buf, size_t size), size_t *len)
{
    size_t cap = rows * 64 + 64, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text, cap, "indicator,area,period,value\n");
    for (size_t i = 0; i < rows; i++) {
        char line[128];
        row_text(i, line, sizeof line);
        size_t k = strlen(line);
        assert_true(n + k < cap);
        memcpy(text + n, line, k);
        n += k;
    }
    text[n] = '\0';
    assert_true(n > 8u * 1024 * 1024);
    *len = n;
    return text;
}

/* Series interleaved through the whole file, so that most of them are in
 * both parts. */
static void
interleaved_row(size_t i, char *buf, size_t size)
{
    snprintf(buf, size, "indicator_%zu,Some longer area name %zu,%zu-%02zu,%zu\n", i % 97, i % 13,
             1800 + i / (97 * 12), 1 + (i / 97) % 12, i * 7 % 1000);
}

static void
assert_same_store(const kpi_store *a, const kpi_store *b)
{
    assert_int_equal(kpi_store_count(a), kpi_store_count(b));
    for (size_t k = 0; k < kpi_store_count(a); k++) {
        const kpi_series *x = kpi_store_at(a, k), *y = kpi_store_at(b, k);
        assert_string_equal(kpi_series_indicator(x), kpi_series_indicator(y));
        assert_string_equal(kpi_series_area(x), kpi_series_area(y));
        assert_int_equal(kpi_series_length(x), kpi_series_length(y));
        for (size_t i = 0; i < kpi_series_length(x); i++) {
            assert_int_equal(kpi_series_state(x, i), kpi_series_state(y, i));
            assert_int_equal(kpi_series_line(x, i), kpi_series_line(y, i));
            if (kpi_series_state(x, i) == KPI_OBS_VALUE)
                assert_true(kpi_series_value(x, i) == kpi_series_value(y, i));
        }
    }
}

/* A large file read on two threads gives the very store one thread gives:
 * same series in the same order, values and input lines. */
static void
test_reader_large_file_split_matches_one_thread(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(220000, interleaved_row, &len);
    const char *path = kpi_test_tmpfile(text, len);
    kpi_error err;
    kpi_read_stats split_stats, one_stats;
    kpi_store *split = kpi_read_file(path, &two_threads, &split_stats, &err);
    assert_non_null(split);
    FILE *fp = kpi_test_memfile(text);
    kpi_store *one = kpi_read_stream(fp, path, NULL, &one_stats, &err);
    fclose(fp);
    assert_non_null(one);
    assert_same_store(split, one);
    assert_int_equal(split_stats.records, 220000);
    assert_int_equal(split_stats.observations, one_stats.observations);
    assert_int_equal(split_stats.threads, 2);
    assert_int_equal(one_stats.threads, 1);
    kpi_store_free(split);
    kpi_store_free(one);

    /* Rows a filter leaves out are counted in both parts: indicator_3's,
     * one row in 97 (220,000 = 97 x 2,268 + 4, and row 3 is one of the
     * four left over), 2,269. */
    const kpi_where where = {.column = "indicator", .value = "indicator_3", .negate = true};
    kpi_reader_options filtered = two_threads;
    filtered.where = &where;
    filtered.n_where = 1;
    split = kpi_read_file(path, &filtered, &split_stats, &err);
    filtered.threads = 1;
    one = kpi_read_file(path, &filtered, &one_stats, &err);
    assert_non_null(split);
    assert_non_null(one);
    assert_same_store(split, one);
    assert_int_equal(split_stats.threads, 2);
    assert_int_equal(one_stats.filtered, 2269);
    assert_int_equal(split_stats.filtered, one_stats.filtered);
    assert_int_equal(split_stats.records, 220000);
    kpi_store_free(split);
    kpi_store_free(one);
    free(text);
}

/* An error in the second half is located exactly, as on one thread. */
static void
test_reader_large_file_error_in_second_half(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(220000, interleaved_row, &len);
    /* Break the value of the row on line 200,001 (row index 199,999). */
    char *p = text;
    for (int line = 1; line < 200001; line++)
        p = strchr(p, '\n') + 1;
    char *end = strchr(p, '\n'), *comma = p;
    for (char *q = p; q < end; q++)
        if (*q == ',')
            comma = q;
    comma[1] = 'x';
    unsigned long col = (unsigned long)(comma - p) + 2;
    const char *path = kpi_test_tmpfile(text, len);
    kpi_error err;
    assert_null(kpi_read_file(path, &two_threads, NULL, &err));
    assert_error(&err, KPI_EVALUE, 200001, col, "column 'value'");
    free(text);
}

/* A duplicate whose first occurrence is in the first half and second in
 * the second names the right lines. */
static void
test_reader_large_file_duplicate_across_halves(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(220000, interleaved_row, &len);
    /* The last row repeats the first data row's key (line 2). */
    char *last = text + len - 1;
    while (last > text && last[-1] != '\n')
        last--;
    char first[128];
    const char *l2 = strchr(text, '\n') + 1;
    size_t k = (size_t)(strchr(l2, '\n') - l2);
    memcpy(first, l2, k);
    first[k] = '\0';
    assert_true(strlen(first) <= (size_t)(text + len - last));
    memset(last, ' ', (size_t)(text + len - last));
    memcpy(last, first, k);
    /* Pad the rest of the line: values may carry surrounding spaces. */
    text[len - 1] = '\n';
    const char *path = kpi_test_tmpfile(text, len);
    kpi_error err;
    assert_null(kpi_read_file(path, &two_threads, NULL, &err));
    assert_int_equal(err.code, KPI_EDUPLICATE);
    assert_int_equal(err.line, 220001);
    assert_non_null(strstr(err.message, "(line 2)"));
    free(text);
}

/* Quoted fields with line breaks everywhere, across the middle too: the
 * split cannot hold there, and the file is read whole on one thread. */
static void
quoted_row(size_t i, char *buf, size_t size)
{
    snprintf(buf, size, "indicator_%zu,\"Area\nwith a break %zu\",%zu-%02zu,%zu\n", i % 50, i % 7,
             1800 + i / (50 * 12), 1 + (i / 50) % 12, i % 1000);
}

static void
test_reader_large_file_quoted_newlines(void **state)
{
    (void)state;
    size_t len;
    char *text = big_text(200000, quoted_row, &len);
    const char *path = kpi_test_tmpfile(text, len);
    kpi_error err;
    kpi_store *split = kpi_read_file(path, &two_threads, NULL, &err);
    assert_non_null(split);
    FILE *fp = kpi_test_memfile(text);
    kpi_store *one = kpi_read_stream(fp, path, NULL, NULL, &err);
    fclose(fp);
    assert_non_null(one);
    assert_same_store(split, one);
    /* Each record takes two lines: row 199,999 starts on line 399,999. */
    const char *key[] = {"indicator_49", "Area\nwith a break 6"};
    const kpi_series *se = kpi_store_find(split, key);
    assert_non_null(se);
    kpi_store_free(split);
    kpi_store_free(one);
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_long_layout),
        cmocka_unit_test(test_reader_wide_layout),
        cmocka_unit_test(test_reader_events_count),
        cmocka_unit_test(test_reader_indicator_from_value_header),
        cmocka_unit_test(test_reader_utf8_checked),
        cmocka_unit_test(test_reader_decodes_utf16_and_latin1),
        cmocka_unit_test(test_reader_freq_maps_dates_into_fy),
        cmocka_unit_test(test_reader_delimiters_and_bom),
        cmocka_unit_test(test_reader_cell_errors_are_located),
        cmocka_unit_test(test_reader_ragged_rows),
        cmocka_unit_test(test_reader_header_errors),
        cmocka_unit_test(test_reader_duplicate_and_mixed_frequency),
        cmocka_unit_test(test_reader_unterminated_quote),
        cmocka_unit_test(test_reader_skip_bad_counts),
        cmocka_unit_test(test_reader_missing_file),
        cmocka_unit_test(test_reader_bad_options),
        cmocka_unit_test(test_reader_out_of_memory),
        cmocka_unit_test(test_reader_real_met_borough_file),
        cmocka_unit_test(test_reader_large_file_split_matches_one_thread),
        cmocka_unit_test(test_reader_large_file_error_in_second_half),
        cmocka_unit_test(test_reader_large_file_duplicate_across_halves),
        cmocka_unit_test(test_reader_large_file_quoted_newlines),
        cmocka_unit_test(test_reader_dayfirst_decimal_comma),
        cmocka_unit_test(test_reader_dayfirst_decimal_comma_errors),
    };
    return kpi_test_run(tests);
}
