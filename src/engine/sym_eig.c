/* Certified eigenpairs of the sector blocks of P0 H1 P0, whose projectors
 * span Im P1 (Eq. 33).  Every block is real symmetric: the in-sector part of
 * H1 consists of σ^zσ^z, the flip-flops of α_xx σ^xσ^x + α_yy σ^yσ^y and the
 * z fields; the only imaginary in-sector combination, σ^xσ^y − σ^yσ^x, has an
 * antisymmetric coefficient, and α is symmetric (model.h).
 *
 *  1. LAPACK dsyevd in double precision: eigenvectors X0, values μ0.
 *  2. Mixed-precision refinement: the residuals r_j = A x_j − μ_j x_j (μ_j the
 *     Rayleigh quotient) at full precision with the sparse block, the Newton
 *     corrections δ_j = −Σ_{i≠j} x0_i (x0_i·r_j)/(μ_i − μ_j) in double precision
 *     (two BLAS products for all columns).  Each step gains about
 *     −log2(u ‖A‖/gap) bits; nothing of cost n³ is done at full precision.
 *     Levels closer than double precision can resolve go to Arb's QR
 *     iteration at full precision instead (slow, but only then).
 *  3. Certificate, for the true (symmetric) block inside the ball matrix: for
 *     any x̂ ≠ 0 and μ, an eigenvalue lies within ‖r‖/‖x̂‖ of μ (Weinstein);
 *     n pairwise disjoint such intervals hold one eigenvalue each, so the
 *     levels are simple.  With δ the distance from μ to the other intervals,
 *     expanding x̂ in the eigenbasis gives sin θ ≤ ‖r‖/(δ‖x̂‖) for the angle
 *     θ between x̂ and its eigenvector x, and ‖x̂/‖x̂‖ − x‖ = 2 sin(θ/2) ≤
 *     √2 sin θ for the x of the right sign; that bound is added to the radius
 *     of every component.  Cost O(n · nnz) at full precision. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* LAPACK / BLAS, Fortran ABI with the hidden string lengths. */
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t ljobz, size_t luplo);
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t lta,
            size_t ltb);

/* Refinement stops when the largest correction is below 2^-(prec + this)... */
#define REFINE_MARGIN 16
/* ... or after this many steps (linear convergence, ≥ 8 bits a step when the
 * double-precision eigenvectors mean anything). */
#define REFINE_MAX_STEPS 60

/* One sector block in compressed rows: row i holds A_{i,col} = val. */
typedef struct {
    slong n;
    slong *start; /* n + 1 */
    slong *col;
    arb_ptr val;  /* balls; the refinement uses their midpoints */
} sparse_block;

static void sparse_block_clear(sparse_block *A)
{
    _arb_vec_clear(A->val, A->start[A->n]);
    flint_free(A->start);
    flint_free(A->col);
}

/* Column i of the block (= row i, A is symmetric) from the terms of H1: the
 * images ⟨s'| term |s_i⟩ with s' in the same sector, merged by s'.  The
 * imaginary parts must cancel (see the top); returns 0 if they cannot be
 * shown to contain 0. */
static int block_column(slong *rows, acb_ptr v, slong *len, const _ng_terms *T, ulong s, int k,
                        const _ng_hilbert *H, arb_t c, acb_t z, slong prec)
{
    int ok = 1;
    *len = 0;
    for (slong j = 0; j < T->len; j++) {
        ulong s2 = s ^ T->x[j];
        slong m, r;
        if (_ng_sector(s2) != k)
            continue;
        r = H->pos[s2];
        for (m = 0; m < *len && rows[m] != r; m++)
            ;
        if (m == *len) {
            rows[m] = r;
            acb_zero(v + m);
            (*len)++;
        }
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, T->R), prec, T->R);
        _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
        acb_add(v + m, v + m, z, prec);
    }
    for (slong m = 0; m < *len; m++)
        ok = ok && arb_contains_zero(acb_imagref(v + m));
    return ok;
}

static int sparse_block_init(sparse_block *A, const _ng_terms *T, int k, const _ng_hilbert *H,
                             slong prec)
{
    slong n = H->sec_dim[k], cap = FLINT_MAX(T->len, 1), len, nnz = 0;
    slong *rows = flint_malloc(cap * sizeof(slong));
    acb_ptr v = _acb_vec_init(cap);
    arb_t c;
    acb_t z;
    int ok = 1;
    arb_init(c);
    acb_init(z);
    A->n = n;
    A->start = flint_malloc((n + 1) * sizeof(slong));
    A->col = flint_malloc(n * cap * sizeof(slong));
    A->val = _arb_vec_init(n * cap);
    for (slong i = 0; i < n; i++) {
        A->start[i] = nnz;
        ok = ok && block_column(rows, v, &len, T, H->states[H->sec_off[k] + i], k, H, c, z,
                                prec);
        for (slong m = 0; m < len; m++, nnz++) {
            A->col[nnz] = rows[m];
            arb_swap(A->val + nnz, acb_realref(v + m));
        }
    }
    A->start[n] = nnz;
    for (slong m = nnz; m < n * cap; m++)
        arb_clear(A->val + m);
    A->col = flint_realloc(A->col, FLINT_MAX(nnz, 1) * sizeof(slong));
    A->val = flint_realloc(A->val, FLINT_MAX(nnz, 1) * sizeof(arb_struct));
    arb_clear(c);
    acb_clear(z);
    flint_free(rows);
    _acb_vec_clear(v, cap);
    return ok;
}

/* y = A x at prec; mid: use the midpoints of A only. */
static void sparse_mul_vec(arb_ptr y, const sparse_block *A, arb_srcptr x, int mid,
                           arb_ptr vals, arb_ptr gather, slong prec)
{
    for (slong i = 0; i < A->n; i++) {
        slong s = A->start[i], len = A->start[i + 1] - s;
        for (slong m = 0; m < len; m++)
            gather[m] = x[A->col[s + m]]; /* shallow copies, read only */
        arb_dot(y + i, NULL, 0, (mid ? vals : A->val) + s, 1, gather, 1, len, prec);
    }
}

/* y ← y − μ x. */
static void sub_multiple(arb_ptr y, arb_srcptr x, slong n, const arb_t mu, slong prec)
{
    arb_t m;
    arb_init(m);
    arb_neg(m, mu);
    _arb_vec_scalar_addmul(y, x, n, m, prec);
    arb_clear(m);
}

/* The eigenvectors as rows (contiguous): X[j] has n entries. */
typedef struct {
    slong n;
    arb_ptr x;  /* n × n, row j = eigenvector j (midpoints) */
    arb_ptr mu; /* Rayleigh quotients (midpoints) */
} eigvecs;

/* LAPACK in double precision on the midpoints: X0 (column-major, column j =
 * vector j) and the values, increasing. */
static int lapack_eig(double *X0, double *w, const sparse_block *A)
{
    int n = (int)A->n, lwork = -1, liwork = -1, info, iq;
    double q;
    for (slong i = 0; i < (slong)n * n; i++)
        X0[i] = 0.0;
    for (slong i = 0; i < n; i++)
        for (slong m = A->start[i]; m < A->start[i + 1]; m++)
            X0[A->col[m] * (slong)n + i] = arf_get_d(arb_midref(A->val + m), ARF_RND_NEAR);
    dsyevd_("V", "L", &n, X0, &n, w, &q, &lwork, &iq, &liwork, &info, 1, 1);
    lwork = (int)q;
    liwork = iq;
    {
        double *work = flint_malloc(FLINT_MAX(lwork, 1) * sizeof(double));
        int *iwork = flint_malloc(FLINT_MAX(liwork, 1) * sizeof(int));
        dsyevd_("V", "L", &n, X0, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
        flint_free(work);
        flint_free(iwork);
    }
    return info == 0;
}

/* x ← x / ‖x‖ at prec, midpoints. */
static void normalise(arb_ptr x, slong n, arb_t t, slong prec)
{
    arb_dot(t, NULL, 0, x, 1, x, 1, n, prec);
    arb_rsqrt(t, t, prec);
    _arb_vec_scalar_mul(x, x, n, t, prec);
    for (slong i = 0; i < n; i++)
        mag_zero(arb_radref(x + i));
}

/* C = op(A) B for n × n column-major doubles. */
static void dgemm_n(double *C, char ta, const double *A, const double *B, slong n)
{
    int m = (int)n;
    double one = 1.0, zero = 0.0;
    dgemm_(&ta, "N", &m, &m, &m, &one, A, &m, B, &m, &zero, C, &m, 1, 1);
}

/* Two levels closer than this, relative to the largest, are left to the QR
 * fallback: the double-precision vectors of such a pair are an arbitrary
 * basis of its plane, and the corrections would not converge. */
#define RESOLVED_SPACING 0x1p-40

/* One refinement step of all vectors (see the top).  Returns log2 of the
 * largest correction relative to the unit vectors, or WORD_MAX if two levels
 * are too close to be resolved. */
static slong refine_step(eigvecs *X, const sparse_block *A, const double *X0, arb_ptr vals,
                         double *Rd, double *Cd, const slong *cid, slong prec)
{
    slong n = X->n, worst = -WORD_MAX / 2;
    slong *scale = flint_malloc(n * sizeof(slong));
    double big = 0.0;
    arb_ptr y = _arb_vec_init(n), gather = flint_malloc(n * sizeof(arb_struct));
    arb_t t;
    arf_t u;
    arb_init(t);
    arf_init(u);
    for (slong j = 0; j < n; j++) { /* residuals, scaled to doubles */
        arb_ptr x = X->x + j * n;
        sparse_mul_vec(y, A, x, 1, vals, gather, prec);
        arb_dot(X->mu + j, NULL, 0, x, 1, y, 1, n, prec); /* ‖x‖ = 1 */
        arb_get_mid_arb(X->mu + j, X->mu + j);
        sub_multiple(y, x, n, X->mu + j, prec);
        scale[j] = -WORD_MAX / 2;
        for (slong i = 0; i < n; i++)
            if (!arf_is_zero(arb_midref(y + i)))
                scale[j] = FLINT_MAX(scale[j], arf_abs_bound_lt_2exp_si(arb_midref(y + i)));
        if (scale[j] == -WORD_MAX / 2)
            scale[j] = 0;
        for (slong i = 0; i < n; i++) {
            arf_mul_2exp_si(u, arb_midref(y + i), -scale[j]);
            Rd[j * n + i] = arf_get_d(u, ARF_RND_NEAR);
        }
    }
    dgemm_n(Cd, 'T', X0, Rd, n); /* C = X0ᵀ R */
    for (slong j = 0; j < n; j++)
        big = FLINT_MAX(big, fabs(arf_get_d(arb_midref(X->mu + j), ARF_RND_NEAR)));
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i < n; i++) {
            double d = arf_get_d(arb_midref(X->mu + i), ARF_RND_NEAR) -
                       arf_get_d(arb_midref(X->mu + j), ARF_RND_NEAR);
            int same = i == j || (cid != NULL && cid[i] == cid[j]); /* one cluster */
            if (!same && fabs(d) <= RESOLVED_SPACING * big)
                worst = WORD_MAX;
            Cd[j * n + i] = same || d == 0.0 ? 0.0 : -Cd[j * n + i] / d;
        }
    dgemm_n(Rd, 'N', X0, Cd, n); /* corrections, column j scaled by 2^-scale[j] */
    for (slong j = 0; j < n && worst < WORD_MAX; j++) {
        arb_ptr x = X->x + j * n;
        big = 0.0;
        for (slong i = 0; i < n; i++) {
            double v = Rd[j * n + i];
            big = FLINT_MAX(big, v < 0 ? -v : v);
            arf_set_d(u, v);
            arf_mul_2exp_si(u, u, scale[j]);
            arf_add(arb_midref(x + i), arb_midref(x + i), u, prec, ARF_RND_NEAR);
        }
        normalise(x, n, t, prec);
        if (big > 0.0)
            worst = FLINT_MAX(worst, scale[j] + (slong)ceil(log2(big)));
    }
    flint_free(scale);
    _arb_vec_clear(y, n);
    flint_free(gather);
    arb_clear(t);
    arf_clear(u);
    return worst;
}

/* μ_j = x_j·A x_j for the unit vectors x_j (midpoints of A). */
static void rayleigh_quotients(eigvecs *X, const sparse_block *A, arb_ptr vals, slong prec)
{
    slong n = X->n;
    arb_ptr y = _arb_vec_init(n), gather = flint_malloc(n * sizeof(arb_struct));
    for (slong j = 0; j < n; j++) {
        arb_ptr x = X->x + j * n;
        sparse_mul_vec(y, A, x, 1, vals, gather, prec);
        arb_dot(X->mu + j, NULL, 0, x, 1, y, 1, n, prec);
        arb_get_mid_arb(X->mu + j, X->mu + j);
    }
    _arb_vec_clear(y, n);
    flint_free(gather);
}

/* cid[j] for increasing values w[0..n): g clusters, split at the g − 1
 * largest gaps (ties: the first). */
static void split_at_largest_gaps(slong *cid, const double *w, slong n, slong g)
{
    int *cut = flint_calloc(FLINT_MAX(n, 1), sizeof(int)); /* cut[i]: between i − 1 and i */
    for (slong c = 1; c < g; c++) {
        slong best = -1;
        for (slong i = 1; i < n; i++)
            if (!cut[i] && (best < 0 || w[i] - w[i - 1] > w[best] - w[best - 1]))
                best = i;
        if (best > 0)
            cut[best] = 1;
    }
    for (slong i = 0, c = 0; i < n; i++) {
        if (i > 0 && cut[i])
            c++;
        cid[i] = c;
    }
    flint_free(cut);
}

/* Approximate eigenvectors to about prec bits; 0 if LAPACK fails or two
 * levels are too close for the refinement.  With ndistinct > 0 the block has
 * exactly that many distinct levels (decided exactly by the caller): the
 * LAPACK values are split into that many clusters at the largest gaps
 * (cid[j] = cluster of vector j), and corrections within a cluster, whose
 * vectors are an arbitrary basis of its eigenspace, are not made. */
static int approx_eigvecs_clustered(eigvecs *X, const sparse_block *A, slong *cid,
                                    slong ndistinct, slong prec)
{
    slong n = A->n, last = WORD_MAX;
    double *X0 = flint_malloc(n * n * sizeof(double)), *w = flint_malloc(n * sizeof(double)),
           *Rd = flint_malloc(n * n * sizeof(double)), *Cd = flint_malloc(n * n * sizeof(double));
    arb_ptr vals = _arb_vec_init(A->start[n]);
    int ok = lapack_eig(X0, w, A);
    for (slong m = 0; m < A->start[n]; m++)
        arb_get_mid_arb(vals + m, A->val + m);
    /* Unit vectors at full precision from the start: the Rayleigh quotients
     * of refine_step assume ‖x‖ = 1. */
    arb_t t;
    arb_init(t);
    for (slong j = 0; ok && j < n; j++) {
        arb_set_d(X->mu + j, w[j]);
        for (slong i = 0; i < n; i++)
            arb_set_d(X->x + j * n + i, X0[j * n + i]);
        normalise(X->x + j * n, n, t, prec);
    }
    arb_clear(t);
    if (ok && ndistinct > 0)
        split_at_largest_gaps(cid, w, n, ndistinct);
    for (int step = 0; ok && step < REFINE_MAX_STEPS; step++) {
        slong worst = refine_step(X, A, X0, vals, Rd, Cd, ndistinct > 0 ? cid : NULL, prec);
        ok = worst != WORD_MAX;
        if (worst < -prec - REFINE_MARGIN / 2 || worst >= last - 1)
            break; /* converged, or no longer improving: the certificate decides */
        last = worst;
    }
    /* μ of the final vectors: refine_step computed them before its last
     * correction (none at all when LAPACK's vectors are exact up to their
     * norm, as for (1, 1)/√2 on one BLAS kernel and not on another). */
    if (ok)
        rayleigh_quotients(X, A, vals, prec);
    flint_free(X0);
    flint_free(w);
    flint_free(Rd);
    flint_free(Cd);
    _arb_vec_clear(vals, A->start[n]);
    return ok;
}

static int approx_eigvecs(eigvecs *X, const sparse_block *A, slong prec)
{
    return approx_eigvecs_clustered(X, A, NULL, 0, prec);
}

/* Fallback where the double-precision vectors cannot resolve a cluster of
 * levels (relative spacing near 1e-16 or below): Arb's QR iteration at full
 * precision.  Its vectors are complex, but those of simple levels of a real
 * symmetric block are real up to a phase, removed with the largest
 * component's.  Returns 0 if QR does not converge. */
static int qr_eigvecs(eigvecs *X, const sparse_block *A, slong prec)
{
    slong n = A->n;
    acb_mat_t D, R;
    acb_ptr E = _acb_vec_init(n);
    acb_t z, phase;
    arb_t t, best;
    int ok;
    acb_mat_init(D, n, n);
    acb_mat_init(R, n, n);
    acb_init(z);
    acb_init(phase);
    arb_init(t);
    arb_init(best);
    for (slong i = 0; i < n; i++)
        for (slong m = A->start[i]; m < A->start[i + 1]; m++)
            arb_get_mid_arb(acb_realref(acb_mat_entry(D, i, A->col[m])), A->val + m);
    ok = acb_mat_approx_eig_qr(E, NULL, R, D, NULL, 0, prec);
    for (slong j = 0; j < n && ok; j++) {
        slong big = 0;
        arb_zero(best);
        for (slong i = 0; i < n; i++) {
            acb_abs(t, acb_mat_entry(R, i, j), prec);
            if (arf_cmp(arb_midref(t), arb_midref(best)) > 0) {
                big = i;
                arb_set(best, t);
            }
        }
        acb_conj(phase, acb_mat_entry(R, big, j)); /* conj(R_big,j)/|R_big,j| */
        acb_div_arb(phase, phase, best, prec);
        for (slong i = 0; i < n; i++) {
            acb_mul(z, acb_mat_entry(R, i, j), phase, prec);
            arb_get_mid_arb(X->x + j * n + i, acb_realref(z));
        }
        arb_get_mid_arb(X->mu + j, acb_realref(E + j));
        normalise(X->x + j * n, n, t, prec);
    }
    acb_mat_clear(D);
    acb_mat_clear(R);
    _acb_vec_clear(E, n);
    acb_clear(z);
    acb_clear(phase);
    arb_clear(t);
    arb_clear(best);
    return ok;
}

/* Rows of X in increasing order of μ (refinement may swap close levels). */
static void sort_eigvecs(eigvecs *X)
{
    slong n = X->n, *perm = flint_malloc(n * sizeof(slong));
    arb_ptr x = flint_malloc(n * n * sizeof(arb_struct)), mu = flint_malloc(n * sizeof(arb_struct));
    for (slong j = 0; j < n; j++) /* insertion sort: almost sorted already */
        perm[j] = j;
    for (slong j = 1; j < n; j++)
        for (slong i = j; i > 0 && arf_cmp(arb_midref(X->mu + perm[i - 1]),
                                           arb_midref(X->mu + perm[i])) > 0; i--) {
            slong p = perm[i];
            perm[i] = perm[i - 1];
            perm[i - 1] = p;
        }
    for (slong j = 0; j < n; j++) { /* shallow moves: the entries change owner */
        mu[j] = X->mu[perm[j]];
        memcpy(x + j * n, X->x + perm[j] * n, n * sizeof(arb_struct));
    }
    flint_free(X->x);
    flint_free(X->mu);
    X->x = x;
    X->mu = mu;
    flint_free(perm);
}

/* δ ≤ the distance from μ_j to the intervals E_{j±1} (sorted, disjoint). */
static void neighbour_distance(mag_t delta, arb_srcptr E, arb_srcptr mu, slong j, slong n,
                               slong prec)
{
    arb_t g;
    mag_t m;
    arb_init(g);
    mag_init(m);
    mag_inf(delta);
    for (slong i = j - 1; i <= j + 1; i += 2)
        if (i >= 0 && i < n) {
            arb_sub(g, E + i, mu, prec);
            arb_get_mag_lower(m, g); /* lower bound of |g| */
            mag_min(delta, delta, m);
        }
    arb_clear(g);
    mag_clear(m);
}

/* Step 3 (see the top): E[j], V[:, j] from the approximate vectors.  Returns 0
 * if the intervals overlap or an angle cannot be bounded below π/2. */
static int certify(arb_ptr E, arb_mat_t V, const eigvecs *X, const sparse_block *A, slong prec)
{
    slong n = X->n;
    arb_ptr y = _arb_vec_init(n), gather = flint_malloc(n * sizeof(arb_struct));
    arb_ptr norm = _arb_vec_init(n); /* ‖x̂_j‖ */
    arb_t t;
    mag_t delta, eps;
    int ok = 1;
    arb_init(t);
    mag_init(delta);
    mag_init(eps);
    for (slong j = 0; j < n; j++) { /* E_j = μ_j ± ‖r_j‖/‖x̂_j‖ */
        arb_srcptr x = X->x + j * n;
        sparse_mul_vec(y, A, x, 0, NULL, gather, prec);
        sub_multiple(y, x, n, X->mu + j, prec);
        arb_dot(t, NULL, 0, y, 1, y, 1, n, prec);
        arb_sqrtpos(t, t, prec);
        arb_dot(norm + j, NULL, 0, x, 1, x, 1, n, prec);
        arb_sqrtpos(norm + j, norm + j, prec);
        arb_div(t, t, norm + j, prec);
        arb_set(E + j, X->mu + j);
        arb_get_mag(arb_radref(E + j), t);
    }
    for (slong j = 0; j + 1 < n && ok; j++) {
        arb_sub(t, E + j + 1, E + j, prec);
        ok = arb_is_positive(t);
    }
    for (slong j = 0; j < n && ok; j++) { /* ε = √2 sin θ ≤ 1.5 rad_j / δ */
        neighbour_distance(delta, E, X->mu + j, j, n, prec);
        mag_div(eps, arb_radref(E + j), delta);
        ok = mag_cmp_2exp_si(eps, -1) < 0;
        mag_mul_ui(eps, eps, 3);
        mag_mul_2exp_si(eps, eps, -1);
        for (slong i = 0; i < n && ok; i++) {
            arb_ptr v = arb_mat_entry(V, i, j);
            arb_div(v, X->x + j * n + i, norm + j, prec);
            mag_add(arb_radref(v), arb_radref(v), eps);
        }
    }
    _arb_vec_clear(y, n);
    _arb_vec_clear(norm, n);
    flint_free(gather);
    arb_clear(t);
    mag_clear(delta);
    mag_clear(eps);
    return ok;
}

static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

int _ng_engine_eigensystem(arb_ptr *E, arb_mat_struct *V, const _ng_terms *T,
                           const _ng_hilbert *H, slong prec, FILE *progress)
{
    int ok = 1;
    for (int k = 0; k <= H->N && ok; k++) {
        slong n = H->sec_dim[k];
        sparse_block A;
        ok = sparse_block_init(&A, T, k, H, prec);
        if (ok && n == 1) {
            if (A.start[1] == 0)
                arb_zero(E[k]);
            else
                arb_set(E[k], A.val);
            arb_one(arb_mat_entry(V + k, 0, 0));
        } else if (ok) {
            eigvecs X;
            X.n = n;
            X.x = _arb_vec_init(n * n);
            X.mu = _arb_vec_init(n);
            ok = approx_eigvecs(&X, &A, prec + REFINE_MARGIN);
            if (ok)
                sort_eigvecs(&X);
            ok = ok && certify(E[k], V + k, &X, &A, prec);
            if (!ok && qr_eigvecs(&X, &A, prec + REFINE_MARGIN)) {
                if (progress != NULL)
                    fprintf(progress, "  sector %d: levels closer than double precision "
                                      "resolves; QR at %ld bits\n", k, (long)prec);
                sort_eigvecs(&X);
                ok = certify(E[k], V + k, &X, &A, prec);
            }
            _arb_vec_clear(X.x, n * n);
            _arb_vec_clear(X.mu, n);
        }
        if (progress != NULL)
            fprintf(progress, "  sector %d (dim %ld): eigenpairs %s at %ld bits (%.2f s CPU)\n",
                    k, (long)n, ok ? "certified" : "not separated", (long)prec, cpu_seconds());
        sparse_block_clear(&A);
    }
    return ok;
}

void _ng_engine_min_gap(arb_t gap, int *have, arb_srcptr E, slong n, slong prec)
{
    arb_t g;
    arb_init(g);
    for (slong i = 0; i + 1 < n; i++) { /* E is increasing */
        arb_sub(g, E + i + 1, E + i, prec);
        if (*have)
            arb_min(gap, gap, g, prec);
        else
            arb_set(gap, g);
        *have = 1;
    }
    arb_clear(g);
}

void _ng_eigensystem_init(arb_ptr **E, arb_mat_struct **V, const _ng_hilbert *H)
{
    *E = flint_malloc((H->N + 1) * sizeof(arb_ptr));
    *V = flint_malloc((H->N + 1) * sizeof(arb_mat_struct));
    for (int k = 0; k <= H->N; k++) {
        (*E)[k] = _arb_vec_init(H->sec_dim[k]);
        arb_mat_init(*V + k, H->sec_dim[k], H->sec_dim[k]);
    }
}

void _ng_eigensystem_clear(arb_ptr *E, arb_mat_struct *V, const _ng_hilbert *H)
{
    for (int k = 0; k <= H->N; k++) {
        _arb_vec_clear(E[k], H->sec_dim[k]);
        arb_mat_clear(V + k);
    }
    flint_free(E);
    flint_free(V);
}

/* ---- Degenerate levels: clusters of exactly equal levels (cluster.c) ----
 *
 * The caller decides the number g of distinct levels of each block exactly
 * (rational H1).  The vectors are refined as above without corrections
 * inside a cluster, orthonormalised within each cluster at full precision
 * (Gram–Schmidt), and certified cluster by cluster:
 *
 *   Q̂ (d × m) the cluster's vectors, G = Q̂ᵀQ̂, η ≥ ‖G − I‖_F (balls), c0 the
 *   mean Rayleigh quotient, R̂ = AQ̂ − c0Q̂.  Q = Q̂G^{-1/2} is orthonormal and
 *   AQ − c0Q = R̂G^{-1/2}, so r = ‖R̂‖_F/√(1 − η) ≥ ‖AQ − c0Q‖.  Kahan's
 *   residual theorem (Parlett, The Symmetric Eigenvalue Problem, 11.5) puts
 *   m eigenvalues of A in c0 ± r.  If the g intervals are pairwise disjoint
 *   and their m's add up to d, each holds exactly its m eigenvalues; as
 *   there are exactly g distinct levels, each interval holds one level of
 *   multiplicity m.  With δ the distance from c0 to the other intervals,
 *   the Sylvester equation for the components of Q outside the cluster's
 *   eigenspace gives sin Θ ≤ r/δ (Davis–Kahan); the orthonormal basis
 *   U = polar factor of P_c Q of that eigenspace has ‖U − Q‖₂ ≤ √2 sin Θ,
 *   and ‖Q − Q̂‖₂ ≤ 2η (η ≤ 1/2).  So every entry of U lies within
 *   ε = √2 r/δ + 2η of Q̂'s, which is added to the radii: the columns of V
 *   then contain an orthonormal basis of each eigenspace.  Every quantity
 *   of cluster.c is invariant under the choice of that basis.
 *
 * When the refinement cannot resolve two clusters (levels closer than
 * double precision, e.g. 1e-20 apart but distinct), Arb's QR iteration at
 * full precision gives the values, split at the g − 1 largest gaps, and
 * real bases from the real and imaginary parts of its complex vectors. */

/* Modified Gram–Schmidt of rows j0..j1−1 of X (midpoints, full precision).
 * Returns 0 if a vector vanishes. */
static int orthonormalise_rows(arb_ptr x, slong n, slong j0, slong j1, slong prec)
{
    arb_t t;
    int ok = 1;
    arb_init(t);
    for (slong j = j0; j < j1 && ok; j++) {
        arb_ptr v = x + j * n;
        for (int pass = 0; pass < 2; pass++)
            for (slong i = j0; i < j; i++) {
                arb_dot(t, NULL, 0, x + i * n, 1, v, 1, n, prec);
                arb_neg(t, t);
                _arb_vec_scalar_addmul(v, x + i * n, n, t, prec);
            }
        arb_dot(t, NULL, 0, v, 1, v, 1, n, prec);
        ok = arb_is_positive(t);
        if (ok)
            normalise(v, n, t, prec);
        for (slong i = 0; i < n; i++)
            mag_zero(arb_radref(v + i));
    }
    arb_clear(t);
    return ok;
}

/* Real orthonormal bases of the clusters from QR's complex vectors: per
 * cluster of size m, Gram–Schmidt of the 2m real vectors Re v, Im v, keeping
 * the m largest after projection (the others lie in their span up to
 * rounding).  X->x rows j0.. receive them. */
static int qr_cluster_bases(eigvecs *X, const acb_mat_t R, const slong *start, slong g,
                            slong prec)
{
    slong n = X->n;
    arb_ptr cand = _arb_vec_init(2 * n), y = _arb_vec_init(n);
    arb_t t, best;
    int ok = 1;
    arb_init(t);
    arb_init(best);
    for (slong c = 0; c < g && ok; c++) {
        slong j0 = start[c], m = start[c + 1] - j0;
        for (slong q = 0; q < m && ok; q++) { /* pick the candidate with the largest residue */
            slong pick = -1;
            arb_zero(best);
            for (slong cand_j = 0; cand_j < 2 * m; cand_j++) {
                for (slong i = 0; i < n; i++) {
                    acb_srcptr z = acb_mat_entry(R, i, j0 + cand_j / 2);
                    arb_get_mid_arb(y + i, (cand_j & 1) ? acb_imagref(z) : acb_realref(z));
                }
                for (slong i = 0; i < q; i++) {
                    arb_dot(t, NULL, 0, X->x + (j0 + i) * n, 1, y, 1, n, prec);
                    arb_neg(t, t);
                    _arb_vec_scalar_addmul(y, X->x + (j0 + i) * n, n, t, prec);
                }
                arb_dot(t, NULL, 0, y, 1, y, 1, n, prec);
                if (arf_cmp(arb_midref(t), arb_midref(best)) > 0) {
                    arb_get_mid_arb(best, t);
                    pick = cand_j;
                }
            }
            ok = pick >= 0;
            for (slong i = 0; i < n && ok; i++) {
                acb_srcptr z = acb_mat_entry(R, i, j0 + pick / 2);
                arb_get_mid_arb(X->x + (j0 + q) * n + i,
                                (pick & 1) ? acb_imagref(z) : acb_realref(z));
            }
            ok = ok && orthonormalise_rows(X->x, n, j0, j0 + q + 1, prec);
        }
    }
    _arb_vec_clear(cand, 2 * n);
    _arb_vec_clear(y, n);
    arb_clear(t);
    arb_clear(best);
    return ok;
}

static int qr_clustered(eigvecs *X, slong *start, const sparse_block *A, slong g, slong prec)
{
    slong n = A->n;
    acb_mat_t D, R;
    acb_ptr E = _acb_vec_init(n);
    double *w = flint_malloc(n * sizeof(double));
    slong *cid = flint_malloc(n * sizeof(slong));
    int ok;
    acb_mat_init(D, n, n);
    acb_mat_init(R, n, n);
    for (slong i = 0; i < n; i++)
        for (slong m = A->start[i]; m < A->start[i + 1]; m++)
            arb_get_mid_arb(acb_realref(acb_mat_entry(D, i, A->col[m])), A->val + m);
    ok = acb_mat_approx_eig_qr(E, NULL, R, D, NULL, 0, prec);
    if (ok) { /* increasing real parts: sort the columns of R with E */
        for (slong j = 1; j < n; j++)
            for (slong i = j; i > 0 && arf_cmp(arb_midref(acb_realref(E + i - 1)),
                                               arb_midref(acb_realref(E + i))) > 0; i--) {
                acb_swap(E + i - 1, E + i);
                for (slong r = 0; r < n; r++)
                    acb_swap(acb_mat_entry(R, r, i - 1), acb_mat_entry(R, r, i));
            }
        /* gaps relative to the first value: doubles cannot hold 1e-20 spacings
         * of O(1) values, so split on the differences, as doubles */
        w[0] = 0.0;
        for (slong j = 1; j < n; j++) {
            arf_t u;
            arf_init(u);
            arf_sub(u, arb_midref(acb_realref(E + j)), arb_midref(acb_realref(E + j - 1)),
                    53, ARF_RND_NEAR);
            w[j] = w[j - 1] + arf_get_d(u, ARF_RND_NEAR);
            arf_clear(u);
        }
        split_at_largest_gaps(cid, w, n, g);
        for (slong j = 0, c = 0; j <= n; j++)
            if (j == n || j == 0 || cid[j] != cid[j - 1])
                start[c++] = j;
        for (slong j = 0; j < n; j++)
            arb_get_mid_arb(X->mu + j, acb_realref(E + j));
        ok = qr_cluster_bases(X, R, start, g, prec);
    }
    acb_mat_clear(D);
    acb_mat_clear(R);
    _acb_vec_clear(E, n);
    flint_free(w);
    flint_free(cid);
    return ok;
}

/* Certifies the clusters start[0..g] of X (see above): E[j] = the ball of
 * j's level, V's columns with the radius ε. */
static int certify_clusters(arb_ptr E, arb_mat_t V, const eigvecs *X, const slong *start,
                            slong g, const sparse_block *A, slong prec)
{
    slong n = X->n;
    arb_ptr y = _arb_vec_init(n), gather = flint_malloc(n * sizeof(arb_struct));
    arb_ptr level = _arb_vec_init(g);
    arb_t t, r2, eta, c0;
    mag_t delta, eps, m;
    int ok = 1;
    arb_init(t);
    arb_init(r2);
    arb_init(eta);
    arb_init(c0);
    mag_init(delta);
    mag_init(eps);
    mag_init(m);
    for (slong c = 0; c < g && ok; c++) {
        slong j0 = start[c], mc = start[c + 1] - j0;
        arb_zero(c0);
        for (slong j = j0; j < j0 + mc; j++)
            arb_add(c0, c0, X->mu + j, prec);
        arb_div_si(c0, c0, mc, prec);
        arb_get_mid_arb(c0, c0);
        arb_zero(r2);
        arb_zero(eta);
        for (slong j = j0; j < j0 + mc; j++) {
            arb_srcptr x = X->x + j * n;
            sparse_mul_vec(y, A, x, 0, NULL, gather, prec);
            sub_multiple(y, x, n, c0, prec);
            arb_dot(r2, r2, 0, y, 1, y, 1, n, prec);
            for (slong i = j0; i < j0 + mc; i++) { /* (G − I)_ij² */
                arb_dot(t, NULL, 0, X->x + i * n, 1, x, 1, n, prec);
                if (i == j)
                    arb_sub_ui(t, t, 1, prec);
                arb_addmul(eta, t, t, prec);
            }
        }
        arb_sqrtpos(eta, eta, prec);
        arb_get_ubound_arf(arb_midref(t), eta, prec);
        ok = arf_cmp_2exp_si(arb_midref(t), -2) < 0; /* η < 1/4 */
        arf_set(arb_midref(eta), arb_midref(t));
        mag_zero(arb_radref(eta));
        /* r = ‖R̂‖_F / √(1 − η) */
        arb_sqrtpos(r2, r2, prec);
        arb_sub_ui(t, eta, 1, prec);
        arb_neg(t, t);
        arb_sqrtpos(t, t, prec);
        arb_div(r2, r2, t, prec);
        arb_set(level + c, c0);
        arb_get_mag(arb_radref(level + c), r2);
        for (slong j = j0; j < j0 + mc; j++)
            arb_set(E + j, level + c);
        arb_get_mag(eps, eta); /* ‖Q − Q̂‖₂ ≤ 2η; the √2 r/δ part below */
        mag_mul_2exp_si(eps, eps, 1);
        for (slong j = j0; j < j0 + mc; j++)
            for (slong i = 0; i < n; i++)
                arb_set(arb_mat_entry(V, i, j), X->x + j * n + i);
        for (slong j = j0; j < j0 + mc; j++)
            for (slong i = 0; i < n; i++)
                mag_add(arb_radref(arb_mat_entry(V, i, j)), arb_radref(arb_mat_entry(V, i, j)),
                        eps);
    }
    for (slong c = 0; c + 1 < g && ok; c++) { /* disjoint, increasing */
        arb_sub(t, level + c + 1, level + c, prec);
        ok = arb_is_positive(t);
    }
    for (slong c = 0; c < g && ok; c++) { /* + √2 r/δ, with δ to the neighbours */
        mag_inf(delta);
        for (slong o = c - 1; o <= c + 1; o += 2)
            if (o >= 0 && o < g) {
                arb_get_mid_arb(r2, level + c);
                arb_sub(t, level + o, r2, prec);
                arb_get_mag_lower(m, t);
                mag_min(delta, delta, m);
            }
        mag_div(eps, arb_radref(level + c), delta);
        ok = mag_cmp_2exp_si(eps, -1) < 0;
        mag_mul_ui(eps, eps, 3);
        mag_mul_2exp_si(eps, eps, -1);
        for (slong j = start[c]; j < start[c + 1] && ok; j++)
            for (slong i = 0; i < n; i++)
                mag_add(arb_radref(arb_mat_entry(V, i, j)), arb_radref(arb_mat_entry(V, i, j)),
                        eps);
    }
    _arb_vec_clear(y, n);
    _arb_vec_clear(level, g);
    flint_free(gather);
    arb_clear(t);
    arb_clear(r2);
    arb_clear(eta);
    arb_clear(c0);
    mag_clear(delta);
    mag_clear(eps);
    mag_clear(m);
    return ok;
}

int _ng_engine_cluster_eigensystem(arb_ptr *E, arb_mat_struct *V, _ng_sector_clusters *C,
                                   const _ng_terms *T, const _ng_hilbert *H,
                                   const slong *ndistinct, slong prec, FILE *progress)
{
    int ok = 1;
    for (int k = 0; k <= H->N && ok; k++) {
        slong n = H->sec_dim[k], g = ndistinct[k];
        sparse_block A;
        eigvecs X;
        slong *cid = flint_malloc(n * sizeof(slong));
        int resolved;
        C[k].n = g;
        C[k].start = flint_realloc(C[k].start, (g + 1) * sizeof(slong));
        ok = sparse_block_init(&A, T, k, H, prec) && g >= 1 && g <= n;
        X.n = n;
        X.x = _arb_vec_init(n * n);
        X.mu = _arb_vec_init(n);
        resolved = ok && approx_eigvecs_clustered(&X, &A, cid, g, prec + REFINE_MARGIN);
        if (resolved) {
            for (slong j = 0, c = 0; j <= n; j++)
                if (j == n || j == 0 || cid[j] != cid[j - 1])
                    C[k].start[c++] = j;
            for (slong c = 0; c < g && resolved; c++)
                resolved = orthonormalise_rows(X.x, n, C[k].start[c], C[k].start[c + 1],
                                               prec + REFINE_MARGIN);
            resolved = resolved && certify_clusters(E[k], V + k, &X, C[k].start, g, &A, prec);
        }
        C[k].qr = ok && !resolved;
        if (ok && !resolved) {
            if (progress != NULL)
                fprintf(progress, "  sector %d: levels closer than double precision "
                                  "resolves; QR at %ld bits\n", k, (long)prec);
            ok = qr_clustered(&X, C[k].start, &A, g, prec + REFINE_MARGIN) &&
                 certify_clusters(E[k], V + k, &X, C[k].start, g, &A, prec);
        }
        if (progress != NULL)
            fprintf(progress, "  sector %d (dim %ld, %ld levels): clusters %s at %ld bits "
                              "(%.2f s CPU)\n", k, (long)n, (long)g,
                    ok ? "certified" : "not separated", (long)prec, cpu_seconds());
        _arb_vec_clear(X.x, n * n);
        _arb_vec_clear(X.mu, n);
        flint_free(cid);
        sparse_block_clear(&A);
    }
    return ok;
}
