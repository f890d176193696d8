/* Text on a chart, set by Pango: shaped (kerning, ligatures, joined
 * Arabic script, right-to-left runs), with fontconfig's fallback for
 * characters DejaVu Sans lacks (Noto fonts for Urdu, Noto Color Emoji),
 * broken into lines by Unicode's rules and cut only between whole
 * characters as the reader sees them (grapheme clusters).  The family is
 * DejaVu Sans (fonts-dejavu-core), so that Latin text does not depend on
 * what else the machine has installed.  Sizes are in points, and every
 * measure is the one that will be drawn, so layout decisions are exact. */
#ifndef KPI_TEXT_PRIVATE_H
#define KPI_TEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas_private.h"

#define KPI_TEXT_FAMILY "DejaVu Sans"

typedef struct kpi_text_style {
    double size; /* points */
    bool bold;
    kpi_rgb colour;
} kpi_text_style;

typedef enum kpi_align { KPI_ALIGN_LEFT = 0, KPI_ALIGN_CENTRE, KPI_ALIGN_RIGHT } kpi_align;

/* Width of text set on one line, in points. */
KPI_INTERNAL double kpi_text_width(kpi_canvas *cv, const kpi_text_style *st, const char *text);

/* Height of one line (the font's ascent + descent) and the ascent, in
 * points.  Every line of a style has this height, whatever its text, so
 * that rows of labels line up; a fallback font's taller glyphs may reach
 * past it. */
KPI_INTERNAL double kpi_text_height(kpi_canvas *cv, const kpi_text_style *st);
KPI_INTERNAL double kpi_text_ascent(kpi_canvas *cv, const kpi_text_style *st);

/* Draw one line of text whose box has its top at y and its left edge,
 * centre or right edge at x; the baseline is at y + the ascent.  Records
 * and returns the box. */
KPI_INTERNAL kpi_rect kpi_text_draw(kpi_canvas *cv, const kpi_text_style *st, const char *text,
                                    double x, double y, kpi_align align);

/* Write into buf the longest prefix of text that, followed by an
 * ellipsis, fits max_width, cut between grapheme clusters (an accent
 * stays with its letter, an emoji sequence whole); text that fits is
 * copied whole.  Returns false when not even the ellipsis fits (buf is
 * ""). */
KPI_INTERNAL bool kpi_text_fit(kpi_canvas *cv, const kpi_text_style *st, const char *text,
                               double max_width, char *buf, size_t size);

#define KPI_TEXT_MAX_LINES 4
#define KPI_TEXT_LINE_MAX 512

typedef struct kpi_text_lines {
    size_t n;
    char line[KPI_TEXT_MAX_LINES][KPI_TEXT_LINE_MAX];
} kpi_text_lines;

/* Break text into at most max_lines (<= KPI_TEXT_MAX_LINES) lines that
 * each fit max_width, where Pango's line breaking (Unicode's rules:
 * spaces, after hyphens, between ideographs) allows.  Text left over
 * after the last line is cut with an ellipsis after its last whole word
 * that fits ("London Heathrow and…"); a word longer than the width is cut
 * between grapheme clusters. */
KPI_INTERNAL void kpi_text_wrap(kpi_canvas *cv, const kpi_text_style *st, const char *text,
                                double max_width, size_t max_lines, kpi_text_lines *out);

#endif
