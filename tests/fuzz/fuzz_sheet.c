/* The workbook reader: the input is the XML of one sheet, which the
 * harness packs into an .xlsx (as xl/worksheets/sheet1.xml, beside a
 * workbook, relationships, styles with date and percentage formats, and
 * shared strings) or an .ods (as content.xml), chosen by the first byte,
 * which also picks the rows to skip, the sheet asked for and the layout.
 * Random bytes rarely survive zip's checksums, so the container is the
 * harness's and the fuzzer works on what kpi parses.  A store read is
 * written back as CSV.  Every failure must be a status with a message.
 * The sheet's rows read in one pass (kpi_sheet_select.restart) must be
 * those read after a first pass for merged ranges; and when the sheet
 * reads in two halves (kpi_sheet_part, cut however small here), the two
 * together must be the rows read whole. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "fuzz.h"
#include "sheet_private.h"

static const char workbook_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"0\"/><sheets><sheet name=\"Table 1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char styles_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.0&quot;x&quot;%\"/></numFmts>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"10\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";
static const char strings_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>indicator</t></si><si><t>area</t></si><si><t>period</t></si><si><t>value</t></si>"
    "<si><r><t>Ke</t></r><r><t>nt</t></r><rPh><t>x</t></rPh></si><si><t>2019-03</t></si>"
    "<si><t>n/a</t></si></sst>";
static const char manifest_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
    "<manifest:file-entry manifest:full-path=\"/\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
    "</manifest:manifest>";

static int
add(zip_t *z, const char *name, const void *data, size_t size)
{
    zip_source_t *src = zip_source_buffer(z, data, size, 0);
    if (!src)
        return -1;
    zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    if (i < 0) {
        zip_source_free(src);
        return -1;
    }
    /* Stored, not deflated: packing is the harness's cost, not kpi's. */
    return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0 ? 0 : -1;
}

/* Pack the sheet into a workbook at path; 0 on success. */
static int
pack(const char *path, bool ods, const uint8_t *xml, size_t size)
{
    int code;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z)
        return -1;
    int bad = ods ? add(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46) ||
                        add(z, "META-INF/manifest.xml", manifest_xml, sizeof manifest_xml - 1) ||
                        add(z, "content.xml", xml, size)
                  : add(z, "xl/workbook.xml", workbook_xml, sizeof workbook_xml - 1) ||
                        add(z, "xl/_rels/workbook.xml.rels", rels_xml, sizeof rels_xml - 1) ||
                        add(z, "xl/styles.xml", styles_xml, sizeof styles_xml - 1) ||
                        add(z, "xl/sharedStrings.xml", strings_xml, sizeof strings_xml - 1) ||
                        add(z, "xl/worksheets/sheet1.xml", xml, size);
    if (bad) {
        zip_discard(z);
        return -1;
    }
    return zip_close(z) == 0 ? 0 : -1;
}

/* The workbook of the current input: one file, rewritten for each. */
static char path[64];

/* The rows a scan hands over, as a hash of their fields; a header with an
 * empty cell fails when full_header, so that a row's failure in a first
 * pass is tried too. */
typedef struct digest {
    uint64_t hash;
    size_t rows;
    bool full_header;
    size_t width;      /* the header's */
    size_t index_base; /* added to each row_index: a later half's rows
                          continue the first half's */
} digest;

static void
mix(digest *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        d->hash = (d->hash ^ b[i]) * 1099511628211u; /* FNV-1a */
}

static kpi_status
on_row(void *ud, const kpi_csv_field *f, size_t n, size_t row, kpi_error *err)
{
    digest *d = ud;
    if (row == 0)
        d->width = n;
    row += d->index_base;
    for (size_t i = 0; i < n; i++) {
        if (d->full_header && row == 0 && f[i].len == 0)
            return kpi_error_set(err, KPI_ELAYOUT, "t", f[i].line, f[i].column, "empty name");
        mix(d, f[i].text, f[i].len + 1);
        mix(d, &f[i].line, sizeof f[i].line);
        mix(d, &f[i].column, sizeof f[i].column);
    }
    mix(d, &row, sizeof row);
    d->rows++;
    return KPI_OK;
}

static kpi_status
on_restart(void *ud, kpi_error *err)
{
    digest *d = ud;
    (void)err;
    *d = (digest){.hash = 14695981039346656037u, .full_header = d->full_header};
    return KPI_OK;
}

/* Scan the sheet, d's hash and row numbering taken on from where they are. */
static kpi_status
scan_on(kpi_sheet_select sel, digest *d)
{
    kpi_error err;
    char name[KPI_ERROR_SHEET_MAX];
    kpi_status st = kpi_sheet_scan(path, &sel, on_row, d, name, sizeof name, &err);
    FUZZ_CHECK(st == KPI_OK || (err.code == st && err.message[0] != '\0'));
    return st;
}

static kpi_status
scan(kpi_sheet_select sel, bool full_header, digest *d)
{
    *d = (digest){.hash = 14695981039346656037u, .full_header = full_header};
    return scan_on(sel, d);
}

static void
remove_path(void)
{
    unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fuzz_sink();
    if (!path[0]) {
        /* In memory where there is a tmpfs: each input is a file. */
        snprintf(path, sizeof path, "%s/kpi-fuzz-sheet-%ld.xlsx",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
        atexit(remove_path);
    }
    if (size < 1)
        return 0;
    uint8_t a = data[0];
    if (pack(path, a & 1, data + 1, size - 1) != 0)
        return 0;
    kpi_reader_options opt = kpi_reader_options_default();
    opt.skip = (a >> 1) & 3;
    static const char *const sheets[] = {NULL, "1", "Table 1", "2"};
    opt.sheet = sheets[(a >> 3) & 3];
    opt.layout = (kpi_layout)((a >> 5) % 4);
    opt.count = opt.layout == KPI_LAYOUT_EVENTS;
    opt.skip_bad = a >> 7;
    kpi_error err;
    kpi_error_clear(&err);
    if (!(a & 1)) {
        kpi_sheet_select sel = {.sheet = opt.sheet, .skip = opt.skip};
        digest twice, once;
        kpi_status st = scan(sel, opt.skip_bad, &twice);
        sel.restart = on_restart;
        FUZZ_CHECK((scan(sel, opt.skip_bad, &once) == KPI_OK) == (st == KPI_OK));
        FUZZ_CHECK(st != KPI_OK || (once.hash == twice.hash && once.rows == twice.rows));
        sel = (kpi_sheet_select){
            .sheet = opt.sheet, .skip = opt.skip, .part = KPI_SHEET_FIRST, .halves_min = 1};
        digest halves;
        /* The reader uses the halves only when the first has the header. */
        if (scan(sel, opt.skip_bad, &halves) == KPI_OK && halves.rows > 0) {
            sel.part = KPI_SHEET_LATER;
            sel.width = halves.width;
            halves.index_base = halves.rows - 1;
            if (scan_on(sel, &halves) == KPI_OK) {
                FUZZ_CHECK(st == KPI_OK);
                FUZZ_CHECK(halves.hash == twice.hash && halves.rows == twice.rows);
            }
        }
    }
    kpi_store *s = kpi_read_file(path, &opt, NULL, &err);
    if (!s) {
        FUZZ_CHECK(err.code != KPI_OK && err.message[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(kpi_table_write_store(s, sink, NULL, &err) == KPI_OK);
    kpi_store_free(s);
    return 0;
}
