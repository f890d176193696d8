#include "text_private.h"

#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */

/* The canvas's one layout, made on first use, holding text[0..len) (len
 * -1: up to the NUL) on one unbounded line in st's font.  Reusing it
 * keeps Pango's context, and so its font lookups, for the whole chart. */
static PangoLayout *
layout_for(kpi_canvas *cv, const kpi_text_style *st, const char *text, int len)
{
    if (!cv->text) {
        cv->text = pango_cairo_create_layout(cv->cr);
        /* Unrounded glyph positions: widths then scale exactly with the
         * size and the page, so the layout measured for a PNG is the
         * layout of the PDF (cairo's font options already turn hinting
         * off; see kpi_canvas_init). */
        pango_context_set_round_glyph_positions(pango_layout_get_context(cv->text), FALSE);
        pango_layout_context_changed(cv->text);
        /* A label is one line: a newline in it is shown, not obeyed. */
        pango_layout_set_single_paragraph_mode(cv->text, TRUE);
    }
    PangoLayout *l = cv->text;
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, KPI_TEXT_FAMILY);
    pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    /* Absolute: user-space units, which are points on every surface. */
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, -1);
    /* Pango warns on stderr about bytes that are not UTF-8; a library
     * must not print, so such text is drawn with U+FFFD in their place. */
    const char *end;
    if (g_utf8_validate(text, len, &end)) {
        pango_layout_set_text(l, text, len);
    } else {
        gchar *valid = g_utf8_make_valid(text, len);
        pango_layout_set_text(l, valid, -1);
        g_free(valid);
    }
    return l;
}

static double
layout_width(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

double
kpi_text_width(kpi_canvas *cv, const kpi_text_style *st, const char *text)
{
    return layout_width(layout_for(cv, st, text, -1));
}

/* A line of the style's own font alone: its height and baseline are the
 * same for every line of the style, whatever fallback fonts the text
 * needs.  (Pango's metrics of an empty line ignore cairo's scale, so a
 * digit stands in for it.) */
static PangoLayout *
plain_line(kpi_canvas *cv, const kpi_text_style *st)
{
    return layout_for(cv, st, "0", 1);
}

double
kpi_text_height(kpi_canvas *cv, const kpi_text_style *st)
{
    PangoRectangle logical;
    pango_layout_get_extents(plain_line(cv, st), NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

double
kpi_text_ascent(kpi_canvas *cv, const kpi_text_style *st)
{
    return (double)pango_layout_get_baseline(plain_line(cv, st)) / PANGO_SCALE;
}

kpi_rect
kpi_text_draw(kpi_canvas *cv, const kpi_text_style *st, const char *text, double x, double y,
              kpi_align align)
{
    double ascent = kpi_text_ascent(cv, st);
    kpi_rect box = {x, y, 0.0, kpi_text_height(cv, st)};
    if (text[0] == '\0')
        return box;
    PangoLayout *l = layout_for(cv, st, text, -1);
    box.w = layout_width(l);
    box.x = align == KPI_ALIGN_LEFT ? x : align == KPI_ALIGN_CENTRE ? x - box.w / 2.0 : x - box.w;
    kpi_canvas_rgb(cv, st->colour);
    /* The layout's own baseline drops when a fallback font is taller; the
     * line's baseline stays where the style puts it. */
    cairo_move_to(cv->cr, box.x, y + ascent - (double)pango_layout_get_baseline(l) / PANGO_SCALE);
    pango_cairo_update_layout(cv->cr, l);
    pango_cairo_show_layout(cv->cr, l);
    cairo_new_path(cv->cr);
    kpi_canvas_record_text(cv, box, text);
    return box;
}

/* text[0..k) with trailing spaces dropped and an ellipsis added, into
 * buf (which holds it: k + sizeof ellipsis <= size). */
static void
cut(const char *text, size_t k, char *buf)
{
    while (k > 0 && text[k - 1] == ' ')
        k--;
    memcpy(buf, text, k);
    memcpy(buf + k, ellipsis, sizeof ellipsis);
}

/* kpi_text_fit, with words set: a cut falls only where a line may break
 * (after a space or a hyphen), so that what is left reads as whole words
 * ("London Heathrow and…", never "London Heathrow a…"); text with no such
 * cut that fits is cut between grapheme clusters as kpi_text_fit does. */
static bool
fit(kpi_canvas *cv, const kpi_text_style *st, const char *text, double max_width, char *buf,
    size_t size, bool words)
{
    if (size == 0)
        return false;
    size_t len = strlen(text);
    if (len < size && kpi_text_width(cv, st, text) <= max_width) {
        memcpy(buf, text, len + 1);
        return true;
    }
    /* The places a cut may fall: grapheme cluster boundaries, as Pango's
     * text analysis finds them, that leave room for the ellipsis in buf. */
    char tmp[KPI_TEXT_LINE_MAX + sizeof ellipsis];
    size_t room = size < sizeof tmp ? size : sizeof tmp;
    size_t cuts[KPI_TEXT_LINE_MAX];
    size_t n_cuts = 0;
    {
        PangoLayout *l = layout_for(cv, st, text, -1);
        const char *t = pango_layout_get_text(l);
        int n_attrs;
        const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n_attrs);
        const char *p = t;
        for (int i = 1; i < n_attrs && *p; i++) {
            p = g_utf8_next_char(p);
            size_t off = (size_t)(p - t);
            if (off + sizeof ellipsis > room || n_cuts == KPI_TEXT_LINE_MAX)
                break;
            if (words ? la[i].is_line_break : la[i].is_cursor_position)
                cuts[n_cuts++] = off;
        }
        /* Text made valid by layout_for may differ from text in length:
         * then only cuts before its first replaced byte are safe. */
        if (strlen(t) != len || memcmp(t, text, len) != 0) {
            size_t same = 0;
            while (same < len && t[same] == text[same])
                same++;
            while (n_cuts > 0 && cuts[n_cuts - 1] > same)
                n_cuts--;
        }
    }
    /* The longest prefix that fits: a longer prefix is never narrower. */
    size_t lo = 0, hi = n_cuts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        cut(text, cuts[mid - 1], tmp);
        if (kpi_text_width(cv, st, tmp) <= max_width)
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo > 0) {
        cut(text, cuts[lo - 1], buf);
        return true;
    }
    if (words)
        return fit(cv, st, text, max_width, buf, size, false);
    if (sizeof ellipsis <= size && kpi_text_width(cv, st, ellipsis) <= max_width) {
        memcpy(buf, ellipsis, sizeof ellipsis);
        return true;
    }
    buf[0] = '\0';
    return false;
}

bool
kpi_text_fit(kpi_canvas *cv, const kpi_text_style *st, const char *text, double max_width,
             char *buf, size_t size)
{
    return fit(cv, st, text, max_width, buf, size, false);
}

void
kpi_text_wrap(kpi_canvas *cv, const kpi_text_style *st, const char *text, double max_width,
              size_t max_lines, kpi_text_lines *out)
{
    out->n = 0;
    if (max_lines > KPI_TEXT_MAX_LINES)
        max_lines = KPI_TEXT_MAX_LINES;
    while (*text == ' ')
        text++;
    if (*text == '\0' || max_lines == 0)
        return;
    /* Where Pango breaks the text at this width.  A word wider than the
     * line stays whole on its own line; fitting it below cuts it. */
    size_t start[KPI_TEXT_MAX_LINES], end[KPI_TEXT_MAX_LINES];
    size_t n;
    bool more;
    {
        PangoLayout *l = layout_for(cv, st, text, -1);
        pango_layout_set_width(l, (int)(max_width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        int count = pango_layout_get_line_count(l);
        n = (size_t)count < max_lines ? (size_t)count : max_lines;
        more = (size_t)count > max_lines;
        /* Text that is not UTF-8 was laid out with replacements, so its
         * break offsets are not text's: it gets one line, cut to fit. */
        if (strcmp(pango_layout_get_text(l), text) != 0) {
            n = 1;
            more = true;
        }
        for (size_t i = 0; i < n; i++) {
            PangoLayoutLine *ln = pango_layout_get_line_readonly(l, (int)i);
            start[i] = (size_t)ln->start_index;
            end[i] = (size_t)(ln->start_index + ln->length);
        }
    }
    size_t len = strlen(text);
    for (size_t i = 0; i < n; i++) {
        /* The last line takes everything left, to be cut with an
         * ellipsis when it does not fit. */
        size_t a = start[i] < len ? start[i] : len;
        size_t b = i + 1 == n && more ? len : end[i] < len ? end[i] : len;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n'))
            b--;
        char piece[KPI_TEXT_LINE_MAX + 8];
        size_t k = b - a < KPI_TEXT_LINE_MAX ? b - a : KPI_TEXT_LINE_MAX;
        /* Never end the copy inside a UTF-8 sequence. */
        while (k > 0 && k < b - a && ((unsigned char)text[a + k] & 0xC0) == 0x80)
            k--;
        memcpy(piece, text + a, k);
        piece[k] = '\0';
        /* Text left over after the last line is cut at a word. */
        fit(cv, st, piece, max_width, out->line[out->n++], KPI_TEXT_LINE_MAX, i + 1 == n && more);
    }
}
