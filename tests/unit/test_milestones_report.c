/* Tests of the milestone report: the sentences, tables and template
 * fields of a period's view, with every count worked out by hand from the
 * register below. */
#include "harness.h"

#include <string.h>

#include "kpi/milestones_report.h"

/* At 2018-19 Q4: a delivered (on track in Q3: forward), b some delay (on
 * track in Q3: back), c on track and new, due Q2 (overdue by 2, first
 * reported late), d open in Q3 with no Q4 row (not reported), e no status
 * (new).  Themes: People (a, b, d), Estates (c, e). */
static const char register_text[] = "milestone,title,theme,due,period,status,note\n"
                                    "a,Alpha,People,2018-19 Q4,2018-19 Q3,on track,\n"
                                    "b,Beta,People,2018-19 Q4,2018-19 Q3,on track,\n"
                                    "d,Delta,People,,2018-19 Q3,delayed,\n"
                                    "a,,,,2018-19 Q4,delivered,Signed off in March\n"
                                    "b,,,,2018-19 Q4,some delay,Supplier late\n"
                                    "c,Gamma,Estates,2018-19 Q2,2018-19 Q4,on track,\n"
                                    "e,,Estates,,2018-19 Q4,,\n";

typedef struct fixture {
    kpi_milestones *m;
    kpi_milestones_view v;
} fixture;

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    FILE *fp = kpi_test_memfile(register_text);
    kpi_error err;
    f->m = kpi_milestones_read_stream(fp, "register.csv", NULL, &err);
    fclose(fp);
    if (!f->m || kpi_milestones_at(f->m, NULL, &f->v, &err) != KPI_OK)
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    kpi_milestones_view_fini(&f->v);
    kpi_milestones_free(f->m);
    free(f);
    return 0;
}

/* Run fn into a memory stream and return what it wrote (caller frees). */
static char *
capture(kpi_status (*fn)(const kpi_milestones_view *, FILE *, kpi_error *),
        const kpi_milestones_view *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(fn(v, mem, &err), KPI_OK);
    fclose(mem);
    return buf;
}

static char *
capture_table(const kpi_milestones_view *v, kpi_milestones_table t, kpi_format format)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(kpi_milestones_report_table(v, t, mem, format, &err), KPI_OK);
    fclose(mem);
    return buf;
}

/* The counts sentence in the report's words, with the two extra states. */
static void
test_milestones_report_counts_sentence(void **state)
{
    fixture *f = *state;
    char buf[256];
    size_t n = kpi_milestones_report_sentence(&f->v, buf, sizeof buf);
    const char *want = "Of 5 milestones, 1 delivered, 1 on track, 1 with some delay, 1 with no "
                       "status given, 1 not reported.";
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
    /* Cut short, like snprintf: the whole length, a terminated prefix. */
    char small[8];
    assert_int_equal(kpi_milestones_report_sentence(&f->v, small, sizeof small), strlen(want));
    assert_string_equal(small, "Of 5 mi");
}

/* One milestone reads in the singular. */
static void
test_milestones_report_singular(void **state)
{
    (void)state;
    FILE *fp = kpi_test_memfile("milestone,period,status\nx,2019-06,complete\n");
    kpi_error err;
    kpi_milestones *m = kpi_milestones_read_stream(fp, "one.csv", NULL, &err);
    fclose(fp);
    assert_non_null(m);
    kpi_milestones_view v;
    assert_int_equal(kpi_milestones_at(m, NULL, &v, &err), KPI_OK);
    char buf[256];
    kpi_milestones_report_sentence(&v, buf, sizeof buf);
    assert_string_equal(buf, "Of 1 milestone, 1 delivered, 0 on track, 0 with some delay.");
    assert_int_equal(kpi_milestones_report_movement_sentence(&v, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(kpi_milestones_report_overdue_sentence(&v, buf, sizeof buf), 0);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* Movements and overdue milestones, each in one sentence. */
static void
test_milestones_report_movement_and_overdue(void **state)
{
    fixture *f = *state;
    char buf[512];
    kpi_milestones_report_movement_sentence(&f->v, buf, sizeof buf);
    assert_string_equal(buf, "Since 2018-19 Q3, 1 milestone moved forward and 1 moved back; 2 "
                             "were reported for the first time.");
    kpi_milestones_report_overdue_sentence(&f->v, buf, sizeof buf);
    assert_string_equal(buf, "1 milestone is past its due period and not delivered: Gamma (due "
                             "2018-19 Q2, 2 quarters late).");
}

/* Every sentence, one per line, with the moved milestones' notes. */
static void
test_milestones_report_sentences(void **state)
{
    fixture *f = *state;
    char *got = capture(kpi_milestones_report_sentences, &f->v);
    assert_string_equal(
        got, "Of 5 milestones, 1 delivered, 1 on track, 1 with some delay, 1 with no status "
             "given, 1 not reported.\n"
             "Since 2018-19 Q3, 1 milestone moved forward and 1 moved back; 2 were reported for "
             "the first time.\n"
             "Alpha: on track in 2018-19 Q3, delivered in 2018-19 Q4. Signed off in March\n"
             "Beta: on track in 2018-19 Q3, some delay in 2018-19 Q4. Supplier late\n"
             "1 milestone is past its due period and not delivered: Gamma (due 2018-19 Q2, 2 "
             "quarters late).\n"
             "1 milestone was first reported after its due period: Gamma (due 2018-19 Q2, first "
             "reported in 2018-19 Q4).\n"
             "1 milestone open in 2018-19 Q3 has no row for 2018-19 Q4: Delta.\n");
    free(got);
}

/* The counts table by theme, then All, in CSV and JSON. */
static void
test_milestones_report_counts_table(void **state)
{
    fixture *f = *state;
    char *got = capture_table(&f->v, KPI_MILESTONES_TABLE_COUNTS, KPI_FORMAT_CSV);
    assert_string_equal(got, "theme,total,delivered,on_track,some_delay,not_stated,not_reported\n"
                             "People,3,1,0,1,0,1\n"
                             "Estates,2,0,1,0,1,0\n"
                             "All,5,1,1,1,1,1\n");
    free(got);
    got = capture_table(&f->v, KPI_MILESTONES_TABLE_COUNTS, KPI_FORMAT_JSON);
    assert_non_null(strstr(got, "  {\"theme\": \"All\", \"total\": 5, \"delivered\": 1, "
                                "\"on_track\": 1, \"some_delay\": 1, \"not_stated\": 1, "
                                "\"not_reported\": 1}\n]"));
    free(got);
}

/* The register table: every field, the not-reported milestone last. */
static void
test_milestones_report_register_table(void **state)
{
    fixture *f = *state;
    char *got = capture_table(&f->v, KPI_MILESTONES_TABLE_REGISTER, KPI_FORMAT_CSV);
    assert_string_equal(
        got, "period,milestone,title,theme,due,status,previous_status,movement,overdue,"
             "periods_late,first_reported_late,note\n"
             "2018-19 Q4,a,Alpha,People,2018-19 Q4,delivered,on track,forward,no,0,no,"
             "Signed off in March\n"
             "2018-19 Q4,b,Beta,People,2018-19 Q4,some delay,on track,back,no,0,no,Supplier late\n"
             "2018-19 Q4,c,Gamma,Estates,2018-19 Q2,on track,,new,yes,2,yes,\n"
             "2018-19 Q4,e,,Estates,,not stated,,new,no,0,no,\n"
             "2018-19 Q4,d,Delta,People,,not reported,some delay,not reported,no,0,no,\n");
    free(got);
}

/* Movements leave out the new and the unchanged; overdue lists the late. */
static void
test_milestones_report_movements_and_overdue_tables(void **state)
{
    fixture *f = *state;
    char *got = capture_table(&f->v, KPI_MILESTONES_TABLE_MOVEMENTS, KPI_FORMAT_CSV);
    assert_string_equal(got, "milestone,previous_status,status,movement,note\n"
                             "Alpha,on track,delivered,forward,Signed off in March\n"
                             "Beta,on track,some delay,back,Supplier late\n"
                             "Delta,some delay,not reported,not reported,\n");
    free(got);
    got = capture_table(&f->v, KPI_MILESTONES_TABLE_OVERDUE, KPI_FORMAT_MD);
    assert_string_equal(got, "| milestone | due | status | periods_late | first_reported | "
                             "first_reported_late |\n"
                             "|---|---|---|---:|---|---|\n"
                             "| Gamma | 2018-19 Q2 | on track | 2 | 2018-19 Q4 | yes |\n");
    free(got);
}

/* Table names round-trip; others are refused. */
static void
test_milestones_report_table_names(void **state)
{
    (void)state;
    kpi_milestones_table t;
    kpi_error err;
    for (int i = 0; i < KPI_MILESTONES_TABLE_LAST; i++) {
        assert_int_equal(kpi_milestones_report_table_parse(
                             kpi_milestones_report_table_name((kpi_milestones_table)i), &t, &err),
                         KPI_OK);
        assert_int_equal(t, i);
    }
    assert_int_equal(kpi_milestones_report_table_parse("summary", &t, &err), KPI_EINVAL);
    assert_non_null(strstr(err.message, "unknown milestones table 'summary'"));
}

static kpi_status
resolve(void *ud, const kpi_template_ref *ref, kpi_template_out *out, kpi_error *err)
{
    return kpi_milestones_report_resolve(ud, ref, out, err);
}

static kpi_status
expand(const fixture *f, const char *text, char **got, kpi_error *err)
{
    size_t len = 0;
    FILE *mem = open_memstream(got, &len);
    kpi_status st = kpi_template_expand(text, strlen(text), "t.md", resolve, (void *)&f->v, mem,
                                        err);
    fclose(mem);
    return st;
}

/* Template fields give the view's numbers and texts, filters apply. */
static void
test_milestones_report_template_fields(void **state)
{
    fixture *f = *state;
    char *got = NULL;
    kpi_error err;
    assert_int_equal(expand(f,
                            "{{milestones.delivered}}/{{milestones.total}} in "
                            "{{milestones.period}} (after {{milestones.previous}}); "
                            "{{ milestones.overdue }} overdue, {{milestones.not_reported}} "
                            "missing, {{milestones.back|default:0}} back.\n"
                            "{{milestones.sentence|upper}}\n",
                            &got, &err),
                     KPI_OK);
    assert_string_equal(got, "1/5 in 2018-19 Q4 (after 2018-19 Q3); 1 overdue, 1 missing, 1 "
                             "back.\nOF 5 MILESTONES, 1 DELIVERED, 1 ON TRACK, 1 WITH SOME DELAY, "
                             "1 WITH NO STATUS GIVEN, 1 NOT REPORTED.\n");
    free(got);
}

/* {{milestones:table}} is the status table; a name picks another. */
static void
test_milestones_report_template_tables(void **state)
{
    fixture *f = *state;
    char *got = NULL;
    kpi_error err;
    assert_int_equal(expand(f, "{{milestones:table}}", &got, &err), KPI_OK);
    assert_string_equal(got, "| milestone | theme | due | status | movement | periods_late |\n"
                             "|---|---|---|---|---|---:|\n"
                             "| Alpha | People | 2018-19 Q4 | delivered | forward |  |\n"
                             "| Beta | People | 2018-19 Q4 | some delay | back |  |\n"
                             "| Gamma | Estates | 2018-19 Q2 | on track | new | 2 |\n"
                             "| e | Estates |  | not stated | new |  |\n"
                             "| Delta | People |  | not reported | not reported |  |\n");
    free(got);
    got = NULL;
    assert_int_equal(expand(f, "{{milestones:table:counts}}", &got, &err), KPI_OK);
    assert_non_null(strstr(got, "| All | 5 | 1 | 1 | 1 | 1 | 1 |\n"));
    free(got);
}

/* An unknown field or table is an error at its own column. */
static void
test_milestones_report_template_errors(void **state)
{
    fixture *f = *state;
    char *got = NULL;
    kpi_error err;
    assert_int_equal(expand(f, "x {{milestones.deliverd}}", &got, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 1, 16, "unknown field 'deliverd' of 'milestones'");
    free(got);
    got = NULL;
    assert_int_equal(expand(f, "{{milestones:table:sumary}}", &got, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 1, 20, "unknown milestones table 'sumary'");
    free(got);
    got = NULL;
    assert_int_equal(expand(f, "{{milestones:chart}}", &got, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 1, 14, "expected milestones:table");
    free(got);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_milestones_report_counts_sentence, setup, teardown),
        cmocka_unit_test(test_milestones_report_singular),
        cmocka_unit_test_setup_teardown(test_milestones_report_movement_and_overdue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_sentences, setup, teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_counts_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_register_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_movements_and_overdue_tables, setup,
                                        teardown),
        cmocka_unit_test(test_milestones_report_table_names),
        cmocka_unit_test_setup_teardown(test_milestones_report_template_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_template_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_milestones_report_template_errors, setup, teardown),
    };
    return kpi_test_run(tests);
}
