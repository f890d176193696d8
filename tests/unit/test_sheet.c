/* Tests of the workbook reader: .xlsx sheets made here with libxlsxwriter
 * (the writer Excel-compatible tools use), .ods sheets made by LibreOffice
 * (tests/data/sheets/README.md), read cell by cell and as series that must
 * equal the same table read from CSV. */
#include "harness.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "kpi/meta.h"
#include "kpi/milestones.h"
#include "kpi/population.h"
#include "kpi/reader.h"
#include "kpi/rollup.h"
#include "kpi/table.h"
#include "sheet_private.h"

/* ---- helpers ------------------------------------------------------------- */

static char tmp_paths[64][64];
static size_t n_tmp;

static void
remove_tmp(void)
{
    for (size_t i = 0; i < n_tmp; i++)
        unlink(tmp_paths[i]);
}

/* A fresh path ending in ext, removed at exit. */
static const char *
tmp_path(const char *ext)
{
    assert_true(n_tmp < 64);
    char *p = tmp_paths[n_tmp];
    snprintf(p, sizeof tmp_paths[0], "/tmp/kpi-sheet-XXXXXX");
    int fd = mkstemp(p);
    assert_true(fd >= 0);
    close(fd);
    unlink(p);
    strcat(p, ext);
    if (n_tmp++ == 0)
        atexit(remove_tmp);
    return p;
}

/* The rows a scan hands over, as "a|b|c\n" lines, with each field's
 * place checked against its position in the row. */
typedef struct rows {
    char text[4096];
    size_t len;
    unsigned long first_line;       /* the header's row number */
    char name[KPI_ERROR_SHEET_MAX]; /* the sheet read */
    kpi_error err;
    int restarts;     /* calls of forget */
    bool full_header; /* a header with an empty cell fails */
} rows;

static kpi_status
collect(void *ud, const kpi_csv_field *f, size_t n, size_t row_index, kpi_error *err)
{
    rows *r = ud;
    if (row_index == 0)
        r->first_line = f[0].line;
    for (size_t i = 0; r->full_header && row_index == 0 && i < n; i++)
        if (!f[i].len)
            return kpi_error_set(err, KPI_ELAYOUT, "t", f[i].line, f[i].column, "empty name");
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(f[i].column, i + 1);
        assert_int_equal(f[i].line, f[0].line);
        assert_int_equal(strlen(f[i].text), f[i].len);
        r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "%s%s", i ? "|" : "",
                                   f[i].text);
    }
    r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "\n");
    return KPI_OK;
}

static kpi_status
scan(const char *path, const char *sheet, size_t skip, rows *r)
{
    memset(r, 0, sizeof *r);
    kpi_sheet_select sel = {.sheet = sheet, .skip = skip};
    return kpi_sheet_scan(path, &sel, collect, r, r->name, sizeof r->name, &r->err);
}

/* kpi_sheet_select.restart: the rows so far are forgotten. */
static kpi_status
forget(void *ud, kpi_error *err)
{
    rows *r = ud;
    (void)err;
    r->restarts++;
    r->len = 0;
    r->text[0] = '\0';
    return KPI_OK;
}

/* scan, with the rows read in one pass when they can be. */
static kpi_status
scan_once(const char *path, size_t skip, bool full_header, rows *r)
{
    memset(r, 0, sizeof *r);
    r->full_header = full_header;
    kpi_sheet_select sel = {.skip = skip, .restart = forget};
    return kpi_sheet_scan(path, &sel, collect, r, r->name, sizeof r->name, &r->err);
}

/* The canonical CSV of a store: two stores are the same when these are. */
static char *
store_csv(const kpi_store *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(kpi_table_write_store(s, fp, NULL, NULL), KPI_OK);
    fclose(fp);
    return buf;
}

static kpi_store *
read_path(const char *path, const kpi_reader_options *opt, kpi_error *err)
{
    kpi_reader_options defaults = kpi_reader_options_default();
    return kpi_read_file(path, opt ? opt : &defaults, NULL, err);
}

/* Replace one part of a zip package by text, as a tool that writes a
 * workbook differently would have written it. */
static void
replace_part(const char *path, const char *part, const char *from, const char *to)
{
    int code;
    zip_t *z = zip_open(path, 0, &code);
    assert_non_null(z);
    zip_file_t *zf = zip_fopen(z, part, 0);
    assert_non_null(zf);
    static char old[65536], text[65536];
    zip_int64_t n = zip_fread(zf, old, sizeof old - 1);
    assert_true(n > 0);
    old[n] = '\0';
    zip_fclose(zf);
    char *at = strstr(old, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - old), old, to, at + strlen(from));
    zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
    assert_true(zip_file_add(z, part, src, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
}

/* ---- workbooks made here --------------------------------------------------- */

/* A workbook being written at a fresh path: its sheet named sheet (NULL:
 * Sheet1), after a sheet "Notes" when notes is true. */
typedef struct book {
    const char *path;
    lxw_workbook *wb;
    lxw_worksheet *ws;
} book;

static book
book_new(const char *sheet, bool notes, lxw_workbook_options *wopt)
{
    book b = {.path = tmp_path(".xlsx")};
    b.wb = wopt ? workbook_new_opt(b.path, wopt) : workbook_new(b.path);
    assert_non_null(b.wb);
    if (notes)
        worksheet_write_string(workbook_add_worksheet(b.wb, "Notes"), 0, 0, "Police recorded crime",
                               NULL);
    b.ws = workbook_add_worksheet(b.wb, sheet);
    return b;
}

/* A cell format with the number format code. */
static lxw_format *
book_format(book *b, const char *code)
{
    lxw_format *f = workbook_add_format(b->wb);
    format_set_num_format(f, code);
    return f;
}

/* Write the workbook out; its path. */
static const char *
book_close(book *b)
{
    assert_int_equal(workbook_close(b->wb), LXW_NO_ERROR);
    return b->path;
}

/* A long table with every kind of cell, on a sheet "Table 3" after a
 * sheet of notes, with two title rows (and a blank one) above the header. */
static const char *
long_workbook(lxw_workbook_options *wopt)
{
    book b = book_new("Table 3", true, wopt);
    lxw_worksheet *ws = b.ws;
    lxw_format *pct = book_format(&b, "0.0%"), *date = book_format(&b, "dd/mm/yyyy"),
               *dec = book_format(&b, "#,##0.00");
    worksheet_write_string(ws, 0, 0, "Table 3: knife crime by area", NULL);
    worksheet_write_string(ws, 1, 0, "Source: Home Office", NULL);
    const char *head[] = {"indicator", "area", "period", "value", "flag"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 3, (lxw_col_t)c, head[c], NULL);
    /* Row 5: a whole number shown with two decimals; stored as 14766. */
    worksheet_write_string(ws, 4, 0, "knife_crime", NULL);
    worksheet_write_string(ws, 4, 1, "London", NULL);
    worksheet_write_string(ws, 4, 2, "2017-18", NULL);
    worksheet_write_number(ws, 4, 3, 14766, dec);
    worksheet_write_boolean(ws, 4, 4, 1, NULL);
    /* Row 6: a number kept as text, as published tables often have. */
    worksheet_write_string(ws, 5, 0, "knife_crime", NULL);
    worksheet_write_string(ws, 5, 1, "London", NULL);
    worksheet_write_string(ws, 5, 2, "2018-19", NULL);
    worksheet_write_string(ws, 5, 3, "15,080", NULL);
    worksheet_write_boolean(ws, 5, 4, 0, NULL);
    /* Row 7: a percentage. */
    worksheet_write_string(ws, 6, 0, "detection_rate", NULL);
    worksheet_write_string(ws, 6, 1, "London", NULL);
    worksheet_write_string(ws, 6, 2, "2018-19", NULL);
    worksheet_write_number(ws, 6, 3, 0.096, pct);
    /* Row 8: a decimal as stored, not as shown. */
    worksheet_write_string(ws, 7, 0, "rate", NULL);
    worksheet_write_string(ws, 7, 1, "London", NULL);
    worksheet_write_string(ws, 7, 2, "2018-19", NULL);
    worksheet_write_number(ws, 7, 3, 0.125, dec);
    /* Row 9: a date cell (serial 43555 is 31 March 2019). */
    worksheet_write_string(ws, 8, 0, "rate", NULL);
    worksheet_write_string(ws, 8, 1, "Kent", NULL);
    worksheet_write_number(ws, 8, 2, 43555, date);
    worksheet_write_number(ws, 8, 3, 7, NULL);
    return book_close(&b);
}

/* Every kind of cell reads as its CSV text would be: numbers as stored,
 * the percentage with its sign, the date as an ISO date, booleans as
 * words, a number kept as text as it is; title rows and the blank row
 * are left out, rows padded to the header's width. */
static void
test_sheet_xlsx_cells_as_csv_text(void **state)
{
    (void)state;
    const char *path = long_workbook(NULL);
    rows r;
    assert_int_equal(scan(path, "Table 3", 3, &r), KPI_OK);
    assert_string_equal(r.name, "Table 3");
    assert_int_equal(r.first_line, 4);
    assert_string_equal(r.text, "indicator|area|period|value|flag\n"
                                "knife_crime|London|2017-18|14766|TRUE\n"
                                "knife_crime|London|2018-19|15,080|FALSE\n"
                                "detection_rate|London|2018-19|9.6%|\n"
                                "rate|London|2018-19|0.125|\n"
                                "rate|Kent|2019-03-31|7|\n");
}

/* The same with the workbook written in libxlsxwriter's constant-memory
 * mode, which stores strings inline in the sheet instead of shared. */
static void
test_sheet_xlsx_inline_strings(void **state)
{
    (void)state;
    lxw_workbook_options wopt = {.constant_memory = LXW_TRUE};
    const char *path = long_workbook(&wopt);
    rows r;
    assert_int_equal(scan(path, "2", 3, &r), KPI_OK);
    assert_string_equal(r.name, "Table 3");
    assert_non_null(strstr(r.text, "knife_crime|London|2018-19|15,080|FALSE\n"));
    assert_non_null(strstr(r.text, "rate|Kent|2019-03-31|7|\n"));
}

/* The series read from the sheet equal those read from the same table
 * as CSV. */
static void
test_sheet_xlsx_series_equal_csv(void **state)
{
    (void)state;
    const char *path = long_workbook(NULL);
    kpi_reader_options opt = kpi_reader_options_default();
    opt.sheet = "Table 3";
    opt.skip = 3;
    kpi_error err;
    kpi_store *s = read_path(path, &opt, &err);
    assert_non_null(s);
    const char *csv = "indicator,area,period,value,flag\n"
                      "knife_crime,London,2017-18,14766,TRUE\n"
                      "knife_crime,London,2018-19,\"15,080\",FALSE\n"
                      "detection_rate,London,2018-19,9.6%,\n"
                      "rate,London,2018-19,0.125,\n"
                      "rate,Kent,2019-03-31,7,\n";
    kpi_store *c = kpi_test_read(csv, NULL);
    char *a = store_csv(s), *b = store_csv(c);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "detection_rate,London,2018-19,9.6%"));
    free(a);
    free(b);
    kpi_store_free(s);
    kpi_store_free(c);
}

/* A bad cell is located as spreadsheet users name cells: the sheet and
 * cell D12, formatted 'file: sheet "Table 3", cell D12: ...'; --na
 * applies as for CSV. */
static void
test_sheet_error_names_sheet_and_cell(void **state)
{
    (void)state;
    book b = book_new("Table 3", false, NULL);
    lxw_worksheet *ws = b.ws;
    const char *head[] = {"indicator", "area", "period", "value"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    for (lxw_row_t row = 1; row < 12; row++) {
        char period[16];
        snprintf(period, sizeof period, "2019-%02u", (unsigned)row);
        worksheet_write_string(ws, row, 0, "crime", NULL);
        worksheet_write_string(ws, row, 1, "Kent", NULL);
        worksheet_write_string(ws, row, 2, period, NULL);
        if (row == 11)
            worksheet_write_string(ws, row, 3, "n.k.", NULL);
        else
            worksheet_write_number(ws, row, 3, row * 10.0, NULL);
    }
    const char *path = book_close(&b);
    kpi_error err;
    assert_null(read_path(path, NULL, &err));
    assert_int_equal(err.code, KPI_EVALUE);
    assert_int_equal(err.line, 12);
    assert_int_equal(err.column, 4);
    assert_string_equal(err.sheet, "Table 3");
    char msg[700];
    kpi_error_format(&err, msg, sizeof msg);
    char want[300];
    snprintf(want, sizeof want, "%s: sheet \"Table 3\", cell D12: column 'value': ", path);
    assert_memory_equal(msg, want, strlen(want));
    assert_non_null(strstr(msg, "'n.k.'"));

    /* With n.k. as a missing marker, the sheet reads, as a CSV file would. */
    kpi_reader_options opt = kpi_reader_options_default();
    const char *na[] = {"n.k."};
    opt.markers.extra = na;
    opt.markers.n_extra = 1;
    kpi_store *s = read_path(path, &opt, &err);
    assert_non_null(s);
    kpi_store_free(s);
}

/* Cells of a merged range read as its top-left cell, down and across;
 * rows the file leaves out inside a range still read. */
static void
test_sheet_xlsx_merged_cells_fill(void **state)
{
    (void)state;
    book b = book_new(NULL, false, NULL);
    lxw_worksheet *ws = b.ws;
    worksheet_write_string(ws, 0, 0, "area", NULL);
    worksheet_merge_range(ws, 0, 1, 0, 2, "2019", NULL);
    worksheet_merge_range(ws, 1, 0, 3, 0, "Kent", NULL);
    worksheet_write_number(ws, 1, 1, 1, NULL);
    worksheet_write_number(ws, 1, 2, 2, NULL);
    worksheet_write_number(ws, 3, 1, 5, NULL);
    const char *path = book_close(&b);
    rows r;
    static const char filled[] = "area|2019|2019\n"
                                 "Kent|1|2\n"
                                 "Kent||\n"
                                 "Kent|5|\n";
    assert_int_equal(scan(path, NULL, 0, &r), KPI_OK);
    assert_string_equal(r.text, filled);
    assert_int_equal(r.restarts, 0);
    /* Read in one pass, the ranges turn up after the rows: the rows come
     * again, filled, after the first ones are forgotten.  The header of
     * the first pass, "area|2019|", fails a reader that wants every
     * column named; that failure is the range's doing, and does not
     * stand. */
    assert_int_equal(scan_once(path, 0, false, &r), KPI_OK);
    assert_string_equal(r.text, filled);
    assert_int_equal(r.restarts, 1);
    assert_int_equal(scan_once(path, 0, true, &r), KPI_OK);
    assert_string_equal(r.text, filled);
    assert_int_equal(r.restarts, 1);
    /* Below the skipped rows no range reaches: one pass. */
    assert_int_equal(scan_once(path, 4, false, &r), KPI_OK);
    assert_string_equal(r.text, "");
    assert_int_equal(r.restarts, 0);
    /* With row 2 as the header, the range of rows 2 to 4 reaches it. */
    assert_int_equal(scan_once(path, 1, false, &r), KPI_OK);
    assert_string_equal(r.text, "Kent|1|2\n"
                                "Kent||\n"
                                "Kent|5|\n");
    assert_int_equal(r.restarts, 1);

    /* A sheet with no merged range: one pass, and a failure stands, with
     * its place, as the reader without restart reports it. */
    book plain = book_new(NULL, false, NULL);
    worksheet_write_string(plain.ws, 0, 0, "area", NULL);
    worksheet_write_string(plain.ws, 0, 2, "2019", NULL);
    worksheet_write_string(plain.ws, 1, 0, "Kent", NULL);
    path = book_close(&plain);
    assert_int_equal(scan_once(path, 0, false, &r), KPI_OK);
    assert_string_equal(r.text, "area||2019\nKent||\n");
    assert_int_equal(r.restarts, 0);
    assert_int_equal(scan_once(path, 0, true, &r), KPI_ELAYOUT);
    assert_int_equal(r.restarts, 0);
    assert_string_equal(r.err.message, "empty name");
    assert_int_equal(r.err.line, 1);
    assert_int_equal(r.err.column, 2);
    assert_string_equal(r.err.sheet, "Sheet1");
}

/* Serials read in the workbook's date system: in the 1900 system, the
 * day after 28 February 1900 is 1 March (serial 61), and serial 60, the
 * 29 February that Lotus invented, is a date no period parses; in the
 * 1904 system serial 0 is 1 January 1904.  A time of day is kept. */
static void
test_sheet_xlsx_date_systems(void **state)
{
    (void)state;
    book b = book_new(NULL, false, NULL);
    lxw_worksheet *ws = b.ws;
    lxw_format *date = book_format(&b, "yyyy-mm-dd"),
               *stamp = book_format(&b, "[$-809]dd mmm yyyy hh:mm");
    const double serials[] = {1, 59, 60, 61, 43555};
    worksheet_write_string(ws, 0, 0, "date", NULL);
    for (int i = 0; i < 5; i++)
        worksheet_write_number(ws, (lxw_row_t)(i + 1), 0, serials[i], date);
    worksheet_write_number(ws, 6, 0, 43555.5, stamp);
    const char *path = book_close(&b);
    rows r;
    assert_int_equal(scan(path, NULL, 0, &r), KPI_OK);
    assert_string_equal(r.text, "date\n1900-01-01\n1900-02-28\n1900-02-29\n1900-03-01\n"
                                "2019-03-31\n2019-03-31T12:00:00\n");
    replace_part(path, "xl/workbook.xml", "<workbookPr", "<workbookPr date1904=\"1\"");
    assert_int_equal(scan(path, NULL, 0, &r), KPI_OK);
    assert_string_equal(r.text, "date\n1904-01-02\n1904-02-29\n1904-03-01\n1904-03-02\n"
                                "2023-04-01\n2023-04-01T12:00:00\n");
}

/* A number in a date or percentage cell that is no serial or fraction kpi
 * can turn (here 120 digits, longer than the text a date or percentage
 * becomes) is kept whole as stored, never cut to a buffer's size: the
 * fuzzer found the old code reading past that buffer. */
static void
test_sheet_xlsx_long_numbers_kept(void **state)
{
    (void)state;
    book b = book_new(NULL, false, NULL);
    worksheet_write_string(b.ws, 0, 0, "date", NULL);
    worksheet_write_string(b.ws, 0, 1, "share", NULL);
    worksheet_write_number(b.ws, 1, 0, 43555, book_format(&b, "yyyy-mm-dd"));
    worksheet_write_number(b.ws, 1, 1, 0.25, book_format(&b, "0.0%"));
    const char *path = book_close(&b);
    char digits[121];
    memset(digits, '7', 120);
    digits[120] = '\0';
    char big[160];
    snprintf(big, sizeof big, "<v>%s</v>", digits);
    replace_part(path, "xl/worksheets/sheet1.xml", "<v>43555</v>", big);
    snprintf(big, sizeof big, "<v>0.%s</v>", digits);
    replace_part(path, "xl/worksheets/sheet1.xml", "<v>0.25</v>", big);
    rows r;
    assert_int_equal(scan(path, NULL, 0, &r), KPI_OK);
    char want[400];
    snprintf(want, sizeof want, "date|share\n%s|0.%s\n", digits, digits);
    assert_string_equal(r.text, want);
}

/* A sheet that is not there is an error naming the sheets there are. */
static void
test_sheet_unknown_sheet_lists_sheets(void **state)
{
    (void)state;
    const char *path = long_workbook(NULL);
    rows r;
    assert_int_equal(scan(path, "Table 4", 0, &r), KPI_EINVAL);
    assert_string_equal(r.err.message,
                        "no sheet \"Table 4\": the workbook's sheets are \"Notes\", \"Table 3\"");
    assert_int_equal(scan(path, "3", 0, &r), KPI_EINVAL);
    /* The first sheet by default; by number. */
    assert_int_equal(scan(path, NULL, 0, &r), KPI_OK);
    assert_string_equal(r.text, "Police recorded crime\n");
    assert_int_equal(scan(path, "1", 0, &r), KPI_OK);
    assert_string_equal(r.name, "Notes");
}

/* A truncated, corrupt or encrypted workbook is a clear error, never a
 * crash; a text file is not mistaken for one. */
static void
test_sheet_broken_workbooks(void **state)
{
    (void)state;
    const char *path = long_workbook(NULL);
    FILE *fp = fopen(path, "rb");
    static char bytes[1 << 16];
    size_t n = fread(bytes, 1, sizeof bytes, fp);
    fclose(fp);
    rows r;
    const char *cut = kpi_test_tmpfile(bytes, n / 2);
    assert_int_equal(scan(cut, NULL, 0, &r), KPI_EIO);
    assert_non_null(strstr(r.err.message, "corrupt or truncated"));
    assert_int_equal(r.err.line, 0);

    const char *text = kpi_test_tmpfile("a,b\n1,2\n", 8);
    fp = fopen(text, "rb");
    assert_false(kpi_sheet_is_workbook(text, fp));
    fclose(fp);
    assert_int_equal(scan(text, NULL, 0, &r), KPI_EIO);
    assert_non_null(strstr(r.err.message, "not a readable workbook"));

    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 encrypted package";
    const char *enc = kpi_test_tmpfile(ole, sizeof ole - 1);
    fp = fopen(enc, "rb");
    assert_true(kpi_sheet_is_workbook(enc, fp));
    fclose(fp);
    assert_null(read_path(enc, NULL, &r.err));
    assert_int_equal(r.err.code, KPI_EIO);
    assert_non_null(strstr(r.err.message, "password-protected"));

    /* A row inside a cell leaves the cell in no column. */
    const char *nested = long_workbook(NULL);
    replace_part(nested, "xl/worksheets/sheet2.xml", "</c>", "<row/></c>");
    assert_int_equal(scan(nested, "Table 3", 0, &r), KPI_EIO);
    assert_string_equal(r.err.message,
                        "a cell in no column (a row inside a cell?); the file is corrupt");
    assert_int_equal(r.err.line, 1);

    /* Bytes that do not convert from the encoding the XML declares: a
     * message, and nothing printed, though libxml2 prints such failures
     * unless kept from it. */
    const char *sjis = long_workbook(NULL);
    replace_part(sjis, "xl/worksheets/sheet2.xml", "encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"");
    replace_part(sjis, "xl/worksheets/sheet2.xml", "</sheetData>", "<!--\x81 --></sheetData>");
    const char *printed = tmp_path(".err");
    fflush(stderr);
    int saved = dup(2), fd = open(printed, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    kpi_status st = scan(sjis, "Table 3", 0, &r);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(st, KPI_EIO);
    assert_string_equal(r.err.message, "the workbook is corrupt: xl/worksheets/sheet2.xml: input "
                                       "conversion failed due to input error, bytes 0x81 0x20 "
                                       "0x2D 0x2D");
    struct stat sb;
    assert_int_equal(stat(printed, &sb), 0);
    assert_int_equal(sb.st_size, 0);

    /* XML broken after the rows, where merged ranges would be: refused
     * in one pass and in two alike. */
    const char *tail = long_workbook(NULL);
    replace_part(tail, "xl/worksheets/sheet1.xml", "</sheetData>", "</sheetData><mergeCells>");
    assert_int_equal(scan(tail, NULL, 0, &r), KPI_EIO);
    assert_string_equal(r.err.message, "the workbook is corrupt: xl/worksheets/sheet1.xml, line 2: "
                                       "Opening and ending tag mismatch: mergeCells line 0 and "
                                       "worksheet");
    assert_int_equal(scan_once(tail, 0, false, &r), KPI_EIO);
    assert_string_equal(r.err.message, "the workbook is corrupt: xl/worksheets/sheet1.xml, line 2: "
                                       "Opening and ending tag mismatch: mergeCells line 0 and "
                                       "worksheet");

    /* A sheet whose XML breaks off. */
    replace_part(path, "xl/worksheets/sheet2.xml", "</sheetData>", "<row r=\"99\"><c r=\"A99\"");
    assert_int_equal(scan(path, "Table 3", 0, &r), KPI_EIO);
    assert_non_null(strstr(r.err.message, "xl/worksheets/sheet2.xml"));
}

/* The sheet option is for workbooks: on a CSV file it is refused, not
 * ignored. */
static void
test_sheet_option_on_text_file(void **state)
{
    (void)state;
    const char *text = kpi_test_tmpfile("indicator,period,value\nx,2019,1\n", 31);
    kpi_reader_options opt = kpi_reader_options_default();
    opt.sheet = "Sheet1";
    kpi_error err;
    assert_null(read_path(text, &opt, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    /* --skip works on CSV too: the title line goes. */
    const char *titled = kpi_test_tmpfile("Table 1\nindicator,period,value\nx,2019,1\n", 39);
    opt.sheet = NULL;
    opt.skip = 1;
    kpi_store *s = read_path(titled, &opt, &err);
    assert_non_null(s);
    assert_int_equal(kpi_store_count(s), 1);
    kpi_store_free(s);
}

/* Workbooks LibreOffice made from the CSV files beside them read as those
 * files: a wide table whose equal neighbours are repeated columns in the
 * .ods, and an event list, counted, with dates. */
static void
test_sheet_libreoffice_equals_csv(void **state)
{
    (void)state;
    static const char *const names[] = {"wide", "events"};
    static const char *const exts[] = {".ods", ".xlsx"};
    for (size_t i = 0; i < 2; i++) {
        kpi_reader_options opt = kpi_reader_options_default();
        opt.count = i == 1;
        char csv[64];
        snprintf(csv, sizeof csv, "tests/data/sheets/%s.csv", names[i]);
        kpi_error err;
        kpi_store *c = read_path(kpi_test_path(csv), &opt, &err);
        assert_non_null(c);
        char *want = store_csv(c);
        for (size_t k = 0; k < 2; k++) {
            char file[64];
            snprintf(file, sizeof file, "tests/data/sheets/%s%s", names[i], exts[k]);
            kpi_store *s = read_path(kpi_test_path(file), &opt, &err);
            if (!s)
                fail_msg("%s: %s", file, err.message);
            char *got = store_csv(s);
            assert_string_equal(got, want);
            free(got);
            kpi_store_free(s);
        }
        free(want);
        kpi_store_free(c);
    }
}

/* Typed ODS cells (LibreOffice's import of events.csv, with special
 * numbers detected): dates as ISO dates, percentages with their sign;
 * the events read as counts equal to the CSV's. */
static void
test_sheet_ods_typed_cells(void **state)
{
    (void)state;
    rows r;
    const char *ods = kpi_test_path("tests/data/sheets/events.ods");
    assert_int_equal(scan(ods, "events", 0, &r), KPI_OK);
    assert_string_equal(r.text, "date|area|type|share\n"
                                "2019-03-31|Kent|burglary|9.6%\n"
                                "2019-03-31|Kent|burglary|9.6%\n"
                                "2019-04-01|Kent|robbery|12.5%\n"
                                "2019-04-01|Essex|robbery|100%\n");
    kpi_reader_options opt = kpi_reader_options_default();
    opt.count = true;
    opt.period = "date";
    kpi_store *s = read_path(ods, &opt, &r.err);
    assert_non_null(s);
    kpi_store *c = read_path(kpi_test_path("tests/data/sheets/events.csv"), &opt, &r.err);
    assert_non_null(c);
    char *a = store_csv(s), *b = store_csv(c);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "events,Kent,2019-03-31,2\n"));
    free(a);
    free(b);
    kpi_store_free(s);
    kpi_store_free(c);
}

/* Out of memory at any allocation: a status, no leak (ASan checks). */
static void
test_sheet_out_of_memory(void **state)
{
    (void)state;
    const char *path = long_workbook(NULL);
    kpi_reader_options opt = kpi_reader_options_default();
    opt.sheet = "Table 3";
    opt.skip = 3;
    for (long k = 0;; k++) {
        kpi_error err;
        kpi_alloc_fail_after(k);
        kpi_store *s = read_path(path, &opt, &err);
        kpi_alloc_fail_after(-1);
        if (s) {
            kpi_store_free(s);
            break;
        }
        assert_int_equal(err.code, KPI_ENOMEM);
        assert_true(k < 5000);
    }
}

/* ---- side tables: metadata, registers, populations ---------------------- */

/* A workbook at a fresh path whose sheet `sheet` holds the lines of csv
 * (fields split at commas, no quoting), numbers as numbers, after a first
 * sheet "Notes" when notes is true. */
static const char *
csv_workbook(const char *csv, const char *sheet, bool notes)
{
    book b = book_new(sheet, notes, NULL);
    lxw_worksheet *ws = b.ws;
    char line[512];
    lxw_row_t row = 0;
    for (const char *p = csv; *p; row++) {
        size_t n = strcspn(p, "\n");
        assert_true(n < sizeof line);
        memcpy(line, p, n);
        line[n] = '\0';
        p += n + (p[n] == '\n');
        char *cell = line;
        for (lxw_col_t col = 0; cell; col++) {
            char *comma = strchr(cell, ',');
            if (comma)
                *comma = '\0';
            char *end;
            double x = strtod(cell, &end);
            if (*cell && *end == '\0')
                worksheet_write_number(ws, row, col, x, NULL);
            else if (*cell)
                worksheet_write_string(ws, row, col, cell, NULL);
            cell = comma ? comma + 1 : NULL;
        }
    }
    return book_close(&b);
}

static const char meta_csv[] = "indicator,label,unit,better,target,target_op,decimals\n"
                               "knife,Knife crime,offences,down,14000,<=,0\n"
                               "solved,Solved rate,%,up,,,1\n";

/* got describes the indicators want does, field by field. */
static void
assert_meta_equal(const kpi_meta *got, const kpi_meta *want)
{
    assert_int_equal(kpi_meta_count(got), kpi_meta_count(want));
    for (size_t i = 0; i < kpi_meta_count(want); i++) {
        const kpi_indicator_meta *a = kpi_meta_at(want, i), *b = kpi_meta_at(got, i);
        assert_string_equal(b->id, a->id);
        assert_string_equal(b->label, a->label);
        assert_string_equal(b->unit, a->unit);
        assert_int_equal(b->better, a->better);
        assert_int_equal(b->target_op, a->target_op);
        assert_true(b->target == a->target);
        assert_int_equal(b->decimals, a->decimals);
    }
}

/* A metadata file read from a workbook holds what the same table does as
 * CSV: from the sheet named "metadata" (kpi's own workbooks put it
 * second), or else from the first sheet. */
static void
test_sheet_meta_from_workbook(void **state)
{
    (void)state;
    kpi_meta *want = kpi_test_meta(meta_csv);
    const char *paths[] = {csv_workbook(meta_csv, "metadata", true),
                           csv_workbook(meta_csv, "Indicators", false)};
    for (size_t k = 0; k < 2; k++) {
        kpi_error err;
        kpi_meta *got = kpi_meta_read(paths[k], &err);
        assert_non_null(got);
        assert_meta_equal(got, want);
        kpi_meta_free(got);
    }
    assert_string_equal(kpi_meta_find(want, "knife")->label, "Knife crime");
    kpi_meta_free(want);

    /* A bad cell is named by sheet and cell, as in a data sheet. */
    const char *bad = csv_workbook("indicator,label,better\nknife,Knife crime,sideways\n",
                                   "metadata", true);
    kpi_error err;
    assert_null(kpi_meta_read(bad, &err));
    assert_int_equal(err.code, KPI_EMETA);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_string_equal(err.sheet, "metadata");
    char msg[700], want_msg[200];
    kpi_error_format(&err, msg, sizeof msg);
    snprintf(want_msg, sizeof want_msg, "%s: sheet \"metadata\", cell C2: ", bad);
    assert_memory_equal(msg, want_msg, strlen(want_msg));
}

/* The population file at path gives Kent people in year. */
static void
assert_people(const char *path, const char *year, double people)
{
    kpi_error err;
    kpi_population *p = kpi_population_read(path, 4, &err);
    if (!p)
        fail_msg("%s: %s", path, err.message);
    kpi_period y;
    assert_int_equal(kpi_period_parse(year, strlen(year), KPI_FREQ_NONE, &y, NULL, &err), KPI_OK);
    double got = 0;
    assert_true(kpi_population_find(p, "Kent", y, &got));
    assert_true(got == people);
    kpi_population_free(p);
}

/* A milestone register and a population file read from workbooks as from
 * CSV. */
static void
test_sheet_register_and_population_from_workbook(void **state)
{
    (void)state;
    static const char reg[] = "milestone,title,due,period,status\n"
                              "m1,Open the hub,2019-20 Q1,2019-20 Q1,on track\n"
                              "m1,Open the hub,2019-20 Q1,2019-20 Q2,delivered\n"
                              "m2,Train staff,2019-20 Q3,2019-20 Q2,some delay\n";
    const char *csv = kpi_test_tmpfile(reg, strlen(reg));
    const char *xlsx = csv_workbook(reg, "Register", false);
    kpi_error err;
    kpi_milestones *a = kpi_milestones_read(csv, NULL, &err);
    assert_non_null(a);
    kpi_milestones *b = kpi_milestones_read(xlsx, NULL, &err);
    assert_non_null(b);
    assert_int_equal(kpi_milestones_count(b), 2);
    assert_int_equal(kpi_milestones_period_count(b), kpi_milestones_period_count(a));
    for (size_t i = 0; i < kpi_milestones_period_count(a); i++)
        assert_true(kpi_milestones_period_at(b, i).ordinal ==
                    kpi_milestones_period_at(a, i).ordinal);
    kpi_milestones_free(a);
    kpi_milestones_free(b);

    const char *pop = csv_workbook("area,period,population\nKent,2019,1846500\n"
                                   "Kent,2020,1861000\n",
                                   "Population", false);
    assert_people(pop, "2020", 1861000);
}

/* A side table's path may name its sheet after a '#', by name or number,
 * as spreadsheet programs link to a sheet: the named sheet is read even
 * when it is not first, nor the "metadata" sheet the reader would look
 * for; a sheet the workbook does not have is an error listing those it
 * has, never the first sheet instead; a file whose whole name has a '#'
 * is still that file.  In an .xlsx made here and in an .ods LibreOffice
 * made (side.ods, five sheets). */
static void
test_sheet_side_tables_name_their_sheet(void **state)
{
    (void)state;
    kpi_meta *want = kpi_test_meta(meta_csv);
    const char *xlsx = csv_workbook(meta_csv, "Indicators", true);
    char path[128];
    const char *ods = kpi_test_path("tests/data/sheets/side.ods");
    const char *paths[][2] = {{xlsx, "Indicators"}, {xlsx, "2"}, {ods, "Metadata"}};
    for (size_t k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s#%s", paths[k][0], paths[k][1]);
        kpi_error err;
        kpi_meta *got = kpi_meta_read(path, &err);
        if (!got)
            fail_msg("%s: %s", path, err.message);
        assert_meta_equal(got, want);
        kpi_meta_free(got);
    }
    kpi_meta_free(want);

    /* Without the sheet's name, the first sheet (notes) is no metadata. */
    kpi_error err;
    assert_null(kpi_meta_read(xlsx, &err));
    assert_int_equal(err.code, KPI_EMETA);
    snprintf(path, sizeof path, "%s#Indicator", xlsx);
    assert_null(kpi_meta_read(path, &err));
    assert_int_equal(err.code, KPI_EINVAL);
    assert_string_equal(
        err.message, "no sheet \"Indicator\": the workbook's sheets are \"Notes\", \"Indicators\"");
    assert_string_equal(err.source, xlsx);
    snprintf(path, sizeof path, "%s#", xlsx);
    assert_null(kpi_meta_read(path, &err));
    assert_int_equal(err.code, KPI_EIO);
    assert_string_equal(err.source, path);

    /* The register, area map and populations of side.ods. */
    snprintf(path, sizeof path, "%s#Register", ods);
    kpi_milestones *m = kpi_milestones_read(path, NULL, &err);
    assert_non_null(m);
    assert_int_equal(kpi_milestones_count(m), 2);
    kpi_milestones_free(m);
    snprintf(path, sizeof path, "%s#Areas", ods);
    kpi_rollup *map = kpi_rollup_read(path, &err);
    assert_non_null(map);
    assert_int_equal(kpi_rollup_n_parents(map), 1);
    assert_string_equal(kpi_rollup_parent(map, 0), "Kent");
    assert_int_equal(kpi_rollup_n_children(map, 0), 2);
    assert_string_equal(kpi_rollup_child(map, 0, 1), "Maidstone");
    kpi_rollup_free(map);
    snprintf(path, sizeof path, "%s#5", ods);
    assert_people(path, "2019", 1846500);

    /* A file named with a '#' is that file. */
    char hashed[80];
    snprintf(hashed, sizeof hashed, "%s#Indicators", tmp_path(""));
    FILE *fp = fopen(hashed, "w");
    assert_non_null(fp);
    fputs(meta_csv, fp);
    fclose(fp);
    kpi_meta *plain = kpi_meta_read(hashed, &err);
    unlink(hashed);
    assert_non_null(plain);
    assert_int_equal(kpi_meta_count(plain), 2);
    kpi_meta_free(plain);
}

/* ---- a large sheet in two halves ------------------------------------------ */

/* What a scan of many rows hands over: their count, the first and last
 * row numbers, and a hash of every field in order (FNV-1a, taken on from
 * the value it starts at), so that two halves can be told to make up the
 * whole. */
typedef struct digest {
    size_t rows;
    size_t first_index; /* the first row's row_index */
    unsigned long first_line, last_line;
    uint64_t hash;
} digest;

static kpi_status
hash_rows(void *ud, const kpi_csv_field *f, size_t n, size_t row_index, kpi_error *err)
{
    digest *d = ud;
    (void)err;
    if (d->rows++ == 0) {
        d->first_index = row_index;
        d->first_line = f[0].line;
    }
    d->last_line = f[0].line;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k <= f[i].len; k++) /* the NUL ends a field */
            d->hash = (d->hash ^ (unsigned char)f[i].text[k]) * 0x100000001b3ULL;
        assert_int_equal(f[i].column, i + 1);
    }
    return KPI_OK;
}

#define FNV_START 0xcbf29ce484222325ULL

static kpi_status
scan_part(const char *path, kpi_sheet_part part, size_t skip, size_t width, uint64_t hash,
          digest *d)
{
    *d = (digest){.hash = hash};
    kpi_sheet_select sel = {.part = part, .skip = skip, .width = width};
    char name[KPI_ERROR_SHEET_MAX];
    kpi_error err;
    return kpi_sheet_scan(path, &sel, hash_rows, d, name, sizeof name, &err);
}

/* Which cells big_workbook merges: none, a title across A1:D1 above the
 * header (which moves the table down a row), or A2:B2 in the data. */
typedef enum merging { NO_MERGE, MERGED_TITLE, MERGED_DATA } merging;

/* A long table of `rows` data rows as libxlsxwriter writes it (text in
 * the shared strings): 500 areas a month from January 2000, the value
 * the row's number; the value of data row `bad` is "n.k." when bad > 0.  Each row is about 160 bytes of the
 * sheet's XML, so 60,000 rows make about 9.6 MB, over
 * KPI_SHEET_HALVES_MIN. */
static const char *
big_workbook(lxw_row_t n_rows, lxw_row_t bad, merging merge)
{
    book b = book_new(NULL, false, NULL);
    lxw_row_t top = merge == MERGED_TITLE;
    if (merge == MERGED_TITLE)
        worksheet_merge_range(b.ws, 0, 0, 0, 3, "Table 1: recorded crime", NULL);
    const char *head[] = {"indicator", "area", "period", "value"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(b.ws, top, (lxw_col_t)c, head[c], NULL);
    for (lxw_row_t k = 1; k <= n_rows; k++) {
        lxw_row_t i = k + top;
        char area[16], period[16];
        unsigned month = (k - 1) / 500;
        snprintf(area, sizeof area, "area %u", (unsigned)((k - 1) % 500));
        snprintf(period, sizeof period, "%u-%02u", 2000 + month / 12, month % 12 + 1);
        worksheet_write_string(b.ws, i, 0, "crime", NULL);
        worksheet_write_string(b.ws, i, 1, area, NULL);
        worksheet_write_string(b.ws, i, 2, period, NULL);
        if (k == bad)
            worksheet_write_string(b.ws, i, 3, "n.k.", NULL);
        else
            worksheet_write_number(b.ws, i, 3, k, NULL);
    }
    if (merge == MERGED_DATA)
        worksheet_merge_range(b.ws, 1, 0, 1, 1, "crime", NULL);
    return book_close(&b);
}

/* Read path whole and in halves, leaving out rows 1..skip: the whole
 * sheet's rows run from row first_line to last_line, one each; the first
 * half hands over the header and the rows up to the cut, the later one
 * (of the header's width) the rest, from row_index 1; and the halves
 * hash to the whole.  Returns the first half's rows. */
static size_t
assert_halves_make_whole(const char *path, size_t skip, size_t width, unsigned long first_line,
                         unsigned long last_line)
{
    digest whole, first, later;
    assert_int_equal(scan_part(path, KPI_SHEET_WHOLE, skip, 0, FNV_START, &whole), KPI_OK);
    assert_int_equal(whole.rows, last_line - first_line + 1);
    assert_int_equal(whole.first_line, first_line);
    assert_int_equal(whole.last_line, last_line);
    assert_int_equal(scan_part(path, KPI_SHEET_FIRST, skip, 0, FNV_START, &first), KPI_OK);
    assert_int_equal(first.first_index, 0);
    assert_int_equal(first.first_line, first_line);
    assert_int_equal(scan_part(path, KPI_SHEET_LATER, skip, width, first.hash, &later), KPI_OK);
    assert_int_equal(later.first_index, 1);
    assert_int_equal(later.first_line, first.last_line + 1);
    assert_int_equal(later.last_line, last_line);
    assert_int_equal(first.rows + later.rows, whole.rows);
    assert_true(later.hash == whole.hash);
    return first.rows;
}

static kpi_store *
read_threads(const char *path, size_t threads, size_t skip, kpi_read_stats *stats, kpi_error *err)
{
    kpi_reader_options opt = kpi_reader_options_default();
    opt.threads = threads;
    opt.skip = skip;
    return kpi_read_file(path, &opt, stats, err);
}

/* Read on two threads and on one, leaving out rows 1..skip, path gives
 * the same store, or the same failure; returns the threads the two-thread
 * read used. */
static size_t
assert_same_on_two_threads_skip(const char *path, size_t skip)
{
    kpi_read_stats st1, st2;
    kpi_error e1, e2;
    kpi_store *one = read_threads(path, 1, skip, &st1, &e1);
    kpi_store *two = read_threads(path, 2, skip, &st2, &e2);
    assert_int_equal(st1.threads, 1);
    if (!one) {
        assert_null(two);
        assert_int_equal(e2.code, e1.code);
        assert_int_equal(e2.line, e1.line);
        assert_int_equal(e2.column, e1.column);
        assert_string_equal(e2.sheet, e1.sheet);
        assert_string_equal(e2.message, e1.message);
        return st2.threads;
    }
    assert_non_null(two);
    assert_int_equal(st2.records, st1.records);
    assert_int_equal(st2.observations, st1.observations);
    char *a = store_csv(one), *b = store_csv(two);
    assert_string_equal(a, b);
    free(a);
    free(b);
    kpi_store_free(one);
    kpi_store_free(two);
    return st2.threads;
}

static size_t
assert_same_on_two_threads(const char *path)
{
    return assert_same_on_two_threads_skip(path, 0);
}

/* A large .xlsx sheet is cut just past a row's end a little after the
 * middle of its XML (KPI_SHEET_CUT_PERCENT): the first half hands over the header and the rows up to the cut,
 * the later half the rows after it, from row_index 1, and the two make up
 * the whole sheet, field for field.  The reader then reads it on two
 * threads to the same store, and a bad cell in the later half fails as
 * on one thread, at its cell. */
static void
test_sheet_xlsx_halves_make_the_whole(void **state)
{
    (void)state;
    const char *path = big_workbook(60000, 0, NO_MERGE);
    /* The rows are all about as long, so the cut is near row 32,400. */
    assert_in_range(assert_halves_make_whole(path, 0, 4, 1, 60001), 31500, 33500);

    assert_int_equal(assert_same_on_two_threads(path), 2);
    /* "n.k." in cell D50001, in the later half: the sheet is read again
     * on one thread, which locates the failure as ever. */
    path = big_workbook(60000, 50000, NO_MERGE);
    assert_int_equal(assert_same_on_two_threads(path), 1);
    kpi_error err;
    assert_null(read_threads(path, 2, 0, NULL, &err));
    assert_int_equal(err.code, KPI_EVALUE);
    assert_int_equal(err.line, 50001);
    assert_int_equal(err.column, 4);
    assert_string_equal(err.sheet, "Sheet1");
}

/* A sheet that cannot be cut fails in a half, and the reader reads it
 * whole on one thread: merged cells (listed after the rows, which the
 * later half finds), an .ods sheet, a small sheet. */
static void
test_sheet_halves_refused(void **state)
{
    (void)state;
    digest d;
    const char *merged = big_workbook(60000, 0, MERGED_DATA);
    assert_int_equal(scan_part(merged, KPI_SHEET_FIRST, 0, 0, FNV_START, &d), KPI_OK);
    assert_int_equal(scan_part(merged, KPI_SHEET_LATER, 0, 4, FNV_START, &d), KPI_EIO);
    assert_int_equal(assert_same_on_two_threads(merged), 1);
    const char *ods = kpi_test_path("tests/data/sheets/events.ods");
    assert_int_equal(scan_part(ods, KPI_SHEET_FIRST, 0, 0, FNV_START, &d), KPI_EIO);
    assert_int_equal(d.rows, 0);
    const char *small = big_workbook(1000, 0, NO_MERGE);
    assert_int_equal(scan_part(small, KPI_SHEET_FIRST, 0, 0, FNV_START, &d), KPI_EIO);
    assert_int_equal(d.rows, 0);
}

/* What hand_sheet puts in a sheet's rows: nothing; a comment holding the
 * text of a row's end tag, in every row or after it; a cell in no row
 * after every row; or after row 30,000, the end of <sheetData> and a
 * second one, or a merged range. */
typedef enum trap {
    NO_TRAP,
    TRAP_IN_ROW,
    TRAP_AFTER_ROW,
    CELL_AFTER_ROW,
    SECOND_SHEETDATA,
    MERGE_AMONG_ROWS
} trap;

/* A title merged across the top, as published tables have, changes only
 * the rows it covers: with them skipped the sheet still reads in halves
 * (the later half finds the range after the rows, and sees that it ends
 * above the header). */
static void
test_sheet_halves_merged_title(void **state)
{
    (void)state;
    const char *path = big_workbook(60000, 0, MERGED_TITLE);
    assert_halves_make_whole(path, 1, 4, 2, 60002);
    assert_int_equal(assert_same_on_two_threads_skip(path, 1), 2);
    /* Not skipped, the title's range reaches the rows read. */
    digest later;
    assert_int_equal(scan_part(path, KPI_SHEET_LATER, 0, 4, FNV_START, &later), KPI_EIO);
    assert_int_equal(assert_same_on_two_threads(path), 1);
}

/* A sheet's XML written by hand: rows of an inline-string area, a period
 * and a number, numbered or not; with a trap, every row holds the
 * comment, or is followed by it, and spaces after the root put the
 * byte the cut's scan starts from just before one, where the scan finds
 * its text first.  Stored in a libxlsxwriter workbook in place of its sheet. */
static const char *
hand_sheet(bool numbered, trap where)
{
    book b = book_new(NULL, false, NULL);
    worksheet_write_string(b.ws, 0, 0, "placeholder", NULL);
    const char *path = book_close(&b);
    size_t cap = 16u << 20, len = 0;
    char *xml = malloc(cap);
    assert_non_null(xml);
    len += (size_t)snprintf(xml + len, cap - len,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                            "<worksheet xmlns=\"http://schemas.openxmlformats.org/"
                            "spreadsheetml/2006/main\"><sheetData>");
    len += (size_t)snprintf(xml + len, cap - len,
                            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>area</t></is></c>"
                            "<c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c>"
                            "<c r=\"C1\" t=\"inlineStr\"><is><t>value</t></is></c></row>");
    for (unsigned i = 2; i <= 90001; i++) {
        unsigned month = (i - 2) / 500;
        char r[16] = "";
        if (numbered || i == 2)
            snprintf(r, sizeof r, " r=\"%u\"", i);
        const char *comment = "<!-- </row> -->";
        len += (size_t)snprintf(xml + len, cap - len,
                                "<row%s><c t=\"inlineStr\"><is><t>area %u</t></is></c>%s"
                                "<c t=\"inlineStr\"><is><t>%u-%02u</t></is></c><c><v>%u</v></c>"
                                "</row>%s",
                                r, (i - 2) % 500, where == TRAP_IN_ROW ? comment : "",
                                2000 + month / 12, month % 12 + 1, i,
                                where == TRAP_AFTER_ROW   ? comment
                                : where == CELL_AFTER_ROW ? "<c><v>0</v></c>"
                                                          : "");
        if (i == 30000 && where == SECOND_SHEETDATA)
            len += (size_t)snprintf(xml + len, cap - len, "</sheetData><sheetData>");
        if (i == 30000 && where == MERGE_AMONG_ROWS)
            len += (size_t)snprintf(xml + len, cap - len, "<mergeCell ref=\"A3:A4\"/>");
    }
    len += (size_t)snprintf(xml + len, cap - len, "</sheetData></worksheet>");
    if (where == TRAP_IN_ROW || where == TRAP_AFTER_ROW) {
        /* The cut's scan starts at size / 100 * pct, a multiple of pct:
         * a comment with one at most 8 bytes before its "</row>" (and
         * after the row's own end tag) takes the scan, for a size the
         * spaces make. */
        const size_t pct = KPI_SHEET_CUT_PERCENT;
        size_t want = 0;
        for (const char *c = xml + len * pct / 100; !want && (c = strstr(c + 1, "<!-- </row>"));) {
            size_t at = (size_t)(c - xml) + 4, from = at / pct * pct;
            if (at - from <= 8 && from / pct * 100 >= len)
                want = from / pct * 100;
        }
        assert_true(want >= len && want < cap);
        memset(xml + len, ' ', want - len);
        len = want;
    }
    int code;
    zip_t *z = zip_open(path, 0, &code);
    assert_non_null(z);
    zip_source_t *src = zip_source_buffer(z, xml, len, 1);
    assert_non_null(src);
    assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
    return path;
}

/* The cut's scan finds the text of a row's end tag in a comment: the
 * first half's parser is left inside the comment (in a row, or between
 * two), and the sheet is read whole.  So is a sheet whose rows before the
 * cut change the reading of those after it.  Rows with no number after the cut
 * cannot be numbered by the later half: read whole too.  Numbered rows
 * without cell references read in halves. */
static void
test_sheet_halves_hand_written(void **state)
{
    (void)state;
    digest whole, first, later;
    const char *plain = hand_sheet(true, NO_TRAP);
    assert_halves_make_whole(plain, 0, 3, 1, 90001);
    assert_int_equal(assert_same_on_two_threads(plain), 2);
    /* A cell in no row right after the cut goes where it would in the
     * whole sheet: into the next row's first column, which that row's
     * own cell then takes. */
    assert_halves_make_whole(hand_sheet(true, CELL_AFTER_ROW), 0, 3, 1, 90001);

    for (trap where = TRAP_IN_ROW; where <= TRAP_AFTER_ROW; where++) {
        const char *path = hand_sheet(true, where);
        assert_int_equal(scan_part(path, KPI_SHEET_FIRST, 0, 0, FNV_START, &first), KPI_EIO);
        assert_in_range(first.rows, 45000, 52000); /* up to the comment */
        assert_int_equal(assert_same_on_two_threads(path), 1);
        assert_int_equal(scan_part(path, KPI_SHEET_WHOLE, 0, 0, FNV_START, &whole), KPI_OK);
        assert_int_equal(whole.rows, 90001);
    }

    /* What the whole sheet's reading takes from the rows before the cut
     * fails the first half: the end of the rows read (the second
     * <sheetData>'s are not), and a merged range among them. */
    const char *second = hand_sheet(true, SECOND_SHEETDATA);
    assert_int_equal(scan_part(second, KPI_SHEET_WHOLE, 0, 0, FNV_START, &whole), KPI_OK);
    assert_int_equal(whole.rows, 30000); /* the header and rows 2 to 30,000 */
    assert_int_equal(scan_part(second, KPI_SHEET_FIRST, 0, 0, FNV_START, &first), KPI_EIO);
    assert_int_equal(assert_same_on_two_threads(second), 1);
    const char *merged = hand_sheet(true, MERGE_AMONG_ROWS);
    assert_int_equal(scan_part(merged, KPI_SHEET_FIRST, 0, 0, FNV_START, &first), KPI_EIO);
    assert_int_equal(assert_same_on_two_threads(merged), 1);

    const char *unnumbered = hand_sheet(false, NO_TRAP);
    assert_int_equal(scan_part(unnumbered, KPI_SHEET_FIRST, 0, 0, FNV_START, &first), KPI_OK);
    assert_int_equal(scan_part(unnumbered, KPI_SHEET_LATER, 0, 3, first.hash, &later), KPI_EIO);
    assert_int_equal(assert_same_on_two_threads(unnumbered), 1);
    assert_int_equal(scan_part(unnumbered, KPI_SHEET_WHOLE, 0, 0, FNV_START, &whole), KPI_OK);
    assert_int_equal(whole.rows, 90001);
    assert_int_equal(whole.last_line, 90001);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_xlsx_cells_as_csv_text),
        cmocka_unit_test(test_sheet_xlsx_inline_strings),
        cmocka_unit_test(test_sheet_xlsx_series_equal_csv),
        cmocka_unit_test(test_sheet_error_names_sheet_and_cell),
        cmocka_unit_test(test_sheet_xlsx_merged_cells_fill),
        cmocka_unit_test(test_sheet_xlsx_date_systems),
        cmocka_unit_test(test_sheet_xlsx_long_numbers_kept),
        cmocka_unit_test(test_sheet_unknown_sheet_lists_sheets),
        cmocka_unit_test(test_sheet_broken_workbooks),
        cmocka_unit_test(test_sheet_option_on_text_file),
        cmocka_unit_test(test_sheet_libreoffice_equals_csv),
        cmocka_unit_test(test_sheet_ods_typed_cells),
        cmocka_unit_test(test_sheet_out_of_memory),
        cmocka_unit_test(test_sheet_meta_from_workbook),
        cmocka_unit_test(test_sheet_register_and_population_from_workbook),
        cmocka_unit_test(test_sheet_side_tables_name_their_sheet),
        cmocka_unit_test(test_sheet_xlsx_halves_make_the_whole),
        cmocka_unit_test(test_sheet_halves_refused),
        cmocka_unit_test(test_sheet_halves_merged_title),
        cmocka_unit_test(test_sheet_halves_hand_written),
    };
    return kpi_test_run(tests);
}
