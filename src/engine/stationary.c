/* The rate equation of Eq. 47: p with W p = 0, Σ p = 1, certified.
 *
 * With p_0 = 1 on sector 0 (the single all-up state; its equation is
 * redundant because the columns of W sum to zero) the populations of sectors
 * 1..N solve W' x = −W_{·,0}, W' = W restricted to sectors ≥ 1, block
 * tridiagonal because X_ν and S_ν change the sector by at most one.
 *
 *  1. Block LU of W' over the sectors in double precision (LAPACK): Schur
 *     complements S_1 = W_11, S_{k+1} = W_{k+1,k+1} − W_{k+1,k} S_k^{-1} W_{k,k+1};
 *     cost Σ_k C(N,k)³ flops instead of 8^N.  −W' is a nonsingular M-matrix
 *     when ρ0 is unique, so elimination without pivoting across sectors is
 *     stable.
 *  2. Iterative refinement at full precision: residuals with the ball blocks
 *     (O(nnz W)), corrections from the double-precision factors.
 *  3. Certificate: A = −W' is a Z-matrix (W_ab = Σ_ν w_ν |⟨a|X_ν|b⟩|² ≥ 0 for
 *     a ≠ b, as c_ν, d_ν ≥ 0 and |t_ν| < 1).  For the approximate solution x̃
 *     with ball residual r = b − A x̃ and a v > 0 with A v ≥ |r| componentwise
 *     and A v > 0 (checked in balls), A is a nonsingular M-matrix, A^{-1} ≥ 0
 *     and |x − x̃| = |A^{-1} r| ≤ A^{-1}|r| ≤ v componentwise.  v solves
 *     A v = 2|r| + (a small floor) approximately, so the bound is about twice
 *     A^{-1}|r|: the populations span many orders of magnitude, which a
 *     normwise bound would lose.  This also proves ρ0 unique. */
#include <math.h>

#include "internal.h"

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a,
             const int *lda, const int *ipiv, double *b, const int *ldb, int *info,
             size_t ltrans);
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t lta,
            size_t ltb);

/* Refinement stops when every correction is below 2^-(prec + 8) of its
 * component, or stops improving. */
#define REFINE_MAX_STEPS 60

/* Column-major doubles of a block's midpoints. */
static double *mid_doubles(const arb_mat_t A)
{
    slong r = arb_mat_nrows(A), c = arb_mat_ncols(A);
    double *a = flint_malloc(FLINT_MAX(r * c, 1) * sizeof(double));
    for (slong j = 0; j < c; j++)
        for (slong i = 0; i < r; i++)
            a[j * r + i] = arf_get_d(arb_midref(arb_mat_entry(A, i, j)), ARF_RND_NEAR);
    return a;
}

/* The block LU of W' (sectors 1..N), see 1. above. */
typedef struct {
    const _ng_hilbert *H;
    double **S;  /* LU factors of S_k */
    int **piv;
    double **G;  /* S_k^{-1} W_{k,k+1} */
    double **L;  /* W_{k,k−1} */
} block_lu;

static void block_lu_clear(block_lu *F)
{
    for (int k = 1; k <= F->H->N; k++) {
        flint_free(F->S[k]);
        flint_free(F->piv[k]);
        flint_free(F->G[k]);
        flint_free(F->L[k]);
    }
    flint_free(F->S);
    flint_free(F->piv);
    flint_free(F->G);
    flint_free(F->L);
}

static int block_lu_init(block_lu *F, const _ng_rate_blocks *W, const _ng_hilbert *H)
{
    int N = H->N, info = 0;
    F->H = H;
    F->S = flint_calloc(N + 1, sizeof(double *));
    F->piv = flint_calloc(N + 1, sizeof(int *));
    F->G = flint_calloc(N + 1, sizeof(double *));
    F->L = flint_calloc(N + 1, sizeof(double *));
    for (int k = 1; k <= N; k++) {
        int d = (int)H->sec_dim[k], dn = k < N ? (int)H->sec_dim[k + 1] : 0;
        F->piv[k] = flint_malloc(d * sizeof(int));
        if (F->S[k] == NULL)
            F->S[k] = mid_doubles(W->diag + k);
        F->G[k] = k < N ? mid_doubles(W->up + k) : NULL;
        dgetrf_(&d, &d, F->S[k], &d, F->piv[k], &info);
        if (info != 0)
            return 0;
        if (k == N)
            break;
        dgetrs_("N", &d, &dn, F->S[k], &d, F->piv[k], F->G[k], &d, &info, 1);
        { /* S_{k+1} = W_{k+1,k+1} − W_{k+1,k} G_k */
            double one = 1.0, minus = -1.0;
            F->L[k + 1] = mid_doubles(W->down + k);
            F->S[k + 1] = mid_doubles(W->diag + k + 1);
            dgemm_("N", "N", &dn, &dn, &d, &minus, F->L[k + 1], &dn, F->G[k], &d, &one,
                   F->S[k + 1], &dn, 1, 1);
        }
    }
    return 1;
}

/* x = W'^{-1} b in double precision (vectors indexed from sector 1). */
static void block_lu_solve(double *x, const block_lu *F, const double *b)
{
    const _ng_hilbert *H = F->H;
    int N = H->N, one = 1, info;
    slong off = H->sec_off[1];
    for (slong i = 0; i < H->dim - off; i++)
        x[i] = b[i];
    for (int k = 1; k <= N; k++) { /* y_k = S_k^{-1}(b_k − W_{k,k−1} y_{k−1}) */
        int d = (int)H->sec_dim[k];
        double *xk = x + H->sec_off[k] - off;
        if (k > 1) {
            int dp = (int)H->sec_dim[k - 1];
            double a = -1.0, c = 1.0;
            dgemm_("N", "N", &d, &one, &dp, &a, F->L[k], &d, xk - dp, &dp, &c, xk, &d, 1, 1);
        }
        dgetrs_("N", &d, &one, F->S[k], &d, F->piv[k], xk, &d, &info, 1);
    }
    for (int k = N - 1; k >= 1; k--) { /* x_k = y_k − G_k x_{k+1} */
        int d = (int)H->sec_dim[k], dn = (int)H->sec_dim[k + 1];
        double *xk = x + H->sec_off[k] - off, a = -1.0, c = 1.0;
        dgemm_("N", "N", &d, &one, &dn, &a, F->G[k], &d, xk + d, &dn, &c, xk, &d, 1, 1);
    }
}

/* y = W' x in ball arithmetic (vectors indexed like p; sectors ≥ 1). */
static void apply_reduced(arb_ptr y, const _ng_rate_blocks *W, arb_srcptr x,
                          const _ng_hilbert *H, slong prec)
{
    int N = H->N;
    for (int k = 1; k <= N; k++) {
        slong d = H->sec_dim[k];
        arb_srcptr xk = x + H->sec_off[k];
        for (slong i = 0; i < d; i++) {
            arb_ptr yi = y + H->sec_off[k] + i;
            arb_dot(yi, NULL, 0, W->diag[k].rows[i], 1, xk, 1, d, prec);
            if (k > 1)
                arb_dot(yi, yi, 0, W->down[k - 1].rows[i], 1, x + H->sec_off[k - 1], 1,
                        H->sec_dim[k - 1], prec);
            if (k < N)
                arb_dot(yi, yi, 0, W->up[k].rows[i], 1, x + H->sec_off[k + 1], 1,
                        H->sec_dim[k + 1], prec);
        }
    }
}

/* r = W' x + W_{·,0}: the residual of W' x = −W_{·,0} (= A x − b for A = −W', b = W_{·,0}). */
static void residual(arb_ptr r, const _ng_rate_blocks *W, arb_srcptr x, const _ng_hilbert *H,
                     slong prec)
{
    slong off = H->sec_off[1];
    apply_reduced(r, W, x, H, prec);
    for (slong i = 0; i < H->sec_dim[1]; i++)
        arb_add(r + off + i, r + off + i, arb_mat_entry(W->down + 0, i, 0), prec);
}

/* 2^e > max |v_i| (0 for a zero vector). */
static slong max_exponent(arb_srcptr v, slong n)
{
    slong e = -WORD_MAX / 2;
    mag_t m;
    mag_init(m);
    for (slong i = 0; i < n; i++) {
        arb_get_mag(m, v + i);
        if (!mag_is_zero(m)) /* |v_i| ≤ m < 2^MAG_EXP */
            e = FLINT_MAX(e, fmpz_get_si(MAG_EXPREF(m)) + 1);
    }
    mag_clear(m);
    return e == -WORD_MAX / 2 ? 0 : e;
}

/* x ← x − 2^e F^{-1}(2^-e r) componentwise at prec; returns log2 of the
 * largest relative correction. */
static slong refine_step(arb_ptr x, const block_lu *F, arb_srcptr r, double *bd, double *xd,
                         slong n, slong prec)
{
    slong e = max_exponent(r, n), worst = -WORD_MAX / 2;
    arf_t u;
    arf_init(u);
    for (slong i = 0; i < n; i++) {
        arf_mul_2exp_si(u, arb_midref(r + i), -e);
        bd[i] = arf_get_d(u, ARF_RND_NEAR);
    }
    block_lu_solve(xd, F, bd);
    for (slong i = 0; i < n; i++) {
        arf_set_d(u, xd[i]);
        arf_mul_2exp_si(u, u, e);
        arf_sub(arb_midref(x + i), arb_midref(x + i), u, prec, ARF_RND_NEAR);
        if (xd[i] != 0.0 && !arf_is_zero(arb_midref(x + i)))
            worst = FLINT_MAX(worst, e + (slong)ceil(log2(fabs(xd[i]))) -
                                         arf_abs_bound_lt_2exp_si(arb_midref(x + i)) + 1);
    }
    arf_clear(u);
    return worst;
}

/* v with A v ≈ 2|r| + floor (A = −W'), in double precision, scaled by the
 * largest |r_i|. */
static void bound_vector(arb_ptr v, const block_lu *F, arb_srcptr r, double *bd, double *xd,
                         slong n, slong prec)
{
    slong e = max_exponent(r, n);
    double floor = ldexp(1.0, -(int)FLINT_MIN(prec, 900));
    mag_t m;
    mag_init(m);
    for (slong i = 0; i < n; i++) {
        arb_get_mag(m, r + i);
        mag_mul_2exp_si(m, m, 1 - e);
        bd[i] = -(mag_get_d(m) + floor); /* W' v = −(2|r| + floor) */
    }
    block_lu_solve(xd, F, bd);
    for (slong i = 0; i < n; i++) {
        arb_set_d(v + i, xd[i]);
        arb_mul_2exp_si(v + i, v + i, e);
    }
    mag_clear(m);
}

/* A v − |r| > 0 componentwise (A v = −W' v), in balls. */
static int bound_certified(const _ng_rate_blocks *W, arb_srcptr v, arb_srcptr r,
                           const _ng_hilbert *H, slong prec)
{
    slong n = H->dim, off = H->sec_off[1];
    arb_ptr av = _arb_vec_init(n);
    arb_t e;
    mag_t m;
    int ok = 1;
    arb_init(e);
    mag_init(m);
    for (slong i = off; i < n && ok; i++)
        ok = arb_is_positive(v + i);
    if (ok)
        apply_reduced(av, W, v, H, prec);
    for (slong i = off; i < n && ok; i++) {
        arb_get_mag(m, r + i);
        arf_set_mag(arb_midref(e), m);
        mag_zero(arb_radref(e));
        arb_add(e, e, av + i, prec); /* |r_i| − (A v)_i */
        ok = arb_is_negative(e);
    }
    _arb_vec_clear(av, n);
    arb_clear(e);
    mag_clear(m);
    return ok;
}

int _ng_stationary(arb_ptr p, const _ng_rate_blocks *W, const _ng_hilbert *H, slong prec)
{
    slong n = H->dim, off = H->sec_off[1], m = n - off, last = WORD_MAX;
    arb_ptr x = _arb_vec_init(n), r = _arb_vec_init(n), v = _arb_vec_init(n);
    double *bd = flint_malloc(m * sizeof(double)), *xd = flint_malloc(m * sizeof(double));
    mag_t rad;
    arb_t total;
    block_lu F;
    int ok = block_lu_init(&F, W, H);
    mag_init(rad);
    arb_init(total);
    for (int step = 0; ok && step < REFINE_MAX_STEPS; step++) {
        slong worst;
        residual(r, W, x, H, prec + 32);
        worst = refine_step(x + off, &F, r + off, bd, xd, m, prec + 32);
        if (worst < -prec - 8 || worst >= last - 1)
            break;
        last = worst;
    }
    if (ok) {
        for (slong i = off; i < n; i++)
            arb_get_mid_arb(x + i, x + i);
        residual(r, W, x, H, prec);
        bound_vector(v + off, &F, r + off, bd, xd, m, prec);
        ok = bound_certified(W, v, r, H, prec);
    }
    if (ok) {
        for (slong i = off; i < n; i++) {
            arb_get_mag(rad, v + i);
            mag_add(arb_radref(x + i), arb_radref(x + i), rad);
        }
        arb_one(x); /* p_0 */
        arb_zero(total);
        for (slong i = 0; i < n; i++)
            arb_add(total, total, x + i, prec);
        _arb_vec_scalar_div(p, x, n, total, prec);
    }
    if (F.S != NULL)
        block_lu_clear(&F);
    _arb_vec_clear(x, n);
    _arb_vec_clear(r, n);
    _arb_vec_clear(v, n);
    flint_free(bd);
    flint_free(xd);
    mag_clear(rad);
    arb_clear(total);
    return ok;
}
