/* Writing a chart: the format follows the file extension; PNG is sized in
 * pixels at a dpi, PDF and SVG in millimetres.  Everything is drawn in
 * points, so one layout serves every format, and cairo's status is read
 * once, at the end. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart_private.h"
#include "kpi/chart_cairo.h"
#include "png_private.h"
#include "surface_private.h"

#define PT_PER_MM (72.0 / 25.4)

/* The default size of a chart, in millimetres.  Bar charts and small
 * multiples grow with their rows beyond the usual height, so that 33
 * boroughs stay readable. */
static void
default_size(const kpi_chart *c, double *w, double *h)
{
    switch (c->type) {
    case KPI_CHART_YOY:
        *w = 160.0;
        *h = fmax(100.0, (120.0 + 14.0 * (double)c->n_bars) / PT_PER_MM);
        break;
    case KPI_CHART_MULTIPLES: {
        /* Rows of about 110 pt (a two-line title, the plot, its time axis)
         * in a grid of up to six columns, under about 70 pt of title and
         * notes: 32 boroughs stay readable. */
        double cols = fmin(ceil(sqrt((double)c->n_series)), 6.0);
        double rows = ceil((double)c->n_series / fmax(cols, 1.0));
        *w = 160.0;
        *h = fmax(130.0, (70.0 + 110.0 * rows) / PT_PER_MM);
        break;
    }
    case KPI_CHART_SPARKLINE:
        *w = 30.0;
        *h = 8.0;
        break;
    default:
        *w = 160.0;
        *h = 100.0;
        break;
    }
}

kpi_status
kpi_chart_format_from_path(const char *path, kpi_chart_format *out, kpi_error *err)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        if (strcasecmp(dot, ".png") == 0) {
            *out = KPI_CHART_PNG;
            return KPI_OK;
        }
        if (strcasecmp(dot, ".pdf") == 0) {
            *out = KPI_CHART_PDF;
            return KPI_OK;
        }
        if (strcasecmp(dot, ".svg") == 0) {
            *out = KPI_CHART_SVG;
            return KPI_OK;
        }
    }
    return kpi_error_set(err, KPI_EINVAL, path, 0, 0,
                         "expected a chart file ending in .png, .pdf or .svg");
}

kpi_status
kpi_chart_write_stream(kpi_chart *c, kpi_chart_format fmt, FILE *fp, kpi_error *err)
{
    if (c->err.code != KPI_OK) {
        if (err)
            *err = c->err;
        return c->err.code;
    }
    double wmm, hmm;
    default_size(c, &wmm, &hmm);
    kpi_surface_sink sk = {fp, 0};
    cairo_surface_t *surface;
    double scale, w_pt, h_pt;
    if (fmt == KPI_CHART_PNG) {
        /* Pixels, with text in points scaled by dpi / 72. */
        double wpx = c->width > 0.0 ? c->width : round(wmm / 25.4 * c->dpi);
        double hpx = c->height > 0.0 ? c->height : round(hmm / 25.4 * c->dpi);
        if (wpx < 1.0 || hpx < 1.0 || wpx > 32767.0 || hpx > 32767.0)
            return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                                 "a PNG chart must be 1 to 32767 pixels each way, found %g x %g",
                                 wpx, hpx);
        wpx = round(wpx);
        hpx = round(hpx);
        scale = c->dpi / 72.0;
        w_pt = wpx / scale;
        h_pt = hpx / scale;
        /* RGB24: charts are opaque, and the PNG is smaller without alpha. */
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)wpx, (int)hpx);
    } else {
        scale = 1.0;
        w_pt = (c->width > 0.0 ? c->width : wmm) * PT_PER_MM;
        h_pt = (c->height > 0.0 ? c->height : hmm) * PT_PER_MM;
        if (fmt == KPI_CHART_PDF) {
            surface = cairo_pdf_surface_create_for_stream(kpi_surface_write, &sk, w_pt, h_pt);
            /* No creation date, so the same chart gives the same bytes. */
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, NULL);
            if (c->title)
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c->title);
        } else {
            surface = cairo_svg_surface_create_for_stream(kpi_surface_write, &sk, w_pt, h_pt);
        }
    }
    kpi_status st = KPI_OK;
    cairo_status_t cs = cairo_surface_status(surface);
    if (cs == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        cairo_scale(cr, scale, scale);
        st = kpi_chart_render(c, cr, w_pt, h_pt, scale, err);
        cs = cairo_status(cr);
        cairo_destroy(cr);
        if (st == KPI_OK && cs == CAIRO_STATUS_SUCCESS && fmt == KPI_CHART_PNG)
            st = kpi_png_write(surface, fp, err);
    }
    return kpi_surface_close(&sk, surface, cs, st, "chart", err);
}

typedef struct chart_file_job {
    kpi_chart *c;
    kpi_chart_format fmt;
} chart_file_job;

static kpi_status
write_chart_file(void *ctx, FILE *fp, kpi_error *err)
{
    const chart_file_job *job = ctx;
    return kpi_chart_write_stream(job->c, job->fmt, fp, err);
}

kpi_status
kpi_chart_write(kpi_chart *c, const char *path, kpi_error *err)
{
    assert(c && path);
    if (c->err.code != KPI_OK) {
        if (err)
            *err = c->err;
        return c->err.code;
    }
    chart_file_job job = {c, KPI_CHART_PNG};
    kpi_status st = kpi_chart_format_from_path(path, &job.fmt, err);
    if (st != KPI_OK)
        return st;
    return kpi_surface_write_file(path, NULL, write_chart_file, &job, err);
}

kpi_status
kpi_chart_draw_cairo(kpi_chart *c, cairo_t *cr, double width, double height, kpi_error *err)
{
    if (c->err.code != KPI_OK) {
        if (err)
            *err = c->err;
        return c->err.code;
    }
    if (!(width > 0.0 && height > 0.0))
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                             "a chart needs a box of positive size, found %g x %g", width, height);
    cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the chart: %s",
                             cairo_status_to_string(cs));
    cairo_save(cr);
    cairo_rectangle(cr, 0.0, 0.0, width, height);
    cairo_clip(cr);
    kpi_status st = kpi_chart_render(c, cr, width, height, 1.0, err);
    cairo_restore(cr);
    cs = cairo_status(cr);
    if (st == KPI_OK && cs != CAIRO_STATUS_SUCCESS)
        st = kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the chart: %s",
                           cairo_status_to_string(cs));
    return st;
}

void
kpi_chart_release_fonts(void)
{
    /* Only Pango's font map is released.  Pango 1.50 sorts fontconfig's
     * fallback lists on a worker thread of its own, which may still hold
     * fonts here, so cairo's and fontconfig's caches (which it reaches)
     * cannot be torn down safely: cairo_debug_reset_static_data() and
     * FcFini() abort on the fonts still alive.  Those caches live as long
     * as the process; tests/lsan.supp tells the leak checker so. */
    pango_cairo_font_map_set_default(NULL);
}
