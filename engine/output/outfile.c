#include "kpi/outfile.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc_private.h"

/* ---- the registry of temporary files ------------------------------------ */

/* Every temporary file being written has a slot, so that a signal handler
 * can remove them all (kpi_outfile_cleanup).  A handler may interrupt any
 * thread at any point and may take no lock, so a slot is claimed and given
 * back by atomic state changes alone, and its path is stored in the slot
 * itself: nothing a handler reads is ever freed.  Chunks are added as
 * needed and kept for the life of the process. */
enum { SLOT_FREE, SLOT_BUSY, SLOT_LIVE, SLOT_CLAIMED, SLOT_GONE };

typedef struct slot {
    atomic_int state;
    char path[PATH_MAX];
} slot;

#define CHUNK_SLOTS 16

typedef struct chunk {
    slot slots[CHUNK_SLOTS];
    _Atomic(struct chunk *) next;
} chunk;

static chunk registry;

/* A free slot holding path, or NULL when out of memory. */
static slot *
registry_add(const char *path)
{
    for (chunk *c = &registry;;) {
        for (size_t i = 0; i < CHUNK_SLOTS; i++) {
            int expected = SLOT_FREE;
            slot *s = &c->slots[i];
            if (atomic_compare_exchange_strong(&s->state, &expected, SLOT_BUSY)) {
                snprintf(s->path, sizeof s->path, "%s", path);
                atomic_store(&s->state, SLOT_LIVE);
                return s;
            }
        }
        chunk *next = atomic_load(&c->next);
        if (!next) {
            chunk *fresh = kpi_calloc(1, sizeof *fresh);
            if (!fresh)
                return NULL;
            /* Another thread may have added one meanwhile: use the winner. */
            if (atomic_compare_exchange_strong(&c->next, &next, fresh))
                next = fresh;
            else
                kpi_free(fresh);
        }
        c = next;
    }
}

/* Give s back once its file is renamed or removed. */
static void
registry_release(slot *s)
{
    int expected = SLOT_LIVE;
    if (atomic_compare_exchange_strong(&s->state, &expected, SLOT_FREE))
        return;
    /* A handler on another thread may still be reading the path. */
    while (atomic_load(&s->state) != SLOT_GONE)
        sched_yield();
    atomic_store(&s->state, SLOT_FREE);
}

static bool
registry_live(slot *s)
{
    return atomic_load(&s->state) == SLOT_LIVE;
}

void
kpi_outfile_cleanup(void)
{
    int saved = errno;
    for (chunk *c = &registry; c; c = atomic_load(&c->next))
        for (size_t i = 0; i < CHUNK_SLOTS; i++) {
            slot *s = &c->slots[i];
            int expected = SLOT_LIVE;
            if (atomic_compare_exchange_strong(&s->state, &expected, SLOT_CLAIMED)) {
                unlink(s->path);
                atomic_store(&s->state, SLOT_GONE);
            }
        }
    errno = saved;
}

/* ---- output files ------------------------------------------------------- */

struct kpi_outfile {
    FILE *fp;
    char *path; /* the file written: a symbolic link's final target */
    char *tmp;  /* NULL when the destination is written in place */
    slot *slot; /* tmp's registry slot */
};

static void
outfile_free(kpi_outfile *f)
{
    kpi_free(f->path);
    kpi_free(f->tmp);
    kpi_free(f);
}

/* The file that writing to path writes, as cp does: path itself, or the
 * final target of the symbolic links it names (which need not exist yet,
 * as cp creates a dangling link's target).  Returns an allocated path the
 * caller frees, or NULL with err filled. */
static char *
link_target(const char *path, kpi_error *err)
{
    char *cur = kpi_strndup(path, strlen(path));
    /* The kernel's own limit on links followed in one lookup. */
    for (int depth = 0; cur; depth++) {
        struct stat sb;
        if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
            return cur;
        if (depth == 40) {
            kpi_free(cur);
            kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(ELOOP));
            return NULL;
        }
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0) {
            kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot read the link: %s", strerror(errno));
            kpi_free(cur);
            return NULL;
        }
        target[n] = '\0';
        /* A relative target is relative to the link's folder. */
        const char *slash = strrchr(cur, '/');
        size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = kpi_malloc(dir + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dir);
            memcpy(next + dir, target, (size_t)n + 1);
        }
        kpi_free(cur);
        cur = next;
    }
    kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
    return NULL;
}

kpi_outfile *
kpi_outfile_open(const char *path, kpi_error *err)
{
    kpi_outfile *f = kpi_calloc(1, sizeof *f);
    if (!f) {
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (!(f->path = link_target(path, err))) {
        kpi_free(f);
        return NULL;
    }
    struct stat sb;
    bool exists = stat(f->path, &sb) == 0;
    /* Renaming over a file the user may not write would defeat its
     * protection; cp refuses too. */
    if (exists && S_ISREG(sb.st_mode) && access(f->path, W_OK) != 0) {
        kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
        outfile_free(f);
        return NULL;
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        if (!(f->fp = fopen(f->path, "wb"))) {
            kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
            outfile_free(f);
            return NULL;
        }
        return f;
    }
    /* The temporary file sits beside the destination, so that rename() is
     * atomic (one file system).  It is made with O_EXCL and mode 0666, so
     * the umask applies as to any file the user writes, without touching
     * the process's umask; a file overwritten keeps its permission bits,
     * as with cp. */
    size_t size = strlen(f->path) + 40;
    if (!(f->tmp = kpi_malloc(size))) {
        outfile_free(f);
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    int fd = -1;
    /* Signals wait while the file is made and registered: a handler that
     * ran between the two would leave the file behind. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (unsigned attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(f->tmp, size, "%s.tmp%ld.%u", f->path, (long)getpid(), attempt);
        fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int saved = errno;
    if (fd >= 0)
        f->slot = registry_add(f->tmp);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    if (fd >= 0 && !f->slot) {
        close(fd);
        unlink(f->tmp);
        outfile_free(f);
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (fd < 0 || (exists && fchmod(fd, sb.st_mode & 0777) != 0) || !(f->fp = fdopen(fd, "wb"))) {
        kpi_error_set(err, KPI_EIO, path, 0, 0, "cannot create a file next to it: %s",
                      strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(f->tmp);
            registry_release(f->slot);
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

/* Close f's stream; with keep, a failed flush is an error. */
static kpi_status
outfile_flush(kpi_outfile *f, bool keep, kpi_error *err)
{
    int failed = fclose(f->fp);
    f->fp = NULL;
    if (failed != 0 && keep)
        return kpi_error_set(err, KPI_EIO, f->path, 0, 0, "write failed: %s", strerror(errno));
    return KPI_OK;
}

/* Whether f's temporary file is still there to be moved into place. */
static kpi_status
outfile_check(const kpi_outfile *f, kpi_error *err)
{
    if (f->tmp && !registry_live(f->slot))
        return kpi_error_set(err, KPI_EIO, f->path, 0, 0,
                             "interrupted: the unfinished file was removed");
    return KPI_OK;
}

/* Move f's flushed temporary file into place when keep, else remove it;
 * then free f.  A failed move removes it too. */
static kpi_status
outfile_commit(kpi_outfile *f, bool keep, kpi_error *err)
{
    kpi_status st = KPI_OK;
    if (f->tmp) {
        if (keep && rename(f->tmp, f->path) != 0)
            st = kpi_error_set(err, KPI_EIO, f->path, 0, 0,
                               "cannot move the finished file into place: %s", strerror(errno));
        if (st != KPI_OK || !keep)
            unlink(f->tmp);
        registry_release(f->slot);
    }
    outfile_free(f);
    return st;
}

kpi_status
kpi_outfile_close(kpi_outfile *f, bool keep, kpi_error *err)
{
    kpi_status st = outfile_flush(f, keep, err);
    if (st == KPI_OK && keep)
        st = outfile_check(f, err);
    kpi_status moved = outfile_commit(f, keep && st == KPI_OK, err);
    return st != KPI_OK ? st : moved;
}

/* ---- sets of outputs ---------------------------------------------------- */

struct kpi_outset {
    kpi_outfile **files; /* in the order opened */
    size_t n, cap;
};

kpi_outset *
kpi_outset_new(kpi_error *err)
{
    kpi_outset *set = kpi_calloc(1, sizeof *set);
    if (!set)
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory");
    return set;
}

kpi_outfile *
kpi_outset_open(kpi_outset *set, const char *path, kpi_error *err)
{
    if (kpi_grow((void **)&set->files, &set->cap, set->n + 1, sizeof *set->files) != 0) {
        kpi_error_set(err, KPI_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    kpi_outfile *f = kpi_outfile_open(path, err);
    if (f)
        set->files[set->n++] = f;
    return f;
}

kpi_status
kpi_outset_close(kpi_outset *set, bool keep, kpi_error *err)
{
    if (!set)
        return KPI_OK;
    /* Every file is written whole before any is moved: a failure in any
     * keeps them all from appearing. */
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < set->n; i++) {
        kpi_status flushed = outfile_flush(set->files[i], keep && st == KPI_OK, err);
        if (st == KPI_OK)
            st = flushed;
    }
    for (size_t i = 0; i < set->n && keep && st == KPI_OK; i++)
        st = outfile_check(set->files[i], err);
    for (size_t i = 0; i < set->n; i++) {
        kpi_status moved = outfile_commit(set->files[i], keep && st == KPI_OK, err);
        if (st == KPI_OK)
            st = moved;
    }
    kpi_free(set->files);
    kpi_free(set);
    return st;
}
