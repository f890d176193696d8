#include "kpi/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc_private.h"

struct kpi_outfile {
    FILE *fp;
    char *path;
    char *tmp; /* NULL when the destination is written in place */
};

static void
outfile_free(kpi_outfile *f)
{
    kpi_free(f->path);
    kpi_free(f->tmp);
    kpi_free(f);
}

kpi_outfile *
kpi_outfile_open(const char *path, kpi_error *err)
{
    size_t len = strlen(path);
    kpi_outfile *f = kpi_calloc(1, sizeof *f);
    if (!f || !(f->path = kpi_strndup(path, len))) {
        kpi_free(f);
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        if (!(f->fp = fopen(path, "wb"))) {
            kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
            outfile_free(f);
            return NULL;
        }
        return f;
    }
    /* The temporary file sits beside the destination, so that rename() is
     * atomic (one file system).  It is made with O_EXCL and mode 0666, so
     * the umask applies as to any file the user writes, without touching
     * the process's umask. */
    size_t size = len + 40;
    if (!(f->tmp = kpi_malloc(size))) {
        outfile_free(f);
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    int fd = -1;
    for (unsigned attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(f->tmp, size, "%s.tmp%ld.%u", path, (long)getpid(), attempt);
        fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0 || !(f->fp = fdopen(fd, "wb"))) {
        kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot create a file next to it: %s",
                      strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(f->tmp);
        }
        outfile_free(f);
        return NULL;
    }
    return f;
}

FILE *
kpi_outfile_stream(const kpi_outfile *f)
{
    return f->fp;
}

kpi_status
kpi_outfile_close(kpi_outfile *f, bool keep, kpi_error *err)
{
    kpi_status st = KPI_OK;
    if (fclose(f->fp) != 0 && keep)
        st = kpi_error_set(err, KPI_EIO, f->path, 0, 0, "write failed: %s", strerror(errno));
    if (f->tmp) {
        if (st == KPI_OK && keep && rename(f->tmp, f->path) != 0)
            st = kpi_error_set(err, KPI_EIO, f->path, 0, 0,
                               "cannot move the finished file into place: %s", strerror(errno));
        if (st != KPI_OK || !keep)
            unlink(f->tmp);
    }
    outfile_free(f);
    return st;
}
