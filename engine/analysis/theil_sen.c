/* Theil-Sen (Sen 1968): the median of the slopes between every pair of
 * points, found without listing the n(n-1)/2 slopes.
 *
 * The slope of a pair is the double (y_j - y_i) / (x_j - x_i) as C
 * computes it, and the result is the median of those doubles bit for bit
 * (gsl_stats_median's: the mean of the two middle ones for an even
 * count), whichever way it is found:
 *
 *   - below TS_SELECT_MIN points the slopes are listed and GSL's
 *     quickselect takes the median (a few hundred KB at most);
 *   - when every difference of x and of y is exact in a double (integer
 *     counts, or any values on a common binary grid of at most 53 bits:
 *     ts_exact), pairs are ordered by their exact slopes, each slope
 *     double is the correctly rounded exact slope, and randomized
 *     selection by counting inversions (ts_select) is exact, ties
 *     included: O(n log n) expected time, O(n) memory;
 *   - otherwise the computed slopes may round out of the exact order.
 *     A median inside a run of exactly flat slopes is settled by counting
 *     exactly at slope 0 (ts_zero); other medians by bisection with
 *     rounding margins (ts_margin_select), O(n log^2 n); and if that
 *     cannot separate a dense cluster of nearly equal slopes, the same
 *     randomized selection runs over the slopes listed pair by pair:
 *     O(n^2) time in that rare case, but still O(n) memory.
 *
 * No path allocates: the caller's scratch holds kpi_theil_sen_scratch(n)
 * doubles, O(n). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "trend_private.h"

_Static_assert(sizeof(size_t) <= sizeof(double), "indexes share the scratch with doubles");

/* Below this many points the slopes are listed. */
#define TS_SELECT_MIN 256
/* Selection lists a band of up to TS_ROOM n pairs, and samples TS_SAMPLE n
 * pairs a round. */
#define TS_ROOM 4
#define TS_SAMPLE 2

/* A pair of points i < j (sorted by x) and the double of its slope. */
typedef struct ts_pair {
    double c;
    size_t i, j;
} ts_pair;

#define TS_PAIR_WORDS ((sizeof(ts_pair) + sizeof(double) - 1) / sizeof(double))
/* Per point, beyond the sorted copy of x and y: two keys, two orders, the
 * sample's ranks, and the band (which also holds the sample). */
#define TS_WORDS (4 + TS_SAMPLE + TS_ROOM * TS_PAIR_WORDS)

/* ---- the points, sorted ------------------------------------------------- */

typedef struct ts_ctx {
    const double *x, *y; /* sorted by x, then y */
    size_t n;
    size_t m;   /* pairs with distinct x: the slopes */
    size_t dup; /* pairs of equal points, which tie at every slope */
    double xmax, ymax;
    bool exact;      /* ts_exact: order pairs by their exact slopes */
    double *ka, *kb; /* n keys each */
    size_t *ord, *otmp, *ranks;
    ts_pair *pairs; /* room of them */
    size_t room, sample;
    uint64_t rng;
} ts_ctx;

/* Sorts the points by x, then y, into xs and ys, by merging runs of the
 * index order in ord (tmp as room): x ascending with equal-x points by y
 * ascending is the order every count below assumes. */
static void
ts_sort_points(const double *x, const double *y, size_t n, size_t *ord, size_t *tmp, double *xs,
               double *ys)
{
    size_t *src = ord, *dst = tmp;
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n;
            size_t hi = n - mid > width ? mid + width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                size_t a = src[i], b = src[j];
                bool right = x[b] < x[a] || (x[b] == x[a] && y[b] < y[a]);
                dst[k++] = right ? src[j++] : src[i++];
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        size_t *sw = src;
        src = dst;
        dst = sw;
    }
    for (size_t i = 0; i < n; i++) {
        xs[i] = x[src[i]];
        ys[i] = y[src[i]];
    }
}

/* Exponents of the top and the lowest set bit over the non-zero v: every
 * v is a multiple of 2^low below 2^top in size. */
static void
ts_grid(const double *v, size_t n, int *top, int *low)
{
    *top = INT_MIN;
    *low = INT_MAX;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == 0)
            continue;
        int e;
        double f = frexp(fabs(v[i]), &e);
        uint64_t bits = (uint64_t)ldexp(f, 53); /* f has at most 53 bits */
        int b = e - 53;
        for (; bits % 2 == 0; bits /= 2)
            b++;
        *top = e > *top ? e : *top;
        *low = b < *low ? b : *low;
    }
}

/* True when every difference of two values of v is exact in a double
 * (they lie on a grid of 2^low steps that is at most 53 bits wide), and
 * the products of differences stay far from overflow and underflow, so
 * that fma gives their rounding errors exactly. */
static bool
ts_exact(const double *v, size_t n)
{
    /* Integers below 2^52, the common case, without taking bits apart. */
    size_t i = 0;
    while (i < n && v[i] == floor(v[i]) && fabs(v[i]) < 0x1p52)
        i++;
    if (i == n)
        return true;
    int top, low;
    ts_grid(v, n, &top, &low);
    return top == INT_MIN || (top - low <= 52 && top <= 400 && low >= -400);
}

/* The sign of a b - c d, exactly: rounding is monotonic, so products that
 * round apart are in that order, and products that round alike differ by
 * their rounding errors, which fma gives exactly. */
static int
sign_products(double a, double b, double c, double d)
{
    double p = a * b, q = c * d;
    if (p != q)
        return p < q ? -1 : 1;
    double e = fma(a, b, -p), f = fma(c, d, -q);
    return (e > f) - (e < f);
}

static ts_pair
ts_make(const ts_ctx *t, size_t p, size_t q)
{
    size_t i = p < q ? p : q, j = p < q ? q : p;
    return (ts_pair){(t->y[j] - t->y[i]) / (t->x[j] - t->x[i]), i, j};
}

/* Pairs in slope order.  The slope doubles round monotonically from the
 * exact slopes when differences are exact, so unequal doubles are in
 * order, and equal ones are told apart by the exact slopes. */
static int
ts_pair_cmp(const ts_ctx *t, const ts_pair *a, const ts_pair *b)
{
    if (a->c != b->c)
        return a->c < b->c ? -1 : 1;
    if (!t->exact)
        return 0;
    return sign_products(t->y[a->j] - t->y[a->i], t->x[b->j] - t->x[b->i], t->y[b->j] - t->y[b->i],
                         t->x[a->j] - t->x[a->i]);
}

/* Rearranges a[0..n) so that a[k] is the pair of rank k by slope, those
 * before it not above it and those after not below (quickselect, with the
 * median of three as pivot: expected O(n)). */
static void
ts_nth(const ts_ctx *t, ts_pair *a, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
    while (lo < hi) {
        ptrdiff_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
        const ts_pair *x = &a[lo], *y = &a[mid], *z = &a[hi];
        if (ts_pair_cmp(t, x, y) > 0) {
            const ts_pair *sw = x;
            x = y;
            y = sw;
        }
        ts_pair pivot = ts_pair_cmp(t, y, z) <= 0 ? *y : ts_pair_cmp(t, x, z) <= 0 ? *z : *x;
        /* Hoare's partition (Wirth's FIND): the pivot is one of the
         * elements, so neither scan runs off the ends. */
        do {
            while (ts_pair_cmp(t, &a[i], &pivot) < 0)
                i++;
            while (ts_pair_cmp(t, &pivot, &a[j]) < 0)
                j--;
            if (i <= j) {
                ts_pair sw = a[i];
                a[i++] = a[j];
                a[j--] = sw;
            }
        } while (i <= j);
        if (j < kk)
            lo = i;
        if (kk < i)
            hi = j;
    }
}

/* The pairs of ranks k and k2 >= k (k2 <= k + 1) of a[0..n) into *p and *p2. */
static void
ts_two(const ts_ctx *t, ts_pair *a, size_t n, size_t k, size_t k2, ts_pair *p, ts_pair *p2)
{
    ts_nth(t, a, n, k);
    *p = *p2 = a[k];
    if (k2 == k)
        return;
    ts_nth(t, a + k2, n - k2, 0);
    *p2 = a[k2];
}

/* ---- counting pairs against a slope -------------------------------------- */

/* A slope pairs are compared with: minus infinity (kind < 0), plus
 * infinity (kind > 0), or p / q, the exact slope of a pair (q > 0).
 * Point i's key is q y_i - p x_i, so that for x_i < x_j the slope of
 * (i, j) is below p / q exactly when key j < key i; the infinite slopes
 * key points by x and by -x.  A key computed in doubles is off by at most
 * 2.5 DBL_EPSILON (q max|y| + |p| max|x|) (two products and a difference),
 * and slack is three times that, beyond which two keys' doubles
 * are surely in order (0 for the exact keys of the infinite slopes). */
typedef struct ts_cut {
    int kind;
    double p, q, slack;
} ts_cut;

static ts_cut
ts_cut_at(const ts_ctx *t, const ts_pair *pivot)
{
    double p = t->y[pivot->j] - t->y[pivot->i], q = t->x[pivot->j] - t->x[pivot->i];
    return (ts_cut){0, p, q, 7.5 * DBL_EPSILON * (q * t->ymax + fabs(p) * t->xmax)};
}

static void
ts_keys(const ts_ctx *t, const ts_cut *c, double *k)
{
    for (size_t i = 0; i < t->n; i++)
        k[i] = c->kind < 0 ? t->x[i] : c->kind > 0 ? -t->x[i] : c->q * t->y[i] - c->p * t->x[i];
}

/* Keys a and b that differ by no more than rounding, in exact order. */
static int
ts_key_tie(const ts_ctx *t, const ts_cut *c, const double *k, size_t a, size_t b)
{
    if (c->kind != 0)
        return (k[a] > k[b]) - (k[a] < k[b]);
    return sign_products(c->q, t->y[a] - t->y[b], c->p, t->x[a] - t->x[b]);
}

/* Keys a and b in order: by their doubles when these differ by more than
 * rounding (slack), exactly otherwise. */
static inline int
ts_key_cmp(const ts_ctx *t, const ts_cut *c, const double *k, size_t a, size_t b)
{
    double d = k[a] - k[b];
    if (d > c->slack)
        return 1;
    if (d < -c->slack)
        return -1;
    return ts_key_tie(t, c, k, a, b);
}

/* Which inversions a merge records: those at the sorted positions ranks
 * (each into out[k]), or with ranks NULL every one, up to room. */
typedef struct ts_emit {
    const size_t *ranks;
    size_t nranks, k;
    ts_pair *out;
    size_t room, n_out;
    bool overflow;
} ts_emit;

/* The inversions at positions [first, first + len): point q with each of
 * left[0..len). */
static void
ts_record(const ts_ctx *t, ts_emit *e, size_t first, const size_t *left, size_t len, size_t q)
{
    if (e->ranks) {
        for (; e->k < e->nranks && e->ranks[e->k] < first + len; e->k++)
            e->out[e->k] = ts_make(t, left[e->ranks[e->k] - first], q);
        return;
    }
    for (size_t a = 0; a < len && !e->overflow; a++) {
        if (e->n_out == e->room)
            e->overflow = true;
        else
            e->out[e->n_out++] = ts_make(t, left[a], q);
    }
}

/* Stable merge sort of t->ord by key k under c, equal keys by k2 under c2
 * when c2 is not NULL; returns its inversions (p before q with q's keys
 * below p's), recorded into emit when not NULL. */
static size_t
ts_merge(ts_ctx *t, const ts_cut *c, const double *k, const ts_cut *c2, const double *k2,
         ts_emit *emit)
{
    size_t n = t->n, count = 0, *src = t->ord, *dst = t->otmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n;
            size_t hi = n - mid > width ? mid + width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi) {
                int order = ts_key_cmp(t, c, k, src[i], src[j]);
                if (order == 0 && c2)
                    order = ts_key_cmp(t, c2, k2, src[i], src[j]);
                if (order <= 0) {
                    dst[o++] = src[i++];
                    continue;
                }
                if (emit)
                    ts_record(t, emit, count, src + i, mid - i, src[j]);
                count += mid - i;
                dst[o++] = src[j++];
            }
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        size_t *sw = src;
        src = dst;
        dst = sw;
    }
    if (src != t->ord)
        memcpy(t->ord, src, n * sizeof *src);
    return count;
}

/* Pairs whose slope is below the pivot's (*lt) and not above it (*le). */
static void
ts_count(ts_ctx *t, const ts_pair *pivot, size_t *lt, size_t *le)
{
    size_t n = t->n;
    *lt = *le = 0;
    if (!t->exact) {
        for (size_t i = 0; i < n; i++) {
            for (size_t j = i + 1; j < n; j++) {
                if (t->x[j] == t->x[i])
                    continue;
                double c = (t->y[j] - t->y[i]) / (t->x[j] - t->x[i]);
                *lt += c < pivot->c;
                *le += c <= pivot->c;
            }
        }
        return;
    }
    /* In x order (equal x by y, so that such pairs are never out of
     * order), the pairs with a lower slope are the inversions of the key,
     * and those with an equal slope the pairs of equal keys, less the
     * pairs of equal points. */
    ts_cut c = ts_cut_at(t, pivot);
    ts_keys(t, &c, t->ka);
    for (size_t i = 0; i < n; i++)
        t->ord[i] = i;
    *lt = ts_merge(t, &c, t->ka, NULL, NULL, NULL);
    size_t eq = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && ts_key_cmp(t, &c, t->ka, t->ord[i], t->ord[j]) == 0; j++)
            ;
        eq += (j - i) * (j - i - 1) / 2;
    }
    *le = *lt + eq - t->dup;
}

/* ---- randomized selection ----------------------------------------------- */

/* The pairs whose slope lies strictly between lo and hi (minus and plus
 * infinity when absent): below of them are at or under lo, top under hi. */
typedef struct ts_band {
    bool has_lo, has_hi;
    ts_pair lo, hi;
    size_t below, top;
} ts_band;

static bool
ts_in_band(const ts_ctx *t, const ts_band *b, const ts_pair *p)
{
    return (!b->has_lo || ts_pair_cmp(t, &b->lo, p) < 0) &&
           (!b->has_hi || ts_pair_cmp(t, p, &b->hi) < 0);
}

/* Walks the band's pairs in a fixed order, recording them through emit;
 * returns how many there are.  With exact slopes they are the inversions
 * between the order of the points at lo (ties at lo in their order at hi,
 * so that none counts) and their order at hi: O(n log n).  Otherwise pair
 * by pair, O(n^2). */
static size_t
ts_walk(ts_ctx *t, const ts_band *b, ts_emit *emit)
{
    size_t n = t->n;
    if (!t->exact) {
        size_t pos = 0;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = i + 1; j < n; j++) {
                if (t->x[j] == t->x[i])
                    continue;
                ts_pair p = ts_make(t, i, j);
                if (ts_in_band(t, b, &p))
                    ts_record(t, emit, pos++, &i, 1, j);
            }
        }
        return pos;
    }
    ts_cut lo = b->has_lo ? ts_cut_at(t, &b->lo) : (ts_cut){.kind = -1};
    ts_cut hi = b->has_hi ? ts_cut_at(t, &b->hi) : (ts_cut){.kind = 1};
    ts_keys(t, &lo, t->ka);
    ts_keys(t, &hi, t->kb);
    for (size_t i = 0; i < n; i++)
        t->ord[i] = i;
    ts_merge(t, &lo, t->ka, &hi, t->kb, NULL);
    return ts_merge(t, &hi, t->kb, NULL, NULL, emit);
}

/* Sorted positions of s uniform draws from [0, k), by exponential
 * spacings (the order statistics of uniforms), so no sort is needed;
 * room holds s + 1 doubles. */
static void
ts_draw(ts_ctx *t, size_t s, size_t k, double *room)
{
    double sum = 0;
    for (size_t i = 0; i <= s; i++) {
        t->rng ^= t->rng << 13;
        t->rng ^= t->rng >> 7;
        t->rng ^= t->rng << 17;
        sum += -log(((double)(t->rng >> 11) + 0.5) / 9007199254740992.0);
        room[i] = sum;
    }
    for (size_t i = 0; i < s; i++) {
        double r = floor(room[i] / sum * (double)k);
        t->ranks[i] = r < (double)k ? (size_t)r : k - 1;
    }
}

/* The slopes of ranks r_lo <= r_hi (0-based, r_hi <= r_lo + 1, both in
 * the band) into *lo and *hi.  Each round samples the band, takes two
 * sampled slopes just either side of where the ranks should fall, counts
 * exactly against them and keeps the part holding the ranks, until the
 * band is small enough to list and sort: a few rounds in all, as the
 * band shrinks by about the square root of the sample each time.  A
 * pivot whose run of equal slopes holds the ranks ends it at once, which
 * is what settles ties.  False only if the counts disagree, which exact
 * arithmetic rules out. */
static bool
ts_select(ts_ctx *t, ts_band b, size_t r_lo, size_t r_hi, double *lo, double *hi)
{
    for (int round = 0; round < 64; round++) {
        size_t k = b.top - b.below;
        if (k <= t->room) {
            ts_emit e = {.out = t->pairs, .room = t->room};
            if (ts_walk(t, &b, &e) != k || e.overflow || e.n_out != k)
                return false;
            ts_pair p, p2;
            ts_two(t, t->pairs, k, r_lo - b.below, r_hi - b.below, &p, &p2);
            *lo = p.c;
            *hi = p2.c;
            return true;
        }
        size_t s = t->sample;
        ts_draw(t, s, k, (double *)t->pairs);
        ts_emit e = {.ranks = t->ranks, .nranks = s, .out = t->pairs};
        if (ts_walk(t, &b, &e) != k || e.k != s)
            return false;
        /* A rank falls in the sample with a spread of at most sqrt(s) / 2:
         * three of those either side. */
        double spread = 1.5 * sqrt((double)s) + 2;
        double f_lo = (double)(r_lo - b.below) / (double)k * (double)s - spread;
        double f_hi = (double)(r_hi - b.below) / (double)k * (double)s + spread;
        ts_pair pivots[2];
        int np = 0;
        size_t done = 0;
        if (f_lo >= 0) {
            ts_nth(t, t->pairs, s, (size_t)f_lo);
            pivots[np++] = t->pairs[(size_t)f_lo];
            done = (size_t)f_lo + 1;
        }
        if (f_hi < (double)s) {
            ts_nth(t, t->pairs + done, s - done, (size_t)f_hi - done);
            pivots[np++] = t->pairs[(size_t)f_hi];
        }
        for (int q = 0; q < np; q++) {
            ts_pair p = pivots[q];
            size_t lt, le;
            ts_count(t, &p, &lt, &le);
            if (r_hi < lt) {
                b.has_hi = true;
                b.hi = p;
                b.top = lt;
                break; /* the second pivot lies above the first */
            }
            if (r_lo >= le) {
                b.has_lo = true;
                b.lo = p;
                b.below = le;
                continue;
            }
            /* The pivot's slope has rank r_lo or r_hi (or both); the other
             * lies below or above it. */
            ts_band under = b, over = b;
            under.has_hi = over.has_lo = true;
            under.hi = over.lo = p;
            under.top = lt;
            over.below = le;
            double unused;
            bool ok = true;
            if (r_lo >= lt)
                *lo = p.c;
            else
                ok = ts_select(t, under, r_lo, r_lo, lo, &unused);
            if (r_hi < le)
                *hi = p.c;
            else
                ok = ok && ts_select(t, over, r_hi, r_hi, hi, &unused);
            return ok;
        }
    }
    return false;
}

/* ---- flat slopes ----------------------------------------------------------- */

/* Pairs with a falling slope (*lt) and a falling or flat one (*le),
 * exactly whatever the rounding: a slope's sign is that of y_j - y_i,
 * which a subtraction never loses, as long as the division cannot
 * underflow to 0.  False when it might. */
static bool
ts_zero(ts_ctx *t, size_t *lt, size_t *le)
{
    int top, low;
    ts_grid(t->y, t->n, &top, &low);
    if (top != INT_MIN && ldexp(1, low) / (2 * t->xmax) < DBL_MIN)
        return false;
    double *sorted;
    memcpy(t->ka, t->y, t->n * sizeof *t->ka);
    *lt = kpi_trend_inversions(t->ka, t->kb, t->n, true, &sorted);
    size_t eq = 0;
    for (size_t i = 0, j; i < t->n; i = j) {
        for (j = i + 1; j < t->n && sorted[j] == sorted[i]; j++)
            ;
        eq += (j - i) * (j - i - 1) / 2;
    }
    *le = *lt + eq - t->dup;
    return true;
}

/* ---- bisection with rounding margins ------------------------------------ */

/* Selection among the slopes of points with strictly increasing x, for
 * values whose differences may round.
 *
 * For a threshold s, z_i = y_i - s x_i and "z_j <= z_i" (i < j) says slope
 * <= s but for rounding; the pairs for which it holds are counted as the
 * inversions of z in O(n log n).  Rounding is bounded by margin(s): where
 * z_j <= z_i, c_ij < s + margin(s); where not, c_ij > s - margin(s).
 *
 * The targets are bracketed by [a, b], from a sample of slopes, and the
 * bracket halved until at most TS_BAND n pairs fall between (those with
 * z_j > z_i at a and z_j <= z_i at b: the band).  They are listed as the
 * inversions of the z at b in the order of the z at a, and their slopes
 * sorted.  A slope w of the band at rank r - ca (ca pairs counted at a)
 * is the r-th of all when a + margin(a) <= w <= b - margin(b): every pair
 * outside the band then lies strictly below or above w.  Anything
 * unexpected (a bracket that will not close, a band of near ties too wide
 * to split) gives up, and the caller selects pair by pair instead. */
#define TS_BAND 4

typedef struct ts_margins {
    const double *x, *y;
    size_t n, pairs;
    double xmax, ymax, dxmin, bound; /* |x|, |y|, least x step, |slope| limit */
    double *z, *za, *zb, *tmp;       /* n each */
    size_t *order, *otmp;            /* n each */
    double *sample, *band;           /* TS_BAND n each */
    const double *sorted;            /* the band, sorted */
    size_t band_n;
} ts_margins;

static double
tm_margin(const ts_margins *t, double s)
{
    double as = fabs(s);
    return 4 * DBL_EPSILON * ((t->ymax + 2 * as * t->xmax) / t->dxmin + as) + 8 * DBL_TRUE_MIN;
}

static void
tm_fill(const ts_margins *t, double s, double *z)
{
    for (size_t i = 0; i < t->n; i++)
        z[i] = t->y[i] - s * t->x[i];
}

/* Pairs i < j with z_j <= z_i at threshold s. */
static size_t
tm_count(ts_margins *t, double s)
{
    double *sorted;
    tm_fill(t, s, t->z);
    return kpi_trend_inversions(t->z, t->tmp, t->n, false, &sorted);
}

/* Stable merge sort of the indexes in order[0..n) by key ascending. */
static void
tm_sort_order(ts_margins *t, const double *key)
{
    size_t n = t->n, *src = t->order, *dst = t->otmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n;
            size_t hi = n - mid > width ? mid + width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = key[src[j]] < key[src[i]] ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        size_t *sw = src;
        src = dst;
        dst = sw;
    }
    if (src != t->order)
        memcpy(t->order, src, n * sizeof *src);
}

/* The slopes of the band between a and b, sorted, into t->sorted.  False
 * when the listing runs past its room. */
static bool
tm_band(ts_margins *t, double a, double b)
{
    size_t n = t->n, room = TS_BAND * n, seen = 0, *src = t->order, *dst = t->otmp;
    const double *za = t->za, *zb = t->zb;
    tm_fill(t, a, t->za);
    tm_fill(t, b, t->zb);
    /* The order of z at a, ties latest point first, so that i < j with
     * za_j > za_i always has i before j. */
    for (size_t i = 0; i < n; i++)
        t->order[i] = n - 1 - i;
    tm_sort_order(t, za);
    t->band_n = 0;
    /* Merge sort that order by z at b: a p before q with zb_q <= zb_p is
     * a candidate; the band's pairs are among them. */
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = n - lo > width ? lo + width : n;
            size_t hi = n - mid > width ? mid + width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (zb[src[i]] < zb[src[j]]) {
                    dst[k++] = src[i++];
                    continue;
                }
                size_t q = src[j];
                for (size_t m = i; m < mid; m++) {
                    size_t p = src[m], lo_i = p < q ? p : q, hi_i = p < q ? q : p;
                    if (++seen > 4 * room)
                        return false;
                    if (!(za[hi_i] <= za[lo_i]) && zb[hi_i] <= zb[lo_i]) {
                        if (t->band_n == room)
                            return false;
                        t->band[t->band_n++] = (t->y[hi_i] - t->y[lo_i]) /
                                               (t->x[hi_i] - t->x[lo_i]);
                    }
                }
                dst[k++] = src[j++];
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        size_t *sw = src;
        src = dst;
        dst = sw;
    }
    double *sorted;
    kpi_trend_inversions(t->band, t->sample, t->band_n, false, &sorted);
    t->sorted = sorted;
    return true;
}

/* The slopes of ranks r_lo <= r_hi (0-based, r_hi <= r_lo + 1) into *lo
 * and *hi, bracketed by [a, b].  split allows one split of the bracket
 * between the two ranks. */
static bool
tm_ranks(ts_margins *t, size_t r_lo, size_t r_hi, double a, double b, bool split, double *lo,
         double *hi)
{
    size_t ca = tm_count(t, a), cb = tm_count(t, b);
    for (int iter = 0; iter < 200; iter++) {
        if (ca > r_lo || cb <= r_hi) {
            /* The bracket misses a rank: widen it, up to the limit. */
            double step = 2 * (b - a) + 4 * (tm_margin(t, a) + tm_margin(t, b));
            if (ca > r_lo) {
                if (a <= -t->bound)
                    return false;
                a = a - step < -t->bound ? -t->bound : a - step;
                ca = tm_count(t, a);
            } else {
                if (b >= t->bound)
                    return false;
                b = b + step > t->bound ? t->bound : b + step;
                cb = tm_count(t, b);
            }
            continue;
        }
        if (cb - ca > TS_BAND * t->n) {
            if (b - a <= 4 * (tm_margin(t, a) + tm_margin(t, b)))
                return false; /* ties, or nearly: too many to split */
            double mid = a + (b - a) / 2;
            size_t cm = tm_count(t, mid);
            if (cm > r_hi) {
                b = mid;
                cb = cm;
            } else if (cm <= r_lo) {
                a = mid;
                ca = cm;
            } else {
                /* r_lo < cm <= r_hi: the two ranks lie either side. */
                return split && tm_ranks(t, r_lo, r_lo, a, mid, false, lo, hi) &&
                       tm_ranks(t, r_hi, r_hi, mid, b, false, hi, hi);
            }
            continue;
        }
        if (!tm_band(t, a, b) || t->band_n != cb - ca)
            return false;
        double w_lo = t->sorted[r_lo - ca], w_hi = t->sorted[r_hi - ca];
        bool low_ok = w_lo >= a + tm_margin(t, a), high_ok = w_hi <= b - tm_margin(t, b);
        if (low_ok && high_ok) {
            *lo = w_lo;
            *hi = w_hi;
            return true;
        }
        /* A rank too near an end to be sure of: move that end out. */
        double step = (b - a) + 4 * (tm_margin(t, a) + tm_margin(t, b));
        if ((!low_ok && a <= -t->bound) || (!high_ok && b >= t->bound))
            return false;
        if (!low_ok) {
            a = a - step < -t->bound ? -t->bound : a - step;
            ca = tm_count(t, a);
        }
        if (!high_ok) {
            b = b + step > t->bound ? t->bound : b + step;
            cb = tm_count(t, b);
        }
    }
    return false;
}

/* The slopes of ranks r_lo and r_hi by bisection, when x rises strictly
 * and the values are of a size where rounding is bounded; false
 * otherwise.  scratch holds (6 + 2 TS_BAND) n doubles. */
static bool
ts_margin_select(const double *x, const double *y, size_t n, size_t r_lo, size_t r_hi,
                 double *scratch, double *lo, double *hi)
{
    ts_margins t = {.x = x, .y = y, .n = n, .pairs = n % 2 ? n * ((n - 1) / 2) : n / 2 * (n - 1)};
    t.dxmin = INFINITY;
    for (size_t i = 0; i < n; i++) {
        t.xmax = fmax(t.xmax, fabs(x[i]));
        t.ymax = fmax(t.ymax, fabs(y[i]));
        if (i > 0) {
            if (!(x[i] > x[i - 1]))
                return false;
            t.dxmin = fmin(t.dxmin, x[i] - x[i - 1]);
        }
    }
    /* With these limits no z, slope or margin overflows. */
    if (t.xmax > 1e60 || t.ymax > 1e60 || t.dxmin < 1e-60)
        return false;
    t.bound = 4 * t.ymax / t.dxmin + 1;
    t.z = scratch;
    t.za = scratch + n;
    t.zb = scratch + 2 * n;
    t.tmp = scratch + 3 * n;
    t.order = (size_t *)(scratch + 4 * n);
    t.otmp = (size_t *)(scratch + 5 * n);
    t.sample = scratch + 6 * n;
    t.band = scratch + (6 + TS_BAND) * n;

    /* A sample of slopes for the first bracket; any pairs will do, the
     * result does not depend on them. */
    size_t m = TS_BAND * n;
    uint64_t state = 0x9e3779b97f4a7c15u ^ (uint64_t)n;
    for (size_t k = 0; k < m; k++) {
        size_t i, j;
        do {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            i = (size_t)((state >> 32) % n);
            j = (size_t)((state & 0xffffffffu) % n);
        } while (i == j);
        size_t a = i < j ? i : j, b = i < j ? j : i;
        t.sample[k] = (y[b] - y[a]) / (x[b] - x[a]);
    }
    double *sample;
    kpi_trend_inversions(t.sample, t.band, m, false, &sample);
    double spread = 3 * sqrt((double)m) + 2;
    double q_lo = (double)r_lo / (double)t.pairs * (double)m - spread;
    double q_hi = (double)r_hi / (double)t.pairs * (double)m + spread;
    double a = q_lo < 0 ? -t.bound : sample[(size_t)q_lo];
    double b = q_hi >= (double)m ? t.bound : sample[(size_t)q_hi];
    return tm_ranks(&t, r_lo, r_hi, a, b, true, lo, hi);
}

/* ---- the line ---------------------------------------------------------- */

size_t
kpi_theil_sen_scratch(size_t n)
{
    /* Listing needs n(n-1)/2 slopes and n residuals below TS_SELECT_MIN;
     * selection a sorted copy and TS_WORDS more per point. */
    size_t small = n < TS_SELECT_MIN ? n : TS_SELECT_MIN - 1;
    size_t listed = small * (small + 1) / 2, per = 2 + TS_WORDS;
    if (n > SIZE_MAX / sizeof(double) / per)
        return 0;
    return listed > per * n ? listed : per * n;
}

/* The median of the listed slopes, O(n^2) for n < TS_SELECT_MIN. */
static size_t
ts_listed(const double *x, const double *y, size_t n, double *scratch, double *slope)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (x[j] != x[i])
                scratch[m++] = (y[j] - y[i]) / (x[j] - x[i]);
    if (m > 0)
        *slope = gsl_stats_median(scratch, 1, m);
    return m;
}

/* The median slope of the points sorted in t (t->m > 0). */
static double
ts_median(ts_ctx *t, double *scratch)
{
    size_t r_lo = (t->m - 1) / 2, r_hi = t->m / 2;
    ts_band all = {.top = t->m};
    double lo = 0, hi = 0;
    size_t lt, le;
    bool found = false;
    if (t->exact) {
        found = ts_select(t, all, r_lo, r_hi, &lo, &hi);
    } else if (ts_zero(t, &lt, &le) && lt <= r_lo && r_hi < le) {
        found = true; /* lo = hi = 0 */
    } else {
        found = ts_margin_select(t->x, t->y, t->n, r_lo, r_hi, scratch, &lo, &hi);
    }
    if (!found) {
        /* Pair by pair: the counts cannot disagree there. */
        t->exact = false;
        ts_select(t, all, r_lo, r_hi, &lo, &hi);
    }
    return r_lo == r_hi ? lo : (lo + hi) / 2;
}

bool
kpi_theil_sen_fit(const double *x, const double *y, size_t n, double *scratch, kpi_theil_sen *out)
{
    double slope = 0, *resid = scratch;
    size_t m;
    if (n < TS_SELECT_MIN) {
        /* Sen 1968: the slope is the median of the pairwise slopes. */
        if ((m = ts_listed(x, y, n, scratch, &slope)) == 0)
            return false;
        resid = scratch + m;
    } else {
        double *xs = scratch, *ys = scratch + n, *rest = scratch + 2 * n;
        ts_ctx t = {.x = xs, .y = ys, .n = n, .rng = 0x9e3779b97f4a7c15u ^ (uint64_t)n};
        t.room = TS_ROOM * n;
        t.sample = TS_SAMPLE * n;
        t.ka = rest;
        t.kb = rest + n;
        t.ord = (size_t *)(rest + 2 * n);
        t.otmp = (size_t *)(rest + 3 * n);
        t.ranks = (size_t *)(rest + 4 * n);
        t.pairs = (ts_pair *)(rest + (4 + TS_SAMPLE) * n);
        ts_sort_points(x, y, n, t.ord, t.otmp, xs, ys);
        size_t all = n % 2 ? n * ((n - 1) / 2) : n / 2 * (n - 1), same_x = 0;
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && xs[j] == xs[i]; j++)
                ;
            same_x += (j - i) * (j - i - 1) / 2;
            for (size_t k = i, l; k < j; k = l) {
                for (l = k + 1; l < j && ys[l] == ys[k]; l++)
                    ;
                t.dup += (l - k) * (l - k - 1) / 2;
            }
        }
        if ((m = all - same_x) == 0)
            return false;
        t.m = m;
        for (size_t i = 0; i < n; i++) {
            t.xmax = fmax(t.xmax, fabs(xs[i]));
            t.ymax = fmax(t.ymax, fabs(ys[i]));
        }
        t.exact = ts_exact(xs, n) && ts_exact(ys, n);
        slope = ts_median(&t, rest);
        x = xs;
        y = ys;
        resid = rest;
    }
    for (size_t i = 0; i < n; i++)
        resid[i] = y[i] - slope * x[i];
    *out = (kpi_theil_sen){.n = n,
                           .pairs = m,
                           .slope = slope,
                           .intercept = gsl_stats_median(resid, 1, n),
                           .reason = ""};
    return true;
}

kpi_status
kpi_trend_theil_sen(const double *x, const double *y, size_t n, kpi_theil_sen *out, kpi_error *err)
{
    kpi_status st;
    if (n < 2)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "a Theil-Sen line needs at least 2 points, got %zu", n);
    if ((st = kpi_trend_check_xy(x, y, n, err)) != KPI_OK)
        return st;
    if (kpi_trend_constant(x, n))
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0,
                             "x is constant, so no pair of points has a slope");
    size_t m = kpi_theil_sen_scratch(n);
    double *scratch = m ? kpi_malloc(m * sizeof *scratch) : NULL;
    if (!scratch)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0,
                             "out of memory for the Theil-Sen line of %zu points", n);
    kpi_theil_sen_fit(x, y, n, scratch, out);
    kpi_free(scratch);
    return KPI_OK;
}
