/* Tests of the .xlsx table writer: the package parts a spreadsheet
 * program reads (numbers as numbers, formats, frozen bold header,
 * autofilter, widths), and figures that read back through kpi's sheet
 * reader as written. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "kpi/change.h"
#include "kpi/meta.h"
#include "kpi/store.h"
#include "kpi/table.h"
#include "kpi/workbook.h"
#include "sheet_private.h"

static char path[64];

static void
remove_path(void)
{
    unlink(path);
}

/* Write with fn into a fresh file; returns its path. */
static const char *
written(kpi_status (*fn)(FILE *out, void *ctx), void *ctx)
{
    if (!path[0])
        atexit(remove_path);
    snprintf(path, sizeof path, "/tmp/kpi-wb-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *out = fdopen(fd, "wb");
    assert_non_null(out);
    assert_int_equal(fn(out, ctx), KPI_OK);
    fclose(out);
    return path;
}

/* The text of one part of the package. */
static char *
part(const char *file, const char *name)
{
    int code;
    zip_t *z = zip_open(file, ZIP_RDONLY, &code);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *text = calloc(1, st.size + 1);
    zip_file_t *zf = zip_fopen(z, name, 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, text, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_discard(z);
    return text;
}

typedef struct rows {
    char text[4096];
    size_t len;
} rows;

static kpi_status
collect(void *ud, const kpi_csv_field *f, size_t n, size_t row_index, kpi_error *err)
{
    rows *r = ud;
    (void)row_index;
    (void)err;
    for (size_t i = 0; i < n; i++)
        r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "%s%s", i ? "," : "",
                                   f[i].text);
    r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "\n");
    return KPI_OK;
}

static void
read_back(const char *file, const char *sheet, rows *r)
{
    memset(r, 0, sizeof *r);
    kpi_sheet_select sel = {.sheet = sheet};
    char name[KPI_ERROR_SHEET_MAX];
    kpi_error err;
    assert_int_equal(kpi_sheet_scan(file, &sel, collect, r, name, sizeof name, &err), KPI_OK);
}

static kpi_status
write_plain(FILE *out, void *ctx)
{
    (void)ctx;
    static const char *const names[] = {"area", "period", "value", "pct_change", "note"};
    static const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER,
                                            KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT};
    kpi_table *t = kpi_table_new(out, KPI_FORMAT_XLSX, names, types, 5, NULL);
    assert_non_null(t);
    const char *r1[] = {"Kent", "2019-03", "14766", "-2.35", "a much longer note than its header"};
    const char *r2[] = {"Essex", "2019-04", "*", NULL, NULL};
    const char *r3[] = {"Surrey", "2019", "9.6%", "10", "0123"};
    assert_int_equal(kpi_table_row(t, r1, NULL), KPI_OK);
    assert_int_equal(kpi_table_row(t, r2, NULL), KPI_OK);
    assert_int_equal(kpi_table_row(t, r3, NULL), KPI_OK);
    return kpi_table_end(t, NULL);
}

/* Number cells are numbers (t="n", the default) with a format of their
 * decimals, a percentage column's with a % sign shown after it; a value
 * written "9.6%" is a spreadsheet percentage (0.096, format 0.0%); "*"
 * and a number-like note stay text; periods are text. */
static void
test_workbook_cells_and_formats(void **state)
{
    (void)state;
    const char *file = written(write_plain, NULL);
    char *sheet = part(file, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet, "<c r=\"C2\" s=\""));
    assert_non_null(strstr(sheet, "<v>14766</v>"));
    assert_non_null(strstr(sheet, "<v>-2.35</v>"));
    assert_non_null(strstr(sheet, "<v>0.096</v>"));
    assert_non_null(strstr(sheet, "<c r=\"C3\" t=\"inlineStr\"><is><t>*</t></is></c>"));
    assert_non_null(strstr(sheet, "<c r=\"E4\" t=\"inlineStr\"><is><t>0123</t></is></c>"));
    assert_non_null(strstr(sheet, "<c r=\"B4\" t=\"inlineStr\"><is><t>2019</t></is></c>"));
    /* Frozen header, autofilter over the table, widths. */
    assert_non_null(strstr(sheet, "state=\"frozen\""));
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:E4\"/>"));
    assert_non_null(strstr(sheet, "<col min=\"5\" max=\"5\" width=\"34."));
    free(sheet);
    char *styles = part(file, "xl/styles.xml");
    assert_non_null(strstr(styles, "formatCode=\"0.00&quot;%&quot;\""));
    assert_non_null(strstr(styles, "formatCode=\"0.0%\""));
    assert_non_null(strstr(styles, "<b/>"));
    free(styles);
    /* What a reader gets back: the figures as written. */
    rows r;
    read_back(file, NULL, &r);
    assert_string_equal(r.text, "area,period,value,pct_change,note\n"
                                "Kent,2019-03,14766,-2.35,a much longer note than its header\n"
                                "Essex,2019-04,*,,\n"
                                "Surrey,2019,9.6%,10,0123\n");
}

typedef struct sheets {
    const char *names[2];
} sheets;

static kpi_status
write_two(FILE *out, void *ctx)
{
    const sheets *sh = ctx;
    kpi_error err;
    kpi_workbook *wb = kpi_workbook_new(out, &err);
    assert_non_null(wb);
    static const char *const cols[] = {"k", "n"};
    static const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
    for (int i = 0; i < 2; i++) {
        kpi_table *t = kpi_workbook_table(wb, sh->names[i], cols, types, 2, &err);
        assert_non_null(t);
        const char *row[] = {sh->names[i], i ? "2.50" : "1"};
        assert_int_equal(kpi_table_row(t, row, NULL), KPI_OK);
        assert_int_equal(kpi_table_end(t, NULL), KPI_OK);
    }
    /* A name Excel refuses is refused here. */
    assert_null(kpi_workbook_table(wb, "a/b", cols, types, 2, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    return kpi_workbook_close(wb, NULL);
}

/* A workbook holds a table per sheet, each read back by its name. */
static void
test_workbook_sheets(void **state)
{
    (void)state;
    sheets sh = {{"counts", "register"}};
    const char *file = written(write_two, &sh);
    rows r;
    read_back(file, "register", &r);
    assert_string_equal(r.text, "k,n\nregister,2.5\n");
    read_back(file, "counts", &r);
    assert_string_equal(r.text, "k,n\ncounts,1\n");
}

typedef struct described {
    const kpi_store *store;
    const kpi_meta *meta;
    kpi_format format;
} described;

static kpi_status
write_described(FILE *out, void *ctx)
{
    const described *d = ctx;
    kpi_table_options opt = {.format = d->format, .meta = d->meta, .threads = 1};
    return kpi_table_write_store(d->store, out, &opt, NULL);
}

/* The second sheet, "metadata", lists each indicator once in order of
 * first appearance with the metadata file's columns (label, unit,
 * better, aggregation, target, target_op, decimals) and the frequency of
 * its series, target and decimals stored as numbers; an indicator the
 * metadata leaves out gets the unit its values carry and its frequency
 * only. */
static void
test_workbook_metadata_sheet(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,area,period,value\n"
                                 "knife,Kent,2019-03,10\n"
                                 "solved,Kent,2019-03,9.6%\n"
                                 "knife,Essex,2019-03,12\n"
                                 "calls,Kent,2019-03,7\n"
                                 "solved,Essex,2019-03,11.5%\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta(
        "indicator,label,unit,better,aggregation,target,target_op,decimals\n"
        "knife,\"Knife crime, offences\",offences,down,,14000,<=,0\n"
        "solved,Solved rate,,up,mean,0.125,>=,1\n"
        "unused,Not in the data,things,,,,,\n");
    described d = {s, m, KPI_FORMAT_XLSX};
    const char *file = written(write_described, &d);
    rows r;
    read_back(file, "metadata", &r);
    assert_string_equal(
        r.text, "indicator,label,unit,frequency,better,aggregation,target,target_op,decimals\n"
                "knife,Knife crime, offences,offences,month,down,sum,14000,<=,0\n"
                "solved,Solved rate,%,month,up,mean,0.125,>=,1\n"
                "calls,,,month,,,,,\n");
    /* The target and decimals are numbers, not text. */
    char *xml = part(file, "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(xml, "<v>14000</v>"));
    assert_non_null(strstr(xml, "<v>0.125</v>"));
    assert_null(strstr(xml, ">14000</t>"));
    free(xml);
    /* And the sheet reads back as the metadata it came from. */
    kpi_error err;
    char named[300];
    snprintf(named, sizeof named, "%s#metadata", file);
    kpi_meta *back = kpi_meta_read(named, &err);
    assert_non_null(back);
    for (size_t i = 0; i < 2; i++) {
        const kpi_indicator_meta *a = kpi_meta_at(m, i), *b = kpi_meta_at(back, i);
        assert_string_equal(b->label, a->label);
        assert_int_equal(b->better, a->better);
        assert_int_equal(b->aggregation, a->aggregation);
        assert_int_equal(b->target_op, a->target_op);
        assert_true(b->target == a->target);
        assert_int_equal(b->decimals, a->decimals);
    }
    kpi_meta_free(back);
    /* The data stays on the first sheet, series in order of first
     * appearance. */
    read_back(file, NULL, &r);
    assert_string_equal(r.text, "indicator,area,period,value\n"
                                "knife,Kent,2019-03,10\n"
                                "solved,Kent,2019-03,9.6%\n"
                                "knife,Essex,2019-03,12\n"
                                "calls,Kent,2019-03,7\n"
                                "solved,Essex,2019-03,11.5%\n");
    /* Without metadata the units the values carry are listed. */
    d.meta = NULL;
    file = written(write_described, &d);
    read_back(file, "metadata", &r);
    assert_string_equal(
        r.text, "indicator,label,unit,frequency,better,aggregation,target,target_op,decimals\n"
                "knife,,,month,,,,,\n"
                "solved,,%,month,,,,,\n"
                "calls,,,month,,,,,\n");
    kpi_meta_free(m);
    kpi_store_free(s);
    /* Plain counts and no metadata: nothing to list, one sheet. */
    s = kpi_test_read("indicator,area,period,value\nknife,Kent,2019-03,10\n", NULL);
    d = (described){s, NULL, KPI_FORMAT_XLSX};
    file = written(write_described, &d);
    char *wbxml = part(file, "xl/workbook.xml");
    assert_null(strstr(wbxml, "metadata"));
    assert_non_null(strstr(wbxml, "name=\"kpi\""));
    free(wbxml);
    kpi_store_free(s);
}

/* Out of memory anywhere: a status, no leak. */
static void
test_workbook_out_of_memory(void **state)
{
    (void)state;
    for (long k = 0;; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        kpi_alloc_fail_after(k);
        static const char *const names[] = {"a", "n"};
        static const kpi_column_type types[] = {KPI_COLUMN_TEXT, KPI_COLUMN_NUMBER};
        kpi_error err;
        kpi_table *t = kpi_table_new(out, KPI_FORMAT_XLSX, names, types, 2, &err);
        kpi_status st = KPI_ENOMEM;
        if (t) {
            const char *row[] = {"x", "1.5"};
            kpi_table_row(t, row, NULL);
            st = kpi_table_end(t, &err);
        }
        kpi_alloc_fail_after(-1);
        fclose(out);
        free(buf);
        if (st == KPI_OK)
            break;
        assert_int_equal(err.code, KPI_ENOMEM);
        assert_true(k < 1000);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workbook_cells_and_formats),
        cmocka_unit_test(test_workbook_sheets),
        cmocka_unit_test(test_workbook_metadata_sheet),
        cmocka_unit_test(test_workbook_out_of_memory),
    };
    return kpi_test_run(tests);
}
