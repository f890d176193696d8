/* Tests of the milestone register: reading, every status path (delivered,
 * reopened, overdue, first reported late, synonyms, a bad status, a
 * milestone missing from a period), located errors, and the bundled
 * register read from the two seed reports. */
#include "harness.h"

#include <string.h>

#include "kpi/milestones.h"

#define HEADER "milestone,title,theme,due,period,status,note\n"

typedef struct warnings {
    size_t n;
    kpi_error last;
} warnings;

static void
collect(void *ud, const kpi_error *w)
{
    warnings *ws = ud;
    ws->n++;
    ws->last = *w;
}

static kpi_milestones *
read_with(const char *text, const kpi_milestones_options *opt, kpi_error *err)
{
    FILE *fp = kpi_test_memfile(text);
    kpi_error_clear(err);
    kpi_milestones *m = kpi_milestones_read_stream(fp, "register.csv", opt, err);
    fclose(fp);
    return m;
}

static kpi_milestones *
read_ok(const char *text, const kpi_milestones_options *opt)
{
    kpi_error err;
    kpi_milestones *m = read_with(text, opt, &err);
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
    kpi_milestones *m = read_with(text, NULL, &err);
    assert_null(m);
    assert_error(&err, code, line, column, needle);
    assert_string_equal(err.source, "register.csv");
}

static kpi_period
fq(int year, int quarter)
{
    return (kpi_period){KPI_FREQ_FQUARTER, year * 4 + quarter - 1};
}

/* The view at a period (NULL: the latest); the caller finishes it. */
static void
view_at(const kpi_milestones *m, const kpi_period *p, kpi_milestones_view *v)
{
    kpi_error err;
    kpi_status st = kpi_milestones_at(m, p, v, &err);
    if (st != KPI_OK)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, KPI_OK);
}

static const kpi_milestone_item *
item(const kpi_milestones_view *v, const char *id)
{
    for (size_t i = 0; i < v->n_items; i++)
        if (strcmp(v->items[i].id, id) == 0)
            return &v->items[i];
    return NULL;
}

/* The report's three words, read with any case and spacing, and an empty
 * cell as no status; counts per period add up by status and theme. */
static void
test_milestones_statuses_and_counts(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER
                                "a,Alpha,People,2018-19 Q4,2018-19 Q4,Delivered,done\n"
                                "b,Beta,People,2018-19 Q4,2018-19 Q4,  on track but not fully "
                                "delivered ,\n"
                                "c,Gamma,Estates,2019-20 Q1,2018-19 Q4,SOME DELAY,\n"
                                "d,Delta,Estates,,2018-19 Q4,,\n",
                                NULL);
    assert_int_equal(kpi_milestones_count(m), 4);
    assert_int_equal(kpi_milestones_period_count(m), 1);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    assert_int_equal(v.period.freq, KPI_FREQ_FQUARTER);
    assert_int_equal(v.period.ordinal, 2018 * 4 + 3);
    assert_false(v.has_previous);
    assert_int_equal(v.all.total, 4);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELIVERED], 1);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_ON_TRACK], 1);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELAY], 1);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_UNSTATED], 1);
    assert_int_equal(v.n_themes, 2);
    assert_string_equal(v.themes[0].theme, "People");
    assert_int_equal(v.themes[0].total, 2);
    assert_int_equal(v.themes[1].by_status[KPI_MILESTONE_DELAY], 1);
    assert_int_equal(v.by_move[KPI_MILESTONE_NEW], 4);
    const kpi_milestone_item *a = item(&v, "a");
    assert_string_equal(a->title, "Alpha");
    assert_string_equal(a->note, "done");
    assert_int_equal(a->line, 2);
    assert_false(item(&v, "d")->has_due);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* A delivered milestone stays delivered: a later row with no status keeps
 * it delivered, and with no row at all it leaves the next period's view
 * (it is closed, not missing). */
static void
test_milestones_delivered_stays_delivered(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "a,Alpha,,,2018-19 Q2,on track,\n"
                                       "a,,,,2018-19 Q3,delivered,\n"
                                       "a,,,,2018-19 Q4,,\n"
                                       "b,Beta,,,2018-19 Q2,delivered,\n"
                                       "c,Gamma,,,2018-19 Q2,on track,\n"
                                       "c,,,,2018-19 Q3,on track,\n"
                                       "c,,,,2018-19 Q4,on track,\n",
                                NULL);
    kpi_milestones_view v;
    kpi_period q3 = fq(2018, 3);
    view_at(m, &q3, &v);
    assert_int_equal(v.all.total, 2); /* b was delivered in Q2 and is closed */
    assert_null(item(&v, "b"));
    assert_int_equal(item(&v, "a")->move, KPI_MILESTONE_FORWARD);
    assert_int_equal(item(&v, "a")->previous, KPI_MILESTONE_ON_TRACK);
    assert_int_equal(item(&v, "c")->move, KPI_MILESTONE_SAME);
    assert_int_equal(v.by_move[KPI_MILESTONE_FORWARD], 1);
    kpi_milestones_view_fini(&v);
    view_at(m, NULL, &v);
    assert_int_equal(item(&v, "a")->status, KPI_MILESTONE_DELIVERED);
    assert_int_equal(item(&v, "a")->move, KPI_MILESTONE_SAME);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELIVERED], 1);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_NOT_REPORTED], 0);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* A later row that reopens a delivered milestone needs a note: with one it
 * is a warning at the status cell and the milestone moves back; without
 * one it is an error there. */
static void
test_milestones_reopened(void **state)
{
    (void)state;
    warnings ws = {0};
    kpi_milestones_options opt = kpi_milestones_options_default();
    opt.diag = collect;
    opt.diag_ud = &ws;
    kpi_milestones *m = read_ok(HEADER "a,Alpha,,,2018-19 Q3,delivered,\n"
                                       "a,,,,2018-19 Q4,some delay,supplier withdrew\n",
                                &opt);
    assert_int_equal(ws.n, 1);
    assert_error(&ws.last, KPI_EVALUE, 3, 17, "reopened in 2018-19 Q4 (some delay): supplier");
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    const kpi_milestone_item *a = item(&v, "a");
    assert_true(a->reopened);
    assert_int_equal(a->move, KPI_MILESTONE_BACK);
    assert_int_equal(a->previous, KPI_MILESTONE_DELIVERED);
    assert_int_equal(v.n_reopened, 1);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);

    check_error(HEADER "a,Alpha,,,2018-19 Q3,delivered,\n"
                       "a,,,,2018-19 Q4,on track,\n",
                KPI_EVALUE, 3, 17, "delivered in 2018-19 Q3; 'on track' in 2018-19 Q4 reopens it");
}

/* Past its due period and not delivered: overdue by whole reporting
 * periods, with a due month or financial year placed in the quarter it
 * ends in; a delivered milestone is never overdue. */
static void
test_milestones_overdue(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "q,,,2018-19 Q2,2018-19 Q1,on track,\n"
                                       "q,,,,2018-19 Q4,some delay,\n"
                                       "month,,,2018-08,2018-19 Q1,on track,\n"
                                       "month,,,,2018-19 Q4,on track,\n"
                                       "fy,,,2018-19,2018-19 Q1,on track,\n"
                                       "fy,,,,2018-19 Q4,on track,\n"
                                       "done,,,2018-19 Q1,2018-19 Q1,on track,\n"
                                       "done,,,,2018-19 Q4,delivered,\n",
                                NULL);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    const kpi_milestone_item *q = item(&v, "q");
    assert_true(q->overdue);
    assert_int_equal(q->periods_late, 2); /* due Q2, reported in Q4 */
    assert_true(q->has_due);              /* carried from the first row */
    assert_int_equal(q->due.ordinal, 2018 * 4 + 1);
    assert_false(q->first_late);
    const kpi_milestone_item *mo = item(&v, "month");
    assert_true(mo->overdue); /* August 2018 is in 2018-19 Q2 */
    assert_int_equal(mo->periods_late, 2);
    assert_false(item(&v, "fy")->overdue); /* 2018-19 ends in Q4 itself */
    assert_false(item(&v, "done")->overdue);
    assert_int_equal(v.n_overdue, 2);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* A milestone whose first row comes after its due period is flagged. */
static void
test_milestones_first_reported_late(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "late,,,2018-19 Q3,2018-19 Q4,delayed,\n"
                                       "early,,,2019-20 Q1,2018-19 Q4,on track,\n"
                                       "ontime,,,2018-19 Q4,2018-19 Q4,,\n",
                                NULL);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    assert_true(item(&v, "late")->first_late);
    assert_true(item(&v, "late")->overdue);
    assert_int_equal(item(&v, "late")->periods_late, 1);
    assert_false(item(&v, "early")->first_late);
    assert_false(item(&v, "ontime")->first_late);
    assert_int_equal(v.n_first_late, 1);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* Built-in synonyms and a caller's words (RAG) read as the statuses; a
 * caller's word wins over nothing but is matched ignoring case. */
static void
test_milestones_synonyms(void **state)
{
    (void)state;
    kpi_milestone_synonym rag[] = {{"green", KPI_MILESTONE_DELIVERED},
                                   {"amber", KPI_MILESTONE_ON_TRACK},
                                   {"red", KPI_MILESTONE_DELAY}};
    kpi_milestones_options opt = kpi_milestones_options_default();
    opt.synonyms = rag;
    opt.n_synonyms = 3;
    kpi_milestones *m = read_ok(HEADER "a,,,,2019-06,GREEN,\n"
                                       "b,,,,2019-06,Amber,\n"
                                       "c,,,,2019-06,red,\n"
                                       "d,,,,2019-06,Complete,\n"
                                       "e,,,,2019-06, delayed ,\n"
                                       "f,,,,2019-06,some delays,\n",
                                &opt);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    assert_int_equal(v.period.freq, KPI_FREQ_MONTH);
    assert_int_equal(item(&v, "a")->status, KPI_MILESTONE_DELIVERED);
    assert_int_equal(item(&v, "b")->status, KPI_MILESTONE_ON_TRACK);
    assert_int_equal(item(&v, "c")->status, KPI_MILESTONE_DELAY);
    assert_int_equal(item(&v, "d")->status, KPI_MILESTONE_DELIVERED);
    assert_int_equal(item(&v, "e")->status, KPI_MILESTONE_DELAY);
    assert_int_equal(item(&v, "f")->status, KPI_MILESTONE_DELAY);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);

    /* Without the caller's words, RAG is not a status. */
    check_error(HEADER "a,,,,2019-06,green,\n", KPI_EVALUE, 2, 14,
                "column 'status': expected delivered, on track but not fully delivered, some "
                "delay, a synonym or nothing, found 'green'");
    kpi_milestone_synonym bad = {"grey", KPI_MILESTONE_NOT_REPORTED};
    opt.synonyms = &bad;
    opt.n_synonyms = 1;
    kpi_error err;
    assert_null(read_with(HEADER "a,,,,2019-06,,\n", &opt, &err));
    assert_int_equal(err.code, KPI_EINVAL);
}

/* Every bad cell is an error at its line and column, naming the column. */
static void
test_milestones_located_errors(void **state)
{
    (void)state;
    check_error(HEADER "a,,,,2018-19 Q4,late,\n", KPI_EVALUE, 2, 17, "found 'late'");
    check_error(HEADER "a,,,,2018-19 Q4,on track,\n"
                       "b,\"Two\nlines\",,,2018-19 Q4,ahead,\n",
                KPI_EVALUE, 4, 21, "column 'status'");
    check_error(HEADER "a,,,,2018-20 Q4,,\n", KPI_EPERIOD, 2, 6, "column 'period'");
    check_error(HEADER "a,,,Q5 2018,2018-19 Q4,,\n", KPI_EPERIOD, 2, 5, "column 'due'");
    check_error(HEADER "a,,,,2018-19 Q4,,\n"
                       "b,,,,2019-06,,\n",
                KPI_EFREQ, 3, 6, "expected a period by fquarter like line 2, found '2019-06'");
    check_error(HEADER "a,,,,2018-19 Q4,,\n"
                       "b,,,,2018-19 Q4,,\n"
                       "a,,,,Q4 2018-19,on track,\n",
                KPI_EDUPLICATE, 4, 6, "milestone 'a' has a row for 2018-19 Q4 already (line 2)");
    check_error(HEADER " ,,,,2018-19 Q4,,\n", KPI_EVALUE, 2, 1, "expected a milestone id");
    check_error("milestone,period\n", KPI_ELAYOUT, 1, 1, "expected a 'status' column");
    check_error(HEADER, KPI_EVALUE, 2, 1, "at least one milestone row");
    check_error("", KPI_ELAYOUT, 1, 1, "found an empty file");
    check_error(HEADER "a,,,,2018-19 Q4,,,extra\n", KPI_ECSV, 2, 19, "expected 7 fields");
}

/* Of several errors, the first in the file is reported, whichever
 * milestone the checks reach first. */
static void
test_milestones_first_error_in_file_order(void **state)
{
    (void)state;
    check_error(HEADER "z,,,,2018-19 Q3,delivered,\n"
                       "a,,,,2018-19 Q3,,\n"
                       "a,,,,2018-19 Q3,,\n"
                       "z,,,,2018-19 Q4,delay,\n",
                KPI_EDUPLICATE, 4, 6, "milestone 'a'");
}

/* An open milestone with no row in the next period is listed as not
 * reported there, after those reported, with its previous status; across
 * a gap in the register's periods nothing is owed. */
static void
test_milestones_missing_from_a_period(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "gone,Gone,,,2018-19 Q3,some delay,\n"
                                       "unsaid,,,,2018-19 Q3,,\n"
                                       "here,,,,2018-19 Q3,on track,\n"
                                       "here,,,,2018-19 Q4,on track,\n"
                                       "old,,,,2017-18 Q1,on track,\n",
                                NULL);
    assert_int_equal(kpi_milestones_period_count(m), 3);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    assert_int_equal(v.all.total, 3);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_NOT_REPORTED], 2);
    assert_string_equal(v.items[0].id, "here");
    assert_string_equal(v.items[1].id, "gone");
    assert_int_equal(v.items[1].move, KPI_MILESTONE_MISSING);
    assert_int_equal(v.items[1].previous, KPI_MILESTONE_DELAY);
    assert_int_equal(v.items[1].line, 0);
    assert_string_equal(v.items[2].id, "unsaid");
    assert_null(item(&v, "old"));
    assert_int_equal(v.by_move[KPI_MILESTONE_MISSING], 2);
    kpi_milestones_view_fini(&v);

    /* 2017-18 Q1 to 2018-19 Q3 skips five quarters: "old" is not owed. */
    kpi_period q3 = fq(2018, 3);
    view_at(m, &q3, &v);
    assert_true(v.has_previous);
    assert_int_equal(v.previous.ordinal, 2017 * 4);
    assert_null(item(&v, "old"));
    assert_int_equal(v.all.total, 3);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* A milestone back after a period without a row was not reported there. */
static void
test_milestones_back_after_a_gap(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "a,,,,2018-19 Q2,some delay,\n"
                                       "b,,,,2018-19 Q3,,\n"
                                       "a,,,,2018-19 Q4,on track,\n",
                                NULL);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    const kpi_milestone_item *a = item(&v, "a");
    assert_true(a->has_previous);
    assert_int_equal(a->previous, KPI_MILESTONE_NOT_REPORTED);
    assert_int_equal(a->move, KPI_MILESTONE_CHANGED);
    assert_int_equal(a->first.ordinal, 2018 * 4 + 1);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* A period that is not one of the register's, nor holds one, is refused,
 * by name; a year holding reporting periods means the latest of them. */
static void
test_milestones_unknown_period(void **state)
{
    (void)state;
    kpi_milestones *m = read_ok(HEADER "a,,,,2018-19 Q3,,\n"
                                       "a,,,,2018-19 Q4,,\n",
                                NULL);
    kpi_milestones_view v;
    kpi_period p = fq(2019, 1);
    kpi_error err;
    assert_int_equal(kpi_milestones_at(m, &p, &v, &err), KPI_EINVAL);
    assert_string_equal(err.message, "no reporting period of the register is or falls in 2019-20 "
                                     "Q1 (it has 2, from 2018-19 Q3 to 2018-19 Q4)");
    kpi_milestones_view_fini(&v);
    /* A financial year means its latest reporting period. */
    kpi_period fy = {KPI_FREQ_FYEAR, 2018};
    assert_int_equal(kpi_milestones_at(m, &fy, &v, &err), KPI_OK);
    assert_int_equal(v.period.ordinal, 2018 * 4 + 3);
    kpi_milestones_view_fini(&v);
    fy.ordinal = 2017;
    assert_int_equal(kpi_milestones_at(m, &fy, &v, &err), KPI_EINVAL);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* Names for tables and legends, one per value. */
static void
test_milestones_names(void **state)
{
    (void)state;
    assert_string_equal(kpi_milestone_status_name(KPI_MILESTONE_ON_TRACK), "on track");
    assert_string_equal(kpi_milestone_status_label(KPI_MILESTONE_ON_TRACK),
                        "On track but not fully delivered");
    assert_string_equal(kpi_milestone_status_name(KPI_MILESTONE_NOT_REPORTED), "not reported");
    assert_string_equal(kpi_milestone_move_name(KPI_MILESTONE_BACK), "back");
    assert_string_equal(kpi_milestone_status_name(KPI_MILESTONE_STATUS_LAST), "unknown");
}

/* The bundled register, counted independently from the seed reports'
 * text (datasets/met-business-plan/README.md): at 2018-19 Q4, 38
 * milestones, 4 delivered (CTP intelligence, CAIT transition, Dauntless
 * Plus, DVPO review), 4 on track, 1 with some delay (PEQF, due Q3:
 * overdue by 1 quarter and first reported late); at 2017-18 Q1, 30
 * milestones, 6 delivered, 6 on track, 1 delayed. */
static void
test_milestones_bundled_register(void **state)
{
    (void)state;
    kpi_error err;
    kpi_milestones *m = kpi_milestones_read(
        kpi_test_path("datasets/met-business-plan/milestones.csv"), NULL, &err);
    assert_non_null(m);
    assert_int_equal(kpi_milestones_count(m), 68);
    assert_int_equal(kpi_milestones_period_count(m), 4);
    kpi_milestones_view v;
    view_at(m, NULL, &v);
    assert_int_equal(v.all.total, 38);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELIVERED], 4);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_ON_TRACK], 4);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELAY], 1);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_UNSTATED], 29);
    assert_int_equal(v.n_overdue, 1);
    assert_int_equal(v.n_first_late, 1);
    assert_true(item(&v, "bp1819-peqf-contract")->first_late);
    const kpi_milestone_item *ci = item(&v, "bp1819-vctf-civilian-investigators");
    assert_int_equal(ci->previous, KPI_MILESTONE_DELAY);
    assert_int_equal(ci->status, KPI_MILESTONE_UNSTATED);
    kpi_milestones_view_fini(&v);
    kpi_period q1 = {KPI_FREQ_FQUARTER, 2017 * 4};
    view_at(m, &q1, &v);
    assert_int_equal(v.all.total, 30);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELIVERED], 6);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_ON_TRACK], 6);
    assert_int_equal(v.all.by_status[KPI_MILESTONE_DELAY], 1);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

/* Every allocation failure while reading or viewing is KPI_ENOMEM and
 * leaks nothing (ASan checks the leaks). */
static void
test_milestones_out_of_memory(void **state)
{
    (void)state;
    const char *text = HEADER "a,Alpha,People,2018-19 Q4,2018-19 Q3,on track,n\n"
                              "a,,,,2018-19 Q4,delivered,\n"
                              "b,Beta,Estates,,2018-19 Q4,,\n";
    kpi_milestones *m = NULL;
    long n;
    for (n = 0; n < 1000 && !m; n++) {
        kpi_error err;
        kpi_alloc_fail_after(n);
        m = read_with(text, NULL, &err);
        kpi_alloc_fail_after(-1);
        if (!m)
            assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_non_null(m);
    assert_true(n > 1);
    kpi_milestones_view v;
    kpi_error err;
    kpi_alloc_fail_after(0);
    assert_int_equal(kpi_milestones_at(m, NULL, &v, &err), KPI_ENOMEM);
    kpi_alloc_fail_after(-1);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milestones_statuses_and_counts),
        cmocka_unit_test(test_milestones_delivered_stays_delivered),
        cmocka_unit_test(test_milestones_reopened),
        cmocka_unit_test(test_milestones_overdue),
        cmocka_unit_test(test_milestones_first_reported_late),
        cmocka_unit_test(test_milestones_synonyms),
        cmocka_unit_test(test_milestones_located_errors),
        cmocka_unit_test(test_milestones_first_error_in_file_order),
        cmocka_unit_test(test_milestones_missing_from_a_period),
        cmocka_unit_test(test_milestones_back_after_a_gap),
        cmocka_unit_test(test_milestones_unknown_period),
        cmocka_unit_test(test_milestones_names),
        cmocka_unit_test(test_milestones_bundled_register),
        cmocka_unit_test(test_milestones_out_of_memory),
    };
    return kpi_test_run(tests);
}
