/* Theil-Sen (Sen 1968): the median of the slopes between every pair of
 * points, found without listing the n(n-1)/2 slopes.
 *
 * Pairs are ranked by their exact slopes (y_j - y_i) / (x_j - x_i),
 * taken on the input doubles as real numbers, and each pair's slope is
 * its exact slope correctly rounded; the result is the slope of the
 * middle pair, or the mean of the two middle ones for an even count
 * (gsl_stats_median's rule):
 *
 *   - when every difference of x and of y is exact in a double (integer
 *     counts, or any values on a common binary grid of at most 53 bits:
 *     ts_exact), the slope C computes is the correctly rounded one, so
 *     the result is bit for bit the median of the slope doubles; below
 *     TS_SELECT_MIN points they are listed and GSL's quickselect takes
 *     the median (a few hundred KB at most);
 *   - otherwise, and for every longer series, randomized selection by
 *     counting inversions (ts_select, after Matousek 1991 and
 *     Dillencourt, Mount and Netanyahu 1992) finds the middle pairs:
 *     O(n log n) expected time, O(n) memory, ties included.  Comparisons
 *     that rounding cannot settle are settled exactly: by fma when the
 *     differences are exact, by expansion arithmetic (Shewchuk 1997)
 *     on values scaled by powers of two otherwise (ts_det, ts_slope).
 *
 * Where the values' binary exponents span too far for that arithmetic to
 * stay exact (ts_span) there is no line.  No path allocates: the
 * caller's scratch holds kpi_theil_sen_scratch(n) doubles, O(n). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "trend_private.h"

_Static_assert(sizeof(size_t) <= sizeof(double), "indexes share the scratch with doubles");

/* Why a line is missing. */
static const char NO_PAIRS[] = "every pair of points ties in x";
static const char TOO_WIDE[] = "the values span too many powers of two for exact slopes";
static const char NO_MEDIAN[] = "selecting the median slope failed";

/* Below this many points the slopes are listed (when their differences are exact). */
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

/* ---- exact arithmetic on values whose differences round ------------------ */

/* Most terms of the sums below: four products of two-part numbers (two
 * parts each) on either side. */
#define TS_TERMS 16

/* a - b as h[0] + h[1] exactly (Knuth's two-sum; no overflow on values
 * scaled below 1). */
static void
two_diff(double a, double b, double h[2])
{
    double s = a - b, bv = a - s;
    h[1] = (a - (s + bv)) + (bv - b);
    h[0] = s;
}

/* Appends a b to v as two terms, exact while a b neither underflows nor
 * overflows, which ts_span ensures. */
static size_t
two_prod(double a, double b, double *v, size_t n)
{
    double p = a * b;
    v[n] = p;
    v[n + 1] = fma(a, b, -p);
    return n + 2;
}

/* The sign of v[0] + ... + v[n - 1], n <= TS_TERMS, exactly: the terms
 * are added one by one into a nonoverlapping expansion (Shewchuk's
 * GROW-EXPANSION), whose largest non-zero part carries the sign. */
static int
sum_sign(const double *v, size_t n)
{
    double h[TS_TERMS];
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        double q = v[k];
        for (size_t i = 0; i < m; i++) {
            double s = q + h[i], bv = s - q;
            h[i] = (q - (s - bv)) + (h[i] - bv);
            q = s;
        }
        h[m++] = q;
    }
    while (m > 0 && h[m - 1] == 0)
        m--;
    return m == 0 ? 0 : h[m - 1] > 0 ? 1 : -1;
}

/* The sign of (y_j - y_i)(x_l - x_k) - (y_l - y_k)(x_j - x_i), exactly:
 * it compares the slope of (i, j) with that of (k, l), and orders two
 * points' keys at the slope of a pivot pair. */
static int
ts_det(const ts_ctx *t, size_t i, size_t j, size_t k, size_t l)
{
    const double *x = t->x, *y = t->y;
    if (t->exact)
        return sign_products(y[j] - y[i], x[l] - x[k], y[l] - y[k], x[j] - x[i]);
    double a[2], b[2], c[2], d[2], v[TS_TERMS];
    size_t n = 0;
    two_diff(y[j], y[i], a);
    two_diff(x[l], x[k], b);
    two_diff(y[k], y[l], c); /* negated, so that every term adds */
    two_diff(x[j], x[i], d);
    for (int p = 0; p < 2; p++) {
        for (int q = 0; q < 2; q++) {
            n = two_prod(a[p], b[q], v, n);
            n = two_prod(c[p], d[q], v, n);
        }
    }
    return sum_sign(v, n);
}

/* The sign of dy - (q + h) dx for two-part dy and dx, exactly: where the
 * exact slope dy / dx lies against q + h. */
static int
slope_side(const double dy[2], const double dx[2], double q, double h)
{
    double v[TS_TERMS] = {dy[0], dy[1]};
    size_t n = 2;
    for (int p = 0; p < 2; p++) {
        n = two_prod(-q, dx[p], v, n);
        n = two_prod(-h, dx[p], v, n);
    }
    return sum_sign(v, n);
}

/* The slope of points i and j (x_i < x_j), its exact value correctly
 * rounded (to nearest, ties to even).  With exact differences that is
 * the quotient C computes; otherwise that quotient is within two units in
 * the last place, and is moved until the exact slope lies within half a
 * unit of it. */
static double
ts_slope(const ts_ctx *t, size_t i, size_t j)
{
    double dy[2], dx[2];
    two_diff(t->y[j], t->y[i], dy);
    two_diff(t->x[j], t->x[i], dx);
    double q = dy[0] / dx[0];
    if (t->exact || (dy[1] == 0 && dx[1] == 0))
        return q;
    for (;;) {
        int side = slope_side(dy, dx, q, 0);
        if (side == 0)
            return q;
        double next = nextafter(q, side > 0 ? INFINITY : -INFINITY);
        int half = slope_side(dy, dx, q, (next - q) / 2);
        if (half != side) {
            uint64_t bits;
            memcpy(&bits, &q, sizeof bits);
            return half == 0 && bits % 2 ? next : q;
        }
        q = next;
    }
}

static ts_pair
ts_make(const ts_ctx *t, size_t p, size_t q)
{
    size_t i = p < q ? p : q, j = p < q ? q : p;
    return (ts_pair){ts_slope(t, i, j), i, j};
}

/* Pairs in slope order.  Slopes round monotonically from the exact
 * slopes, so unequal doubles are in order, and equal ones are told apart
 * by the exact slopes. */
static int
ts_pair_cmp(const ts_ctx *t, const ts_pair *a, const ts_pair *b)
{
    if (a->c != b->c)
        return a->c < b->c ? -1 : 1;
    return ts_det(t, a->i, a->j, b->i, b->j);
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
 * infinity (kind > 0), or the exact slope of pair (i, j), whose
 * differences p = y_j - y_i and q = x_j - x_i (q > 0) are held as C rounds
 * them.  Point a's key is q y_a - p x_a, so that for x_a < x_b the slope
 * of (a, b) is below p / q exactly when key b < key a; the infinite slopes
 * key points by x and by -x.  A key computed in doubles is off from the
 * exact one by at most 3 DBL_EPSILON (q max|y| + |p| max|x|) (two
 * products and a difference, and p and q's own rounding), and slack is
 * 2.5 times that, beyond which two keys' doubles are surely in order (0
 * for the exact keys of the infinite slopes). */
typedef struct ts_cut {
    int kind;
    size_t i, j;
    double p, q, slack;
} ts_cut;

static ts_cut
ts_cut_at(const ts_ctx *t, const ts_pair *pivot)
{
    double p = t->y[pivot->j] - t->y[pivot->i], q = t->x[pivot->j] - t->x[pivot->i];
    return (ts_cut){0, pivot->i, pivot->j,
                    p, q,        7.5 * DBL_EPSILON * (q * t->ymax + fabs(p) * t->xmax)};
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
    return ts_det(t, c->i, c->j, a, b);
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

/* Walks the band's pairs in a fixed order, recording them through emit;
 * returns how many there are.  They are the inversions between the order
 * of the points at lo (ties at lo in their order at hi, so that none
 * counts) and their order at hi: O(n log n). */
static size_t
ts_walk(ts_ctx *t, const ts_band *b, ts_emit *emit)
{
    size_t n = t->n;
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

/* Scales the sorted points by powers of two to |x|, |y| < 1, for the exact
 * arithmetic of ts_det and ts_slope on values whose differences round.
 * The parts of differences are then multiples of 2^-(the span of x's
 * binary exponents) and of 2^-(y's) below 2 in size, so while the two
 * spans add up to at most TS_SPAN bits every product and rounding error
 * those functions form is a double, and the unscaled slopes cannot
 * overflow while y's top exponent less x's lowest stays under the limit.
 * *shift takes a scaled slope back.  False beyond those bounds. */
#define TS_SPAN 1019

static bool
ts_scale(ts_ctx *t, double *xs, double *ys, int *shift)
{
    int tx, lx, ty, ly;
    ts_grid(xs, t->n, &tx, &lx);
    ts_grid(ys, t->n, &ty, &ly);
    if (ty == INT_MIN)
        ty = ly = 0; /* every y is 0 (x cannot be: some pair has a slope) */
    if ((tx - lx) + (ty - ly) > TS_SPAN || ty - lx > DBL_MAX_EXP - 3)
        return false;
    for (size_t i = 0; i < t->n; i++) {
        xs[i] = ldexp(xs[i], -tx);
        ys[i] = ldexp(ys[i], -ty);
    }
    *shift = ty - tx;
    return true;
}

/* The median slope of the points sorted in t (t->m > 0) into *slope.
 * False only if selection fails, which exact counts rule out. */
static bool
ts_median(ts_ctx *t, double *slope)
{
    size_t r_lo = (t->m - 1) / 2, r_hi = t->m / 2;
    double lo, hi;
    if (!ts_select(t, (ts_band){.top = t->m}, r_lo, r_hi, &lo, &hi))
        return false;
    *slope = r_lo == r_hi ? lo : (lo + hi) / 2;
    return true;
}

bool
kpi_theil_sen_fit(const double *x, const double *y, size_t n, double *scratch, kpi_theil_sen *out)
{
    double slope = 0, *resid = scratch;
    size_t m;
    bool exact = ts_exact(x, n) && ts_exact(y, n);
    *out = (kpi_theil_sen){.n = n, .reason = NO_PAIRS};
    if (exact && n < TS_SELECT_MIN) {
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
        t.exact = exact;
        int shift = 0;
        if (!exact && !ts_scale(&t, xs, ys, &shift)) {
            out->reason = TOO_WIDE;
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            t.xmax = fmax(t.xmax, fabs(xs[i]));
            t.ymax = fmax(t.ymax, fabs(ys[i]));
        }
        if (!ts_median(&t, &slope)) {
            out->reason = NO_MEDIAN;
            return false;
        }
        slope = ldexp(slope, shift);
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
    kpi_status st = kpi_trend_check_line(x, y, n, 2, "a Theil-Sen line", err);
    if (st != KPI_OK)
        return st;
    size_t m = kpi_theil_sen_scratch(n);
    double *scratch = m ? kpi_malloc(m * sizeof *scratch) : NULL;
    if (!scratch)
        return kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0,
                             "out of memory for the Theil-Sen line of %zu points", n);
    kpi_theil_sen ts;
    bool ok = kpi_theil_sen_fit(x, y, n, scratch, &ts);
    kpi_free(scratch);
    if (!ok)
        return kpi_error_set(err, KPI_EDOMAIN, NULL, 0, 0, "no Theil-Sen line: %s", ts.reason);
    *out = ts;
    return KPI_OK;
}
