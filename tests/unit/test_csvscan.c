/* Tests of the CSV scanner: positions, quoting, line ends, delimiters. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "csvscan_private.h"

/* Collects every field as "line:column=text" lines, and rows as "|". */
typedef struct collect {
    char out[4096];
    size_t rows;
    size_t stop_at; /* stop with KPI_EVALUE at this row index (0 = never) */
} collect;

static kpi_status
on_row(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    collect *c = ud;
    c->rows++;
    if (c->stop_at && row == c->stop_at)
        return kpi_error_set(err, KPI_EVALUE, "t", f[0].line, f[0].column, "stop");
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(c->out);
        snprintf(c->out + len, sizeof c->out - len, "%lu:%lu=%s%s", f[i].line, f[i].column,
                 f[i].text, i + 1 < n ? "," : "|");
    }
    return KPI_OK;
}

static kpi_status
scan_text(const char *text, char delim, collect *c, char *used, kpi_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    kpi_status st = kpi_csv_scan(fp, "t.csv", delim, on_row, c, used, err);
    fclose(fp);
    return st;
}

/* Simple fields carry their line and column. */
static void
test_csvscan_positions_simple(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,bb,c\n1,22,333\n", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=bb,1:6=c|2:1=1,2:3=22,2:6=333|");
}

/* A newline inside quotes counts as a physical line for later records. */
static void
test_csvscan_quoted_newline_counts_lines(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\n\"x\ny\",z\nq,r\n", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=x\ny,3:4=z|4:1=q,4:3=r|");
}

/* CRLF, CR-only line ends and blank lines all give the right lines. */
static void
test_csvscan_line_ends(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\r\n1,2\r\n\r\n3,4\r\n", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=1,2:3=2|4:1=3,4:3=4|");
    assert_int_equal(scan_text("a,b\r1,2\r3,4", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=1,2:3=2|3:1=3,3:3=4|");
}

/* Empty fields, including a last empty field, keep their positions. */
static void
test_csvscan_empty_fields(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,,\n,\"\",x", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=,1:4=|2:1=,2:2=,2:5=x|");
}

/* A UTF-8 BOM is skipped, and columns count characters, not bytes. */
static void
test_csvscan_bom_and_utf8_columns(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("\xEF\xBB\xBFn\xC3\xA9,b\n\xC3\xA9\xC3\xA9,x\n", 0, &c, NULL, &err),
                     KPI_OK);
    assert_string_equal(c.out, "1:1=n\xC3\xA9,1:4=b|2:1=\xC3\xA9\xC3\xA9,2:4=x|");
}

/* The delimiter is detected from the header, outside quotes. */
static void
test_csvscan_detects_delimiters(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    char used = 0;
    assert_int_equal(scan_text("a;b;\"c,d,e\"\n1;2;3\n", 0, &c, &used, &err), KPI_OK);
    assert_int_equal(used, ';');
    assert_string_equal(c.out, "1:1=a,1:3=b,1:5=c,d,e|2:1=1,2:3=2,2:5=3|");
    assert_int_equal(scan_text("a\tb\n1\t2\n", 0, &c, &used, &err), KPI_OK);
    assert_int_equal(used, '\t');
    assert_int_equal(scan_text("a|b\n", 0, &c, &used, &err), KPI_OK);
    assert_int_equal(used, '|');
    assert_int_equal(scan_text("a,b|c\n", '|', &c, &used, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,b,1:5=c|");
}

/* Doubled quotes collapse; spaces are kept verbatim. */
static void
test_csvscan_escaped_quotes_and_spaces(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("\"a \"\"q\"\"\", b \n", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a \"q\",1:11= b |");
}

/* A bare quote in an unquoted field is an error at the quote itself. */
static void
test_csvscan_bare_quote_is_located(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\n\"x\ny\",z\n\"Expert\", \"Trust me\"\n", 0, &c, NULL, &err),
                     KPI_ECSV);
    assert_error(&err, KPI_ECSV, 4, 11, "quote inside an unquoted field");
    assert_string_equal(err.source, "t.csv");
}

/* Text after a closing quote is an error at that character. */
static void
test_csvscan_text_after_quote(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\n\"x\"y,2\n", 0, &c, NULL, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 2, 4, "found 'y'");
}

/* An unterminated quote is reported where the field began. */
static void
test_csvscan_unterminated_quote(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\n1,\"open\nmore\n", 0, &c, NULL, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 2, 3, "never closed");
}

static kpi_status
scan_bytes(const char *bytes, size_t n, collect *c, kpi_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fmemopen((void *)bytes, n, "r");
    assert_non_null(fp);
    kpi_status st = kpi_csv_scan(fp, "t.csv", 0, on_row, c, NULL, err);
    fclose(fp);
    return st;
}

/* The fuzzer's NUL (issue 10) cut "x\0a" to "x", merging series: a NUL or
 * any control character but tab, CR and LF is an error at the byte, in
 * plain lines, quoted fields and after multi-byte characters alike. */
static void
test_csvscan_control_character_is_located(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    static const char nul[] = "indicator,value\nx\0a,1\nx\0b,2\n";
    assert_int_equal(scan_bytes(nul, sizeof nul - 1, &c, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 2, 2, "found the control character 0x00");
    assert_int_equal(c.rows, 1);
    static const char quoted[] = "a,b\n1,\"two\nl\xC3\xA9\x01\"\n";
    assert_int_equal(scan_bytes(quoted, sizeof quoted - 1, &c, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 3, 3, "0x01");
    static const char utf8[] = "a,b\n\xC3\xA9\xC3\xA9,x\x1B\n";
    assert_int_equal(scan_bytes(utf8, sizeof utf8 - 1, &c, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 2, 5, "0x1B");
    static const char del[] = "a;b\n1;\x7F\n";
    assert_int_equal(scan_bytes(del, sizeof del - 1, &c, &err), KPI_ECSV);
    assert_error(&err, KPI_ECSV, 2, 3, "0x7F; only tab, CR and LF may appear");
    /* Tab, CR and LF stay text. */
    static const char ok[] = "a\tb\r\n\"1\r\n2\"\t3\n";
    assert_int_equal(scan_bytes(ok, sizeof ok - 1, &c, &err), KPI_OK);
    assert_int_equal(c.rows, 2);
}

/* Every byte, in a line read whole and in a line read in pieces (it has
 * a quote): a control character but tab, CR and LF stops the scan at its
 * column, and no other byte is taken for one. */
static void
test_csvscan_every_byte_classed(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        bool stray = (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
        for (int quoted = 0; quoted < 2; quoted++) {
            char text[32];
            int n = snprintf(text, sizeof text, "a,b\n%s,x", quoted ? "\"1\"" : "1");
            text[n++] = (char)b;
            n += snprintf(text + n, sizeof text - (size_t)n, "y\n");
            collect c;
            kpi_error err;
            kpi_status st = scan_bytes(text, (size_t)n, &c, &err);
            bool control = st == KPI_ECSV && strstr(err.message, "control character");
            assert_int_equal(control, stray);
            if (stray) {
                assert_int_equal(err.line, 2);
                assert_int_equal(err.column, quoted ? 6 : 4);
            }
        }
    }
}

/* A callback's error stops the scan and is returned as it is. */
static void
test_csvscan_callback_stops(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    memset(&c, 0, sizeof c);
    c.stop_at = 1;
    FILE *fp = kpi_test_memfile("a\nb\nc\n");
    assert_int_equal(kpi_csv_scan(fp, "t", 0, on_row, &c, NULL, &err), KPI_EVALUE);
    fclose(fp);
    assert_int_equal(c.rows, 2);
    assert_error(&err, KPI_EVALUE, 2, 1, "stop");
}

/* Remembers the longest field and where the last record began. */
static kpi_status
on_row_extent(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    unsigned long *seen = ud;
    (void)row;
    (void)err;
    for (size_t i = 0; i < n; i++)
        if (f[i].len > seen[0])
            seen[0] = f[i].len;
    seen[1] = f[0].line;
    seen[2] = f[0].column;
    return KPI_OK;
}

/* Records longer than a read block keep exact positions. */
static void
test_csvscan_long_records_across_blocks(void **state)
{
    (void)state;
    size_t big = 200000;
    char *text = malloc(big + 64);
    assert_non_null(text);
    strcpy(text, "h\n\"");
    memset(text + 3, 'x', big);
    strcpy(text + 3 + big, "\n\"\nlast\n");
    unsigned long seen[3] = {0};
    kpi_error err;
    FILE *fp = fmemopen(text, strlen(text), "r");
    assert_int_equal(kpi_csv_scan(fp, "t", 0, on_row_extent, seen, NULL, &err), KPI_OK);
    fclose(fp);
    free(text);
    assert_int_equal(seen[0], big + 1);
    assert_int_equal(seen[1], 4);
    assert_int_equal(seen[2], 1);
}

/* Every failed allocation becomes KPI_ENOMEM, never a crash or a leak. */
static void
test_csvscan_out_of_memory(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    kpi_status st = KPI_ENOMEM;
    for (long n = 0; st == KPI_ENOMEM && n < 1000; n++) {
        kpi_alloc_fail_after(n);
        st = scan_text("a,b\n\"long field value\",2\n", 0, &c, NULL, &err);
        kpi_alloc_fail_after(-1);
        if (st != KPI_OK)
            assert_int_equal(err.code, KPI_ENOMEM);
    }
    assert_int_equal(st, KPI_OK);
}

/* Column names match ignoring case and surrounding spaces. */
static void
test_csvscan_name_eq(void **state)
{
    (void)state;
    assert_true(kpi_csv_name_eq(" Crime Type ", "crime type"));
    assert_false(kpi_csv_name_eq("crime", "crime type"));
    assert_false(kpi_csv_name_eq("value1", "value"));
}

/* A record longer than the header goes to the callback at its first extra
 * field, the rest of it is dropped, and the next record is read as ever. */
static void
test_csvscan_ragged_row_cut_at_extra_field(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_text("a,b\n1,2,3,4,5\n6,7\n", 0, &c, NULL, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=1,2:3=2,2:5=3|3:1=6,3:3=7|");
    /* Quoted fields, a field across lines: the cut is the same. */
    assert_int_equal(scan_text("a,b\n\"1\",\"x\ny\",\"3\",\"4\"\n6,7\n", 0, &c, NULL, &err),
                     KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=1,2:5=x\ny,3:4=3|4:1=6,4:3=7|");
}

/* A row of two million delimiters needs no more memory than a short one:
 * the scan that the fewest allocations allow for the short file also
 * reads the long one. */
static void
test_csvscan_ragged_row_bounded_memory(void **state)
{
    (void)state;
    size_t commas = 2000000;
    char *text = malloc(commas + 64);
    assert_non_null(text);
    strcpy(text, "a,b\n1");
    memset(text + 5, ',', commas);
    strcpy(text + 5 + commas, "\n6,7\n");
    collect c;
    kpi_error err;
    long n = 0;
    for (kpi_status st = KPI_ENOMEM; st != KPI_OK && n < 100; n++) {
        kpi_alloc_fail_after(n);
        st = scan_text("a,b\n1,,\n6,7\n", 0, &c, NULL, &err);
        kpi_alloc_fail_after(-1);
    }
    kpi_alloc_fail_after(n);
    kpi_status st = scan_text(text, 0, &c, NULL, &err);
    kpi_alloc_fail_after(-1);
    free(text);
    assert_int_equal(st, KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=1,2:3=,2:4=|3:1=6,3:3=7|");
}

static kpi_status
scan_capped(const char *text, size_t max_field, collect *c, kpi_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    kpi_csv_range range = {.max_field = max_field, .first_is_header = true};
    kpi_status st = kpi_csv_scan_range(fp, "t.csv", &range, on_row, c, err);
    fclose(fp);
    return st;
}

/* A field of max_field bytes is read; one byte more is an error at the
 * field's start, quoted or not, on one line or across lines. */
static void
test_csvscan_field_cap(void **state)
{
    (void)state;
    collect c;
    kpi_error err;
    assert_int_equal(scan_capped("a,b\nhello,\"x\"\"y\"\n", 5, &c, &err), KPI_OK);
    assert_string_equal(c.out, "1:1=a,1:3=b|2:1=hello,2:7=x\"y|");
    assert_int_equal(scan_capped("a,b\n1,2\nx,hello!\n", 5, &c, &err), KPI_ECSV);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 3);
    assert_string_equal(err.message,
                        "a field longer than 5 bytes; raise the limit with the max_field option");
    assert_int_equal(scan_capped("a,b\n1,\"two\nlines\"\n", 5, &c, &err), KPI_ECSV);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
}

/* The default cap holds for a field far longer than a block, which is
 * refused before it is held whole (an unclosed quote runs to the end). */
static void
test_csvscan_field_cap_default(void **state)
{
    (void)state;
    size_t big = KPI_CSV_FIELD_MAX;
    char *text = malloc(3 * big + 64);
    assert_non_null(text);
    strcpy(text, "h\n");
    memset(text + 2, 'x', big);
    strcpy(text + 2 + big, "\n");
    collect c;
    kpi_error err;
    assert_int_equal(scan_capped(text, 0, &c, &err), KPI_OK);
    assert_int_equal(c.rows, 2);
    strcpy(text, "h\nok\n\"");
    memset(text + 6, 'x', 3 * big);
    text[6 + 3 * big] = '\0';
    kpi_status st = scan_capped(text, 0, &c, &err);
    free(text);
    assert_int_equal(st, KPI_ECSV);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 1);
    assert_non_null(strstr(err.message, "a field longer than 1048576 bytes"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csvscan_positions_simple),
        cmocka_unit_test(test_csvscan_quoted_newline_counts_lines),
        cmocka_unit_test(test_csvscan_line_ends),
        cmocka_unit_test(test_csvscan_empty_fields),
        cmocka_unit_test(test_csvscan_bom_and_utf8_columns),
        cmocka_unit_test(test_csvscan_detects_delimiters),
        cmocka_unit_test(test_csvscan_escaped_quotes_and_spaces),
        cmocka_unit_test(test_csvscan_bare_quote_is_located),
        cmocka_unit_test(test_csvscan_text_after_quote),
        cmocka_unit_test(test_csvscan_unterminated_quote),
        cmocka_unit_test(test_csvscan_control_character_is_located),
        cmocka_unit_test(test_csvscan_every_byte_classed),
        cmocka_unit_test(test_csvscan_callback_stops),
        cmocka_unit_test(test_csvscan_long_records_across_blocks),
        cmocka_unit_test(test_csvscan_out_of_memory),
        cmocka_unit_test(test_csvscan_name_eq),
        cmocka_unit_test(test_csvscan_ragged_row_cut_at_extra_field),
        cmocka_unit_test(test_csvscan_ragged_row_bounded_memory),
        cmocka_unit_test(test_csvscan_field_cap),
        cmocka_unit_test(test_csvscan_field_cap_default),
    };
    return kpi_test_run(tests);
}
