/* Tests of the indicator metadata reader: columns, defaults, every cell
 * error with its location, duplicates, files and out-of-memory. */
#include "harness.h"

#include <errno.h>
#include <string.h>

#include "kpi/meta.h"

#define GBP "\xC2\xA3"

static kpi_meta *
read_text(const char *text, kpi_error *err)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error_clear(err);
    kpi_meta *m = kpi_meta_read_stream(fp, "meta.csv", err);
    fclose(fp);
    return m;
}

static kpi_meta *
read_ok(const char *text)
{
    kpi_error err;
    kpi_meta *m = read_text(text, &err);
    if (!m)
        fprintf(stderr, "%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(m);
    return m;
}

static void
check_error(const char *text, kpi_status code, unsigned long line, unsigned long column,
            const char *needle)
{
    kpi_error err;
    kpi_meta *m = read_text(text, &err);
    if (m)
        fprintf(stderr, "accepted:\n%s", text);
    assert_null(m);
    if (err.code != code || err.line != line || err.column != column)
        fprintf(stderr, "reading:\n%s", text);
    assert_error(&err, code, line, column, needle);
    assert_string_equal(err.source, "meta.csv");
}

/* Every column is read whatever its order and the header's case. */
static void
test_meta_full_file_any_order_and_case(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("Decimals,TARGET_OP,Target,Aggregation,Better,Unit,Label,INDICATOR\n"
                          "1,<=,25.5,mean,down,%,Repeat victim rate,repeat_rate\n"
                          "0,>=,\"14,000\",last,up,arrests,Arrests made,arrests\n");
    assert_int_equal(kpi_meta_count(m), 2);

    const kpi_indicator_meta *a = kpi_meta_at(m, 0);
    assert_string_equal(a->id, "repeat_rate");
    assert_string_equal(a->label, "Repeat victim rate");
    assert_string_equal(a->unit, "%");
    assert_int_equal(a->better, KPI_BETTER_DOWN);
    assert_int_equal(a->aggregation, KPI_AGG_MEAN);
    assert_int_equal(a->target_op, KPI_TARGET_LE);
    assert_true(a->target == 25.5);
    assert_int_equal(a->decimals, 1);
    assert_int_equal(a->line, 2);

    const kpi_indicator_meta *b = kpi_meta_at(m, 1);
    assert_string_equal(b->id, "arrests");
    assert_string_equal(b->label, "Arrests made");
    assert_string_equal(b->unit, "arrests");
    assert_int_equal(b->better, KPI_BETTER_UP);
    assert_int_equal(b->aggregation, KPI_AGG_LAST);
    assert_int_equal(b->target_op, KPI_TARGET_GE);
    assert_true(b->target == 14000.0);
    assert_int_equal(b->decimals, 0);
    assert_int_equal(b->line, 3);
    kpi_meta_free(m);
}

/* Empty cells take the documented defaults; the label falls back to the id. */
static void
test_meta_empty_cells_take_defaults(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,label,unit,better,aggregation,target,target_op,decimals\n"
                          "burglary,,,,,,,\n"
                          "  theft  ,  , ,  , , , ,  \n");
    assert_int_equal(kpi_meta_count(m), 2);
    for (size_t i = 0; i < 2; i++) {
        const kpi_indicator_meta *im = kpi_meta_at(m, i);
        assert_string_equal(im->label, im->id);
        assert_string_equal(im->unit, "");
        assert_int_equal(im->better, KPI_BETTER_NONE);
        assert_int_equal(im->aggregation, KPI_AGG_SUM);
        assert_int_equal(im->target_op, KPI_TARGET_NONE);
        assert_int_equal(im->decimals, -1);
    }
    assert_string_equal(kpi_meta_at(m, 0)->id, "burglary");
    assert_string_equal(kpi_meta_at(m, 1)->id, "theft");
    kpi_meta_free(m);
}

/* A file with only the indicator column is valid and all defaults. */
static void
test_meta_indicator_column_alone(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator\nx\ny\n");
    assert_int_equal(kpi_meta_count(m), 2);
    assert_string_equal(kpi_meta_at(m, 1)->id, "y");
    assert_string_equal(kpi_meta_at(m, 1)->label, "y");
    assert_int_equal(kpi_meta_at(m, 1)->decimals, -1);
    kpi_meta_free(m);
}

/* A header alone describes no indicators, and that is not an error. */
static void
test_meta_header_only_is_empty(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,label\n");
    assert_int_equal(kpi_meta_count(m), 0);
    assert_null(kpi_meta_find(m, "x"));
    kpi_meta_free(m);
}

/* Columns this version does not know are ignored. */
static void
test_meta_unknown_columns_ignored(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("owner,indicator,notes,label,colour\n"
                          "Sam,x,\"anything, even sideways\",Crime,red\n");
    assert_int_equal(kpi_meta_count(m), 1);
    assert_string_equal(kpi_meta_at(m, 0)->id, "x");
    assert_string_equal(kpi_meta_at(m, 0)->label, "Crime");
    kpi_meta_free(m);
}

/* The sentence words are optional: singular and phrase default to "",
 * plural to the unit. */
static void
test_meta_sentence_words(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,unit,Singular,plural,phrase\n"
                          "knife_crime,offences,offence,,\n"
                          "calls,seconds,second,secs,\"999 calls were answered in, on average,\"\n"
                          "bare,,,,\n");
    const kpi_indicator_meta *k = kpi_meta_at(m, 0);
    assert_string_equal(k->singular, "offence");
    assert_string_equal(k->plural, "offences");
    assert_string_equal(k->phrase, "");
    const kpi_indicator_meta *c = kpi_meta_at(m, 1);
    assert_string_equal(c->plural, "secs");
    assert_string_equal(c->phrase, "999 calls were answered in, on average,");
    const kpi_indicator_meta *b = kpi_meta_at(m, 2);
    assert_string_equal(b->singular, "");
    assert_string_equal(b->plural, "");
    assert_string_equal(b->phrase, "");
    kpi_meta_free(m);
    m = read_ok("indicator,unit\nx,offences\n");
    assert_string_equal(kpi_meta_at(m, 0)->singular, "");
    assert_string_equal(kpi_meta_at(m, 0)->plural, "offences");
    assert_string_equal(kpi_meta_at(m, 0)->phrase, "");
    kpi_meta_free(m);
}

/* Keyword cells match ignoring case and surrounding spaces. */
static void
test_meta_keywords_ignore_case(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,better,aggregation,target,target_op\n"
                          "x, UP ,Mean, 9.5% , >= \n"
                          "y,None,SUM,\"" GBP "1,200\",<=\n");
    const kpi_indicator_meta *x = kpi_meta_find(m, "x");
    assert_non_null(x);
    assert_int_equal(x->better, KPI_BETTER_UP);
    assert_int_equal(x->aggregation, KPI_AGG_MEAN);
    assert_true(x->target == 9.5);
    assert_int_equal(x->target_op, KPI_TARGET_GE);
    const kpi_indicator_meta *y = kpi_meta_find(m, "y");
    assert_non_null(y);
    assert_int_equal(y->better, KPI_BETTER_NONE);
    assert_int_equal(y->aggregation, KPI_AGG_SUM);
    assert_true(y->target == 1200.0);
    kpi_meta_free(m);
}

/* Decimals accept every whole number from 0 to 15. */
static void
test_meta_decimals_range(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,decimals\na,0\nb,15\nc, 3 \nd,007\n");
    assert_int_equal(kpi_meta_at(m, 0)->decimals, 0);
    assert_int_equal(kpi_meta_at(m, 1)->decimals, 15);
    assert_int_equal(kpi_meta_at(m, 2)->decimals, 3);
    assert_int_equal(kpi_meta_at(m, 3)->decimals, 7);
    kpi_meta_free(m);
}

/* A semicolon file from a European spreadsheet, with BOM and CRLF, reads. */
static void
test_meta_semicolons_bom_crlf(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("\xEF\xBB\xBFindicator;label;target;target_op\r\n"
                          "x;Crimes, all;1,500;<=\r\n");
    assert_int_equal(kpi_meta_count(m), 1);
    assert_string_equal(kpi_meta_at(m, 0)->label, "Crimes, all");
    assert_true(kpi_meta_at(m, 0)->target == 1500.0);
    kpi_meta_free(m);
}

/* Each indicator records the physical line that defined it. */
static void
test_meta_lines_count_blank_and_quoted_lines(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,label\n\na,\"two\nlines\"\n\nb,\n");
    assert_int_equal(kpi_meta_at(m, 0)->line, 3);
    assert_string_equal(kpi_meta_at(m, 0)->label, "two\nlines");
    assert_int_equal(kpi_meta_at(m, 1)->line, 6);
    kpi_meta_free(m);
}

/* Lookup is by exact id; unknown ids and a NULL handle give NULL. */
static void
test_meta_find(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,label\nburglary,Burglary\nrobbery,Robbery\n");
    assert_string_equal(kpi_meta_find(m, "robbery")->label, "Robbery");
    assert_ptr_equal(kpi_meta_find(m, "burglary"), kpi_meta_at(m, 0));
    assert_null(kpi_meta_find(m, "Robbery"));
    assert_null(kpi_meta_find(m, "rob"));
    assert_null(kpi_meta_find(NULL, "robbery"));
    kpi_meta_free(m);
    kpi_meta_free(NULL);
}

/* A bad better cell names the column, the choices and the text found. */
static void
test_meta_bad_better(void **state)
{
    (void)state;
    check_error("indicator,better\nx,up\ny,sideways\n", KPI_EMETA, 3, 3,
                "column 'better': expected up, down or none, found 'sideways'");
}

/* A bad aggregation is located at its cell. */
static void
test_meta_bad_aggregation(void **state)
{
    (void)state;
    check_error("label,aggregation,indicator\nLabel,median,x\n", KPI_EMETA, 2, 7,
                "column 'aggregation': expected sum, mean or last, found 'median'");
}

/* A target must be a number: text and missing markers are refused. */
static void
test_meta_bad_target(void **state)
{
    (void)state;
    check_error("indicator,target,target_op\nx,abc,<=\n", KPI_EMETA, 2, 3,
                "column 'target': expected a number, or nothing for no target, found 'abc'");
    check_error("indicator,target,target_op\nx,NA,<=\n", KPI_EMETA, 2, 3, "found 'NA'");
    check_error("indicator,target,target_op\nx,14.766,0,<=\n", KPI_ECSV, 2, 12, NULL);
    check_error("indicator,target,target_op\nx,\"14.766,0\",<=\n", KPI_EMETA, 2, 3,
                "found '14.766,0'");
}

/* A target operator other than <= or >= is refused. */
static void
test_meta_bad_target_op(void **state)
{
    (void)state;
    check_error("indicator,target,target_op\nx,5,<\n", KPI_EMETA, 2, 5,
                "column 'target_op': expected <= or >=, found '<'");
}

/* A target needs an operator, in the row and in the header. */
static void
test_meta_target_without_op(void **state)
{
    (void)state;
    check_error("indicator,target,target_op\nx,5,\n", KPI_EMETA, 2, 5,
                "column 'target_op': expected <= or >= since a target is set, found ''");
    check_error("indicator,target\nx,5\n", KPI_EMETA, 2, 3,
                "column 'target': a target needs a target_op column");
}

/* An operator needs a target, in the row and in the header. */
static void
test_meta_op_without_target(void **state)
{
    (void)state;
    check_error("indicator,target,target_op\nx,,<=\n", KPI_EMETA, 2, 4,
                "column 'target_op': expected nothing since there is no target, found '<='");
    check_error("indicator,target_op\nx,>=\n", KPI_EMETA, 2, 3,
                "column 'target_op': expected nothing since there is no target, found '>='");
}

/* Decimals outside 0..15, signed or fractional, are refused. */
static void
test_meta_bad_decimals(void **state)
{
    (void)state;
    static const char *const bad[] = {"16", "-1", "2.0", "x", "+3", "100", "1 5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64], needle[96];
        snprintf(text, sizeof text, "indicator,decimals\nok,2\nx,%s\n", bad[i]);
        snprintf(needle, sizeof needle,
                 "column 'decimals': expected a whole number from 0 to 15, found '%s'", bad[i]);
        check_error(text, KPI_EMETA, 3, 3, needle);
    }
}

/* An empty indicator id is refused at its cell. */
static void
test_meta_empty_id(void **state)
{
    (void)state;
    check_error("label,indicator\nFoo,  \n", KPI_EMETA, 2, 5,
                "column 'indicator': expected an indicator id, found ''");
}

/* A second row with the same id is refused, naming the first's line. */
static void
test_meta_duplicate_id(void **state)
{
    (void)state;
    check_error("indicator,label\na,A\nb,B\n\n a ,A again\n", KPI_EMETA, 5, 1,
                "found 'a' again (first defined on line 2)");
}

/* Without an indicator column the error lists the expected header. */
static void
test_meta_missing_indicator_column(void **state)
{
    (void)state;
    check_error("id,label\nx,y\n", KPI_EMETA, 1, 1,
                "expected an 'indicator' column (indicator,label,unit,better,aggregation,"
                "target,target_op,decimals), found 'id,label'");
}

/* A known column named twice in the header is refused at the second. */
static void
test_meta_duplicate_column(void **state)
{
    (void)state;
    check_error("indicator,label, LABEL \nx,a,b\n", KPI_EMETA, 1, 17,
                "found 'label' again (first at column 11)");
}

/* An empty file has no header and so no indicator column. */
static void
test_meta_empty_file(void **state)
{
    (void)state;
    const char *path = kpi_test_tmpfile("", 0);
    kpi_error err;
    assert_null(kpi_meta_read(path, &err));
    assert_error(&err, KPI_EMETA, 1, 1, "found an empty file");
    assert_string_equal(err.source, path);
}

/* A row with fewer or more fields than the header is a CSV error. */
static void
test_meta_ragged_rows(void **state)
{
    (void)state;
    check_error("indicator,label,unit\nx,y\n", KPI_ECSV, 2, 3,
                "ragged row: expected 3 fields as in the header, found 2");
    check_error("indicator,label\nx,y\nlong_id,y,z,w\n", KPI_ECSV, 3, 11,
                "ragged row: expected 2 fields as in the header, found more");
}

/* CSV syntax errors come through from the scanner. */
static void
test_meta_csv_syntax_error(void **state)
{
    (void)state;
    check_error("indicator,label\nx,\"open\n", KPI_ECSV, 2, 3, "never closed");
}

/* Errors after a quoted newline are located on the physical line. */
static void
test_meta_error_after_quoted_newline(void **state)
{
    (void)state;
    check_error("indicator,label,better\nx,\"two\nlines\",sideways\n", KPI_EMETA, 3, 8,
                "found 'sideways'");
}

/* A long bad cell is quoted in part, and the message keeps its shape. */
static void
test_meta_long_cell_is_quoted_in_part(void **state)
{
    (void)state;
    char text[600];
    int n = snprintf(text, sizeof text, "indicator,better\nx,");
    memset(text + n, 'q', 400);
    strcpy(text + n + 400, "\n");
    kpi_error err;
    assert_null(read_text(text, &err));
    assert_error(&err, KPI_EMETA, 2, 3, "column 'better': expected up, down or none, found 'qq");
    assert_true(strlen(err.message) < sizeof err.message - 1);
}

/* kpi_meta_read reads a named file. */
static void
test_meta_read_path(void **state)
{
    (void)state;
    static const char text[] = "indicator,label\nx,Crime\n";
    const char *path = kpi_test_tmpfile(text, sizeof text - 1);
    kpi_error err;
    kpi_meta *m = kpi_meta_read(path, &err);
    assert_non_null(m);
    assert_string_equal(kpi_meta_find(m, "x")->label, "Crime");
    kpi_meta_free(m);

    static const char bad[] = "indicator,better\nx,maybe\n";
    path = kpi_test_tmpfile(bad, sizeof bad - 1);
    assert_null(kpi_meta_read(path, &err));
    assert_error(&err, KPI_EMETA, 2, 3, "found 'maybe'");
    assert_string_equal(err.source, path);
}

/* A file that cannot be opened is KPI_EIO naming the path and the reason. */
static void
test_meta_read_missing_file(void **state)
{
    (void)state;
    const char *path = "/nonexistent-kpi-dir/meta.csv";
    kpi_error err;
    assert_null(kpi_meta_read(path, &err));
    assert_error(&err, KPI_EIO, 0, 0, strerror(ENOENT));
    assert_string_equal(err.source, path);
}

/* Enum values have the names the file uses. */
static void
test_meta_names(void **state)
{
    (void)state;
    assert_string_equal(kpi_better_name(KPI_BETTER_NONE), "none");
    assert_string_equal(kpi_better_name(KPI_BETTER_UP), "up");
    assert_string_equal(kpi_better_name(KPI_BETTER_DOWN), "down");
    assert_string_equal(kpi_agg_name(KPI_AGG_SUM), "sum");
    assert_string_equal(kpi_agg_name(KPI_AGG_MEAN), "mean");
    assert_string_equal(kpi_agg_name(KPI_AGG_LAST), "last");
    assert_string_equal(kpi_target_op_name(KPI_TARGET_NONE), "");
    assert_string_equal(kpi_target_op_name(KPI_TARGET_LE), "<=");
    assert_string_equal(kpi_target_op_name(KPI_TARGET_GE), ">=");
}

/* An area's row replaces the target where the series is that area's;
 * everything else, and every other area, keeps the indicator's row; the
 * view over several areas has no target, since they differ. */
static void
test_meta_targets_by_area(void **state)
{
    (void)state;
    kpi_meta *m = read_ok("indicator,area,label,better,target,target_op,decimals\n"
                          "knife,Westminster,,,900,<=,\n"
                          "knife,,Knife crime,down,150,<=,0\n"
                          "knife, camden ,,,,,\n"
                          "calls,,999 calls,down,10,<=,1\n");
    assert_int_equal(kpi_meta_count(m), 2);
    const kpi_indicator_meta *base = kpi_meta_find(m, "knife");
    assert_true(base->target == 150);

    const kpi_indicator_meta *w = kpi_meta_find_area(m, "knife", "Westminster");
    assert_non_null(w);
    assert_string_equal(w->label, "Knife crime");
    assert_int_equal(w->better, KPI_BETTER_DOWN);
    assert_int_equal(w->decimals, 0);
    assert_int_equal(w->target_op, KPI_TARGET_LE);
    assert_true(w->target == 900);
    assert_int_equal(w->line, 2);
    /* Areas match as kpi_areas_same says. */
    assert_ptr_equal(kpi_meta_find_area(m, "knife", "WESTMINSTER "), w);

    const kpi_indicator_meta *c = kpi_meta_find_area(m, "knife", "Camden");
    assert_int_equal(c->target_op, KPI_TARGET_NONE);
    assert_string_equal(c->label, "Knife crime");

    const kpi_indicator_meta *other = kpi_meta_find_area(m, "knife", "Barnet");
    assert_ptr_equal(other, base);
    assert_ptr_equal(kpi_meta_find_area(m, "knife", ""), base);

    const kpi_indicator_meta *all = kpi_meta_find_area(m, "knife", NULL);
    assert_int_equal(all->target_op, KPI_TARGET_NONE);
    assert_string_equal(all->label, "Knife crime");
    /* Without area rows, every view is the indicator's own row. */
    assert_ptr_equal(kpi_meta_find_area(m, "calls", NULL), kpi_meta_find(m, "calls"));
    assert_ptr_equal(kpi_meta_find_area(m, "calls", "Camden"), kpi_meta_find(m, "calls"));
    assert_null(kpi_meta_find_area(m, "nope", "Camden"));
    assert_null(kpi_meta_find_area(NULL, "knife", "Camden"));
    kpi_meta_free(m);
}

/* An area row gives a target only, names each area once, and needs its
 * indicator's own row; each refusal is located. */
static void
test_meta_targets_by_area_errors(void **state)
{
    (void)state;
    check_error("indicator,area,label,target,target_op\n"
                "knife,,Knife crime,150,<=\n"
                "knife,Westminster,Knives,900,<=\n",
                KPI_EMETA, 3, 19, "column 'label': a row for one area gives only its target");
    check_error("indicator,area,target,target_op\n"
                "knife,,150,<=\n"
                "knife,Westminster,900,<=\n"
                "knife,westminster,800,<=\n",
                KPI_EMETA, 4, 7, "found 'westminster' for 'knife' again (first on line 3)");
    check_error("indicator,area,target,target_op\n"
                "knife,,150,<=\n"
                "knife,Westminster,900,\n",
                KPI_EMETA, 3, 23, "<= or >= since a target is set");
    check_error("indicator,area,target,target_op\n"
                "knife,,150,<=\n"
                "knives,Westminster,900,<=\n",
                KPI_EMETA, 3, 1,
                "'knives' has a row for the area 'Westminster' but none of its own");
}

/* Read text failing the 0th, 1st, ... allocation until it succeeds;
 * every failed read must say out of memory (and leak nothing, ASan
 * checks).  Returns the metadata and sets *tries. */
static kpi_meta *
read_until_memory_suffices(const char *text, long *tries)
{
    kpi_meta *m = NULL;
    long n;
    for (n = 0; n < 1000 && !m; n++) {
        FILE *fp = kpi_test_memfile(text);
        kpi_error err;
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        m = kpi_meta_read_stream(fp, "meta.csv", &err);
        kpi_alloc_fail_after(-1);
        fclose(fp);
        if (!m)
            assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_non_null(m);
    *tries = n;
    return m;
}

/* Failing the nth allocation, for every n, gives KPI_ENOMEM and no leak
 * until the read succeeds. */
static void
test_meta_out_of_memory(void **state)
{
    (void)state;
    static const char text[] = "indicator,label,unit,target,target_op,decimals,singular,phrase\n"
                               "a,Alpha,%,5,<=,1,,\n"
                               "b,,,,,,,\n"
                               "c,Gamma," GBP ",\"1,000\",>=,0,pound,Gamma was\n";
    long n;
    kpi_meta *m = read_until_memory_suffices(text, &n);
    assert_true(n > 1);
    assert_int_equal(kpi_meta_count(m), 3);
    assert_string_equal(kpi_meta_at(m, 2)->label, "Gamma");
    assert_string_equal(kpi_meta_at(m, 2)->singular, "pound");
    assert_string_equal(kpi_meta_at(m, 2)->phrase, "Gamma was");
    kpi_meta_free(m);
}

/* Area rows fail cleanly at every allocation, resolved or not. */
static void
test_meta_targets_by_area_out_of_memory(void **state)
{
    (void)state;
    long n;
    kpi_meta *m = read_until_memory_suffices("indicator,area,target,target_op\n"
                                             "a,North,5,<=\n"
                                             "a,,7,<=\n"
                                             "a,South,6,<=\n",
                                             &n);
    assert_true(n > 4);
    assert_true(kpi_meta_find_area(m, "a", "South")->target == 6);
    assert_int_equal(kpi_meta_find_area(m, "a", NULL)->target_op, KPI_TARGET_NONE);
    kpi_meta_free(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta_full_file_any_order_and_case),
        cmocka_unit_test(test_meta_empty_cells_take_defaults),
        cmocka_unit_test(test_meta_indicator_column_alone),
        cmocka_unit_test(test_meta_header_only_is_empty),
        cmocka_unit_test(test_meta_unknown_columns_ignored),
        cmocka_unit_test(test_meta_sentence_words),
        cmocka_unit_test(test_meta_keywords_ignore_case),
        cmocka_unit_test(test_meta_decimals_range),
        cmocka_unit_test(test_meta_semicolons_bom_crlf),
        cmocka_unit_test(test_meta_lines_count_blank_and_quoted_lines),
        cmocka_unit_test(test_meta_find),
        cmocka_unit_test(test_meta_bad_better),
        cmocka_unit_test(test_meta_bad_aggregation),
        cmocka_unit_test(test_meta_bad_target),
        cmocka_unit_test(test_meta_bad_target_op),
        cmocka_unit_test(test_meta_target_without_op),
        cmocka_unit_test(test_meta_op_without_target),
        cmocka_unit_test(test_meta_bad_decimals),
        cmocka_unit_test(test_meta_empty_id),
        cmocka_unit_test(test_meta_duplicate_id),
        cmocka_unit_test(test_meta_missing_indicator_column),
        cmocka_unit_test(test_meta_duplicate_column),
        cmocka_unit_test(test_meta_empty_file),
        cmocka_unit_test(test_meta_ragged_rows),
        cmocka_unit_test(test_meta_csv_syntax_error),
        cmocka_unit_test(test_meta_error_after_quoted_newline),
        cmocka_unit_test(test_meta_long_cell_is_quoted_in_part),
        cmocka_unit_test(test_meta_read_path),
        cmocka_unit_test(test_meta_read_missing_file),
        cmocka_unit_test(test_meta_names),
        cmocka_unit_test(test_meta_out_of_memory),
        cmocka_unit_test(test_meta_targets_by_area),
        cmocka_unit_test(test_meta_targets_by_area_errors),
        cmocka_unit_test(test_meta_targets_by_area_out_of_memory),
    };
    return kpi_test_run(tests);
}
