/* Tests of rows formatted on two threads: same bytes as on one. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

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
run(kpi_format format, size_t n, const job *j, bool parallel, kpi_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *names[] = {"item", "row"};
    const kpi_column_type types[] = {KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER};
    kpi_error err;
    kpi_table *t = kpi_table_new(out, format, names, types, 2, &err);
    assert_non_null(t);
    *st = parallel ? kpi_parallel_rows(t, n, n * j->rows_per_item, rows, (void *)j, &err)
                   : rows((void *)j, 0, n, t, &err);
    kpi_status end = kpi_table_end(t, NULL);
    if (*st == KPI_OK)
        *st = end;
    fclose(out);
    return buf;
}

/* Every format comes out byte for byte as on one thread, in item order. */
static void
test_parallel_same_bytes_as_one_thread(void **state)
{
    (void)state;
    const kpi_format formats[] = {KPI_FORMAT_CSV, KPI_FORMAT_JSON, KPI_FORMAT_MD};
    job j = {.rows_per_item = 97};
    for (size_t f = 0; f < 3; f++) {
        kpi_status a, b;
        char *one = run(formats[f], 1000, &j, false, &a);
        char *two = run(formats[f], 1000, &j, true, &b);
        assert_int_equal(a, KPI_OK);
        assert_int_equal(b, KPI_OK);
        assert_int_equal(strlen(one), strlen(two));
        assert_string_equal(one, two);
        free(one);
        free(two);
    }
}

/* A failing batch stops the run with its own error. */
static void
test_parallel_failure_is_reported(void **state)
{
    (void)state;
    job j = {.rows_per_item = 97, .fail_at = 700};
    kpi_status st;
    char *out = run(KPI_FORMAT_CSV, 1000, &j, true, &st);
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
    char *one = run(KPI_FORMAT_JSON, 5, &j, false, &a);
    char *two = run(KPI_FORMAT_JSON, 5, &j, true, &b);
    assert_string_equal(one, two);
    free(one);
    free(two);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_same_bytes_as_one_thread),
        cmocka_unit_test(test_parallel_failure_is_reported),
        cmocka_unit_test(test_parallel_small_tables),
    };
    return kpi_test_run(tests);
}
