/*
 * yuma_c.c -- tight single-threaded dense Yuma Consensus epoch, float64.
 *
 * Copied unchanged (apart from this note) from the project's shared reference benchmark (the plain C
 * limit for the dense epoch); not part of TaoSim. Benchmarks/epoch_c.py builds and times it.
 *
 * Semantics follow the numpy oracle a straightforward numpy reference epoch (Yuma 2 / Yuma 3 as restated in spec §3-§6, dense)
 * with all optional masks at their defaults (validator_uids = arange(nv), everybody active and
 * permitted, no owner, self-weights masked, xi = None).  Both variants of the oracle:
 *   Yuma 2 (yuma3 = 0; liquid alpha ignored, as in the oracle) and Yuma 3 (+ liquid alpha).
 *
 * Data flow (one pass over the matrices per column block of BW = 16 uids):
 *   A. stake normalisation (numpy pairwise sums reproduced) and row sums of the self-masked W
 *      (numpy's pairwise order reproduced, so the normalised weights are bit-identical).
 *   per block of 16 columns:
 *   B. pack: W[:, j0:j0+16] / rowsum  -> pack[nv][16] (contiguous, L1/L2 resident), diag -> 0
 *   C. stake-weighted median per column (method 0: 16 columns in SIMD lanes, bisection on the
 *      value with exact candidate tracking; 1: literal port of the chain's quickselect;
 *      2: sort (value, stake) pairs + cumsum like the numpy oracle)
 *   D. row pass: Wc = min(W, C), validator_trust, ranks (= column sums of Wc*S, sequential like
 *      numpy's col_normalize sum), preranks, (Yuma 2) column sums of B_prev
 *   E. bonds: Yuma 2: ema = alpha*delta + (1-alpha)*B in factored form, column max and sum;
 *      then stored bonds = ema / colmax and dividend accumulation  (recomputing ema);
 *      Yuma 3: liquid-alpha EMA stored directly, column sums, then dividend accumulation.
 *   F. finalisation on vectors (trust, incentive, dividends, emission split).
 *
 * Build: gcc -O3 -march=native -ffp-contract=off -fPIC -shared yuma_c.c -o libyuma_gcc.so -lm
 * (-ffp-contract=off keeps the numpy rounding of a*b+c where it is reproduced on purpose;
 *  fused multiply-adds are written explicitly where the order is free.)
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

#define BW 16

/* ------------------------------------------------------------------------------------------ */
/* profiling (rdtsc, only with -DYPROF)                                                        */
/* ------------------------------------------------------------------------------------------ */
#ifdef YPROF
static uint64_t g_prof[8];
#define PSTART uint64_t _tl = __rdtsc()
#define PT(k) do { uint64_t _t = __rdtsc(); g_prof[k] += _t - _tl; _tl = _t; } while (0)
#define PRESET (_tl = __rdtsc())
#else
#define PRESET
#define PSTART
#define PT(k)
#endif
/* stage ids: 0 stake+rowsums, 1 pack, 2 median, 3 clip/ranks/trust, 4 bonds EMA, 5 dividends
 * accumulation + bonds store, 6 finalisation */

typedef struct {
    double kappa, bonds_penalty, bonds_moving_average;
    int yuma3, liquid_alpha;
    double alpha_low, alpha_high, steepness, emission;
    int median_method; /* 0 simd bisection, 1 chain quickselect, 2 sort+cumsum */
} ypar;

typedef struct {
    int nv, n;
    /* outputs */
    double *S, *AS, *VT, *D, *VE;            /* nv */
    double *C, *PR, *R, *T, *I, *DU, *SE, *E; /* n  */
    double *bonds;                            /* nv*n */
    /* scratch */
    double *rs, *sp, *dacc;
    int *pos;
    double *pack, *mpack, *bpk, *opk;
    int sb, nt, direct; /* superblock width (multiple of 16), non-temporal bonds stores,
                         direct: read B / write bonds in place (no packed copies) */
    double *qx, *qs; /* 3*nv each, scalar median scratch */
    long fallbacks, iters, medcols;
} yws;

static void *amalloc(size_t bytes) {
    void *p = NULL;
    if (bytes == 0) bytes = 64;
    if (posix_memalign(&p, 64, (bytes + 63) & ~(size_t)63)) return NULL;
    memset(p, 0, bytes);
    return p;
}

yws *yws_alloc(int nv, int n) {
    yws *w = (yws *)calloc(1, sizeof(yws));
    w->nv = nv; w->n = n;
    size_t v = (size_t)nv, u = (size_t)n;
    w->S = amalloc(v * 8); w->AS = amalloc(v * 8); w->VT = amalloc(v * 8);
    w->D = amalloc(v * 8); w->VE = amalloc(v * 8);
    w->C = amalloc(u * 8); w->PR = amalloc(u * 8); w->R = amalloc(u * 8); w->T = amalloc(u * 8);
    w->I = amalloc(u * 8); w->DU = amalloc(u * 8); w->SE = amalloc(u * 8); w->E = amalloc(u * 8);
    w->bonds = amalloc(v * u * 8);
    w->rs = amalloc(v * 8); w->sp = amalloc(v * 8); w->dacc = amalloc(v * 8);
    w->pos = amalloc(v * sizeof(int));
    /* superblock: keep pack + B + out blocks (3 * nv * sb doubles) around 384 KiB (L2 512 KiB) */
    /* pack + B + out copies of one superblock: about 1.5 MiB (spills from L2 into L3, but keeps
     * the strided row segments of W and B >= 512 bytes long) */
    long sb = (1536L * 1024 / (24L * nv)) / BW * BW;
    if (sb < 64) sb = 64;
    if (sb > 512) sb = 512;
    const char *env = getenv("YUMA_SB");
    if (env) sb = atol(env) / BW * BW;
    if (sb < BW) sb = BW;
    if (sb > (long)(n + BW - 1) / BW * BW) sb = (long)(n + BW - 1) / BW * BW;
    w->sb = (int)sb;
    w->direct = v * u * 8 <= (1u << 20); /* W, B, bonds all L2/L3 resident */
    env = getenv("YUMA_DIRECT");
    if (env) w->direct = atoi(env);
    if (w->direct && !getenv("YUMA_SB")) w->sb = BW;
    env = getenv("YUMA_NT");
    w->nt = env ? atoi(env) : (v * u * 8 > (4u << 20)); /* stream bonds out when > 4 MiB */
    w->pack = amalloc(v * sb * 8); w->mpack = amalloc(v * BW * 8);
    w->bpk = amalloc(v * sb * 8); w->opk = amalloc(v * sb * 8);
    w->qx = amalloc((3 * v + 64) * 8); w->qs = amalloc((3 * v + 64) * 8);
    return w;
}

void yws_free(yws *w) {
    if (!w) return;
    double *p[] = {w->S, w->AS, w->VT, w->D, w->VE, w->C, w->PR, w->R, w->T, w->I, w->DU,
                   w->SE, w->E, w->bonds, w->rs, w->sp, w->dacc, w->pack, w->mpack, w->bpk,
                   w->opk, w->qx, w->qs};
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) free(p[i]);
    free(w->pos);
    free(w);
}

/* ------------------------------------------------------------------------------------------ */
/* small helpers                                                                               */
/* ------------------------------------------------------------------------------------------ */
static inline double hsum4(__m256d v) {
    __m128d lo = _mm256_castpd256_pd128(v), hi = _mm256_extractf128_pd(v, 1);
    lo = _mm_add_pd(lo, hi);
    return _mm_cvtsd_f64(_mm_add_sd(lo, _mm_unpackhi_pd(lo, lo)));
}

/* correctly rounded a/b from rb = RN(1/b): q = RN(a rb), r = a - q b (exact, fma),
 * q' = RN(q + r rb)  (Markstein); checked bitwise against vdivpd in check.py / divtest */
static inline __m256d div_mk(__m256d a, __m256d b, __m256d rb) {
#ifdef TRUE_DIV
    (void)rb;
    return _mm256_div_pd(a, b);
#else
    __m256d q = _mm256_mul_pd(a, rb);
    __m256d r = _mm256_fnmadd_pd(q, b, a);
    return _mm256_fmadd_pd(r, rb, q);
#endif
}

/* numpy DOUBLE_pairwise_sum, contiguous, reproduced exactly (8 accumulators, blocks of 128) */
static double pw_leaf(const double *a, long n) {
    if (n < 8) {
        double r = 0.0;
        for (long i = 0; i < n; i++) r += a[i];
        return r;
    }
    __m256d r0 = _mm256_loadu_pd(a), r1 = _mm256_loadu_pd(a + 4);
    long i, nn = n - (n % 8);
    for (i = 8; i < nn; i += 8) {
        r0 = _mm256_add_pd(r0, _mm256_loadu_pd(a + i));
        r1 = _mm256_add_pd(r1, _mm256_loadu_pd(a + i + 4));
    }
    double x[8];
    _mm256_storeu_pd(x, r0); _mm256_storeu_pd(x + 4, r1);
    double res = ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
    for (; i < n; i++) res += a[i];
    return res;
}

/* pairwise sum of a[0..n) with a[d] treated as 0 (d < 0 or >= n: no masking) */
static double pw_sum_masked(const double *a, long n, long d) {
    if (n <= 128) {
        if (d >= 0 && d < n) {
            double tmp[128];
            memcpy(tmp, a, (size_t)n * 8);
            tmp[d] = 0.0;
            return pw_leaf(tmp, n);
        }
        return pw_leaf(a, n);
    }
    long n2 = n / 2;
    n2 -= n2 % 8;
    return pw_sum_masked(a, n2, d) + pw_sum_masked(a + n2, n - n2, d - n2);
}
static double pw_sum(const double *a, long n) { return pw_sum_masked(a, n, -1); }

/* exp for |x| <= 20 (inputs are clamped by the caller): Cody-Waite reduction with
 * k = round(x / ln2) via the 1.5*2^52 shifter, degree-13 Taylor polynomial in Estrin form */
static inline __m256d exp_pd(__m256d x) {
    const __m256d log2e = _mm256_set1_pd(1.4426950408889634074);
    const __m256d ln2hi = _mm256_set1_pd(6.93147180369123816490e-01);
    const __m256d ln2lo = _mm256_set1_pd(1.90821492927058770002e-10);
    const __m256d shifter = _mm256_set1_pd(6755399441055744.0); /* 1.5 * 2^52 */
    __m256d kd = _mm256_fmadd_pd(x, log2e, shifter);
    __m256i ki = _mm256_castpd_si256(kd);           /* low bits hold k (two's complement) */
    kd = _mm256_sub_pd(kd, shifter);
    __m256d r = _mm256_fnmadd_pd(kd, ln2hi, x);
    r = _mm256_fnmadd_pd(kd, ln2lo, r);
#define C_(v) _mm256_set1_pd(v)
    __m256d r2 = _mm256_mul_pd(r, r), r4 = _mm256_mul_pd(r2, r2), r8 = _mm256_mul_pd(r4, r4);
    __m256d q0 = _mm256_fmadd_pd(r, C_(1.0), C_(1.0));
    __m256d q1 = _mm256_fmadd_pd(r, C_(1.0 / 6.0), C_(0.5));
    __m256d q2 = _mm256_fmadd_pd(r, C_(1.0 / 120.0), C_(1.0 / 24.0));
    __m256d q3 = _mm256_fmadd_pd(r, C_(1.0 / 5040.0), C_(1.0 / 720.0));
    __m256d q4 = _mm256_fmadd_pd(r, C_(1.0 / 362880.0), C_(1.0 / 40320.0));
    __m256d q5 = _mm256_fmadd_pd(r, C_(1.0 / 39916800.0), C_(1.0 / 3628800.0));
    __m256d q6 = _mm256_fmadd_pd(r, C_(1.0 / 6227020800.0), C_(1.0 / 479001600.0));
#undef C_
    __m256d u0 = _mm256_fmadd_pd(q1, r2, q0);
    __m256d u1 = _mm256_fmadd_pd(q3, r2, q2);
    __m256d u2 = _mm256_fmadd_pd(q5, r2, q4);
    __m256d v0 = _mm256_fmadd_pd(u1, r4, u0);
    __m256d v1 = _mm256_fmadd_pd(q6, r4, u2);
    __m256d p = _mm256_fmadd_pd(v1, r8, v0);
    __m256i e = _mm256_slli_epi64(_mm256_add_epi64(ki, _mm256_set1_epi64x(1023)), 52);
    return _mm256_mul_pd(p, _mm256_castsi256_pd(e));
}

/* test hook: exp_pd on an array (|x| <= 20) */
void exp_test(long n, const double *x, double *out) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, exp_pd(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) out[i] = exp(x[i]);
}

/* ------------------------------------------------------------------------------------------ */
/* weighted median, scalar methods                                                             */
/* ------------------------------------------------------------------------------------------ */
/* literal port of math.rs::weighted_median (quickselect, middle pivot, stable partitions) */
static double wmed_qsel(double *x0, double *s0, int n, double minority, double lo, double hi,
                        double *bufx, double *bufs) {
    double *bx[3] = {x0, bufx, bufx + n + 8};
    double *bs[3] = {s0, bufs, bufs + n + 8};
    int cur = 0, limit = n, it = 0;
    for (;;) {
        if (n == 0) return 0.0;
        if (n == 1) return bx[cur][0];
        const double *X = bx[cur], *Sx = bs[cur];
        int li = (cur + 1) % 3, ui = (cur + 2) % 3;
        double *LX = bx[li], *LS = bs[li], *UX = bx[ui], *US = bs[ui];
        double piv = X[n / 2];
        int nl = 0, nu = 0;
        double lst = 0.0, ust = 0.0;
        for (int i = 0; i < n; i++) {
            double xi = X[i], si = Sx[i];
            int isl = xi < piv, isu = xi > piv;
            LX[nl] = xi; LS[nl] = si; UX[nu] = xi; US[nu] = si;
            nl += isl; nu += isu;
            lst += isl ? si : 0.0;
            ust += isu ? si : 0.0;
        }
        if (minority < lo + lst && nl > 0) { cur = li; n = nl; hi = lo + lst; }
        else if (hi - ust <= minority && nu > 0) { cur = ui; n = nu; lo = hi - ust; }
        else return piv;
        if (++it > limit) return 0.0;
    }
}

typedef struct { double x, s; } xs_t;
static void sort_xs(xs_t *a, int n) {
    while (n > 24) {
        /* median of three pivot, Hoare partition */
        int mid = n / 2;
        xs_t t;
        if (a[mid].x < a[0].x) { t = a[mid]; a[mid] = a[0]; a[0] = t; }
        if (a[n - 1].x < a[0].x) { t = a[n - 1]; a[n - 1] = a[0]; a[0] = t; }
        if (a[n - 1].x < a[mid].x) { t = a[n - 1]; a[n - 1] = a[mid]; a[mid] = t; }
        double p = a[mid].x;
        int i = -1, j = n;
        for (;;) {
            do i++; while (a[i].x < p);
            do j--; while (a[j].x > p);
            if (i >= j) break;
            t = a[i]; a[i] = a[j]; a[j] = t;
        }
        /* recurse on the smaller part */
        int nl = j + 1;
        if (nl < n - nl) { sort_xs(a, nl); a += nl; n -= nl; }
        else { sort_xs(a + nl, n - nl); n = nl; }
    }
    for (int i = 1; i < n; i++) {
        xs_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j].x > v.x) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

/* the oracle's vectorised rule: sort, cumsum, first cumulative stake > minority */
static double wmed_sort(xs_t *a, int m, double minority) {
    sort_xs(a, m);
    double cs = 0.0;
    for (int k = 0; k < m; k++) {
        cs += a[k].s;
        if (cs > minority) return a[k].x;
    }
    return a[m - 1].x;
}

/* ------------------------------------------------------------------------------------------ */
/* weighted median: 4*NVEC columns in SIMD lanes (bisection on the value, exact tracking)      */
/*   invariant per lane: the answer v* = min{x : L(x) > minority} lies in [cmin, cmax], both   */
/*   actual scores; probe t in [cmin, cmax); L(t) = stake(x <= t); below = max{x <= t},       */
/*   above = min{x > t}.  Done when cmin == cmax.                                             */
/* ------------------------------------------------------------------------------------------ */
#define MED_MAXIT 120
#ifndef MED_MODE
#define MED_MODE 1   /* 0 midpoint bisection, 1 interpolation (clamped), 2 interpolation/midpoint alternating */
#endif
#ifndef MED_NVEC
#define MED_NVEC 4
#endif
#ifndef MED_EPS
#define MED_EPS 0.0625
#endif
#ifndef MED_KFIN
#define MED_KFIN 1   /* finish in scalar code once at most this many lanes are unresolved */
#endif
/* exact scalar finish of one lane: answer in [lo, hi], stake(x < lo) = base */
static double med_finish(const double *P, int ld, const double *s, int m, double lo, double hi,
                         double base, double minority, xs_t *buf) {
    int nc = 0;
    for (int k = 0; k < m; k++) {
        double x = P[(size_t)k * ld];
        buf[nc].x = x; buf[nc].s = s[k];
        nc += (x >= lo) & (x <= hi);
    }
    sort_xs(buf, nc);
    double cs = base;
    for (int k = 0; k < nc; k++) {
        cs += buf[k].s;
        if (cs > minority) return buf[k].x;
    }
    return hi;
}

/* returns 0 ok, 1 iteration limit, 2 negative scores present (caller uses the sort method) */
static inline __attribute__((always_inline)) int
med_probe(const double *P, int ld, const double *s, int m, double minority, double total,
          double *out, const int NVEC, long *iters, xs_t *buf) {
    const __m256d pinf = _mm256_set1_pd(INFINITY), ninf = _mm256_set1_pd(-INFINITY);
    const __m256d zero = _mm256_setzero_pd(), half = _mm256_set1_pd(0.5);
    const __m256d mino = _mm256_set1_pd(minority), eps = _mm256_set1_pd(MED_EPS);
    __m256d cmin[4], cmax[4], t[4], acc[4], bel[4], abv[4], llo[4], lhi[4];
    for (int v = 0; v < NVEC; v++) { cmin[v] = pinf; cmax[v] = ninf; }
    for (int k = 0; k < m; k++) {
        const double *row = P + (size_t)k * ld;
        for (int v = 0; v < NVEC; v++) {
            __m256d x = _mm256_load_pd(row + 4 * v);
            cmin[v] = _mm256_min_pd(cmin[v], x);
            cmax[v] = _mm256_max_pd(cmax[v], x);
        }
    }
    __m256d neg = _mm256_cmp_pd(cmin[0], zero, _CMP_LT_OQ);
    for (int v = 1; v < NVEC; v++) neg = _mm256_or_pd(neg, _mm256_cmp_pd(cmin[v], zero, _CMP_LT_OQ));
    if (_mm256_movemask_pd(neg)) return 2;
    if (!(minority < total)) { /* kappa <= 0: column max */
        for (int v = 0; v < NVEC; v++) _mm256_storeu_pd(out + 4 * v, cmax[v]);
        return 0;
    }
    for (int v = 0; v < NVEC; v++) { llo[v] = zero; lhi[v] = _mm256_set1_pd(total); }
    int it;
    for (it = 0; it < MED_MAXIT; it++) {
        unsigned open = 0;
        for (int v = 0; v < NVEC; v++)
            open |= (unsigned)_mm256_movemask_pd(_mm256_cmp_pd(cmin[v], cmax[v], _CMP_NEQ_UQ)) << (4 * v);
        if (open == 0) break;
        if (__builtin_popcount(open) <= MED_KFIN) {
            double a_lo[16], a_hi[16], a_b[16];
            for (int v = 0; v < NVEC; v++) {
                _mm256_storeu_pd(a_lo + 4 * v, cmin[v]); _mm256_storeu_pd(a_hi + 4 * v, cmax[v]);
                _mm256_storeu_pd(a_b + 4 * v, llo[v]);
            }
            for (int c = 0; c < 4 * NVEC; c++) {
                if (open >> c & 1) a_lo[c] = med_finish(P + c, ld, s, m, a_lo[c], a_hi[c], a_b[c], minority, buf);
                out[c] = a_lo[c];
            }
            *iters += it;
            return 0;
        }
        for (int v = 0; v < NVEC; v++) {
            __m256d range = _mm256_sub_pd(cmax[v], cmin[v]);
            __m256d tt;
            if (MED_MODE == 0 || (MED_MODE == 2 && (it & 1))) {
                tt = _mm256_add_pd(_mm256_mul_pd(half, cmin[v]), _mm256_mul_pd(half, cmax[v]));
            } else {
                __m256d f = _mm256_div_pd(_mm256_sub_pd(mino, llo[v]), _mm256_sub_pd(lhi[v], llo[v]));
                f = _mm256_min_pd(_mm256_max_pd(f, eps), _mm256_sub_pd(_mm256_set1_pd(1.0), eps));
                tt = _mm256_fmadd_pd(f, range, cmin[v]);
            }
            /* keep cmin <= t < cmax (t = cmin for finished lanes) */
            t[v] = _mm256_blendv_pd(tt, cmin[v], _mm256_cmp_pd(tt, cmax[v], _CMP_GE_OQ));
            t[v] = _mm256_max_pd(t[v], cmin[v]);
            acc[v] = zero; bel[v] = ninf; abv[v] = pinf;
        }
        for (int k = 0; k < m; k++) {
            const double *row = P + (size_t)k * ld;
            __m256d sk = _mm256_broadcast_sd(s + k);
            for (int v = 0; v < NVEC; v++) {
                __m256d x = _mm256_load_pd(row + 4 * v);
                __m256d le = _mm256_cmp_pd(x, t[v], _CMP_LE_OQ);
                acc[v] = _mm256_add_pd(acc[v], _mm256_and_pd(le, sk));
                bel[v] = _mm256_max_pd(bel[v], _mm256_and_pd(le, x));   /* x >= 0 */
                abv[v] = _mm256_min_pd(_mm256_or_pd(le, x), abv[v]);     /* NaN -> keeps abv */
            }
        }
        for (int v = 0; v < NVEC; v++) {
            __m256d gt = _mm256_cmp_pd(acc[v], mino, _CMP_GT_OQ);
            cmax[v] = _mm256_blendv_pd(cmax[v], bel[v], gt);
            lhi[v] = _mm256_blendv_pd(lhi[v], acc[v], gt);
            cmin[v] = _mm256_blendv_pd(abv[v], cmin[v], gt);
            llo[v] = _mm256_blendv_pd(acc[v], llo[v], gt);
        }
    }
    *iters += it;
    for (int v = 0; v < NVEC; v++) _mm256_storeu_pd(out + 4 * v, cmin[v]);
    return it >= MED_MAXIT;
}

/* count-based variant: untracked probes (stake sum + element count per threshold, 4 ops per
 * vector), answer isolated when exactly one element lies in (lo, hi]; then one extraction pass
 * (actual min > lo, max <= hi); lanes with equal scores left in the bracket continue with the
 * tracked method.  Same result as med_probe. */
#ifndef MED_UNTRACKED_MAX
#define MED_UNTRACKED_MAX 12
#endif
static inline __attribute__((always_inline)) int
med_count(const double *P, int ld, const double *s, int m, double minority, double total,
          double *out, const int NVEC, long *iters, xs_t *buf) {
    const __m256d pinf = _mm256_set1_pd(INFINITY), ninf = _mm256_set1_pd(-INFINITY);
    const __m256d zero = _mm256_setzero_pd(), half = _mm256_set1_pd(0.5);
    const __m256d mino = _mm256_set1_pd(minority), eps = _mm256_set1_pd(MED_EPS);
    const __m256d onem = _mm256_set1_pd(1.0 - MED_EPS);
    __m256d lo[4], hi[4], llo[4], lhi[4], t[4], acc[4];
    __m256i clo[4], chi[4], cnt[4];
    for (int v = 0; v < NVEC; v++) { lo[v] = pinf; hi[v] = ninf; }
    for (int k = 0; k < m; k++) {
        const double *row = P + (size_t)k * ld;
        for (int v = 0; v < NVEC; v++) {
            __m256d x = _mm256_load_pd(row + 4 * v);
            lo[v] = _mm256_min_pd(lo[v], x);
            hi[v] = _mm256_max_pd(hi[v], x);
        }
    }
    __m256d neg = _mm256_cmp_pd(lo[0], zero, _CMP_LT_OQ);
    for (int v = 1; v < NVEC; v++) neg = _mm256_or_pd(neg, _mm256_cmp_pd(lo[v], zero, _CMP_LT_OQ));
    if (_mm256_movemask_pd(neg)) return 2;
    if (!(minority < total)) {
        for (int v = 0; v < NVEC; v++) _mm256_storeu_pd(out + 4 * v, hi[v]);
        return 0;
    }
    const __m256i one64 = _mm256_set1_epi64x(1), mi = _mm256_set1_epi64x(m);
    const __m256i negtiny = _mm256_set1_epi64x((long long)0x8000000000000001ULL);
    for (int v = 0; v < NVEC; v++) {
        /* exclusive lower bound: the double just below the column minimum */
        __m256i b = _mm256_castpd_si256(lo[v]);
        __m256d pos = _mm256_cmp_pd(lo[v], zero, _CMP_GT_OQ);
        lo[v] = _mm256_blendv_pd(_mm256_castsi256_pd(negtiny), _mm256_castsi256_pd(_mm256_sub_epi64(b, one64)), pos);
        llo[v] = zero; lhi[v] = _mm256_set1_pd(total);
        clo[v] = _mm256_setzero_si256(); chi[v] = mi;
    }
    int it;
    for (it = 0; it < MED_UNTRACKED_MAX; it++) {
        unsigned open = 0;
        for (int v = 0; v < NVEC; v++)
            open |= (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(
                        _mm256_cmpgt_epi64(_mm256_sub_epi64(chi[v], clo[v]), one64))) << (4 * v);
        if (open == 0) break;
        for (int v = 0; v < NVEC; v++) {
            __m256d f = _mm256_div_pd(_mm256_sub_pd(mino, llo[v]), _mm256_sub_pd(lhi[v], llo[v]));
            f = _mm256_min_pd(_mm256_max_pd(f, eps), onem);
            __m256d tt = _mm256_fmadd_pd(f, _mm256_sub_pd(hi[v], lo[v]), lo[v]);
            /* need lo < t < hi, else the midpoint (which may collapse onto lo or hi) */
            __m256d bad = _mm256_or_pd(_mm256_cmp_pd(tt, lo[v], _CMP_LE_OQ), _mm256_cmp_pd(tt, hi[v], _CMP_GE_OQ));
            __m256d mid = _mm256_add_pd(_mm256_mul_pd(half, lo[v]), _mm256_mul_pd(half, hi[v]));
            t[v] = _mm256_blendv_pd(tt, mid, bad);
            acc[v] = zero; cnt[v] = _mm256_setzero_si256();
        }
        for (int k = 0; k < m; k++) {
            const double *row = P + (size_t)k * ld;
            __m256d sk = _mm256_broadcast_sd(s + k);
            for (int v = 0; v < NVEC; v++) {
                __m256d le = _mm256_cmp_pd(_mm256_load_pd(row + 4 * v), t[v], _CMP_LE_OQ);
                acc[v] = _mm256_add_pd(acc[v], _mm256_and_pd(le, sk));
                cnt[v] = _mm256_sub_epi64(cnt[v], _mm256_castpd_si256(le));
            }
        }
        for (int v = 0; v < NVEC; v++) {
            __m256d gt = _mm256_cmp_pd(acc[v], mino, _CMP_GT_OQ);
            __m256i gti = _mm256_castpd_si256(gt);
            hi[v] = _mm256_blendv_pd(hi[v], t[v], gt);
            lhi[v] = _mm256_blendv_pd(lhi[v], acc[v], gt);
            chi[v] = _mm256_blendv_epi8(chi[v], cnt[v], gti);
            lo[v] = _mm256_blendv_pd(t[v], lo[v], gt);
            llo[v] = _mm256_blendv_pd(acc[v], llo[v], gt);
            clo[v] = _mm256_blendv_epi8(cnt[v], clo[v], gti);
        }
    }
    *iters += it;
    /* extraction: actual bracket [min x > lo, max x <= hi] */
    __m256d cmin[4], cmax[4];
    for (int v = 0; v < NVEC; v++) { cmin[v] = pinf; cmax[v] = ninf; }
    for (int k = 0; k < m; k++) {
        const double *row = P + (size_t)k * ld;
        for (int v = 0; v < NVEC; v++) {
            __m256d x = _mm256_load_pd(row + 4 * v);
            __m256d le = _mm256_cmp_pd(x, lo[v], _CMP_LE_OQ);       /* excluded below */
            __m256d ok = _mm256_cmp_pd(x, hi[v], _CMP_LE_OQ);
            cmin[v] = _mm256_min_pd(_mm256_or_pd(le, x), cmin[v]);  /* NaN -> keep */
            cmax[v] = _mm256_max_pd(cmax[v], _mm256_and_pd(ok, x));
        }
    }
    unsigned open = 0;
    for (int v = 0; v < NVEC; v++)
        open |= (unsigned)_mm256_movemask_pd(_mm256_cmp_pd(cmin[v], cmax[v], _CMP_NEQ_UQ)) << (4 * v);
    double a_lo[16], a_hi[16], a_b[16];
    for (int v = 0; v < NVEC; v++) {
        _mm256_storeu_pd(a_lo + 4 * v, cmin[v]); _mm256_storeu_pd(a_hi + 4 * v, cmax[v]);
        _mm256_storeu_pd(a_b + 4 * v, llo[v]);
    }
    for (int c = 0; c < 4 * NVEC; c++) {
        if (open >> c & 1) a_lo[c] = med_finish(P + c, ld, s, m, a_lo[c], a_hi[c], a_b[c], minority, buf);
        out[c] = a_lo[c];
    }
    return 0;
}

static void median_block(yws *w, const ypar *p, const double *P, int m, int wcols,
                         double minority, double total, double psum, double *out) {
    w->medcols += wcols;
    if (m == 0) { for (int c = 0; c < wcols; c++) out[c] = 0.0; return; }
    if (p->median_method == 0) {
        double tmp[BW];
        int bad = 0;
#ifndef MED_KIND
#define MED_KIND 0
#endif
        for (int c0 = 0; c0 < BW && c0 < wcols; c0 += 4 * MED_NVEC) {
            if (MED_KIND == 0)
                bad |= med_probe(P + c0, BW, w->sp, m, minority, total, tmp + c0, MED_NVEC, &w->iters, (xs_t *)w->qx);
            else
                bad |= med_count(P + c0, BW, w->sp, m, minority, total, tmp + c0, MED_NVEC, &w->iters, (xs_t *)w->qx);
        }
        if (!bad) { for (int c = 0; c < wcols; c++) out[c] = tmp[c]; return; }
        w->fallbacks++;
        /* rare: fall through to the exact sort method for the whole block */
    }
    for (int c = 0; c < wcols; c++) {
        if (p->median_method == 1) {
            for (int k = 0; k < m; k++) { w->qx[k] = P[(size_t)k * BW + c]; w->qs[k] = w->sp[k]; }
            out[c] = wmed_qsel(w->qx, w->qs, m, minority, 0.0, psum, w->qx + m + 8, w->qs + m + 8);
        } else {
            xs_t *a = (xs_t *)w->qx;
            for (int k = 0; k < m; k++) { a[k].x = P[(size_t)k * BW + c]; a[k].s = w->sp[k]; }
            out[c] = wmed_sort(a, m, minority);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* block kernels                                                                               */
/* ------------------------------------------------------------------------------------------ */
/* the bonds-penalty interpolation W~ = W + beta (Wc - W) (numpy rounding), by case */
static inline __m256d wtilde(__m256d x, __m256d wcl, int bcase, __m256d beta) {
    if (bcase == 1) return wcl;
    if (bcase == 0) return x;
    return _mm256_add_pd(x, _mm256_mul_pd(beta, _mm256_sub_pd(wcl, x)));
}

/* pack columns [s0, s0+sw) of W (row-normalised, self weight -> 0) and of B into
 * [sub][row][16] layout, zero padded to 16 columns per sub-block */
static void pack_super(yws *w, const double *W, const double *B, int s0, int sw, int packB) {
    const int nv = w->nv, n = w->n;
    const int nsub = (sw + BW - 1) / BW, fullsub = sw / BW;
    const size_t sstride = (size_t)nv * BW;
#ifndef PF_ROWS
#define PF_ROWS 0
#endif
    for (int i = 0; i < nv; i++) {
        if (PF_ROWS > 0 && i + PF_ROWS < nv) { /* software prefetch: strided rows defeat the streamers */
            const char *pw = (const char *)(W + (size_t)(i + PF_ROWS) * n + s0);
            const char *pb = (const char *)(B + (size_t)(i + PF_ROWS) * n + s0);
            for (int o = 0; o < sw * 8; o += 64) {
                _mm_prefetch(pw + o, _MM_HINT_T0);
                if (packB) _mm_prefetch(pb + o, _MM_HINT_T0);
            }
        }
        const double *src = W + (size_t)i * n + s0;
        const double d = w->rs[i];
        const __m256d dv = _mm256_set1_pd(d), rb = _mm256_set1_pd(1.0 / d);
        double *dst = w->pack + (size_t)i * BW;
        for (int sb = 0; sb < fullsub; sb++, src += BW, dst += sstride) {
            _mm256_store_pd(dst + 0, div_mk(_mm256_loadu_pd(src + 0), dv, rb));
            _mm256_store_pd(dst + 4, div_mk(_mm256_loadu_pd(src + 4), dv, rb));
            _mm256_store_pd(dst + 8, div_mk(_mm256_loadu_pd(src + 8), dv, rb));
            _mm256_store_pd(dst + 12, div_mk(_mm256_loadu_pd(src + 12), dv, rb));
        }
        if (fullsub < nsub) {
            const int r = sw - fullsub * BW;
            for (int c = 0; c < BW; c++) dst[c] = c < r ? src[c] / d : 0.0;
        }
        if (i >= s0 && i < s0 + sw) {
            const int c = i - s0;
            w->pack[(size_t)(c / BW) * sstride + (size_t)i * BW + (c % BW)] = 0.0;
        }
        if (packB) {
            const double *bs = B + (size_t)i * n + s0;
            double *bd = w->bpk + (size_t)i * BW;
            for (int sb = 0; sb < fullsub; sb++, bs += BW, bd += sstride) {
                _mm256_store_pd(bd + 0, _mm256_loadu_pd(bs + 0));
                _mm256_store_pd(bd + 4, _mm256_loadu_pd(bs + 4));
                _mm256_store_pd(bd + 8, _mm256_loadu_pd(bs + 8));
                _mm256_store_pd(bd + 12, _mm256_loadu_pd(bs + 12));
            }
            if (fullsub < nsub) {
                const int r = sw - fullsub * BW;
                for (int c = 0; c < BW; c++) bd[c] = c < r ? bs[c] : 0.0;
            }
        }
    }
}

/* write the [sub][row][16] output block back into the row-major bonds matrix */
static void unpack_super(yws *w, int s0, int sw) {
    const int nv = w->nv, n = w->n;
    const int fullsub = sw / BW;
    const size_t sstride = (size_t)nv * BW;
    const int nt = w->nt && (n % 4 == 0);
    for (int i = 0; i < nv; i++) {
        double *dst = w->bonds + (size_t)i * n + s0;
        const double *src = w->opk + (size_t)i * BW;
        int sb;
        if (nt) {
            for (sb = 0; sb < fullsub; sb++, dst += BW, src += sstride) {
                _mm256_stream_pd(dst + 0, _mm256_load_pd(src + 0));
                _mm256_stream_pd(dst + 4, _mm256_load_pd(src + 4));
                _mm256_stream_pd(dst + 8, _mm256_load_pd(src + 8));
                _mm256_stream_pd(dst + 12, _mm256_load_pd(src + 12));
            }
        } else {
            for (sb = 0; sb < fullsub; sb++, dst += BW, src += sstride) {
                _mm256_storeu_pd(dst + 0, _mm256_load_pd(src + 0));
                _mm256_storeu_pd(dst + 4, _mm256_load_pd(src + 4));
                _mm256_storeu_pd(dst + 8, _mm256_load_pd(src + 8));
                _mm256_storeu_pd(dst + 12, _mm256_load_pd(src + 12));
            }
        }
        for (int c = 0; c < sw - fullsub * BW; c++) dst[c] = src[c];
    }
    if (nt) _mm_sfence();
}

/* one 16-column sub-block after its consensus is known: clip, validator trust, ranks,
 * preranks, bonds EMA (Yuma 2 / Yuma 3 fixed / Yuma 3 liquid), stored bonds, dividend
 * accumulation.  BC = bonds-penalty case (0: beta 0, 1: beta 1, 2: other), VK = variant. */
static inline __attribute__((always_inline)) void
sub_kernel(yws *w, const ypar *p, const double *pk, const double *Bb, const size_t ldb,
           double *Ob, const size_t ldo, const __m256d *Cv, const int j0, const int wc,
           const int pass, const double alpha, const double oma, const double beta,
           const int BC, const int VK) {
    const int nv = w->nv;
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
    const __m256d vbeta = _mm256_set1_pd(beta);
    const int bcase = BC;
    PSTART;
                /* ---- D. clip, validator trust, ranks, preranks, (Yuma 2) col sums of B ---- */
                __m256d rk[4], pr[4], db[4], cb[4];
                for (int v = 0; v < 4; v++) rk[v] = pr[v] = db[v] = cb[v] = zero;
                if (pass == 0) {
                    for (int i = 0; i < nv; i++) {
                        const double *row = pk + (size_t)i * BW;
                        __m256d a = _mm256_set1_pd(w->AS[i]);
                        __m256d vts = zero;
                        for (int v = 0; v < 4; v++) {
                            __m256d x = _mm256_load_pd(row + 4 * v);
                            __m256d c = _mm256_min_pd(x, Cv[v]);
                            vts = _mm256_add_pd(vts, c);
                            rk[v] = _mm256_add_pd(rk[v], _mm256_mul_pd(c, a));
                            pr[v] = _mm256_fmadd_pd(a, x, pr[v]);
                            if (bcase == 2) db[v] = _mm256_add_pd(db[v], _mm256_mul_pd(wtilde(x, c, 2, vbeta), a));
                            else if (bcase == 0) db[v] = _mm256_add_pd(db[v], _mm256_mul_pd(x, a));
                        }
                        w->VT[i] += hsum4(vts);
                        if (VK == 0) {
                            const double *brow = Bb + i * ldb;
                            for (int v = 0; v < 4; v++) cb[v] = _mm256_add_pd(cb[v], _mm256_loadu_pd(brow + 4 * v));
                        }
                    }
                    double tmp[BW];
                    for (int v = 0; v < 4; v++) _mm256_storeu_pd(tmp + 4 * v, rk[v]);
                    for (int c = 0; c < wc; c++) w->R[j0 + c] = tmp[c];
                    for (int v = 0; v < 4; v++) _mm256_storeu_pd(tmp + 4 * v, pr[v]);
                    for (int c = 0; c < wc; c++) w->PR[j0 + c] = tmp[c];
                    if (bcase == 1) for (int v = 0; v < 4; v++) db[v] = rk[v];
                } else {
                    /* fallback pass: ranks are already known */
                    double tmp[BW];
                    for (int c = 0; c < BW; c++) tmp[c] = c < wc ? w->R[j0 + c] : 0.0;
                    for (int v = 0; v < 4; v++) rk[v] = _mm256_loadu_pd(tmp + 4 * v);
                }
                PT(3);

                if (VK == 0) {
                    /* ---- E. Yuma 2 bonds:  ema = alpha * (W~ a)/db + (1-alpha) * B/cb ---- */
                    __m256d kd[4], kb[4], cmx[4], csum[4];
                    for (int v = 0; v < 4; v++) {
                        __m256d nzd = _mm256_cmp_pd(db[v], zero, _CMP_NEQ_UQ);
                        __m256d nzb = _mm256_cmp_pd(cb[v], zero, _CMP_NEQ_UQ);
                        kd[v] = _mm256_div_pd(_mm256_set1_pd(alpha), _mm256_blendv_pd(one, db[v], nzd));
                        kb[v] = _mm256_div_pd(_mm256_set1_pd(oma), _mm256_blendv_pd(one, cb[v], nzb));
                        cmx[v] = _mm256_set1_pd(-INFINITY); csum[v] = zero;
                    }
#define Y2_EMA(v)                                                                           \
    __m256d x = _mm256_load_pd(row + 4 * (v));                                              \
    __m256d q = _mm256_mul_pd(wtilde(x, _mm256_min_pd(x, Cv[v]), bcase, vbeta), a);         \
    __m256d e = _mm256_fmadd_pd(q, kd[v], _mm256_mul_pd(_mm256_loadu_pd(brow + 4 * (v)), kb[v]));
                    for (int i = 0; i < nv; i++) {
                        const double *row = pk + (size_t)i * BW, *brow = Bb + i * ldb;
                        __m256d a = _mm256_set1_pd(w->AS[i]);
                        for (int v = 0; v < 4; v++) {
                            Y2_EMA(v)
                            cmx[v] = _mm256_max_pd(cmx[v], e);
                            csum[v] = _mm256_add_pd(csum[v], e);
                        }
                    }
                    PT(4);
                    /* ---- stored bonds = ema / colmax ; dividends += ema * ranks / colsum ---- */
                    __m256d g[4], dm[4], rdm[4];
                    for (int v = 0; v < 4; v++) {
                        __m256d nzs = _mm256_cmp_pd(csum[v], zero, _CMP_NEQ_UQ);
                        __m256d nzm = _mm256_cmp_pd(cmx[v], zero, _CMP_NEQ_UQ);
                        g[v] = _mm256_div_pd(rk[v], _mm256_blendv_pd(one, csum[v], nzs));
                        dm[v] = _mm256_blendv_pd(one, cmx[v], nzm);
                        rdm[v] = _mm256_div_pd(one, dm[v]);
                    }
                    for (int i = 0; i < nv; i++) {
                        const double *row = pk + (size_t)i * BW, *brow = Bb + i * ldb;
                        double *orow = Ob + i * ldo;
                        __m256d a = _mm256_set1_pd(w->AS[i]);
                        __m256d dv = zero;
                        for (int v = 0; v < 4; v++) {
                            Y2_EMA(v)
                            _mm256_storeu_pd(orow + 4 * v, div_mk(e, dm[v], rdm[v]));
                            dv = _mm256_fmadd_pd(e, g[v], dv);
                        }
                        w->dacc[i] += hsum4(dv);
                    }
#undef Y2_EMA
                    PT(5);
                } else {
                    /* ---- E. Yuma 3 bonds ---- */
                    __m256d csum[4];
                    for (int v = 0; v < 4; v++) csum[v] = zero;
                    if (VK == 2) {
                        const __m256d lo = _mm256_set1_pd(p->alpha_low), hi = _mm256_set1_pd(p->alpha_high);
                        const __m256d hml = _mm256_set1_pd(p->alpha_high - p->alpha_low);
                        const __m256d ks = _mm256_set1_pd(p->steepness / -100.0);
                        const __m256d h5 = _mm256_set1_pd(0.5), m20 = _mm256_set1_pd(-20.0), p20 = _mm256_set1_pd(20.0);
                        __m256d cle0[4];
                        for (int v = 0; v < 4; v++) cle0[v] = _mm256_cmp_pd(Cv[v], zero, _CMP_LE_OQ);
                        for (int i = 0; i < nv; i++) {
                            const double *row = pk + (size_t)i * BW, *brow = Bb + i * ldb;
                            double *orow = Ob + i * ldo;
                            for (int v = 0; v < 4; v++) {
                                __m256d x = _mm256_load_pd(row + 4 * v);
                                __m256d b = _mm256_loadu_pd(brow + 4 * v);
                                __m256d cl = _mm256_min_pd(x, Cv[v]);
                                __m256d wt = wtilde(x, cl, bcase, vbeta);
                                __m256d dsell = _mm256_min_pd(_mm256_max_pd(_mm256_sub_pd(b, wt), zero), one);
                                __m256d buy = _mm256_cmp_pd(wt, b, _CMP_GE_OQ), d;
                                if (BC == 1) { /* W~ = min(W, C) <= C: clip(W~ - C, 0, 1) == 0 exactly */
                                    d = _mm256_andnot_pd(buy, dsell);
                                } else {
                                    __m256d dbuy = _mm256_min_pd(_mm256_max_pd(_mm256_sub_pd(wt, Cv[v]), zero), one);
                                    d = _mm256_blendv_pd(dsell, dbuy, buy);
                                }
                                __m256d z = _mm256_mul_pd(ks, _mm256_sub_pd(d, h5));
                                z = _mm256_min_pd(_mm256_max_pd(z, m20), p20);
                                __m256d sig = _mm256_div_pd(one, _mm256_add_pd(one, exp_pd(z)));
                                __m256d A = _mm256_add_pd(lo, _mm256_mul_pd(sig, hml));
                                A = _mm256_min_pd(_mm256_max_pd(A, lo), hi);
                                __m256d e = _mm256_add_pd(_mm256_mul_pd(_mm256_sub_pd(one, A), b),
                                                          _mm256_max_pd(_mm256_mul_pd(A, wt), zero));
                                e = _mm256_min_pd(e, one);
                                /* support of the sparse W~ (see oracle: weights_support default) */
                                __m256d sup;
                                if (bcase == 1)
                                    sup = _mm256_andnot_pd(_mm256_and_pd(_mm256_cmp_pd(x, Cv[v], _CMP_GT_OQ), cle0[v]),
                                                           _mm256_cmp_pd(x, zero, _CMP_GT_OQ));
                                else if (bcase == 0)
                                    sup = _mm256_cmp_pd(x, zero, _CMP_GT_OQ);
                                else
                                    sup = _mm256_cmp_pd(wt, zero, _CMP_GT_OQ);
                                e = _mm256_and_pd(e, sup);
                                _mm256_storeu_pd(orow + 4 * v, e);
                                csum[v] = _mm256_add_pd(csum[v], e);
                            }
                        }
                    } else {
                        const __m256d va = _mm256_set1_pd(alpha), vo = _mm256_set1_pd(oma);
                        for (int i = 0; i < nv; i++) {
                            const double *row = pk + (size_t)i * BW, *brow = Bb + i * ldb;
                            double *orow = Ob + i * ldo;
                            for (int v = 0; v < 4; v++) {
                                __m256d x = _mm256_load_pd(row + 4 * v);
                                __m256d wt = wtilde(x, _mm256_min_pd(x, Cv[v]), bcase, vbeta);
                                __m256d e = _mm256_add_pd(_mm256_mul_pd(va, wt),
                                                          _mm256_mul_pd(vo, _mm256_loadu_pd(brow + 4 * v)));
                                _mm256_storeu_pd(orow + 4 * v, e);
                                csum[v] = _mm256_add_pd(csum[v], e);
                            }
                        }
                    }
                    PT(4);
                    /* dividends: total_bonds_per_validator += ema/colsum * ranks */
                    __m256d g[4];
                    for (int v = 0; v < 4; v++) {
                        __m256d nzs = _mm256_cmp_pd(csum[v], zero, _CMP_NEQ_UQ);
                        g[v] = _mm256_div_pd(rk[v], _mm256_blendv_pd(one, csum[v], nzs));
                    }
                    for (int i = 0; i < nv; i++) {
                        const double *orow = Ob + i * ldo;
                        __m256d dv = zero;
                        for (int v = 0; v < 4; v++) dv = _mm256_fmadd_pd(_mm256_loadu_pd(orow + 4 * v), g[v], dv);
                        w->dacc[i] += hsum4(dv);
                    }
                    PT(5);
                }
            
}

/* ------------------------------------------------------------------------------------------ */
/* the epoch                                                                                   */
/* ------------------------------------------------------------------------------------------ */
int yuma_epoch(yws *w, const ypar *p, const double *stake, const double *W, const double *B) {
    const int nv = w->nv, n = w->n;
    PSTART;
    /* ---- A. stake ---- */
    double ssum = pw_sum(stake, nv);
    for (int i = 0; i < nv; i++) w->S[i] = ssum != 0 ? stake[i] / ssum : stake[i];
    double asum = pw_sum(w->S, nv); /* active & permit are all true */
    for (int i = 0; i < nv; i++) w->AS[i] = asum != 0 ? w->S[i] / asum : w->S[i];
    int m = 0;
    for (int i = 0; i < nv; i++)
        if (w->AS[i] > 0) { w->pos[m] = i; w->sp[m] = w->AS[i]; m++; }
    double psum = pw_sum(w->sp, m);
    if (psum != 0) for (int k = 0; k < m; k++) w->sp[k] /= psum;
    double psum2 = pw_sum(w->sp, m);
    const double minority = psum2 - p->kappa;
    double total = 0.0;
    for (int k = 0; k < m; k++) total += w->sp[k];
    /* row sums of the self-masked weights (numpy pairwise), divisor 1 for rows summing to <= 0 */
    for (int i = 0; i < nv; i++) {
        double r = pw_sum_masked(W + (size_t)i * n, n, i < n ? i : -1);
        w->rs[i] = r > 0 ? r : 1.0;
        w->VT[i] = 0.0; w->dacc[i] = 0.0;
    }
    PT(0);

    const double beta = p->bonds_penalty;
    const int bcase = beta == 1.0 ? 1 : (beta == 0.0 ? 0 : 2);
    const double alpha = 1.0 - p->bonds_moving_average;
    const double oma = 1.0 - alpha;
    const int liquid = p->yuma3 && p->liquid_alpha; /* speculative: checked after the loop */
    int anyC = 0;
    const size_t sstride = (size_t)nv * BW;

    for (int pass = 0; pass < 2; pass++) {
        const int liq = liquid && pass == 0;
        for (int s0 = 0; s0 < n; s0 += w->sb) {
            const int sw = n - s0 < w->sb ? n - s0 : w->sb;
            const int nsub = (sw + BW - 1) / BW;
            /* ---- B. pack ---- */
            const int direct = w->direct && sw % BW == 0;
            pack_super(w, W, B, s0, sw, !direct);
            PT(1);
            for (int sb = 0; sb < nsub; sb++) {
                const int j0 = s0 + sb * BW;
                const int wc = n - j0 < BW ? n - j0 : BW;
                const double *pk = w->pack + sb * sstride;
                const double *Bb = direct ? B + j0 : w->bpk + sb * sstride;
                double *Ob = direct ? w->bonds + j0 : w->opk + sb * sstride;
                const size_t ldb = direct ? (size_t)n : BW, ldo = ldb;
                /* ---- C. consensus ---- */
                double Cb[BW] __attribute__((aligned(32)));
                if (pass == 0) {
                    const double *P = pk;
                    if (m != nv) {
                        for (int k = 0; k < m; k++)
                            memcpy(w->mpack + (size_t)k * BW, pk + (size_t)w->pos[k] * BW, BW * 8);
                        P = w->mpack;
                    }
                    median_block(w, p, P, m, wc, minority, total, psum2, w->C + j0);
                }
                for (int c = 0; c < BW; c++) Cb[c] = c < wc ? w->C[j0 + c] : 0.0;
                for (int c = 0; c < wc; c++) anyC |= Cb[c] != 0.0;
                __m256d Cv[4];
                for (int v = 0; v < 4; v++) Cv[v] = _mm256_load_pd(Cb + 4 * v);
                PT(2);

                /* ---- D/E. clip, ranks, trust, bonds, dividends (specialised kernels) ---- */
                const int vk = !p->yuma3 ? 0 : (liq ? 2 : 1);
#define SUBK(BC, VK) sub_kernel(w, p, pk, Bb, ldb, Ob, ldo, Cv, j0, wc, pass, alpha, oma, beta, BC, VK)
                switch (bcase * 3 + vk) {
                case 0: SUBK(0, 0); break; case 1: SUBK(0, 1); break; case 2: SUBK(0, 2); break;
                case 3: SUBK(1, 0); break; case 4: SUBK(1, 1); break; case 5: SUBK(1, 2); break;
                case 6: SUBK(2, 0); break; case 7: SUBK(2, 1); break; default: SUBK(2, 2); break;
                }
#undef SUBK
                PRESET;
            }
            if (!direct) unpack_super(w, s0, sw);
            PT(5);
        }
        /* liquid alpha is only used when some consensus is non-zero (np.any(consensus != 0)) */
        if (liquid && !anyC) {
            for (int i = 0; i < nv; i++) w->dacc[i] = 0.0;
            continue; /* redo the bonds with the fixed alpha */
        }
        break;
    }

    /* ---- F. finalisation ---- */
    for (int j = 0; j < n; j++) w->T[j] = w->PR[j] != 0 ? w->R[j] / w->PR[j] : 0.0;
    double rsum = pw_sum(w->R, n);
    for (int j = 0; j < n; j++) w->I[j] = rsum != 0 ? w->R[j] / rsum : w->R[j];
    if (p->yuma3) for (int i = 0; i < nv; i++) w->dacc[i] *= w->AS[i];
    double dsum = pw_sum(w->dacc, nv);
    for (int i = 0; i < nv; i++) w->D[i] = dsum != 0 ? w->dacc[i] / dsum : w->dacc[i];
    for (int j = 0; j < n; j++) w->DU[j] = 0.0;
    for (int i = 0; i < nv && i < n; i++) w->DU[i] += w->D[i];
    double esum = pw_sum(w->I, n) + pw_sum(w->D, nv);
    const double E = p->emission;
    if (esum != 0) {
        for (int j = 0; j < n; j++) w->SE[j] = E * (w->I[j] / esum);
        for (int i = 0; i < nv; i++) w->VE[i] = E * (w->D[i] / esum);
    } else {
        for (int j = 0; j < n; j++) w->SE[j] = E * w->I[j];
        const double *src = pw_sum(w->AS, nv) != 0 ? w->AS : w->S;
        for (int i = 0; i < nv; i++) w->VE[i] = E * src[i];
    }
    for (int j = 0; j < n; j++) w->E[j] = w->SE[j];
    for (int i = 0; i < nv && i < n; i++) w->E[i] += w->VE[i];
    PT(6);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* ctypes entry points                                                                         */
/* ------------------------------------------------------------------------------------------ */
static void par_from(const double *a, ypar *p) {
    p->kappa = a[0]; p->bonds_penalty = a[1]; p->bonds_moving_average = a[2];
    p->yuma3 = (int)a[3]; p->liquid_alpha = (int)a[4];
    p->alpha_low = a[5]; p->alpha_high = a[6]; p->steepness = a[7]; p->emission = a[8];
    p->median_method = (int)a[9];
}

/* vec_out: S, AS, VT, D, VE (nv each) then C, PR, R, T, I, DU, SE, E (n each); stats[3] */
int yuma_run(int nv, int n, const double *stake, const double *W, const double *B,
             const double *par, double *vec_out, double *bonds_out, double *stats) {
    ypar p; par_from(par, &p);
    yws *w = yws_alloc(nv, n);
    yuma_epoch(w, &p, stake, W, B);
    double *o = vec_out;
    double *nvv[] = {w->S, w->AS, w->VT, w->D, w->VE};
    double *nn[] = {w->C, w->PR, w->R, w->T, w->I, w->DU, w->SE, w->E};
    for (int k = 0; k < 5; k++) { memcpy(o, nvv[k], (size_t)nv * 8); o += nv; }
    for (int k = 0; k < 8; k++) { memcpy(o, nn[k], (size_t)n * 8); o += n; }
    memcpy(bonds_out, w->bonds, (size_t)nv * n * 8);
    if (stats) { stats[0] = (double)w->fallbacks; stats[1] = (double)w->iters; stats[2] = (double)w->medcols; }
    yws_free(w);
    return 0;
}

static double thread_cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* times[nbatch] = seconds per epoch of each batch; reps chosen so a batch lasts >= min_s.
 * prof[8] (if YPROF) = rdtsc cycles per epoch per stage, summed over all batches / epochs.
 * info[3] = reps per batch, median iterations per column, fallback blocks */
int yuma_bench(int nv, int n, const double *stake, const double *W, const double *B,
               const double *par, int nbatch, double min_s, double *times, double *prof,
               double *info) {
    ypar p; par_from(par, &p);
    yws *w = yws_alloc(nv, n);
    yuma_epoch(w, &p, stake, W, B); /* warm-up, page-in */
    long reps = 1;
    for (;;) { /* calibrate */
        double t0 = thread_cpu();
        for (long r = 0; r < reps; r++) yuma_epoch(w, &p, stake, W, B);
        double dt = thread_cpu() - t0;
        if (dt >= 0.25 * min_s || reps > (1L << 26)) {
            long need = (long)ceil(reps * min_s / (dt > 0 ? dt : 1e-9) * 1.05);
            reps = need > reps ? need : reps;
            break;
        }
        reps *= 4;
    }
    w->iters = w->medcols = w->fallbacks = 0;
#ifdef YPROF
    memset(g_prof, 0, sizeof g_prof);
#endif
    for (int b = 0; b < nbatch; b++) {
        double t0 = thread_cpu();
        for (long r = 0; r < reps; r++) yuma_epoch(w, &p, stake, W, B);
        times[b] = (thread_cpu() - t0) / reps;
    }
    if (prof) {
#ifdef YPROF
        for (int k = 0; k < 8; k++) prof[k] = (double)g_prof[k] / ((double)reps * nbatch);
#else
        for (int k = 0; k < 8; k++) prof[k] = 0;
#endif
    }
    if (info) {
        info[0] = (double)reps;
        info[1] = w->medcols ? (double)w->iters * 4.0 * MED_NVEC / w->medcols : 0;
        info[2] = (double)w->fallbacks;
    }
    yws_free(w);
    return 0;
}

/* test hook: out[i] = div_mk(a[i], b[i]) (the Markstein-corrected quotient used in pack/store) */
void div_test(long n, const double *a, const double *b, double *out) {
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d bv = _mm256_loadu_pd(b + i);
        __m256d rb = _mm256_div_pd(_mm256_set1_pd(1.0), bv);
        _mm256_storeu_pd(out + i, div_mk(_mm256_loadu_pd(a + i), bv, rb));
    }
    for (; i < n; i++) out[i] = a[i] / b[i];
}
