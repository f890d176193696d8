/* Tests of the area files: rollup maps (area,parent) and population tables
 * (area,population or area,period,population), every error with its
 * location, area-name matching, lookups by period and out-of-memory. */
#include "harness.h"

#include <string.h>

#include "kpi/areas.h"
#include "kpi/population.h"
#include "kpi/rollup.h"

static const char *
tmp(const char *text)
{
    return kpi_test_tmpfile(text, strlen(text));
}

static kpi_rollup *
map_ok(const char *text)
{
    kpi_error err;
    kpi_error_clear(&err);
    kpi_rollup *m = kpi_rollup_read(tmp(text), &err);
    if (!m)
        fprintf(stderr, "%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(m);
    return m;
}

static void
map_error(const char *text, kpi_status code, unsigned long line, unsigned long column,
          const char *needle)
{
    kpi_error err;
    kpi_error_clear(&err);
    const char *path = tmp(text);
    kpi_rollup *m = kpi_rollup_read(path, &err);
    if (m)
        fprintf(stderr, "accepted:\n%s", text);
    assert_null(m);
    assert_error(&err, code, line, column, needle);
    assert_string_equal(err.source, path);
}

static kpi_population *
pop_ok(const char *text, int fy_start)
{
    kpi_error err;
    kpi_error_clear(&err);
    kpi_population *pop = kpi_population_read(tmp(text), fy_start, &err);
    if (!pop)
        fprintf(stderr, "%lu:%lu: %s\n", err.line, err.column, err.message);
    assert_non_null(pop);
    return pop;
}

static void
pop_error(const char *text, kpi_status code, unsigned long line, unsigned long column,
          const char *needle)
{
    kpi_error err;
    kpi_error_clear(&err);
    const char *path = tmp(text);
    kpi_population *pop = kpi_population_read(path, 4, &err);
    if (pop)
        fprintf(stderr, "accepted:\n%s", text);
    assert_null(pop);
    assert_error(&err, code, line, column, needle);
    assert_string_equal(err.source, path);
}

static kpi_period
period(const char *text)
{
    kpi_period p;
    assert_int_equal(kpi_period_parse(text, strlen(text), KPI_FREQ_NONE, &p, NULL, NULL), KPI_OK);
    return p;
}

/* The population find gives for area at the period written as text, or -1
 * when there is none. */
static double
people(const kpi_population *pop, const char *area, const char *when)
{
    double x = -2;
    if (!kpi_population_find(pop, area, period(when), &x))
        return -1;
    return x;
}

/* ---- kpi_areas_same ------------------------------------------------------ */

/* ASCII case and surrounding spaces do not count; anything else does. */
static void
test_areas_same_ignores_case_and_spaces(void **state)
{
    (void)state;
    assert_true(kpi_areas_same("Kingston Upon Thames", "Kingston upon Thames"));
    assert_true(kpi_areas_same("  camden ", "CAMDEN"));
    assert_true(kpi_areas_same("", "   "));
    assert_false(kpi_areas_same("Camden", "Camdem"));
    assert_false(kpi_areas_same("West", "Westminster"));
    assert_false(kpi_areas_same("Kingston upon  Thames", "Kingston upon Thames"));
    /* Only ASCII letters fold: UTF-8 'É' (C3 89) and 'é' (C3 A9) differ. */
    assert_false(kpi_areas_same("\xC3\x89vry", "\xC3\xA9vry"));
}

/* ---- rollup maps ----------------------------------------------------------- */

/* Parents come in order of first appearance, children in file order. */
static void
test_rollup_read_order(void **state)
{
    (void)state;
    kpi_rollup *m = map_ok("area,parent\n"
                           "Camden,Central North\n"
                           "Islington,Central North\n"
                           "Camden,London\n"
                           "Westminster,Central West\n"
                           "Islington,London\n"
                           "Westminster,London\n");
    assert_int_equal(kpi_rollup_n_parents(m), 3);
    assert_string_equal(kpi_rollup_parent(m, 0), "Central North");
    assert_string_equal(kpi_rollup_parent(m, 1), "London");
    assert_string_equal(kpi_rollup_parent(m, 2), "Central West");
    assert_int_equal(kpi_rollup_n_children(m, 0), 2);
    assert_string_equal(kpi_rollup_child(m, 0, 0), "Camden");
    assert_string_equal(kpi_rollup_child(m, 0, 1), "Islington");
    assert_int_equal(kpi_rollup_n_children(m, 1), 3);
    assert_string_equal(kpi_rollup_child(m, 1, 0), "Camden");
    assert_string_equal(kpi_rollup_child(m, 1, 1), "Islington");
    assert_string_equal(kpi_rollup_child(m, 1, 2), "Westminster");
    assert_int_equal(kpi_rollup_n_children(m, 2), 1);
    assert_string_equal(kpi_rollup_child(m, 2, 0), "Westminster");
    kpi_rollup_free(m);
}

/* The header is matched by name, in any order and case, and columns it
 * does not know are ignored; cells are trimmed and a parent written in
 * another case is the same parent (named as first written). */
static void
test_rollup_read_header_any_order_extra_columns(void **state)
{
    (void)state;
    kpi_rollup *m = map_ok("Notes, PARENT ,code,Area\n"
                           "inner,London,E09000007, Camden \n"
                           ",LONDON,E09000019,Islington\n");
    assert_int_equal(kpi_rollup_n_parents(m), 1);
    assert_string_equal(kpi_rollup_parent(m, 0), "London");
    assert_int_equal(kpi_rollup_n_children(m, 0), 2);
    assert_string_equal(kpi_rollup_child(m, 0, 0), "Camden");
    assert_string_equal(kpi_rollup_child(m, 0, 1), "Islington");
    kpi_rollup_free(m);
}

/* A child may sit under several parents, but twice under one is an error
 * at the repeated cell, whatever its case. */
static void
test_rollup_read_duplicate_child(void **state)
{
    (void)state;
    map_error("area,parent\n"
              "Camden,London\n"
              "Islington,London\n"
              "Camden,Central North\n"
              "camden,London\n",
              KPI_EDUPLICATE, 5, 1, "area 'Camden' is listed twice under 'London'");
    map_error("parent,area\n"
              "London,Camden\n"
              "London,Camden\n",
              KPI_EDUPLICATE, 3, 8, "listed twice");
}

/* An empty (or all-space) area or parent cell is an error at that cell. */
static void
test_rollup_read_empty_cell(void **state)
{
    (void)state;
    map_error("area,parent\nCamden,London\nIslington,\n", KPI_ELAYOUT, 3, 11,
              "column 'parent': expected a value, found an empty cell");
    map_error("area,parent\n   ,London\n", KPI_ELAYOUT, 2, 1, "column 'area'");
    map_error("area,parent,notes\nCamden,London,\n\"\",London,x\n", KPI_ELAYOUT, 3, 1,
              "column 'area'");
}

/* A missing column is a layout error at 1:1 that names the header. */
static void
test_rollup_read_missing_column(void **state)
{
    (void)state;
    map_error("area,region\nCamden,London\n", KPI_ELAYOUT, 1, 1,
              "no 'parent' column: expected the header area,parent");
    map_error("borough,parent\nCamden,London\n", KPI_ELAYOUT, 1, 1, "no 'area' column");
}

/* An empty file has no header; a header alone is an empty map. */
static void
test_rollup_read_empty_file(void **state)
{
    (void)state;
    map_error("", KPI_ELAYOUT, 1, 1, "empty");
    kpi_rollup *m = map_ok("area,parent\n");
    assert_int_equal(kpi_rollup_n_parents(m), 0);
    assert_false(kpi_rollup_has_child(m, "Camden"));
    kpi_rollup_free(m);
}

/* A row with more or fewer fields than the header is a CSV error. */
static void
test_rollup_read_ragged_row(void **state)
{
    (void)state;
    map_error("area,parent\nCamden,London,x\n", KPI_ECSV, 2, 15, "expected 2 fields");
    map_error("area,parent\nCamden\n", KPI_ECSV, 2, 1, "found 1");
}

/* A file that cannot be opened is an I/O error naming it. */
static void
test_rollup_read_missing_file(void **state)
{
    (void)state;
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_rollup_read("/nonexistent/kpi/map.csv", &err));
    assert_error(&err, KPI_EIO, 0, 0, "cannot open");
    assert_string_equal(err.source, "/nonexistent/kpi/map.csv");
    /* err may be NULL. */
    assert_null(kpi_rollup_read("/nonexistent/kpi/map.csv", NULL));
}

/* has_child matches children case-insensitively, and a parent that is
 * nobody's child is not one. */
static void
test_rollup_has_child(void **state)
{
    (void)state;
    kpi_rollup *m = map_ok("area,parent\ncamden,Central North\nIslington,Central North\n"
                           "Camden,London\n");
    assert_true(kpi_rollup_has_child(m, "Camden"));
    assert_true(kpi_rollup_has_child(m, " ISLINGTON "));
    assert_false(kpi_rollup_has_child(m, "London"));
    assert_false(kpi_rollup_has_child(m, "Central North"));
    assert_false(kpi_rollup_has_child(m, "Camd"));
    assert_false(kpi_rollup_has_child(m, ""));
    kpi_rollup_free(m);
    kpi_rollup_free(NULL);
}

/* The London borough-to-BCU map shipped with the datasets reads. */
static void
test_rollup_read_shipped_map(void **state)
{
    (void)state;
    kpi_error err;
    kpi_rollup *m = kpi_rollup_read(kpi_test_path("datasets/london/bcu-map.csv"), &err);
    if (!m) {
        fprintf(stderr, "%s:%lu:%lu: %s\n", err.source, err.line, err.column, err.message);
        fail();
    }
    /* The 32 boroughs each sit under London and under exactly one BCU. */
    size_t london = kpi_rollup_n_parents(m);
    for (size_t p = 0; p < kpi_rollup_n_parents(m); p++)
        if (kpi_areas_same(kpi_rollup_parent(m, p), "London"))
            london = p;
    assert_true(london < kpi_rollup_n_parents(m));
    assert_int_equal(kpi_rollup_n_children(m, london), 32);
    for (size_t c = 0; c < 32; c++) {
        const char *borough = kpi_rollup_child(m, london, c);
        int bcus = 0;
        for (size_t p = 0; p < kpi_rollup_n_parents(m); p++)
            for (size_t k = 0; p != london && k < kpi_rollup_n_children(m, p); k++)
                bcus += kpi_areas_same(kpi_rollup_child(m, p, k), borough);
        assert_int_equal(bcus, 1);
    }
    kpi_rollup_free(m);
}

/* Failing each allocation in turn gives KPI_ENOMEM and leaks nothing. */
static void
test_rollup_read_out_of_memory(void **state)
{
    (void)state;
    const char *path = tmp("area,parent\nCamden,Central North\nIslington,Central North\n"
                           "Camden,London\nIslington,London\nWestminster,London\n");
    long n;
    for (n = 0; n < 1000; n++) {
        kpi_error err;
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        kpi_rollup *m = kpi_rollup_read(path, &err);
        kpi_alloc_fail_after(-1);
        if (m) {
            assert_int_equal(kpi_rollup_n_parents(m), 2);
            assert_int_equal(kpi_rollup_n_children(m, 1), 3);
            kpi_rollup_free(m);
            break;
        }
        assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_true(n > 0 && n < 1000);
}

/* ---- populations ------------------------------------------------------------ */

/* Without a period column an area's only row serves every period; areas
 * match case-insensitively and an unknown area finds nothing. */
static void
test_population_area_only(void **state)
{
    (void)state;
    kpi_population *pop = pop_ok("area,population\n"
                                 "Camden,\"210,100\"\n"
                                 "Islington, 216600 \n"
                                 "City of London,8583.5\n",
                                 4);
    assert_true(people(pop, "Camden", "2019-03") == 210100);
    assert_true(people(pop, "CAMDEN", "2011-12-25") == 210100);
    assert_true(people(pop, " camden ", "2018-19") == 210100);
    assert_true(people(pop, "Islington", "2019") == 216600);
    assert_true(people(pop, "city of london", "2019Q2") == 8583.5);
    assert_true(people(pop, "Hackney", "2019-03") == -1);
    assert_true(people(pop, "Camd", "2019-03") == -1);
    kpi_population_free(pop);
    kpi_population_free(NULL);
}

/* With a year column a day, month, quarter or year takes the row of the
 * calendar year that contains it; a financial year fits no calendar year. */
static void
test_population_by_year(void **state)
{
    (void)state;
    kpi_population *pop = pop_ok("Area,Period,Population\n"
                                 "Camden,2019,200000\n"
                                 "Camden,2020,250000\n"
                                 "Islington,2019,216600\n",
                                 4);
    assert_true(people(pop, "Camden", "2019-01-01") == 200000);
    assert_true(people(pop, "Camden", "2019-12-31") == 200000);
    assert_true(people(pop, "Camden", "2020-01-01") == 250000);
    assert_true(people(pop, "Camden", "2019-03") == 200000);
    assert_true(people(pop, "Camden", "2020-03") == 250000);
    assert_true(people(pop, "Camden", "2019Q4") == 200000);
    assert_true(people(pop, "Camden", "2020Q1") == 250000);
    assert_true(people(pop, "Camden", "2020") == 250000);
    assert_true(people(pop, "Islington", "2019-07") == 216600);
    assert_true(people(pop, "Islington", "2020-07") == -1);
    assert_true(people(pop, "Camden", "2018-12") == -1);
    assert_true(people(pop, "Camden", "2021") == -1);
    assert_true(people(pop, "Camden", "2019-20") == -1);
    kpi_population_free(pop);
}

/* With financial-year rows (April starts) 2019-03 is in 2018-19 and
 * 2019-04 in 2019-20; a calendar quarter and a financial quarter map in
 * too, and a calendar year fits no financial year. */
static void
test_population_by_financial_year(void **state)
{
    (void)state;
    kpi_population *pop = pop_ok("area,period,population\n"
                                 "Camden,2018-19,200000\n"
                                 "Camden,2019/20,250000\n",
                                 4);
    assert_true(people(pop, "Camden", "2018-04") == 200000);
    assert_true(people(pop, "Camden", "2019-03") == 200000);
    assert_true(people(pop, "Camden", "2019-03-31") == 200000);
    assert_true(people(pop, "Camden", "2019-04-01") == 250000);
    assert_true(people(pop, "Camden", "2019-04") == 250000);
    assert_true(people(pop, "Camden", "2019Q1") == 200000);
    assert_true(people(pop, "Camden", "2019Q2") == 250000);
    assert_true(people(pop, "Camden", "2018-19 Q4") == 200000);
    assert_true(people(pop, "Camden", "2018-19") == 200000);
    assert_true(people(pop, "Camden", "2019-20") == 250000);
    assert_true(people(pop, "Camden", "2018-03") == -1);
    assert_true(people(pop, "Camden", "2020-04") == -1);
    assert_true(people(pop, "Camden", "2019") == -1);
    kpi_population_free(pop);

    /* July starts: 2019-06 is still in 2018-19. */
    pop = pop_ok("area,period,population\nCamden,2018-19,200000\nCamden,2019-20,250000\n", 7);
    assert_true(people(pop, "Camden", "2019-06") == 200000);
    assert_true(people(pop, "Camden", "2019-07") == 250000);
    kpi_population_free(pop);
}

/* "2011-12" in a population file is the financial year 2011-12, not
 * December 2011: the period column holds years or financial years. */
static void
test_population_ambiguous_period_is_financial_year(void **state)
{
    (void)state;
    kpi_population *pop = pop_ok("area,period,population\n"
                                 "Camden,2011-12,200000\n"
                                 "Camden,2012-13,210000\n",
                                 4);
    assert_true(people(pop, "Camden", "2011-04") == 200000);
    assert_true(people(pop, "Camden", "2012-03") == 200000);
    assert_true(people(pop, "Camden", "2012-04") == 210000);
    assert_true(people(pop, "Camden", "2011-12-15") == 200000);
    kpi_population_free(pop);
}

/* Populations must be positive numbers: zero, negative, text and missing
 * markers are value errors at the cell. */
static void
test_population_bad_value(void **state)
{
    (void)state;
    pop_error("area,population\nCamden,0\n", KPI_EVALUE, 2, 8,
              "column 'population': expected a positive number, found '0'");
    pop_error("area,population\nCamden,200000\nIslington,-5\n", KPI_EVALUE, 3, 11, "found '-5'");
    pop_error("area,population\nCamden,lots\n", KPI_EVALUE, 2, 8, "found 'lots'");
    pop_error("area,population\nCamden,NA\n", KPI_EVALUE, 2, 8, "found 'NA'");
    pop_error("area,period,population\nCamden,2019,0.0\n", KPI_EVALUE, 2, 13, "found '0.0'");
    /* An empty cell is caught before the number is read. */
    pop_error("area,population\nCamden,\n", KPI_ELAYOUT, 2, 8,
              "column 'population': expected a value, found an empty cell");
}

/* A period that does not parse, or is not a year or a financial year, is
 * a period error at its cell. */
static void
test_population_bad_period(void **state)
{
    (void)state;
    pop_error("area,period,population\nCamden,2019,1\nCamden,2019-13,2\n", KPI_EPERIOD, 3, 8,
              "column 'period'");
    pop_error("area,population,period\nCamden,1,next year\n", KPI_EPERIOD, 2, 10, "next year");
    pop_error("area,period,population\nCamden,2019-06-30,200000\n", KPI_EPERIOD, 2, 8,
              "expected a year or a financial year");
    pop_error("area,period,population\nCamden,2019Q2,200000\n", KPI_EPERIOD, 2, 8,
              "found '2019Q2'");
    /* err may be NULL on every path. */
    assert_null(kpi_population_read(tmp("area,period,population\nCamden,2019-13,1\n"), 4, NULL));
    assert_null(kpi_population_read(tmp("area,period,population\nCamden,2019-06,1\n"), 4, NULL));
    assert_null(kpi_population_read(tmp("area,population\nCamden,x\n"), 4, NULL));
}

/* An area twice (or an area and period twice) is a duplicate at the
 * second row's area cell; another period or area is not. */
static void
test_population_duplicate(void **state)
{
    (void)state;
    pop_error("area,population\nCamden,1\nIslington,2\ncamden ,3\n", KPI_EDUPLICATE, 4, 1,
              "area 'Camden' has two populations");
    pop_error("period,area,population\n2019,Camden,1\n2020,Camden,2\n2019,CAMDEN,3\n",
              KPI_EDUPLICATE, 4, 6, "two populations for one period");
    pop_error("area,period,population\nCamden,2018-19,1\nCamden,2018/19,2\n", KPI_EDUPLICATE, 3, 1,
              "for one period");
    kpi_population *pop = pop_ok("area,period,population\nCamden,2019,1\nCamden,2020,2\n"
                                 "Islington,2019,3\nCamden,2019-20,4\n",
                                 4);
    assert_true(people(pop, "Islington", "2019-05") == 3);
    kpi_population_free(pop);
}

/* A missing column names the headers that are accepted; an empty file and
 * a missing file are errors too. */
static void
test_population_layout_errors(void **state)
{
    (void)state;
    pop_error("area,people\nCamden,1\n", KPI_ELAYOUT, 1, 1,
              "no 'population' column: expected the header area,population or "
              "area,period,population");
    pop_error("name,period,population\nCamden,2019,1\n", KPI_ELAYOUT, 1, 1, "no 'area' column");
    pop_error("", KPI_ELAYOUT, 1, 1, "empty");
    pop_error("area,population\nCamden,1,2\n", KPI_ECSV, 2, 10, "ragged row");
    kpi_error err;
    kpi_error_clear(&err);
    assert_null(kpi_population_read("/nonexistent/kpi/pop.csv", 4, &err));
    assert_error(&err, KPI_EIO, 0, 0, "cannot open");
    assert_string_equal(err.source, "/nonexistent/kpi/pop.csv");
}

/* Failing each allocation in turn gives KPI_ENOMEM and leaks nothing. */
static void
test_population_read_out_of_memory(void **state)
{
    (void)state;
    const char *path = tmp("area,period,population\nCamden,2019,1\nCamden,2020,2\n"
                           "Islington,2019,3\nWestminster,2019,4\nHackney,2019,5\n");
    long n;
    for (n = 0; n < 1000; n++) {
        kpi_error err;
        kpi_error_clear(&err);
        kpi_alloc_fail_after(n);
        kpi_population *pop = kpi_population_read(path, 4, &err);
        kpi_alloc_fail_after(-1);
        if (pop) {
            assert_true(people(pop, "Hackney", "2019-01") == 5);
            kpi_population_free(pop);
            break;
        }
        assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_true(n > 0 && n < 1000);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_areas_same_ignores_case_and_spaces),
        cmocka_unit_test(test_rollup_read_order),
        cmocka_unit_test(test_rollup_read_header_any_order_extra_columns),
        cmocka_unit_test(test_rollup_read_duplicate_child),
        cmocka_unit_test(test_rollup_read_empty_cell),
        cmocka_unit_test(test_rollup_read_missing_column),
        cmocka_unit_test(test_rollup_read_empty_file),
        cmocka_unit_test(test_rollup_read_ragged_row),
        cmocka_unit_test(test_rollup_read_missing_file),
        cmocka_unit_test(test_rollup_has_child),
        cmocka_unit_test(test_rollup_read_shipped_map),
        cmocka_unit_test(test_rollup_read_out_of_memory),
        cmocka_unit_test(test_population_area_only),
        cmocka_unit_test(test_population_by_year),
        cmocka_unit_test(test_population_by_financial_year),
        cmocka_unit_test(test_population_ambiguous_period_is_financial_year),
        cmocka_unit_test(test_population_bad_value),
        cmocka_unit_test(test_population_bad_period),
        cmocka_unit_test(test_population_duplicate),
        cmocka_unit_test(test_population_layout_errors),
        cmocka_unit_test(test_population_read_out_of_memory),
    };
    return kpi_test_run(tests);
}
