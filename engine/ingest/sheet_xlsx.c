/* The .xlsx parser (Office Open XML, ECMA-376): the workbook's sheet
 * list and date system, the relationships that name the sheet's part,
 * the styles that make a number a date or a percentage, the shared
 * strings, and the sheet's cells. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "sheet_parse_private.h"

static void
workbook_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = kpi_sheet_attr(atts, "date1904");
        s->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0 && !s->rid) {
        const char *name = kpi_sheet_attr(atts, "name"), *rid = kpi_sheet_attr(atts, "id");
        if (name && rid && kpi_sheet_selected(s, s->n_sheets + 1, name)) {
            kpi_sheet_choose(s, name);
            if (!(s->rid = kpi_strndup(rid, strlen(rid))))
                kpi_sheet_nomem(s);
        }
    }
}

static void
rels_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *id = kpi_sheet_attr(atts, "Id"), *target = kpi_sheet_attr(atts, "Target");
    if (strcmp(kpi_sheet_local(el), "Relationship") || !id || !target || strcmp(id, s->rid) ||
        s->target)
        return;
    /* Targets are relative to xl/, or absolute from the package root. */
    size_t len = strlen(target);
    if (!(s->target = kpi_malloc(len + 4))) {
        kpi_sheet_nomem(s);
        return;
    }
    if (target[0] == '/')
        snprintf(s->target, len + 4, "%s", target + 1);
    else
        snprintf(s->target, len + 4, "xl/%s", target);
}

/* The built-in number formats that show a date or a time (ECMA-376
 * 18.8.30, with the East Asian ones), and the two percentages. */
static style_kind
builtin_kind(unsigned long id)
{
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
        (id >= 50 && id <= 58))
        return STYLE_DATE;
    return id == 9 || id == 10 ? STYLE_PERCENT : STYLE_PLAIN;
}

/* A custom format code shows a date if it has a date or time letter
 * outside quoted text, bracketed colours or conditions, and escapes; a
 * percentage if it has a % sign there. */
static style_kind
code_kind(const char *code)
{
    bool percent = false;
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            p += p[1] != '\0';
            break;
        case '[':
            while (p[1] && p[1] != ']')
                p++;
            break;
        case '\\':
        case '_':
        case '*': p += p[1] != '\0'; break;
        case '%': percent = true; break;
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'h':
        case 'H':
        case 's':
        case 'S': return STYLE_DATE;
        default: break;
        }
    }
    return percent ? STYLE_PERCENT : STYLE_PLAIN;
}

static void
styles_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    if (strcmp(n, "numFmt") == 0) {
        const char *code = kpi_sheet_attr(atts, "formatCode");
        if (!code || kpi_grow((void **)&s->numfmts, &s->numfmts_cap, s->n_numfmts + 1,
                              sizeof *s->numfmts) != 0) {
            if (code)
                kpi_sheet_nomem(s);
            return;
        }
        s->numfmts[s->n_numfmts++] = (struct numfmt){
            kpi_sheet_count_attr(atts, "numFmtId", 0, UINT32_MAX), code_kind(code)};
    } else if (strcmp(n, "cellXfs") == 0) {
        s->in_cellxfs = 1;
    } else if (strcmp(n, "xf") == 0 && s->in_cellxfs) {
        unsigned long id = kpi_sheet_count_attr(atts, "numFmtId", 0, UINT32_MAX);
        style_kind kind = builtin_kind(id);
        for (size_t k = 0; k < s->n_numfmts; k++)
            if (s->numfmts[k].id == id)
                kind = s->numfmts[k].kind;
        if (kpi_grow((void **)&s->styles, &s->styles_cap, s->n_styles + 1, sizeof *s->styles))
            kpi_sheet_nomem(s);
        else
            s->styles[s->n_styles++] = kind;
    }
}

static void
styles_end(void *ud, const char *el)
{
    sheet *s = ud;
    if (strcmp(kpi_sheet_local(el), "cellXfs") == 0)
        s->in_cellxfs = 0;
}

/* A shared string is the text of its <t> elements, rich-text runs
 * included, and phonetic guides (<rPh>) left out. */
static void
strings_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    (void)atts;
    if (strcmp(n, "si") == 0) {
        s->in_si = 1;
        s->chars.len = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 1;
    } else if (strcmp(n, "t") == 0 && s->in_si && !s->in_phonetic) {
        s->collect = 1;
    }
}

static void
strings_end(void *ud, const char *el)
{
    sheet *s = ud;
    const char *n = kpi_sheet_local(el);
    if (strcmp(n, "t") == 0) {
        s->collect = 0;
    } else if (strcmp(n, "rPh") == 0) {
        s->in_phonetic = 0;
    } else if (strcmp(n, "si") == 0 && s->status == KPI_OK) {
        s->in_si = 0;
        if (kpi_grow((void **)&s->string_at, &s->strings_cap, s->n_strings + 1,
                     sizeof *s->string_at) != 0) {
            kpi_sheet_nomem(s);
            return;
        }
        s->string_at[s->n_strings++] = s->strings.len;
        kpi_sheet_put(s, &s->strings, s->chars.len ? s->chars.p : "", s->chars.len);
        kpi_sheet_put(s, &s->strings, "", 1);
    }
}

/* The column and row of a cell reference's start ("C7": column 3, row
 * 7; 0 for a part missing), and what follows it. */
static const char *
ref_part(const char *ref, unsigned long *row, unsigned long *col)
{
    unsigned long c = 0, r = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && c <= MAX_COLUMNS; ref++)
        c = c * 26 + (unsigned long)(*ref - 'A' + 1);
    for (; *ref >= '0' && *ref <= '9' && r <= MAX_ROWS; ref++)
        r = r * 10 + (unsigned long)(*ref - '0');
    *row = r;
    *col = c;
    return ref;
}

/* <mergeCell ref="A1:D2">. */
static void
add_merge_cell(sheet *s, const char **atts)
{
    const char *ref = kpi_sheet_attr(atts, "ref");
    if (!ref)
        return;
    unsigned long r1, c1, r2, c2;
    ref = ref_part(ref, &r1, &c1);
    r2 = r1;
    c2 = c1;
    if (*ref == ':')
        ref_part(ref + 1, &r2, &c2);
    if (r1 && c1)
        kpi_sheet_add_merge(s, r1, c1, r2, c2);
}

/* The merged ranges sit after the cells in the sheet's XML, and a row's
 * fill must be known when the row is read: a pass of their own finds
 * them, unless the rows may come twice (kpi_sheet_select.restart). */
static void
merges_start(void *ud, const char *el, const char **atts)
{
    if (strcmp(kpi_sheet_local(el), "mergeCell") == 0)
        add_merge_cell(ud, atts);
}

/* "C7": column 3, row 7.  Returns false for anything else. */
static bool
cell_ref(const char *ref, unsigned long *row, unsigned long *col)
{
    unsigned long r, c;
    if (*ref_part(ref, &r, &c) || !c || !r)
        return false;
    *row = r;
    *col = c;
    return true;
}

/* A cell's kind from its t attribute: the ones end_cell reads apart. */
static char
cell_kind(const char *t)
{
    if (!t || strcmp(t, "n") == 0)
        return 'n';
    if (strcmp(t, "s") == 0)
        return 's';
    return strcmp(t, "b") == 0 ? 'b' : 't';
}

/* <c r="C7" s="2" t="s">: the attributes read in one pass, as the sheet
 * has one such element per cell. */
static void
start_cell(sheet *s, const char **atts)
{
    const char *ref = NULL, *t = NULL, *style = NULL;
    for (size_t i = 0; atts[i]; i += 2) {
        const char *a = kpi_sheet_local(atts[i]);
        if (a[0] && !a[1]) {
            if (a[0] == 'r')
                ref = atts[i + 1];
            else if (a[0] == 't')
                t = atts[i + 1];
            else if (a[0] == 's')
                style = atts[i + 1];
        }
    }
    unsigned long r = s->row, c = s->col + 1;
    if (ref && !cell_ref(ref, &r, &c)) {
        kpi_sheet_fail(s, KPI_EIO, s->row, s->col + 1, "the cell reference \"%.20s\" is not one",
                       ref);
        return;
    }
    s->col = c;
    s->cell_kind = cell_kind(t);
    s->cell_style = kpi_sheet_count(style, 0, UINT32_MAX);
    s->chars.len = 0;
}

/* The sheet's elements, by local name.  <c> and <v> come once a cell, so
 * a name is told by its first letter before any strcmp. */
typedef enum element {
    EL_OTHER,
    EL_ROW,
    EL_C,
    EL_V,
    EL_T,
    EL_RPH,
    EL_SHEETDATA,
    EL_MERGECELL
} element;

static element
classify(const char *n)
{
    switch (n[0]) {
    case 'c': return n[1] ? EL_OTHER : EL_C;
    case 'v': return n[1] ? EL_OTHER : EL_V;
    case 't': return n[1] ? EL_OTHER : EL_T;
    case 'r': return strcmp(n, "row") == 0 ? EL_ROW : strcmp(n, "rPh") == 0 ? EL_RPH : EL_OTHER;
    case 's': return strcmp(n, "sheetData") == 0 ? EL_SHEETDATA : EL_OTHER;
    case 'm': return strcmp(n, "mergeCell") == 0 ? EL_MERGECELL : EL_OTHER;
    default: return EL_OTHER;
    }
}

static void
sheet_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    if (s->status != KPI_OK)
        return;
    element e = classify(kpi_sheet_local(el));
    if (s->rows_done && e != EL_MERGECELL)
        return;
    switch (e) {
    case EL_ROW: {
        unsigned long r = kpi_sheet_count_attr(atts, "r", s->last_row + 1, MAX_ROWS);
        if (r > MAX_ROWS || r == 0) {
            kpi_sheet_fail(
                s, KPI_EIO, s->last_row + 1, 0,
                "a row numbered past %lu, the most a sheet can have; the file is corrupt",
                MAX_ROWS);
            return;
        }
        if (s->n_merges && kpi_sheet_fill_merged_gap(s, r) != KPI_OK)
            return;
        s->row = r;
        s->col = 0;
        break;
    }
    case EL_C: start_cell(s, atts); break;
    case EL_V: s->collect = 1; break;
    case EL_RPH: s->in_phonetic = 1; break;
    case EL_T:
        if (!s->in_phonetic)
            s->collect = 1; /* an inline string's text */
        break;
    case EL_MERGECELL:
        if (s->probing)
            add_merge_cell(s, atts);
        break;
    default: break;
    }
}

/* The cell's text: a shared string looked up, the rest typed by kind
 * and number format. */
static void
end_cell(sheet *s)
{
    const char *v = s->chars.len ? s->chars.p : "";
    size_t len = s->chars.len;
    cell_type type = CELL_TEXT;
    if (s->cell_kind == 's') {
        unsigned long i = len && len < 10 && strspn(v, "0123456789") == len
                              ? kpi_sheet_count(v, 0, ULONG_MAX)
                              : ULONG_MAX;
        if (i >= s->n_strings) {
            kpi_sheet_fail(s, KPI_EIO, s->row, s->col,
                           "the cell refers to shared string \"%.20s\", which the workbook "
                           "does not have; the file is corrupt",
                           v);
            return;
        }
        v = s->strings.p + s->string_at[i];
        len = (i + 1 < s->n_strings ? s->string_at[i + 1] : s->strings.len) - s->string_at[i] - 1;
    } else if (s->cell_kind == 'b') {
        type = CELL_BOOLEAN;
    } else if (s->cell_kind == 'n' && s->cell_style < s->n_styles) {
        style_kind kind = s->styles[s->cell_style];
        type = kind == STYLE_DATE ? CELL_SERIAL : kind == STYLE_PERCENT ? CELL_PERCENT : CELL_TEXT;
    }
    kpi_sheet_cell(s, s->col, 1, type, v, len);
}

static void
sheet_end(void *ud, const char *el)
{
    sheet *s = ud;
    if (s->status != KPI_OK || s->rows_done)
        return;
    switch (classify(kpi_sheet_local(el))) {
    case EL_V:
    case EL_T: s->collect = 0; break;
    case EL_RPH: s->in_phonetic = 0; break;
    case EL_C: end_cell(s); break;
    case EL_ROW:
        kpi_sheet_emit_row(s);
        kpi_sheet_row_reset(s);
        s->last_row = s->row;
        /* A cell between rows, in none, is in column 1 whatever row came
         * before (the later half of a sheet has seen none). */
        s->col = 0;
        break;
    case EL_SHEETDATA:
        if (s->n_merges)
            kpi_sheet_fill_merged_gap(s, s->merge_last_row + 1);
        /* The parse goes on, to the merged ranges after the rows when
         * they are not known yet, and so that a sheet whose XML is broken
         * after its rows is refused whether or not it has any. */
        s->rows_done = true;
        break;
    default: break;
    }
}

/* Whether a merged range reaches below the skipped rows, which only
 * then it changes. */
static bool
merges_reach_rows(const sheet *s)
{
    for (size_t k = 0; k < s->n_merges; k++)
        if (s->merges[k].r2 > s->sel->skip)
            return true;
    return false;
}

/* The rows and the merged ranges after them in one pass; a second pass
 * only for ranges that reach below the skipped rows, which that pass
 * applies from the first row. */
static kpi_status
read_rows_once(sheet *s)
{
    s->probing = true;
    kpi_sheet_parse_entry(s, s->target, true, (handlers){sheet_start, sheet_end}, NULL);
    s->probing = false;
    if (s->status != KPI_OK)
        return s->status;
    if (!merges_reach_rows(s))
        return s->status = s->held;
    kpi_error_clear(s->err);
    kpi_status st = s->sel->restart(s->ud, s->err);
    if (st != KPI_OK)
        return s->status = st;
    kpi_sheet_rows_again(s);
    return kpi_sheet_parse_entry(s, s->target, true, (handlers){sheet_start, sheet_end}, NULL);
}

/* One half of the rows.  The later half numbers its rows from the
 * attributes alone: a row with none would follow a row it has not seen,
 * so last_row starts past the last row a sheet can have, and such a row
 * fails.  Merged ranges turn up after the rows, where the later half
 * finds them (or among them, where either may); one that reaches below
 * the skipped rows fails the half, and the sheet is read whole (a title
 * merged above them changes no row read). */
static kpi_status
read_rows_half(sheet *s)
{
    if (s->sel->part == KPI_SHEET_LATER) {
        s->width = s->sel->width;
        s->row_index = 1;
        s->last_row = MAX_ROWS;
    }
    s->probing = true; /* to collect the merged ranges */
    kpi_sheet_parse_half(s, (handlers){sheet_start, sheet_end});
    s->probing = false;
    if (s->status == KPI_OK && merges_reach_rows(s))
        return kpi_sheet_fail(s, KPI_EIO, 0, 0, "a sheet with merged cells is read whole");
    return s->status != KPI_OK ? s->status : (s->status = s->held);
}

/* Whether the sheet is to be read in a half, but is too small to cut:
 * found before the workbook's styles and shared strings are read. */
static bool
too_small_to_halve(sheet *s)
{
    zip_uint64_t size;
    return s->sel->part != KPI_SHEET_WHOLE && s->target && !kpi_sheet_halves_fit(s, &size);
}

kpi_status
kpi_sheet_read_xlsx(sheet *s)
{
    if (kpi_sheet_parse_entry(s, "xl/workbook.xml", true, (handlers){workbook_start, NULL}, NULL) !=
        KPI_OK)
        return s->status;
    if (!s->rid)
        return kpi_sheet_no_such_sheet(s);
    bool found;
    if (kpi_sheet_parse_entry(s, "xl/_rels/workbook.xml.rels", true, (handlers){rels_start, NULL},
                              NULL) != KPI_OK)
        return s->status;
    if (too_small_to_halve(s))
        return kpi_sheet_cannot_cut(s);
    if (kpi_sheet_parse_entry(s, "xl/styles.xml", false, (handlers){styles_start, styles_end},
                              NULL) != KPI_OK ||
        kpi_sheet_parse_entry(s, "xl/sharedStrings.xml", false,
                              (handlers){strings_start, strings_end}, NULL) != KPI_OK)
        return s->status;
    if (!s->target)
        return kpi_sheet_fail(s, KPI_EIO, 0, 0,
                              "the workbook is corrupt: sheet \"%s\" has no part in the package",
                              s->name);
    if (s->sel->part != KPI_SHEET_WHOLE)
        return read_rows_half(s);
    if (s->sel->restart)
        return read_rows_once(s);
    bool merged;
    if (kpi_sheet_entry_mentions(s, s->target, "mergeCell", &merged) != KPI_OK ||
        (merged && kpi_sheet_parse_entry(s, s->target, true, (handlers){merges_start, NULL},
                                         &found) != KPI_OK))
        return s->status;
    return kpi_sheet_parse_entry(s, s->target, true, (handlers){sheet_start, sheet_end}, &found);
}
