/* Inside the PDF pack: the page geometry, the document's type styles, the
 * Pango text helpers, and the record of every box drawn, through which
 * tests prove that nothing runs off a page or over another block. */
#ifndef KPI_PACK_PRIVATE_H
#define KPI_PACK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "kpi/pack.h"

#if defined(__GNUC__)
#define KPI_INTERNAL __attribute__((visibility("hidden")))
#else
#define KPI_INTERNAL
#endif

/* A4 portrait in points, with 18 mm margins; the footer sits in the
 * bottom margin. */
#define KPI_PACK_PT_PER_MM (72.0 / 25.4)
#define KPI_PACK_PAGE_W (210.0 * KPI_PACK_PT_PER_MM)
#define KPI_PACK_PAGE_H (297.0 * KPI_PACK_PT_PER_MM)
#define KPI_PACK_MARGIN (18.0 * KPI_PACK_PT_PER_MM)
#define KPI_PACK_CONTENT_W (KPI_PACK_PAGE_W - 2.0 * KPI_PACK_MARGIN)
#define KPI_PACK_CONTENT_BOTTOM (KPI_PACK_PAGE_H - KPI_PACK_MARGIN)
#define KPI_PACK_FOOTER_Y (KPI_PACK_PAGE_H - 0.65 * KPI_PACK_MARGIN)

typedef enum kpi_pack_box_kind {
    KPI_PACK_BOX_TEXT = 0, /* a piece of text: its laid-out extents */
    KPI_PACK_BOX_CHART,    /* a chart */
    KPI_PACK_BOX_ROW,      /* a row of the summary table */
    KPI_PACK_BOX_BLOCK     /* an indicator's whole block */
} kpi_pack_box_kind;

/* No indicator: the cover, the summary table's header, a footer. */
#define KPI_PACK_NO_ENTRY ((size_t)-1)

typedef struct kpi_pack_box {
    kpi_pack_box_kind kind;
    size_t page;  /* 1-based */
    size_t entry; /* the indicator's index among the pack's, or KPI_PACK_NO_ENTRY */
    bool footer;  /* a footer's text, in the bottom margin */
    double x, y, w, h;
} kpi_pack_box;

/* What a render drew, and where. */
typedef struct kpi_pack_layout {
    kpi_pack_box *boxes; /* owned; kpi_pack_layout_free releases it */
    size_t n, cap;
    size_t pages;
    size_t entries;
} kpi_pack_layout;

KPI_INTERNAL void kpi_pack_layout_free(kpi_pack_layout *lay);

/* Lay the pack out and draw it on surface, a PDF surface of A4 pages,
 * recording every box in lay (may be NULL).  Statuses as
 * kpi_pack_write_stream, except for writing. */
KPI_INTERNAL kpi_status kpi_pack_render(const kpi_store *s, const kpi_meta *meta,
                                        const kpi_pack_options *opt, cairo_surface_t *surface,
                                        kpi_pack_layout *lay, kpi_error *err);

/* ---- text (pack_text.c) --------------------------------------------------- */

typedef struct kpi_pack_style {
    double size; /* points */
    bool bold, italic;
    double r, g, b;
} kpi_pack_style;

/* Where text goes: the context, its one reusable layout, and the record.
 * With draw false, text is only measured. */
typedef struct kpi_pack_doc {
    cairo_t *cr;
    PangoLayout *layout; /* owned */
    bool draw;
    size_t page, entry;
    bool footer;
    kpi_pack_layout *rec; /* may be NULL */
    bool oom;             /* a box could not be recorded */
} kpi_pack_doc;

/* Start doc on cr (borrowed).  Returns false when out of memory. */
KPI_INTERNAL bool kpi_pack_doc_init(kpi_pack_doc *doc, cairo_t *cr);
KPI_INTERNAL void kpi_pack_doc_fini(kpi_pack_doc *doc);

/* Record a box on the current page, for the current entry. */
KPI_INTERNAL void kpi_pack_record(kpi_pack_doc *doc, kpi_pack_box_kind kind, double x, double y,
                                  double w, double h);

/* Set text in a column of the given width from (x, y), aligned in it,
 * wrapped by Pango at word (else character) boundaries; max_lines > 0
 * cuts what is left after that many lines with an ellipsis (1: one line).
 * Draws and records it when doc->draw.  Returns its height. */
KPI_INTERNAL double kpi_pack_text(kpi_pack_doc *doc, const kpi_pack_style *st, const char *text,
                                  double x, double y, double width, int max_lines,
                                  PangoAlignment align);

#endif
