/* The workbook reader's parts, shared by its four files: the container
 * and the sheet's choice (sheet.c), the rows and the text of a cell
 * (sheet_cell.c), and the two formats' parsers (sheet_xlsx.c,
 * sheet_ods.c).  Each parser turns its XML into calls of kpi_sheet_cell
 * and kpi_sheet_emit_row on one reader state, so that a cell is typed,
 * dated and stored by the same code whatever file it comes from. */
#ifndef KPI_SHEET_PARSE_PRIVATE_H
#define KPI_SHEET_PARSE_PRIVATE_H

#include <libxml/parser.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <zip.h>

#include "alloc_private.h"
#include "sheet_private.h"

/* The widest and longest sheets Excel and LibreOffice make (column XFD,
 * row 1048576): a count past them is a broken or hostile file, and ODS's
 * repeat counts could otherwise ask for billions of cells. */
#define MAX_COLUMNS 16384UL
#define MAX_ROWS 1048576UL

typedef struct slot {
    size_t off, len; /* into sheet.text; len 0: empty */
} slot;

/* A merged range and the text of its top-left cell, once read. */
typedef struct merge {
    unsigned long r1, c1, r2, c2;
    char *value;
} merge;

/* A growable text buffer. */
typedef struct buffer {
    char *p;
    size_t len, cap;
} buffer;

typedef enum style_kind { STYLE_PLAIN = 0, STYLE_DATE, STYLE_PERCENT } style_kind;

typedef struct sheet {
    const char *path;
    const kpi_sheet_select *sel;
    kpi_csv_row_fn fn;
    void *ud;
    kpi_error *err;
    kpi_status status; /* the first failure */
    bool done;         /* the parse stopped on purpose: the sheet is read */
    zip_t *zip;
    xmlParserCtxtPtr parser;
    struct handlers {
        void (*start)(void *ud, const char *name, const char **atts);
        void (*end)(void *ud, const char *name);
    } h;               /* the entry being parsed's element handlers */
    const char **attv; /* the element's attributes as char pointers */
    size_t attv_cap;
    struct {
        int code, line;
        char message[160];
    } xml_error;       /* libxml2's first failure in the entry (code 0: none) */
    const char *entry; /* the zip entry being parsed, for messages */
    char *name;        /* the chosen sheet's name (the caller's buffer) */
    size_t name_size;
    buffer names; /* every sheet's name, for a message when none matches */
    size_t n_sheets;

    /* The row being assembled: its number, and a slot per column. */
    unsigned long row, last_row;
    buffer text;
    slot *slots;
    size_t slots_cap;
    unsigned long maxcol;
    kpi_csv_field *view;
    size_t view_cap;
    size_t width; /* the header row's */
    size_t row_index;
    merge *merges;
    size_t n_merges, merges_cap;
    unsigned long merge_last_row;
    bool rows_done;  /* past </sheetData> */
    bool probing;    /* reading rows before the merged ranges are known */
    kpi_status held; /* fn's failure in that pass; later rows go nowhere */

    buffer chars; /* character data of the element being read */
    int collect;  /* > 0 while character data is kept */

    /* .xlsx */
    bool date1904;
    char *rid; /* the chosen sheet's relationship id */
    char *target;
    style_kind *styles;
    size_t n_styles, styles_cap;
    struct numfmt {
        unsigned long id;
        style_kind kind;
    } * numfmts;
    size_t n_numfmts, numfmts_cap;
    int in_cellxfs;
    buffer strings; /* shared strings, each NUL-terminated */
    size_t *string_at;
    size_t n_strings, strings_cap;
    int in_si, in_phonetic;
    unsigned long col;
    char cell_kind; /* 's' shared string, 'b' boolean, 'n' number, 't' any
                       other text (inline, formula string, error, ISO date) */
    unsigned long cell_style;

    /* .ods */
    int table_depth; /* > 0 inside the chosen table */
    unsigned long row_repeat, cell_repeat, span_cols, span_rows;
    char value_type[16];
    char *value; /* office:value, date-value or boolean-value */
    int in_cell, paragraphs, in_note;
    bool encrypted;
} sheet;

/* ---- failures and text (sheet.c) ----------------------------------------- */

/* Record the first failure, located at row and col (0: none), and stop
 * the parse; returns the first failure's status. */
KPI_INTERNAL kpi_status kpi_sheet_fail(sheet *s, kpi_status code, unsigned long row,
                                       unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
KPI_INTERNAL kpi_status kpi_sheet_nomem(sheet *s);

/* Append n bytes of p to b, kept NUL-terminated; -1 (and the failure
 * recorded) when memory runs out.  Inline: every cell's text passes. */
static inline int
kpi_sheet_put(sheet *s, buffer *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap && kpi_grow((void **)&b->p, &b->cap, b->len + n + 1, 1) != 0) {
        kpi_sheet_nomem(s);
        return -1;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* The local part of an XML name: "x:c" and "c" are the same element, and
 * ODS's prefixes are conventions, not fixed names. */
static inline const char *
kpi_sheet_local(const char *name)
{
    /* A loop, not strrchr: the names are a few bytes, for which the call
     * costs more than the scan (strrchr was 2.0% of a workbook's
     * instructions, every element and attribute asking; the loop 1.0%). */
    const char *local = name;
    for (const char *p = name; *p; p++)
        if (*p == ':')
            local = p + 1;
    return local;
}

/* The value of the attribute whose local name is name, or NULL. */
KPI_INTERNAL const char *kpi_sheet_attr(const char **atts, const char *name);

/* A decimal count, or def when absent; values past max are max + 1. */
KPI_INTERNAL unsigned long kpi_sheet_count(const char *v, unsigned long def, unsigned long max);

/* The decimal count of attribute name, as kpi_sheet_count. */
KPI_INTERNAL unsigned long kpi_sheet_count_attr(const char **atts, const char *name,
                                                unsigned long def, unsigned long max);

/* ---- the container and the sheet's choice (sheet.c) ----------------------- */

/* An entry's element handlers, called as expat calls them: the element's
 * name, and its attributes as name, value, ..., NULL. */
typedef struct handlers handlers;

/* Parse one entry of the zip as it unzips, with h and the reader's
 * character data handler.  A missing optional entry is no failure;
 * *found (may be NULL) says whether it was there. */
KPI_INTERNAL kpi_status kpi_sheet_parse_entry(sheet *s, const char *entry, bool required,
                                              handlers h, bool *found);

/* Parse the half of the sheet's XML (s->target) that s->sel->part names,
 * with h; fails (KPI_EIO, kpi_sheet_cannot_cut) when the sheet cannot be
 * cut in halves, for the caller to read it whole. */
KPI_INTERNAL kpi_status kpi_sheet_parse_half(sheet *s, handlers h);
KPI_INTERNAL kpi_status kpi_sheet_cannot_cut(sheet *s);

/* Whether the sheet's XML is large enough to cut in halves
 * (kpi_sheet_select.halves_min), by the size the archive states, which
 * *size receives. */
KPI_INTERNAL bool kpi_sheet_halves_fit(sheet *s, zip_uint64_t *size);

/* Whether the entry's bytes hold word anywhere: a pass that unzips
 * without parsing, so that a sheet with no merged cells is parsed once. */
KPI_INTERNAL kpi_status kpi_sheet_entry_mentions(sheet *s, const char *entry, const char *word,
                                                 bool *yes);

/* Stop parsing: what was wanted is read. */
KPI_INTERNAL void kpi_sheet_finish(sheet *s);

/* Whether sheet number idx (1-based) named name is the one selected: by
 * its name, or by its number when the selection is all digits; the first
 * in the workbook's order that matches.  Every name seen is kept for
 * kpi_sheet_no_such_sheet's message. */
KPI_INTERNAL bool kpi_sheet_selected(sheet *s, size_t idx, const char *name);

/* Take name as the chosen sheet's. */
KPI_INTERNAL void kpi_sheet_choose(sheet *s, const char *name);

/* Fail with KPI_EINVAL naming the sheets the workbook has. */
KPI_INTERNAL kpi_status kpi_sheet_no_such_sheet(sheet *s);

/* ---- rows and cells (sheet_cell.c) ---------------------------------------- */

/* What a cell's stored value is, which decides the text it reads as. */
typedef enum cell_type {
    CELL_TEXT,    /* as stored: strings, plain numbers, errors */
    CELL_BOOLEAN, /* 1 or true, 0 or false: TRUE, FALSE */
    CELL_PERCENT, /* a fraction in a percentage format: "0.096" is "9.6%" */
    CELL_SERIAL,  /* a serial date of the workbook's date system */
    CELL_DATE,    /* an ISO date, or a timestamp (a date at midnight is a date) */
} cell_type;

/* Set cells col to col + repeat - 1 of the row being read to the text of
 * the stored value v (len bytes, NUL-terminated) of type.  A value that
 * cannot be turned (a percentage or serial that is no plain number) is
 * kept as stored.  Fails, located at the row, for a column past the
 * widest sheet, or when memory runs out. */
KPI_INTERNAL kpi_status kpi_sheet_cell(sheet *s, unsigned long col, unsigned long repeat,
                                       cell_type type, const char *v, size_t len);

/* Hand the assembled row to the caller (unless it is skipped or blank);
 * the row is kept, for ODS's repeated rows, until kpi_sheet_row_reset. */
KPI_INTERNAL kpi_status kpi_sheet_emit_row(sheet *s);
KPI_INTERNAL void kpi_sheet_row_reset(sheet *s);

/* Rows the file leaves out, between the last one read and upto, that a
 * merged range from above covers. */
KPI_INTERNAL kpi_status kpi_sheet_fill_merged_gap(sheet *s, unsigned long upto);

/* Forget the rows read, to read them again from the first: the merged
 * ranges are kept, their top-left cells' text is not. */
KPI_INTERNAL void kpi_sheet_rows_again(sheet *s);

/* A merged range, whose every cell reads as its top-left one; a range
 * no cell can be in is left out. */
KPI_INTERNAL kpi_status kpi_sheet_add_merge(sheet *s, unsigned long r1, unsigned long c1,
                                            unsigned long r2, unsigned long c2);

/* ---- the formats (sheet_xlsx.c, sheet_ods.c) ------------------------------ */

/* Read the selected sheet of an open .xlsx or .ods package. */
KPI_INTERNAL kpi_status kpi_sheet_read_xlsx(sheet *s);
KPI_INTERNAL kpi_status kpi_sheet_read_ods(sheet *s);

#endif
