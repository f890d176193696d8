#include "surface_private.h"

#include <errno.h>
#include <string.h>

cairo_status_t
kpi_surface_write(void *closure, const unsigned char *data, unsigned int length)
{
    kpi_surface_sink *sk = closure;
    if (sk->errnum)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, length, sk->fp) != length) {
        sk->errnum = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

kpi_status
kpi_surface_close(kpi_surface_sink *sk, cairo_surface_t *surface, cairo_status_t drawn,
                  kpi_status st, const char *what, kpi_error *err)
{
    /* Finishing a PDF or SVG surface writes most of its bytes. */
    cairo_surface_finish(surface);
    cairo_status_t cs = drawn != CAIRO_STATUS_SUCCESS ? drawn : cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != KPI_OK)
        return st;
    if (sk->errnum || cs == CAIRO_STATUS_WRITE_ERROR)
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the %s: %s", what,
                             strerror(sk->errnum ? sk->errnum : EIO));
    if (cs != CAIRO_STATUS_SUCCESS)
        return kpi_error_set(err, KPI_ERENDER, NULL, 0, 0, "could not draw the %s: %s", what,
                             cairo_status_to_string(cs));
    if (fflush(sk->fp) != 0 || ferror(sk->fp))
        return kpi_error_set(err, KPI_EIO, NULL, 0, 0, "could not write the %s: %s", what,
                             strerror(errno ? errno : EIO));
    return KPI_OK;
}

kpi_status
kpi_surface_write_file(const char *path, kpi_outset *set, kpi_surface_write_fn fn, void *ctx,
                       kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_outfile *f = set ? kpi_outset_open(set, path, err) : kpi_outfile_open(path, err);
    if (!f)
        return err->code;
    kpi_status st = fn(ctx, kpi_outfile_stream(f), err);
    if (!set) {
        kpi_status closed = kpi_outfile_close(f, st == KPI_OK, st == KPI_OK ? err : NULL);
        if (st == KPI_OK)
            st = closed;
    }
    if (st != KPI_OK && err->source[0] == '\0')
        snprintf(err->source, sizeof err->source, "%s", path);
    return st;
}
