/* Tests of the error record and its one message shape. */
#include "harness.h"

#include <string.h>

/* Every status has its own name, and unknown codes are named as such. */
static void
test_error_status_names(void **state)
{
    (void)state;
    assert_string_equal(kpi_status_str(KPI_OK), "success");
    assert_string_equal(kpi_status_str(KPI_EPERIOD), "bad period");
    assert_string_equal(kpi_status_str(KPI_ERENDER), "render error");
    assert_string_equal(kpi_status_str(KPI_STATUS_LAST), "unknown status");
    for (int a = 0; a < KPI_STATUS_LAST; a++)
        for (int b = 0; b < a; b++)
            assert_string_not_equal(kpi_status_str((kpi_status)a), kpi_status_str((kpi_status)b));
}

/* The message shape drops the parts that do not apply. */
static void
test_error_format_shapes(void **state)
{
    (void)state;
    kpi_error err;
    char buf[512];
    kpi_error_set(&err, KPI_EVALUE, "a.csv", 12, 7, "expected a number, found '%s'", "x");
    size_t n = kpi_error_format(&err, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "a.csv:12:7: expected a number, found 'x'");
    kpi_error_set(&err, KPI_ECSV, "a.csv", 3, 0, "ragged");
    kpi_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "a.csv:3: ragged");
    kpi_error_set(&err, KPI_EIO, "a.csv", 0, 0, "cannot open");
    kpi_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "a.csv: cannot open");
    kpi_error_set(&err, KPI_ENOMEM, NULL, 0, 0, "%s", "");
    kpi_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "out of memory");
}

/* Setting returns the code, tolerates a NULL record, and truncates. */
static void
test_error_set_returns_code_and_truncates(void **state)
{
    (void)state;
    assert_int_equal(kpi_error_set(NULL, KPI_EDOMAIN, NULL, 0, 0, "x"), KPI_EDOMAIN);
    kpi_error err;
    char big[1000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(kpi_error_set(&err, KPI_EINVAL, big, 1, 1, "%s", big), KPI_EINVAL);
    assert_int_equal(strlen(err.message), KPI_ERROR_MESSAGE_MAX - 1);
    assert_int_equal(strlen(err.source), KPI_ERROR_SOURCE_MAX - 1);
    char small[8];
    size_t need = kpi_error_format(&err, small, sizeof small);
    assert_true(need > sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    kpi_error_clear(&err);
    assert_int_equal(err.code, KPI_OK);
    assert_int_equal(err.line, 0);
    assert_string_equal(err.message, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_status_names),
        cmocka_unit_test(test_error_format_shapes),
        cmocka_unit_test(test_error_set_returns_code_and_truncates),
    };
    return kpi_test_run(tests);
}
