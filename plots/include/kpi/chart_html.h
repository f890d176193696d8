/* kpi charts inside an HTML page: each chart one inline <svg> element,
 * drawn by kpi_chart_write_stream (the same SVG as kpi chart writes), made
 * fit to sit in a page beside other charts:
 *   - no XML declaration and no namespace declarations (the HTML parser
 *     supplies them), so the page names no URL at all;
 *   - no width or height, only a viewBox, so the page's CSS sizes it;
 *   - every id prefixed per chart, so two charts' "clip1" never meet;
 *   - the glyphs of the charts' text defined once for the whole page:
 *     cairo sets text as glyph outlines, which are most of a chart's
 *     bytes and the same in every chart;
 *   - each distinct style attribute made a class of one style sheet
 *     ("ks3"): the charts repeat a few dozen long property lists;
 *   - coordinates to 0.01 pt and colours as #rrggbb.
 * Glyphs are referenced across <svg> elements, which HTML allows: write
 * the glyph definitions and the style sheet once, anywhere in the page,
 * after the last chart.
 *
 *     kpi_chart_html *h = kpi_chart_html_new("k", &err);
 *     kpi_chart_html_write(h, chart, "class=\"chart\"", page, &err);
 *     ...
 *     kpi_chart_html_write_glyphs(h, page, &err);
 *     kpi_chart_html_free(h);
 */
#ifndef KPI_CHART_HTML_H
#define KPI_CHART_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "kpi/chart.h"
#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_chart_html kpi_chart_html;

/* Longest id prefix kpi_chart_html_new takes. */
#define KPI_CHART_HTML_PREFIX_MAX 16

/* A new set of charts for one page, whose ids all start with prefix (1 to
 * KPI_CHART_HTML_PREFIX_MAX ASCII letters, digits, '-' or '_', starting
 * with a letter): a chart's ids with prefix, its number and '-' ("k3-"),
 * the glyphs' with prefix and 'g' ("kg12"), the style classes' with prefix
 * and 's' ("ks3").  Returns it, freed by the
 * caller with kpi_chart_html_free(), or NULL with err filled: KPI_EINVAL
 * for a bad prefix, KPI_ENOMEM. */
KPI_API kpi_chart_html *kpi_chart_html_new(const char *prefix, kpi_error *err);

/* Release h.  h may be NULL. */
KPI_API void kpi_chart_html_free(kpi_chart_html *h);

/* Draw c as SVG (at the size its options give, in millimetres) and write it
 * to out as one <svg> element carrying attrs (written as given, so the
 * caller escapes them; NULL for none) after its viewBox.  Its glyphs join
 * h's.  Returns the chart's sticky status if set, KPI_ERENDER when cairo
 * fails, KPI_EIO when writing to out fails, KPI_ENOMEM; out may then hold
 * part of the element. */
KPI_API kpi_status kpi_chart_html_write(kpi_chart_html *h, kpi_chart *c, const char *attrs,
                                        FILE *out, kpi_error *err);

/* The same in two steps, so that a page's charts can be drawn on several
 * threads and placed in order: the drawing, which touches no
 * kpi_chart_html, then the placing, which numbers the chart and joins
 * its glyphs to h's.  Charts placed in the same order give the same page
 * whichever threads drew them. */
typedef struct kpi_chart_svg kpi_chart_svg;

/* Draw c as SVG.  Returns the drawing, which the caller places with
 * kpi_chart_html_put() or frees with kpi_chart_svg_free(), or NULL with
 * err filled: the chart's sticky status if set, KPI_ERENDER when cairo
 * fails, KPI_ENOMEM. */
KPI_API kpi_chart_svg *kpi_chart_html_draw(kpi_chart *c, kpi_error *err);

/* Release svg.  svg may be NULL. */
KPI_API void kpi_chart_svg_free(kpi_chart_svg *svg);

/* Write svg (taken over and freed) to out as kpi_chart_html_write does.
 * Returns KPI_OK, KPI_ERENDER when the SVG cannot be read, KPI_EIO when
 * writing to out fails, KPI_ENOMEM. */
KPI_API kpi_status kpi_chart_html_put(kpi_chart_html *h, kpi_chart_svg *svg, const char *attrs,
                                      FILE *out, kpi_error *err);

/* Write one hidden <svg> element holding the style sheet and every glyph
 * the charts written so far use.  Returns KPI_OK, or KPI_EIO when writing fails. */
KPI_API kpi_status kpi_chart_html_write_glyphs(const kpi_chart_html *h, FILE *out, kpi_error *err);

/* How many distinct glyphs h holds.  Never fails. */
KPI_API size_t kpi_chart_html_glyph_count(const kpi_chart_html *h);

#ifdef __cplusplus
}
#endif

#endif
