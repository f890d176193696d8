/* The pack's text: paragraphs, headings and table cells set by Pango in
 * the charts' family, so a document and its charts read as one.  A PDF
 * surface already turns hinting off, so widths are the page's own. */
#include "pack_private.h"

#include "alloc_private.h"

#define PACK_FAMILY "DejaVu Sans"

bool
kpi_pack_doc_init(kpi_pack_doc *doc, cairo_t *cr)
{
    *doc = (kpi_pack_doc){.cr = cr, .page = 1, .entry = KPI_PACK_NO_ENTRY};
    doc->layout = pango_cairo_create_layout(cr);
    if (!doc->layout)
        return false;
    /* Unrounded positions: a measured width is the drawn width. */
    PangoContext *pc = pango_layout_get_context(doc->layout);
    pango_context_set_round_glyph_positions(pc, FALSE);
    /* The document reads left to right, whatever a paragraph's first
     * letter: an Urdu label keeps its own order inside an English
     * sentence, and aligns like every other cell. */
    pango_context_set_base_dir(pc, PANGO_DIRECTION_LTR);
    pango_layout_set_auto_dir(doc->layout, FALSE);
    pango_layout_context_changed(doc->layout);
    return true;
}

void
kpi_pack_doc_fini(kpi_pack_doc *doc)
{
    if (doc->layout)
        g_object_unref(doc->layout);
    doc->layout = NULL;
}

void
kpi_pack_record(kpi_pack_doc *doc, kpi_pack_box_kind kind, double x, double y, double w, double h)
{
    kpi_pack_layout *rec = doc->rec;
    if (!rec || !doc->draw)
        return;
    if (kpi_grow((void **)&rec->boxes, &rec->cap, rec->n + 1, sizeof *rec->boxes) != 0) {
        doc->oom = true;
        return;
    }
    rec->boxes[rec->n++] = (kpi_pack_box){kind, doc->page, doc->entry, doc->footer, x, y, w, h};
}

double
kpi_pack_text(kpi_pack_doc *doc, const kpi_pack_style *st, const char *text, double x, double y,
              double width, int max_lines, PangoAlignment align)
{
    if (!text || !text[0])
        return 0.0;
    PangoLayout *l = doc->layout;
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, PACK_FAMILY);
    pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    /* A negative height is a number of lines: Pango cuts after the last
     * with an ellipsis. */
    pango_layout_set_height(l, max_lines > 0 ? -max_lines : -1);
    pango_layout_set_ellipsize(l, max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    /* Pango would warn on stderr about bytes that are not UTF-8. */
    if (g_utf8_validate(text, -1, NULL)) {
        pango_layout_set_text(l, text, -1);
    } else {
        gchar *valid = g_utf8_make_valid(text, -1);
        pango_layout_set_text(l, valid, -1);
        g_free(valid);
    }
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    double h = (double)(logical.y + logical.height) / PANGO_SCALE;
    if (doc->draw) {
        cairo_set_source_rgb(doc->cr, st->r, st->g, st->b);
        cairo_move_to(doc->cr, x, y);
        pango_cairo_show_layout(doc->cr, l);
        cairo_new_path(doc->cr);
        kpi_pack_record(doc, KPI_PACK_BOX_TEXT, x + (double)logical.x / PANGO_SCALE,
                        y + (double)logical.y / PANGO_SCALE, (double)logical.width / PANGO_SCALE,
                        (double)logical.height / PANGO_SCALE);
    }
    return h;
}
