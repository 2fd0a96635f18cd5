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
 *     (O(nnz W)), corrections from the double-precision factors.  Where those
 *     cannot resolve the populations (low temperatures: they span more than
 *     sixteen decades) the certificate fails, and the same elimination is
 *     redone at full precision.
 *  3. Certificate: A = −W' is a Z-matrix (W_ab = Σ_ν w_ν |⟨a|X_ν|b⟩|² ≥ 0 for
 *     a ≠ b, as c_ν, d_ν ≥ 0 and |t_ν| < 1).  For the approximate solution x̃
 *     with ball residual r = b − A x̃ and a v > 0 with A v ≥ |r| componentwise
 *     and A v > 0 (checked in balls), A is a nonsingular M-matrix, A^{-1} ≥ 0
 *     and |x − x̃| = |A^{-1} r| ≤ A^{-1}|r| ≤ v componentwise.  v solves
 *     A v = 2|r| + (a small floor) approximately, so the bound is about twice
 *     A^{-1}|r|: the populations span many orders of magnitude, which a
 *     normwise bound would lose.  This also proves ρ0 unique. */
#include "internal.h"

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a,
             const int *lda, const int *ipiv, double *b, const int *ldb, int *info,
             size_t ltrans);
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t lta,
            size_t ltb);

/* Most refinement steps with the double-precision factors. */
#define REFINE_MAX_STEPS 60

/* Column-major doubles of a block's midpoints (flint_free them). */
double *_ng_arb_mat_mid_doubles(const arb_mat_t A)
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
            F->S[k] = _ng_arb_mat_mid_doubles(W->diag + k);
        F->G[k] = k < N ? _ng_arb_mat_mid_doubles(W->up + k) : NULL;
        dgetrf_(&d, &d, F->S[k], &d, F->piv[k], &info);
        if (info != 0)
            return 0;
        if (k == N)
            break;
        dgetrs_("N", &d, &dn, F->S[k], &d, F->piv[k], F->G[k], &d, &info, 1);
        { /* S_{k+1} = W_{k+1,k+1} − W_{k+1,k} G_k */
            double one = 1.0, minus = -1.0;
            F->L[k + 1] = _ng_arb_mat_mid_doubles(W->down + k);
            F->S[k + 1] = _ng_arb_mat_mid_doubles(W->diag + k + 1);
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

/* r = W' x − b. */
static void residual(arb_ptr r, const _ng_rate_blocks *W, arb_srcptr x, arb_srcptr b,
                     const _ng_hilbert *H, slong prec)
{
    slong off = H->sec_off[1];
    apply_reduced(r, W, x, H, prec);
    _arb_vec_sub(r + off, r + off, b + off, H->dim - off, prec);
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

/* Approximate solution of W' x = f (midpoints only) by the same block
 * elimination at full precision: the fallback when the double-precision
 * factors cannot resolve the populations (low temperatures: they then span
 * more than sixteen decades).  Returns 0 if a block is numerically singular. */
static int precise_solve(arb_ptr x, const _ng_rate_blocks *W, arb_srcptr f,
                         const _ng_hilbert *H, slong prec)
{
    int N = H->N, ok = 1;
    arb_mat_struct *S = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    arb_mat_struct *G = flint_malloc((N + 1) * sizeof(arb_mat_struct)); /* [S_k^{-1}W_{k,k+1} | y_k] */
    arb_mat_t T, B;
    for (int k = 1; k <= N; k++) {
        slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
        arb_mat_init(S + k, d, d);
        arb_mat_init(G + k, d, dn + 1);
    }
    arb_mat_get_mid(S + 1, W->diag + 1);
    for (int k = 1; k <= N && ok; k++) {
        slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
        arb_mat_init(B, d, dn + 1);
        for (slong i = 0; i < d; i++) {
            for (slong j = 0; j < dn; j++)
                arf_set(arb_midref(arb_mat_entry(B, i, j)),
                        arb_midref(arb_mat_entry(W->up + k, i, j)));
            /* f_k, plus −W_{k,k−1} y_{k−1} parked in x_k by the previous step */
            if (k == 1)
                arb_set(arb_mat_entry(B, i, dn), f + H->sec_off[k] + i);
            else
                arb_add(arb_mat_entry(B, i, dn), x + H->sec_off[k] + i, f + H->sec_off[k] + i,
                        prec);
            arb_get_mid_arb(arb_mat_entry(B, i, dn), arb_mat_entry(B, i, dn));
        }
        ok = arb_mat_approx_solve(G + k, S + k, B, prec);
        arb_mat_clear(B);
        if (!ok || k == N)
            break;
        /* S_{k+1} = W_{k+1,k+1} − W_{k+1,k} G_k;  f_{k+1} − W_{k+1,k} y_k goes
         * into the last column of the next right-hand side */
        arb_mat_init(T, dn, dn + 1);
        arb_mat_init(B, dn, d);
        arb_mat_get_mid(B, W->down + k);
        arb_mat_approx_mul(T, B, G + k, prec);
        for (slong i = 0; i < dn; i++) {
            for (slong j = 0; j < dn; j++)
                arf_sub(arb_midref(arb_mat_entry(S + k + 1, i, j)),
                        arb_midref(arb_mat_entry(W->diag + k + 1, i, j)),
                        arb_midref(arb_mat_entry(T, i, j)), prec, ARF_RND_NEAR);
            arf_neg(arb_midref(x + H->sec_off[k + 1] + i), arb_midref(arb_mat_entry(T, i, dn)));
            mag_zero(arb_radref(x + H->sec_off[k + 1] + i));
        }
        arb_mat_clear(T);
        arb_mat_clear(B);
    }
    if (ok) /* back substitution x_k = y_k − G_k x_{k+1} */
        for (int k = N; k >= 1; k--) {
            slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
            arb_ptr xk = x + H->sec_off[k], xn = k < N ? x + H->sec_off[k + 1] : NULL;
            for (slong i = 0; i < d; i++) {
                arb_set(xk + i, arb_mat_entry(G + k, i, dn));
                for (slong j = 0; j < dn; j++)
                    arb_submul(xk + i, arb_mat_entry(G + k, i, j), xn + j, prec);
                arb_get_mid_arb(xk + i, xk + i);
            }
        }
    for (int k = 1; k <= N; k++) {
        arb_mat_clear(S + k);
        arb_mat_clear(G + k);
    }
    flint_free(S);
    flint_free(G);
    return ok;
}

/* An approximate solver of W' y = b: the double-precision block LU (refined)
 * or, as the fallback, elimination at full precision. */
typedef struct {
    const _ng_rate_blocks *W;
    const _ng_hilbert *H;
    slong prec;
    int precise;
    block_lu F;
    double *bd, *yd;
} solver;

/* y ≈ W'^{-1} b, midpoints, vectors indexed like p (sectors ≥ 1). */
static int solve(arb_ptr y, solver *S, arb_srcptr b)
{
    const _ng_hilbert *H = S->H;
    slong off = H->sec_off[1], n = H->dim - off, e;
    arf_t u;
    if (S->precise)
        return precise_solve(y, S->W, b, H, S->prec + 32);
    e = max_exponent(b + off, n); /* scaled into the range of doubles */
    arf_init(u);
    for (slong i = 0; i < n; i++) {
        arf_mul_2exp_si(u, arb_midref(b + off + i), -e);
        S->bd[i] = arf_get_d(u, ARF_RND_NEAR);
    }
    block_lu_solve(S->yd, &S->F, S->bd);
    for (slong i = 0; i < n; i++) {
        arb_set_d(y + off + i, S->yd[i]);
        arb_mul_2exp_si(y + off + i, y + off + i, e);
    }
    arf_clear(u);
    return 1;
}

/* y ≈ W'^{-1} b from y = 0 by steps y ← y − W'^{-1}(W'y − b) (one for the
 * precise solver) until every correction is below 2^-(prec + 8) of its
 * component or stops shrinking.  r, dy: scratch. */
static int refined_solution(arb_ptr y, arb_srcptr b, arb_ptr r, arb_ptr dy, solver *S)
{
    const _ng_hilbert *H = S->H;
    slong off = H->sec_off[1], last = WORD_MAX, steps = S->precise ? 1 : REFINE_MAX_STEPS;
    _arb_vec_zero(y, H->dim);
    for (slong step = 0; step < steps; step++) {
        slong worst = -WORD_MAX / 2;
        residual(r, S->W, y, b, H, S->prec + 32);
        if (!solve(dy, S, r))
            return 0;
        for (slong i = off; i < H->dim; i++) {
            arb_sub(y + i, y + i, dy + i, S->prec + 32);
            arb_get_mid_arb(y + i, y + i);
            if (!arb_is_zero(dy + i) && !arb_is_zero(y + i))
                worst = FLINT_MAX(worst, arf_abs_bound_lt_2exp_si(arb_midref(dy + i)) -
                                             arf_abs_bound_lt_2exp_si(arb_midref(y + i)) + 1);
        }
        if (worst < -S->prec - 8 || worst >= last - 1)
            break;
        last = worst;
    }
    return 1;
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

/* The certificate (see the top) for x̃ ≈ W'^{-1} b: v ≈ (−W')^{-1}(2|r| +
 * floor) > 0 and (−W')v > |r| in balls; then x̃ ± v into x.  v is refined
 * like x̃: (−W')v must match 2|r| row by row, also where r_i is tiny. */
static int certify(arb_ptr x, arb_srcptr b, solver *S)
{
    const _ng_hilbert *H = S->H;
    slong off = H->sec_off[1], n = H->dim, prec = S->prec;
    arb_ptr r = _arb_vec_init(n), f = _arb_vec_init(n), v = _arb_vec_init(n),
            t = _arb_vec_init(n), dv = _arb_vec_init(n);
    mag_t m, floor;
    int ok;
    mag_init(m);
    mag_init(floor);
    residual(r, S->W, x, b, H, prec);
    mag_one(floor); /* a relative floor below the residuals: v > 0 where r_i = 0 */
    mag_mul_2exp_si(floor, floor, max_exponent(r + off, n - off) - FLINT_MIN(prec, 900));
    for (slong i = off; i < n; i++) {
        arb_get_mag(m, r + i);
        mag_mul_2exp_si(m, m, 1);
        mag_add(m, m, floor);
        arf_set_mag(arb_midref(f + i), m);
        arb_neg(f + i, f + i); /* W' v = −(2|r| + floor) */
    }
    ok = refined_solution(v, f, t, dv, S) && bound_certified(S->W, v, r, H, prec);
    for (slong i = off; i < n && ok; i++) {
        arb_get_mag(m, v + i);
        mag_add(arb_radref(x + i), arb_radref(x + i), m);
    }
    _arb_vec_clear(r, n);
    _arb_vec_clear(f, n);
    _arb_vec_clear(v, n);
    _arb_vec_clear(t, n);
    _arb_vec_clear(dv, n);
    mag_clear(m);
    mag_clear(floor);
    return ok;
}

int _ng_stationary(arb_ptr p, const _ng_rate_blocks *W, const _ng_hilbert *H, slong prec)
{
    slong n = H->dim, off = H->sec_off[1], m = n - off;
    arb_ptr x = _arb_vec_init(n), b = _arb_vec_init(n), r = _arb_vec_init(n),
            dx = _arb_vec_init(n);
    solver S = {W, H, prec, 0, {0}, flint_malloc(m * sizeof(double)),
                flint_malloc(m * sizeof(double))};
    arb_t total;
    int ok;
    for (slong i = 0; i < H->sec_dim[1]; i++) /* p_0 = 1: W' x = −W_{·,0} */
        arb_neg(b + off + i, arb_mat_entry(W->down + 0, i, 0));
    ok = block_lu_init(&S.F, W, H) && refined_solution(x, b, r, dx, &S) && certify(x, b, &S);
    if (!ok) { /* the precise fallback, from scratch */
        S.precise = 1;
        ok = refined_solution(x, b, r, dx, &S) && certify(x, b, &S);
    }
    arb_init(total);
    if (ok) {
        arb_one(x); /* p_0 */
        for (slong i = 0; i < n; i++)
            arb_add(total, total, x + i, prec);
        _arb_vec_scalar_div(p, x, n, total, prec);
    }
    block_lu_clear(&S.F);
    _arb_vec_clear(x, n);
    _arb_vec_clear(b, n);
    _arb_vec_clear(r, n);
    _arb_vec_clear(dx, n);
    flint_free(S.bd);
    flint_free(S.yd);
    arb_clear(total);
    return ok;
}
