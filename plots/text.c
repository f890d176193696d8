#include "text_private.h"

#include <stdio.h>
#include <string.h>

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */

static void
use(kpi_canvas *cv, const kpi_text_style *st)
{
    cairo_select_font_face(cv->cr, KPI_TEXT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                           st->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cv->cr, st->size);
}

double
kpi_text_width(kpi_canvas *cv, const kpi_text_style *st, const char *text)
{
    use(cv, st);
    cairo_text_extents_t te;
    cairo_text_extents(cv->cr, text, &te);
    return te.x_advance;
}

double
kpi_text_height(kpi_canvas *cv, const kpi_text_style *st)
{
    use(cv, st);
    cairo_font_extents_t fe;
    cairo_font_extents(cv->cr, &fe);
    return fe.ascent + fe.descent;
}

double
kpi_text_ascent(kpi_canvas *cv, const kpi_text_style *st)
{
    use(cv, st);
    cairo_font_extents_t fe;
    cairo_font_extents(cv->cr, &fe);
    return fe.ascent;
}

kpi_rect
kpi_text_draw(kpi_canvas *cv, const kpi_text_style *st, const char *text, double x, double y,
              kpi_align align)
{
    use(cv, st);
    cairo_font_extents_t fe;
    cairo_text_extents_t te;
    cairo_font_extents(cv->cr, &fe);
    cairo_text_extents(cv->cr, text, &te);
    double w = te.x_advance;
    double left = align == KPI_ALIGN_LEFT ? x : align == KPI_ALIGN_CENTRE ? x - w / 2.0 : x - w;
    kpi_rect box = {left, y, w, fe.ascent + fe.descent};
    if (text[0] == '\0')
        return box;
    kpi_canvas_rgb(cv, st->colour);
    cairo_move_to(cv->cr, left, y + fe.ascent);
    cairo_show_text(cv->cr, text);
    cairo_new_path(cv->cr);
    kpi_canvas_record(cv, KPI_BOX_TEXT, box);
    return box;
}

/* Length of the UTF-8 character starting with byte c. */
static size_t
utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

bool
kpi_text_fit(kpi_canvas *cv, const kpi_text_style *st, const char *text, double max_width,
             char *buf, size_t size)
{
    if (size == 0)
        return false;
    size_t len = strlen(text);
    if (len < size && kpi_text_width(cv, st, text) <= max_width) {
        memcpy(buf, text, len + 1);
        return true;
    }
    /* Grow the prefix one character at a time; labels are short, so the
     * quadratic cost of re-measuring does not matter. */
    size_t best = 0, i = 0;
    char tmp[KPI_TEXT_LINE_MAX + 8];
    while (i < len) {
        size_t next = i + utf8_len((unsigned char)text[i]);
        if (next > len || next + sizeof ellipsis > size || next + sizeof ellipsis > sizeof tmp)
            break;
        memcpy(tmp, text, next);
        size_t k = next;
        while (k > 0 && tmp[k - 1] == ' ')
            k--;
        memcpy(tmp + k, ellipsis, sizeof ellipsis);
        if (kpi_text_width(cv, st, tmp) > max_width)
            break;
        best = next;
        i = next;
    }
    if (best == 0) {
        if (sizeof ellipsis <= size && kpi_text_width(cv, st, ellipsis) <= max_width) {
            memcpy(buf, ellipsis, sizeof ellipsis);
            return true;
        }
        buf[0] = '\0';
        return false;
    }
    size_t k = best;
    while (k > 0 && text[k - 1] == ' ')
        k--;
    memcpy(buf, text, k);
    memcpy(buf + k, ellipsis, sizeof ellipsis);
    return true;
}

void
kpi_text_wrap(kpi_canvas *cv, const kpi_text_style *st, const char *text, double max_width,
              size_t max_lines, kpi_text_lines *out)
{
    out->n = 0;
    if (max_lines > KPI_TEXT_MAX_LINES)
        max_lines = KPI_TEXT_MAX_LINES;
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p != '\0' && out->n < max_lines) {
        char *line = out->line[out->n];
        bool last = out->n + 1 == max_lines;
        /* Take words while the line still fits. */
        size_t take = 0;
        const char *q = p;
        for (;;) {
            const char *e = q;
            while (*e != '\0' && *e != ' ')
                e++;
            size_t cand = (size_t)(e - p);
            if (cand >= KPI_TEXT_LINE_MAX)
                break;
            char tmp[KPI_TEXT_LINE_MAX];
            memcpy(tmp, p, cand);
            tmp[cand] = '\0';
            if (take > 0 && kpi_text_width(cv, st, tmp) > max_width)
                break;
            take = cand;
            if (*e == '\0')
                break;
            q = e;
            while (*q == ' ')
                q++;
            if (*q == '\0')
                break;
        }
        char piece[KPI_TEXT_LINE_MAX];
        const char *rest = p + take;
        while (*rest == ' ')
            rest++;
        if (take == 0 || (last && *rest != '\0')) {
            /* The remainder does not fit in the lines left: cut it. */
            snprintf(piece, sizeof piece, "%.*s", KPI_TEXT_LINE_MAX - 1, p);
            kpi_text_fit(cv, st, piece, max_width, line, KPI_TEXT_LINE_MAX);
            out->n++;
            return;
        }
        memcpy(piece, p, take);
        piece[take] = '\0';
        /* A single word may still be too wide for the line. */
        kpi_text_fit(cv, st, piece, max_width, line, KPI_TEXT_LINE_MAX);
        out->n++;
        p = rest;
    }
}
