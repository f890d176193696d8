/* Tests of the table writers and of canonical long output. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/reader.h"
#include "kpi/store.h"
#include "kpi/table.h"

/* Runs fn on a memory stream and returns what it wrote (caller frees). */
static char *
capture_store(const kpi_store *s, kpi_format format)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    kpi_error err;
    assert_int_equal(
        kpi_table_write_store(s, out, &(kpi_table_options){.format = format, .threads = 1}, &err),
        KPI_OK);
    fclose(out);
    return buf;
}

/* CSV cells are quoted only when they must be, and quotes are doubled. */
static void
test_table_csv_quoting(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *names[] = {"a", "b,c"};
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_CSV, names, NULL, 2, NULL);
    const char *r1[] = {"plain", "say \"hi\""}, *r2[] = {NULL, "two\nlines"}, *r3[] = {" pad", ""};
    assert_int_equal(kpi_table_row(t, r1, NULL), KPI_OK);
    assert_int_equal(kpi_table_row(t, r2, NULL), KPI_OK);
    assert_int_equal(kpi_table_row(t, r3, NULL), KPI_OK);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    assert_string_equal(buf, "a,\"b,c\"\nplain,\"say \"\"hi\"\"\"\n,\"two\nlines\"\n\" pad\",\n");
    free(buf);
}

/* A cell is copied in one pass when it fits the room kept for one and
 * needs no quotes, and escaped otherwise: every length from 0 to 200
 * comes out whole, with a comma at the end or the start (quoted) at each
 * length, and a trailing space (quoted) as well. */
static void
test_table_csv_cells_of_every_length(void **state)
{
    (void)state;
    enum { LONGEST = 200 };
    char text[LONGEST + 1], want[2 * LONGEST + 16];
    for (size_t n = 0; n <= LONGEST; n++) {
        for (int kind = 0; kind < 4; kind++) {
            memset(text, 'x', n);
            text[n] = '\0';
            if (n && kind == 1)
                text[n - 1] = ',';
            if (n && kind == 2)
                text[0] = ',';
            if (n && kind == 3)
                text[n - 1] = ' ';
            bool quoted = n && kind;
            snprintf(want, sizeof want, "a,b\n1,%s%s%s\n", quoted ? "\"" : "", text,
                     quoted ? "\"" : "");
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            assert_non_null(out);
            const char *names[] = {"a", "b"}, *row[] = {"1", text};
            kpi_table *t = kpi_table_new(out, KPI_FORMAT_CSV, names, NULL, 2, NULL);
            assert_non_null(t);
            assert_int_equal(kpi_table_row(t, row, NULL), KPI_OK);
            assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
            fclose(out);
            assert_string_equal(buf, want);
            free(buf);
        }
    }
}

/* A cell that escaping makes much longer than the room left in the
 * table's buffer is written whole: 4,000 quotes are a CSV field of 8,002
 * bytes, 3,000 control characters a JSON string of 18,000. */
static void
test_table_long_escapes_are_whole(void **state)
{
    (void)state;
    enum { QUOTES = 4000, CONTROLS = 3000 };
    char *text = malloc(QUOTES + 1);
    assert_non_null(text);
    memset(text, '"', QUOTES);
    text[QUOTES] = '\0';
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    const char *names[] = {"a"};
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_CSV, names, NULL, 1, NULL);
    assert_non_null(t);
    const char *r[] = {text};
    assert_int_equal(kpi_table_row(t, r, NULL), KPI_OK);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    assert_int_equal(len, 2 + 2 + 2 * QUOTES + 1);
    assert_memory_equal(buf, "a\n\"", 3);
    for (size_t i = 3; i < 3 + 2 * QUOTES; i++)
        assert_int_equal(buf[i], '"');
    assert_string_equal(buf + 3 + 2 * QUOTES, "\"\n");
    free(buf);

    memset(text, '\x01', CONTROLS);
    text[CONTROLS] = '\0';
    out = open_memstream(&buf, &len);
    assert_non_null(out);
    t = kpi_table_new(out, KPI_FORMAT_JSON, names, NULL, 1, NULL);
    assert_non_null(t);
    assert_int_equal(kpi_table_row(t, r, NULL), KPI_OK);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    const char *head = "[\n  {\"a\": \"";
    size_t h = strlen(head);
    assert_int_equal(len, h + 6 * CONTROLS + strlen("\"}\n]\n"));
    assert_memory_equal(buf, head, h);
    for (size_t i = 0; i < CONTROLS; i++)
        assert_memory_equal(buf + h + 6 * i, "\\u0001", 6);
    assert_string_equal(buf + h + 6 * CONTROLS, "\"}\n]\n");
    free(buf);
    free(text);
}

/* JSON writes numbers bare, text escaped, and empty cells as null. */
static void
test_table_json_types(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *names[] = {"name", "n"};
    const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_JSON, names, types, 2, NULL);
    const char *r1[] = {"a\"b\\\t", "-0.5"}, *r2[] = {"x", NULL};
    kpi_table_row(t, r1, NULL);
    kpi_table_row(t, r2, NULL);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    assert_string_equal(buf, "[\n  {\"name\": \"a\\\"b\\\\\\t\", \"n\": -0.5},\n"
                             "  {\"name\": \"x\", \"n\": null}\n]\n");
    free(buf);

    out = open_memstream(&buf, &len);
    t = kpi_table_new(out, KPI_FORMAT_JSON, names, types, 2, NULL);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    assert_string_equal(buf, "[]\n");
    free(buf);
}

/* JSON output is never invalid JSON (issue 10): a number cell such as
 * "inf" and text that is not UTF-8 (a Latin-1 byte, an overlong form, a
 * surrogate) are refused, naming the column, and the table stays failed;
 * RFC 8259 numbers and well-formed UTF-8 up to U+10FFFF pass. */
static void
test_table_json_refuses_what_json_cannot_hold(void **state)
{
    (void)state;
    const char *names[] = {"area", "n"};
    const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
    static const char *const numbers_ok[] = {
        "0", "-0.5", "14766", "1e15", "-1.999999999999998e15", "2E-7", "1.5e+300"};
    static const char *const numbers_bad[] = {"inf", "-inf", "nan", "1.",   ".5",
                                              "01",  "+1",   "1e",  "0x10", ""};
    static const char *const text_ok[] = {"Barnet", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                          "\xF4\x8F\xBF\xBF"};
    static const char *const text_bad[] = {
        "caf\xE9", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xC3",    "\xE2\x82", "\x80",         "\xFF"};
    for (size_t k = 0; k < 4; k++) {
        const char *const *list = k == 0   ? numbers_ok
                                  : k == 1 ? numbers_bad
                                  : k == 2 ? text_ok
                                           : text_bad;
        size_t n = k == 0 ? 7 : k == 1 ? 10 : k == 2 ? 5 : 9;
        for (size_t i = 0; i < n; i++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            kpi_table *t = kpi_table_new(out, KPI_FORMAT_JSON, names, types, 2, NULL);
            const char *row[] = {k < 2 ? "x" : list[i], k < 2 ? list[i] : "1"};
            kpi_error err;
            kpi_status st = kpi_table_row(t, row, &err);
            bool good = k == 0 || k == 2;
            if ((st == KPI_OK) != good)
                fprintf(stderr, "'%s' was %s\n", list[i], good ? "refused" : "accepted");
            assert_int_equal(st, good ? KPI_OK : k == 1 ? KPI_EINVAL : KPI_EVALUE);
            if (!good) {
                assert_error(&err, st, 0, 0,
                             k == 1 ? "column 'n': expected a JSON number"
                                    : "column 'area': the text is not UTF-8");
                assert_int_equal(kpi_table_row(t, (const char *[]){"x", "1"}, NULL), st);
            }
            assert_int_equal(kpi_table_end(t, NULL), st);
            fclose(out);
            if (good)
                assert_non_null(strstr(buf, row[k < 2 ? 1 : 0]));
            else
                assert_string_equal(buf, "[");
            free(buf);
        }
    }
    const char *bad_names[] = {"area", "caf\xE9"};
    kpi_error err;
    FILE *out = fopen("/dev/null", "w");
    assert_null(kpi_table_new(out, KPI_FORMAT_JSON, bad_names, NULL, 2, &err));
    assert_error(&err, KPI_EVALUE, 0, 0, "column 2: the name is not UTF-8");
    fclose(out);
}

/* Markdown right-aligns numbers and escapes pipes. */
static void
test_table_markdown(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *names[] = {"name", "n"};
    const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_MD, names, types, 2, NULL);
    const char *r1[] = {"a|b", "14852"};
    kpi_table_row(t, r1, NULL);
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    assert_string_equal(buf, "| name | n |\n|---|---:|\n| a\\|b | 14852 |\n");
    free(buf);
}

/* A write to a failing stream is a sticky I/O error. */
static void
test_table_write_failure_is_sticky(void **state)
{
    (void)state;
    FILE *out = fopen("/dev/full", "w");
    if (!out)
        skip();
    setvbuf(out, NULL, _IONBF, 0);
    const char *names[] = {"a"};
    kpi_error err;
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_CSV, names, NULL, 1, &err);
    if (t) {
        const char *r[] = {"x"};
        kpi_table_row(t, r, &err);
        assert_int_equal(kpi_table_end(t, &err), KPI_EIO);
    } else {
        assert_int_equal(err.code, KPI_EIO);
    }
    assert_non_null(strstr(err.message, "write failed"));
    fclose(out);
}

/* Canonical long output reproduces a canonical file exactly. */
static void
test_table_store_round_trip(void **state)
{
    (void)state;
    const char *canonical = "indicator,area,period,value\n"
                            "knife_crime,London,2017-18,14766\n"
                            "knife_crime,London,2018-19,14852\n"
                            "satisfaction,London,2019Q1,73.5%\n"
                            "satisfaction,London,2019Q3,\n"
                            "spend,,2018-19 Q4,£101.25\n"
                            "spend,,2019-20 Q1,*\n"
                            "refund,\"Area, with comma\",2019-03,-£3\n";
    kpi_store *s = kpi_test_read(canonical, NULL);
    char *out = capture_store(s, KPI_FORMAT_CSV);
    assert_string_equal(out, canonical);
    free(out);
    kpi_store_free(s);
}

/* Other notations come out canonical, and groups get their own columns. */
static void
test_table_store_canonicalises(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    const char *groups[] = {"major"};
    o.groups = groups;
    o.n_groups = 1;
    kpi_store *s = kpi_test_read("indicator,major,period,value\n"
                                 "k,Violence,FY 2017/18,\"1,234\"\n"
                                 "k,Violence,2018/19,+5\n"
                                 "q,Theft,Q1 2019,NA\n",
                                 &o);
    char *out = capture_store(s, KPI_FORMAT_CSV);
    assert_string_equal(out, "indicator,area,major,period,value\n"
                             "k,,Violence,2017-18,1234\n"
                             "k,,Violence,2018-19,5\n"
                             "q,,Theft,2019Q1,\n");
    free(out);
    out = capture_store(s, KPI_FORMAT_JSON);
    assert_string_equal(out, "[\n  {\"indicator\": \"k\", \"area\": \"\", \"major\": \"Violence\", "
                             "\"period\": \"2017-18\", \"value\": 1234, \"unit\": \"plain\"},\n"
                             "  {\"indicator\": \"k\", \"area\": \"\", \"major\": \"Violence\", "
                             "\"period\": \"2018-19\", \"value\": 5, \"unit\": \"plain\"},\n"
                             "  {\"indicator\": \"q\", \"area\": \"\", \"major\": \"Theft\", "
                             "\"period\": \"2019Q1\", \"value\": null, \"unit\": \"plain\"}\n]\n");
    free(out);
    kpi_store_free(s);
}

/* Writes the store's series with kpi_table_series_row, or with
 * kpi_table_row and the key cells in front when keyed is false; one tail
 * column of each type, with text that needs escaping in every format. */
static char *
capture_keyed(const kpi_store *s, kpi_format format, bool keyed)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    const char *tail[] = {"n", "say"};
    const kpi_column_type types[] = {KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT};
    kpi_table *t = kpi_table_new_keyed(out, format, s, tail, types, 2, NULL);
    assert_non_null(t);
    size_t ng = kpi_store_n_groups(s);
    for (size_t k = 0; k < kpi_store_count(s); k++) {
        const kpi_series *se = kpi_store_at(s, k);
        const char *cells[8] = {kpi_series_indicator(se), kpi_series_area(se)};
        for (size_t g = 0; g < ng; g++)
            cells[2 + g] = kpi_series_group(se, g);
        if (keyed)
            assert_int_equal(kpi_table_series(t, se, NULL), KPI_OK);
        for (int r = 0; r < 2; r++) {
            cells[2 + ng] = r ? "-0.5" : NULL;
            cells[3 + ng] = r ? "a|b \"c\", d" : "x";
            kpi_status st = keyed ? kpi_table_series_row(t, cells + 2 + ng, NULL)
                                  : kpi_table_row(t, cells, NULL);
            assert_int_equal(st, KPI_OK);
        }
    }
    assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    fclose(out);
    return buf;
}

/* Rows written series by series, with the key formatted once, are the
 * same bytes as whole rows, in every format, keys that need quoting and
 * groups included; checked against the text written out by hand for CSV. */
static void
test_table_series_rows_match_whole_rows(void **state)
{
    (void)state;
    kpi_reader_options o = kpi_reader_options_default();
    const char *groups[] = {"force"};
    o.groups = groups;
    o.n_groups = 1;
    kpi_store *s = kpi_test_read("indicator,area,force,period,value\n"
                                 "knife crime,\"Area, with comma\",met,2019,1\n"
                                 "robbery,Camden,\"say \"\"x\"\"\",2019,2\n",
                                 &o);
    assert_non_null(s);
    for (kpi_format f = KPI_FORMAT_CSV; f <= KPI_FORMAT_MD; f++) {
        char *whole = capture_keyed(s, f, false), *keyed = capture_keyed(s, f, true);
        assert_string_equal(keyed, whole);
        if (f == KPI_FORMAT_CSV)
            assert_string_equal(keyed,
                                "indicator,area,force,n,say\n"
                                "knife crime,\"Area, with comma\",met,,x\n"
                                "knife crime,\"Area, with comma\",met,-0.5,\"a|b \"\"c\"\", d\"\n"
                                "robbery,Camden,\"say \"\"x\"\"\",,x\n"
                                "robbery,Camden,\"say \"\"x\"\"\",-0.5,\"a|b \"\"c\"\", d\"\n");
        free(whole);
        free(keyed);
    }
    kpi_store_free(s);
}

/* Format names parse and print. */
static void
test_table_format_names(void **state)
{
    (void)state;
    kpi_format f;
    assert_int_equal(kpi_format_parse("markdown", &f, NULL), KPI_OK);
    assert_int_equal(f, KPI_FORMAT_MD);
    assert_string_equal(kpi_format_name(KPI_FORMAT_JSON), "json");
    assert_int_equal(kpi_format_parse("xlsx", &f, NULL), KPI_OK);
    assert_int_equal(f, KPI_FORMAT_XLSX);
    assert_string_equal(kpi_format_name(KPI_FORMAT_XLSX), "xlsx");
    kpi_error err;
    assert_int_equal(kpi_format_parse("xml", &f, &err), KPI_EINVAL);
    assert_string_equal(err.message, "expected a format of csv, json, md or xlsx, found 'xml'");
    /* -o names a format by its extension; an unknown one names none. */
    assert_true(kpi_format_from_path("out/table.xlsx", &f));
    assert_int_equal(f, KPI_FORMAT_XLSX);
    assert_true(kpi_format_from_path("t.json", &f));
    assert_int_equal(f, KPI_FORMAT_JSON);
    f = KPI_FORMAT_MD;
    assert_false(kpi_format_from_path("t.txt", &f));
    assert_false(kpi_format_from_path(".xlsx", &f));
    assert_int_equal(f, KPI_FORMAT_MD);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_csv_quoting),
        cmocka_unit_test(test_table_csv_cells_of_every_length),
        cmocka_unit_test(test_table_long_escapes_are_whole),
        cmocka_unit_test(test_table_json_types),
        cmocka_unit_test(test_table_json_refuses_what_json_cannot_hold),
        cmocka_unit_test(test_table_markdown),
        cmocka_unit_test(test_table_write_failure_is_sticky),
        cmocka_unit_test(test_table_store_round_trip),
        cmocka_unit_test(test_table_store_canonicalises),
        cmocka_unit_test(test_table_series_rows_match_whole_rows),
        cmocka_unit_test(test_table_format_names),
    };
    return kpi_test_run(tests);
}
