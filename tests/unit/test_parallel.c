/* Tests of the thread helper and of table rows written on several
 * threads: the same bytes, and the same error, as on one. */
#include "harness.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "kpi/table.h"
#include "parallel_private.h"

/* Item i stands for rows_per_item rows "i,j". */
typedef struct job {
    size_t rows_per_item;
    size_t fail_at; /* fail when formatting this item (0: never) */
} job;

static kpi_status
rows(void *ctx, size_t first, size_t last, kpi_table *t, kpi_error *err)
{
    const job *j = ctx;
    for (size_t i = first; i < last; i++) {
        if (j->fail_at && i == j->fail_at)
            return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "item %zu fails", i);
        for (size_t r = 0; r < j->rows_per_item; r++) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%zu", i);
            snprintf(b, sizeof b, "%zu", r);
            const char *cells[] = {a, b};
            kpi_status st = kpi_table_row(t, cells, err);
            if (st != KPI_OK)
                return st;
        }
    }
    return KPI_OK;
}

static char *
run(kpi_format format, size_t n, const job *j, size_t threads, kpi_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *names[] = {"item", "row"};
    const kpi_column_type types[] = {KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER};
    kpi_error err;
    kpi_table *t = kpi_table_new(out, format, names, types, 2, &err);
    assert_non_null(t);
    *st = kpi_table_write_rows(t, threads, n, n * j->rows_per_item, rows, (void *)j, &err);
    kpi_status end = kpi_table_end(t, NULL);
    if (*st == KPI_OK)
        *st = end;
    fclose(out);
    return buf;
}

/* Every format comes out byte for byte as on one thread, in item order,
 * for 2, 3 and 8 threads. */
static void
test_parallel_same_bytes_as_one_thread(void **state)
{
    (void)state;
    const kpi_format formats[] = {KPI_FORMAT_CSV, KPI_FORMAT_JSON, KPI_FORMAT_MD};
    const size_t threads[] = {2, 3, 8};
    job j = {.rows_per_item = 97};
    for (size_t f = 0; f < 3; f++) {
        kpi_status a;
        char *one = run(formats[f], 1000, &j, 1, &a);
        assert_int_equal(a, KPI_OK);
        for (size_t k = 0; k < 3; k++) {
            kpi_status b;
            char *many = run(formats[f], 1000, &j, threads[k], &b);
            assert_int_equal(b, KPI_OK);
            assert_int_equal(strlen(one), strlen(many));
            assert_string_equal(one, many);
            free(many);
        }
        free(one);
    }
}

/* A failing batch stops the run with its own error. */
static void
test_parallel_failure_is_reported(void **state)
{
    (void)state;
    job j = {.rows_per_item = 97, .fail_at = 700};
    kpi_status st;
    char *out = run(KPI_FORMAT_CSV, 1000, &j, 2, &st);
    assert_int_equal(st, KPI_EDOMAIN);
    /* Nothing after the failing item was written. */
    assert_null(strstr(out, "\n701,"));
    free(out);
}

/* Small tables stay on one thread and give the same bytes. */
static void
test_parallel_small_tables(void **state)
{
    (void)state;
    job j = {.rows_per_item = 3};
    kpi_status a, b;
    char *one = run(KPI_FORMAT_JSON, 5, &j, 1, &a);
    char *two = run(KPI_FORMAT_JSON, 5, &j, 2, &b);
    assert_string_equal(one, two);
    free(one);
    free(two);
}

/* kpi_parallel_for: items fail at fail_a and fail_b; finishing steps
 * record their order. */
typedef struct order {
    size_t fail_a, fail_b; /* SIZE_MAX: never */
    size_t finished[1000];
    size_t n_finished;
    size_t max_worker;
} order;

static kpi_status
order_work(void *ctx, size_t worker, size_t item, kpi_error *err)
{
    order *o = ctx;
    if (item == o->fail_a || item == o->fail_b)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "item %zu fails", item);
    (void)worker;
    return KPI_OK;
}

static kpi_status
order_finish(void *ctx, size_t worker, size_t item, kpi_error *err)
{
    order *o = ctx;
    (void)err;
    o->finished[o->n_finished++] = item;
    if (worker > o->max_worker)
        o->max_worker = worker;
    return KPI_OK;
}

/* Finishing steps run one at a time in item order on any number of
 * threads, and worker ids stay below the number of threads. */
static void
test_parallel_for_finishes_in_order(void **state)
{
    (void)state;
    const size_t threads[] = {0, 1, 2, 4, 100};
    for (size_t k = 0; k < 5; k++) {
        order o = {.fail_a = SIZE_MAX, .fail_b = SIZE_MAX};
        assert_int_equal(kpi_parallel_for(threads[k], 1000, order_work, order_finish, &o, NULL),
                         KPI_OK);
        assert_int_equal(o.n_finished, 1000);
        for (size_t i = 0; i < 1000; i++)
            assert_int_equal(o.finished[i], i);
        assert_true(o.max_worker < kpi_parallel_threads(threads[k], 1000));
    }
}

/* With two failing items, the lower one is reported, whatever the
 * timing, and nothing after it is finished. */
static void
test_parallel_for_reports_lowest_failure(void **state)
{
    (void)state;
    for (size_t threads = 1; threads <= 4; threads++) {
        order o = {.fail_a = 613, .fail_b = 17};
        kpi_error err;
        assert_int_equal(kpi_parallel_for(threads, 1000, order_work, order_finish, &o, &err),
                         KPI_EDOMAIN);
        assert_string_equal(err.message, "item 17 fails");
        assert_int_equal(o.n_finished, 17);
    }
}

/* The number of threads used: at least 1, at most the items and the
 * limit. */
static void
test_parallel_threads_bounds(void **state)
{
    (void)state;
    assert_int_equal(kpi_parallel_threads(0, 10), 1);
    assert_int_equal(kpi_parallel_threads(1, 10), 1);
    assert_int_equal(kpi_parallel_threads(4, 3), 3);
    assert_int_equal(kpi_parallel_threads(4, 0), 1);
    assert_int_equal(kpi_parallel_threads(1000, 1000), KPI_PARALLEL_MAX_THREADS);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_same_bytes_as_one_thread),
        cmocka_unit_test(test_parallel_failure_is_reported),
        cmocka_unit_test(test_parallel_small_tables),
        cmocka_unit_test(test_parallel_for_finishes_in_order),
        cmocka_unit_test(test_parallel_for_reports_lowest_failure),
        cmocka_unit_test(test_parallel_threads_bounds),
    };
    return kpi_test_run(tests);
}
