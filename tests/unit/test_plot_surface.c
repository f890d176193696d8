/* Tests of the surface writer that chart files and the PDF pack share. */
#include "harness.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "surface_private.h"

/* A one-page PDF with a filled square, its bytes through sk. */
static cairo_surface_t *
square_pdf(kpi_surface_sink *sk)
{
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(kpi_surface_write, sk, 100, 100);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, NULL);
    cairo_t *cr = cairo_create(surface);
    cairo_rectangle(cr, 10, 10, 50, 50);
    cairo_fill(cr);
    cairo_destroy(cr);
    return surface;
}

static void
test_surface_close_writes_the_document(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    kpi_surface_sink sk = {fp, 0};
    kpi_error err = {0};
    assert_int_equal(
        kpi_surface_close(&sk, square_pdf(&sk), CAIRO_STATUS_SUCCESS, KPI_OK, "chart", &err),
        KPI_OK);
    fclose(fp);
    assert_true(len > 100);
    assert_memory_equal(buf, "%PDF-1.5", 8);
    assert_non_null(strstr(buf + len - 8, "%%EOF"));
    free(buf);
}

/* The first failed write is reported with its errno, whichever document. */
static void
test_surface_close_reports_a_failed_write(void **state)
{
    (void)state;
    FILE *fp = fopen("/dev/full", "wb");
    assert_non_null(fp);
    setvbuf(fp, NULL, _IONBF, 0);
    kpi_surface_sink sk = {fp, 0};
    kpi_error err = {0};
    assert_int_equal(
        kpi_surface_close(&sk, square_pdf(&sk), CAIRO_STATUS_SUCCESS, KPI_OK, "pack", &err),
        KPI_EIO);
    assert_int_equal(sk.errnum, ENOSPC);
    assert_string_equal(err.message, "could not write the pack: No space left on device");
    fclose(fp);
}

/* Bytes the caller wrote itself (a PNG) are flushed and checked too. */
static void
test_surface_close_reports_a_failed_flush(void **state)
{
    (void)state;
    FILE *fp = fopen("/dev/full", "wb");
    assert_non_null(fp);
    fputs("bytes still in the buffer", fp);
    kpi_surface_sink sk = {fp, 0};
    kpi_error err = {0};
    cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
    assert_int_equal(kpi_surface_close(&sk, image, CAIRO_STATUS_SUCCESS, KPI_OK, "chart", &err),
                     KPI_EIO);
    assert_string_equal(err.message, "could not write the chart: No space left on device");
    fclose(fp);
}

/* A drawing that failed in cairo is a render error with cairo's words. */
static void
test_surface_close_reports_a_failed_drawing(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    kpi_surface_sink sk = {fp, 0};
    kpi_error err = {0};
    assert_int_equal(
        kpi_surface_close(&sk, square_pdf(&sk), CAIRO_STATUS_INVALID_MATRIX, KPI_OK, "chart", &err),
        KPI_ERENDER);
    assert_string_equal(err.message, "could not draw the chart: invalid matrix (not invertible)");
    assert_int_equal(
        kpi_surface_close(&sk, square_pdf(&sk), CAIRO_STATUS_SUCCESS, KPI_OK, "chart", NULL),
        KPI_OK);
    fclose(fp);
    free(buf);
}

/* The caller's own failure comes back untouched, and the surface is
 * still released (ASan checks the leak). */
static void
test_surface_close_keeps_an_earlier_failure(void **state)
{
    (void)state;
    FILE *fp = fopen("/dev/full", "wb");
    kpi_surface_sink sk = {fp, 0};
    kpi_error err = {0};
    kpi_error_set(&err, KPI_EVALUE, "in.csv", 3, 7, "bad value");
    assert_int_equal(
        kpi_surface_close(&sk, square_pdf(&sk), CAIRO_STATUS_SUCCESS, KPI_EVALUE, "pack", &err),
        KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 3, 7, "bad value");
    fclose(fp);
}

static kpi_status
write_text(void *ctx, FILE *fp, kpi_error *err)
{
    (void)err;
    fputs(ctx, fp);
    return KPI_OK;
}

static kpi_status
fail_half_way(void *ctx, FILE *fp, kpi_error *err)
{
    fputs(ctx, fp);
    return kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the chart: out of memory");
}

static void
test_surface_write_file_whole_or_not_at_all(void **state)
{
    (void)state;
    const char *dir = kpi_test_fresh_dir();
    char path[128], got[32] = {0};
    snprintf(path, sizeof path, "%s/a.pdf", dir);
    assert_int_equal(kpi_surface_write_file(path, NULL, write_text, "%PDF-1.5 body", NULL), KPI_OK);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fread(got, 1, sizeof got - 1, fp), 13);
    fclose(fp);
    assert_string_equal(got, "%PDF-1.5 body");

    /* A failure leaves the old file as it was, nothing beside it, and
     * names the file it was writing. */
    kpi_error err = {0};
    assert_int_equal(kpi_surface_write_file(path, NULL, fail_half_way, "half", &err), KPI_ERENDER);
    assert_string_equal(err.source, path);
    assert_string_equal(err.message, "could not draw the chart: out of memory");
    assert_int_equal(kpi_test_entries(dir), 1);
    fp = fopen(path, "rb");
    memset(got, 0, sizeof got);
    assert_int_equal(fread(got, 1, sizeof got - 1, fp), 13);
    fclose(fp);
    assert_string_equal(got, "%PDF-1.5 body");
    assert_int_equal(kpi_surface_write_file(path, NULL, fail_half_way, "half", NULL), KPI_ERENDER);
    unlink(path);

    char missing[160];
    snprintf(missing, sizeof missing, "%s/no/such/folder/a.pdf", dir);
    assert_int_equal(kpi_surface_write_file(missing, NULL, write_text, "x", &err), KPI_EIO);
    assert_string_equal(err.source, missing);
    assert_int_equal(kpi_test_entries(dir), 0);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surface_close_writes_the_document),
        cmocka_unit_test(test_surface_close_reports_a_failed_write),
        cmocka_unit_test(test_surface_close_reports_a_failed_flush),
        cmocka_unit_test(test_surface_close_reports_a_failed_drawing),
        cmocka_unit_test(test_surface_close_keeps_an_earlier_failure),
        cmocka_unit_test(test_surface_write_file_whole_or_not_at_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
