/* The secular preconditioner of ng_ness_solve (numerics.h).
 *
 * In the eigenbasis H_S|a⟩ = E_a|a⟩ of H_S = H0 + λH1 the Liouvillian is
 *     (L̃ρ̃)_ab = −i ω_ab ρ̃_ab + λ² Σ_cd D̃_{ab,cd} ρ̃_cd,   ω_ab = E_a − E_b,
 * D̃_{ab,cd} = Σ_ν [−(X̃S̃)_ac δ_bd + S̃_ac X̃_db − δ_ac (S̃†X̃)_db + X̃_ac (S̃†)_db]
 * (Eq. 7 with tildes for U†·U).  Populations and coherences with |ω_ab| < τ
 * form the slow block, kept exactly together with the trace border; every
 * other pair is divided by its diagonal.  Weak coupling makes the slow block
 * the Pauli rate equation of Eqs. 45–47. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "precond.h"

/* τ = NG_SLOW_FACTOR · λ² · ‖D‖: the neglected couplings are ≤ 1/NG_SLOW_FACTOR
 * of the diagonal they sit next to. */
#define NG_SLOW_FACTOR 20.0

typedef struct {
    double w;
    slong a, b;
} pair_t;

static int cmp_pair(const void *x, const void *y)
{
    double a = ((const pair_t *)x)->w, b = ((const pair_t *)y)->w;
    return (a > b) - (a < b);
}

/* Size of the slow block: the n populations and up to 3n coherences for
 * N <= 8 (as before: cheap there, and the honesty figures of t-ness are
 * measured with it), at most as many as populations for N = 9, 10, and
 * n/2 (at least 1024) beyond.  Measured at λ = 0.01, θ = π/4 (CPU time
 * of the whole solve): N = 9, 2n = 1024 against 2048: 1.8 s against 2.4 s
 * (12 against 10 GMRES iterations); N = 10, 2048 against 3072: 10.7 s against
 * 11.6 s (14 against 12).  The dense LU (ns³) soon costs more than the
 * iterations the extra coherences save. */
slong _ng_prec_max_slow(slong n)
{
    return n <= 256 ? 4 * n : n <= 1024 ? 2 * n : n + (n / 2 > 1024 ? n / 2 : 1024);
}

typedef struct {
    double complex *x, *s, *xs, *sdx; /* X̃, S̃, X̃S̃, S̃†X̃ */
} bath_t;


/* a = A U for a real U (n × n), A a few flip masks times diagonals: O(n² · masks)
 * instead of a dense product.  Real and imaginary parts side by side
 * (a is n × 2n) unless A is real (n × n). */
typedef struct {
    double *a;
    const ng_dop_struct *A;
    const double *U;
    int cplx;
} dop_u_args;

static void dop_times_u_cols(slong j0, slong j1, void *arg)
{
    const dop_u_args *m = arg;
    slong n = m->A->n;
    for (slong j = j0; j < j1; j++) {
        double *re = m->a + n * j, *im = m->a + n * (n + j);
        const double *u = m->U + n * j;
        for (slong s = 0; s < n; s++)
            re[s] = 0.0;
        if (m->cplx)
            for (slong s = 0; s < n; s++)
                im[s] = 0.0;
        for (slong k = 0; k < m->A->nmasks; k++) {
            slong x = (slong)m->A->xmask[k];
            const double complex *f = m->A->f + k * n;
            for (slong s = 0; s < n; s++)
                re[s ^ x] += creal(f[s]) * u[s];
            if (m->cplx)
                for (slong s = 0; s < n; s++)
                    im[s ^ x] += cimag(f[s]) * u[s];
        }
    }
}

/* out = U† A U, with scratch tmp (n × n complex) */
static void transform(double complex *out, const ng_dop_t A, const _ng_prec_t P,
                      double complex *tmp)
{
    slong n = P->n;
    if (P->sec != NULL) {
        _ng_sectors_transform(out, A, P->sec, (double *)tmp, (double *)P->work2);
        return;
    }
    if (P->Ur != NULL) { /* Uᵀ (A U): the sparse product, then one real product */
        int m = (int)n, cplx = !_ng_dop_is_real(A);
        double *a = (double *)tmp, *b = (double *)P->work2;
        dop_u_args args = {a, A, P->Ur, cplx};
        _ng_par_columns(n, dop_times_u_cols, &args);
        _ng_dgemm('T', 'N', m, cplx ? 2 * m : m, m, P->Ur, m, a, m, b, m);
        for (slong k = 0; k < n * n; k++)
            out[k] = cplx ? b[k] + I * b[k + n * n] : b[k];
        return;
    }
    memset(out, 0, (size_t)(n * n) * sizeof(double complex));
    _ng_dop_add_dense(out, A, 1.0);
    _ng_zgemm(tmp, 'N', out, 'N', P->U, n);
    _ng_zgemm(out, 'C', P->U, 'N', tmp, n);
}

static ng_status eigen_real(_ng_prec_t P, const ng_ness_model_t D, double lambda)
{
    slong n = P->n;
    int info;
    double complex *h = P->work;
    memset(h, 0, (size_t)(n * n) * sizeof(double complex));
    _ng_dop_add_dense(h, D->h0, 1.0);
    _ng_dop_add_dense(h, D->h1, lambda);
    for (slong k = 0; k < n * n; k++)
        P->Ur[k] = creal(h[k]);
    info = _ng_dsyevd(P->Ur, P->E, n);
    return info == 0 ? NG_OK
                     : ng_error(NG_ECOMPUTE, "ness: LAPACK dsyevd failed (info = %d)", info);
}

/* Eigenvectors by divide and conquer (zheevd): the QR iteration of zheev
 * costs several times more at 2^N ≥ 512. */
static ng_status eigen_complex(_ng_prec_t P, const ng_ness_model_t D, double lambda)
{
    slong n = P->n;
    int m = (int)n, lwork = -1, lrwork = -1, liwork = -1, info, iq;
    double complex q;
    double rq;
    memset(P->U, 0, (size_t)(n * n) * sizeof(double complex));
    _ng_dop_add_dense(P->U, D->h0, 1.0);
    _ng_dop_add_dense(P->U, D->h1, lambda);
    zheevd_("V", "L", &m, P->U, &m, P->E, &q, &lwork, &rq, &lrwork, &iq, &liwork, &info, 1, 1);
    lwork = (int)creal(q);
    lrwork = (int)rq;
    liwork = iq;
    double complex *work = malloc((size_t)lwork * sizeof(double complex));
    double *rwork = malloc((size_t)lrwork * sizeof(double));
    int *iwork = malloc((size_t)liwork * sizeof(int));
    zheevd_("V", "L", &m, P->U, &m, P->E, work, &lwork, rwork, &lrwork, iwork, &liwork, &info,
            1, 1);
    free(work);
    free(rwork);
    free(iwork);
    return info == 0 ? NG_OK
                     : ng_error(NG_ECOMPUTE, "ness: LAPACK zheevd failed (info = %d)", info);
}

static ng_status eigen(_ng_prec_t P, const ng_ness_model_t D, double lambda)
{
    if (P->sec != NULL)
        return _ng_sectors_init(P->sec, D, lambda, P->E);
    return P->Ur != NULL ? eigen_real(P, D, lambda) : eigen_complex(P, D, lambda);
}

/* The basis: by magnetisation sectors when that applies (sector.c), else
 * the dense eigenbasis.  H_S is real when no phase of H0 or H1 has an
 * imaginary part (σ^y enters only in pairs, e.g. the tilted Ising chain and
 * XXZ): its eigenvectors are then real, which makes the eigen-solver about
 * four times and every change of basis two times cheaper than in complex
 * arithmetic. */
static int alloc_basis(_ng_prec_t P, const ng_ness_model_t D, double lambda, int basis)
{
    slong n2 = P->n * P->n;
    if (basis != NG_NESS_BASIS_EIGEN && _ng_sectors_applicable(D, lambda, basis))
        return (P->sec = calloc(1, sizeof(_ng_sectors_struct))) != NULL;
    if (_ng_dop_is_real(D->h0) && _ng_dop_is_real(D->h1))
        return (P->Ur = malloc((size_t)n2 * sizeof(double))) != NULL;
    return (P->U = malloc((size_t)n2 * sizeof(double complex))) != NULL;
}

/* Positions 0..n−1 by ascending E (the sector basis numbers its eigenvalues
 * by sector). */
static slong *ascending(const double *E, slong n)
{
    pair_t *p = malloc((size_t)n * sizeof(pair_t));
    slong *ord = malloc((size_t)n * sizeof(slong));
    for (slong a = 0; a < n; a++)
        p[a] = (pair_t){E[a], a, a};
    qsort(p, (size_t)n, sizeof(pair_t), cmp_pair);
    for (slong a = 0; a < n; a++)
        ord[a] = p[a].a;
    free(p);
    return ord;
}

/* The smallest and largest eigenvalue (E is not sorted in the sector basis). */
static void extremes(const double *E, slong n, double *lo, double *hi)
{
    *lo = *hi = E[0];
    for (slong a = 1; a < n; a++) {
        *lo = fmin(*lo, E[a]);
        *hi = fmax(*hi, E[a]);
    }
}

/* Slow pairs: all populations, then coherence pairs by increasing |ω|. */
static void choose_slow(_ng_prec_t P, double tau)
{
    slong n = P->n, np = 0, cap = _ng_prec_max_slow(n), alloc = 16;
    pair_t *pairs = malloc((size_t)alloc * sizeof(pair_t));
    slong *ord = ascending(P->E, n);
    for (slong i = 0; i < n; i++)
        for (slong j = i + 1; j < n && P->E[ord[j]] - P->E[ord[i]] < tau; j++) {
            slong a = ord[i], b = ord[j];
            if (np == alloc)
                pairs = realloc(pairs, (size_t)(alloc *= 2) * sizeof(pair_t));
            pairs[np++] = (pair_t){P->E[b] - P->E[a], a, b};
        }
    free(ord);
    qsort(pairs, (size_t)np, sizeof(pair_t), cmp_pair);
    if (n + 2 * np > cap)
        np = (cap - n) / 2;
    P->ns = n + 2 * np;
    P->slow = malloc((size_t)P->ns * sizeof(slong));
    for (slong a = 0; a < n; a++)
        P->slow[a] = a + n * a;
    for (slong k = 0; k < np; k++) {
        P->slow[n + 2 * k] = pairs[k].a + n * pairs[k].b;
        P->slow[n + 2 * k + 1] = pairs[k].b + n * pairs[k].a;
    }
    free(pairs);
}

static double complex dtilde(const bath_t *B, slong n, slong a, slong b, slong c, slong d)
{
    double complex v = 0.0;
    for (int nu = 0; nu < 2; nu++) {
        const bath_t *T = B + nu;
        if (b == d)
            v -= T->xs[a + n * c];
        v += T->s[a + n * c] * T->x[d + n * b];
        if (a == c)
            v -= T->sdx[d + n * b];
        v += T->x[a + n * c] * conj(T->s[b + n * d]);
    }
    return v;
}

/* Smallest singular value of K (ns × ns, LU-factorised in place with ipiv) by inverse
 * iteration on (K^H K)^{-1}: x ← K^{-1} K^{-H} x; four steps from a fixed
 * generic start give σ_min to a few digits (an estimate from above; at the
 * noise level the growth of x is what decides, not its digits). */
static double smallest_singular_value(const double complex *K, int *ipiv, slong ns)
{
    int m = (int)ns, one = 1, info;
    double nx = 0.0, sigma = INFINITY;
    uint64_t seed = 0x9e3779b97f4a7c15u;
    double complex *x = malloc((size_t)ns * sizeof(double complex));
    for (slong k = 0; k < ns; k++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        x[k] = (double)(seed >> 11) * 0x1.0p-53 + 0.5 + I * (double)(k % 7) / 7.0;
        nx += creal(x[k] * conj(x[k]));
    }
    nx = sqrt(nx);
    for (int it = 0; it < 4 && nx > 0.0 && isfinite(nx); it++) {
        double ny = 0.0;
        for (slong k = 0; k < ns; k++)
            x[k] /= nx;
        zgetrs_("C", &m, &one, K, &m, ipiv, x, &m, &info, 1);
        zgetrs_("N", &m, &one, K, &m, ipiv, x, &m, &info, 1);
        for (slong k = 0; k < ns; k++)
            ny += creal(x[k] * conj(x[k]));
        nx = sqrt(ny);
        sigma = 1.0 / sqrt(nx);
    }
    free(x);
    return isfinite(nx) ? sigma : 0.0;
}

/* The slow block, scaled so that its size does not depend on λ:
 *     K = λ^{-2} (L restricted to the slow pairs) + (1/2^N) e eᵀ,
 * e the indicator of the populations (the trace border).  Its entries are
 * D̃ − iω/λ² with |ω| < τ = NG_SLOW_FACTOR λ² ‖D‖, so ‖K‖ stays O(‖D‖) for
 * every λ: the secular (Pauli-type) rate equation of Eqs. 45–47 plus the
 * border.  Without the border L_ss has the null vector of the steady state;
 * with it K is regular exactly when that null vector is the only one, so a
 * smallest singular value of K at the noise level means a second null vector
 * (rank-one interlacing): the steady state is not unique. */
/* The rounding level of the level splittings ω_ab = E_a − E_b: the same
 * 64 ε (|E_min| + |E_max|) below which choose_slow counts a pair as
 * degenerate. */
static double omega_noise(const _ng_prec_t P)
{
    double emax = 0.0;
    for (slong a = 0; a < P->n; a++)
        emax = fmax(emax, fabs(P->E[a]));
    return 128.0 * DBL_EPSILON * emax;
}

static ng_status slow_block(_ng_prec_t P, const bath_t *B, double lambda)
{
    slong n = P->n, ns = P->ns;
    double l2 = lambda * lambda, anorm, noise, dnorm = 0.0, wnoise = omega_noise(P), wmax = 0.0;
    int m = (int)ns, info;
    P->Mss = malloc((size_t)(ns * ns) * sizeof(double complex));
    P->ipiv = malloc((size_t)ns * sizeof(int));
    if (P->Mss == NULL || P->ipiv == NULL)
        return ng_error(NG_ECOMPUTE, "ness: out of memory for the slow block (%ld)", (long)ns);
    for (slong q = 0; q < ns; q++) {
        slong c = P->slow[q] % n, d = P->slow[q] / n;
        double col = 0.0;
        for (slong p = 0; p < ns; p++) {
            slong a = P->slow[p] % n, b = P->slow[p] / n;
            double complex v = dtilde(B, n, a, b, c, d);
            col += cabs(v);
            /* a splitting at the rounding level is noise, not a level
             * difference (degenerate levels of P0H1P0, θ = π/2: their true
             * splitting is O(λ²) and below ε‖H_S‖ for λ ≲ 1e-8 at N = 8);
             * as ω/λ² it would swamp the rates, so it is taken as 0 */
            if (p == q && fabs(P->E[a] - P->E[b]) > wnoise)
                v -= I * (P->E[a] - P->E[b]) / l2;
            if (p == q)
                wmax = fmax(wmax, fabs(P->E[a] - P->E[b]) / l2);
            if (a == b && c == d)
                v += 1.0 / (double)n; /* the trace border */
            P->Mss[p + ns * q] = v;
        }
        dnorm = fmax(dnorm, col);
    }
    /* noise level of σ_min: the backward error of LU, ns ε ‖K‖ */
    anorm = _ng_znorm1(P->Mss, ns);
    /* ‖K‖ ≫ ‖D̃‖: level splittings of order ε‖H‖ (not resolved in doubles)
     * entered the slow block as ω/λ², so σ_min says nothing about a second
     * null vector — the λ is below what this solver resolves, not a verdict */
    if (fmax(anorm, wmax) > dnorm / sqrt(DBL_EPSILON)) /* wmax: with the noise */
        return ng_error(NG_ECOMPUTE,
                        "ness: lambda = %g is too small for the double-precision solver: "
                        "level splittings it cannot resolve make the scaled rate-equation "
                        "block ill-scaled (norm %.2e against %.2e for the rates), so neither "
                        "the state nor its uniqueness can be decided; 'nessgen series' gives "
                        "the weak-coupling limit and its lambda-series there",
                        lambda, fmax(anorm, wmax), dnorm);
    zgetrf_(&m, &m, P->Mss, &m, P->ipiv, &info);
    noise = (double)ns * DBL_EPSILON * anorm;
    P->sigma_min_slow = info == 0 ? smallest_singular_value(P->Mss, P->ipiv, ns) : 0.0;
    P->slow_norm = anorm;
    if (!(P->sigma_min_slow > noise))
        return ng_error(NG_ECOMPUTE,
                        "ness: the steady state is not unique: the scaled rate-equation "
                        "block of L (lambda = %g) has a second null vector (smallest singular "
                        "value of the bordered block %.2e <= noise level %.2e, norm %.2e); "
                        "a conserved quantity, e.g. a spin coupled to neither a neighbour nor "
                        "a bath?",
                        lambda, P->sigma_min_slow, noise, anorm);
    double complex *work = malloc((size_t)(2 * ns) * sizeof(double complex));
    double *rwork = malloc((size_t)(2 * ns) * sizeof(double));
    zgecon_("1", &m, P->Mss, &m, &anorm, &P->rcond_slow, work, rwork, &info, 1);
    /* ‖K^{-1}‖: the larger of the 1-norm estimate and 1/σ_min (2-norm) */
    P->inv_slow = fmax(1.0 / (P->rcond_slow * anorm), 1.0 / P->sigma_min_slow);
    free(work);
    free(rwork);
    return NG_OK;
}

ng_status _ng_prec_init(_ng_prec_t P, const ng_ness_model_t D, double lambda, int basis)
{
    slong n = D->n, n2 = n * n;
    double l2 = lambda * lambda, dscale = 0.0, elo, ehi;
    bath_t B[2];
    ng_status st;
    memset(P, 0, sizeof *P);
    P->n = n;
    P->lambda = lambda;
    P->l2 = l2;
    int basis_ok = alloc_basis(P, D, lambda, basis);
    P->E = malloc((size_t)n * sizeof(double));
    P->work = malloc((size_t)n2 * sizeof(double complex));
    P->work2 = malloc((size_t)n2 * sizeof(double complex));
    P->dinv = malloc((size_t)n2 * sizeof(double complex));
    if (!basis_ok || !P->E || !P->work || !P->work2 || !P->dinv)
        return ng_error(NG_ECOMPUTE, "ness: out of memory");
    memset(P->work2, 0, (size_t)n2 * sizeof(double complex));
    _ng_dop_add_dense(P->work2, D->h1, 1.0);
    P->h1norm = _ng_znorm1(P->work2, n);
    st = eigen(P, D, lambda);
    if (st != NG_OK)
        return st;
    for (int nu = 0; nu < 2; nu++) {
        B[nu].x = malloc((size_t)n2 * sizeof(double complex));
        B[nu].s = malloc((size_t)n2 * sizeof(double complex));
        B[nu].xs = malloc((size_t)n2 * sizeof(double complex));
        B[nu].sdx = malloc((size_t)n2 * sizeof(double complex));
        /* ‖D_ν‖ ≤ 4 ‖X‖ ‖S‖ in the computational basis (1-norms) */
        memset(P->work2, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_add_dense(P->work2, D->x[nu], 1.0);
        double nx = _ng_znorm1(P->work2, n);
        memset(P->work2, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_add_dense(P->work2, D->s[nu], 1.0);
        dscale += 4.0 * nx * _ng_znorm1(P->work2, n);
        transform(B[nu].x, D->x[nu], P, P->work);
        transform(B[nu].s, D->s[nu], P, P->work);
        if (P->U == NULL) { /* X̃S̃ = (XS)~: one congruence instead of a complex product */
            transform(B[nu].xs, D->xs[nu], P, P->work);
            transform(B[nu].sdx, D->sdagx[nu], P, P->work);
        } else {
            _ng_zgemm(B[nu].xs, 'N', B[nu].x, 'N', B[nu].s, n);
            _ng_zgemm(B[nu].sdx, 'C', B[nu].s, 'N', B[nu].x, n);
        }
    }
    /* τ: also every pair whose ω is at the rounding level of the eigenvalues
     * (exactly degenerate levels) is slow */
    extremes(P->E, n, &elo, &ehi);
    choose_slow(P, fmax(NG_SLOW_FACTOR * l2 * dscale, 64.0 * DBL_EPSILON * (fabs(elo) + fabs(ehi))));
    for (slong b = 0; b < n; b++)
        for (slong a = 0; a < n; a++)
            P->dinv[a + n * b] = -I * (P->E[a] - P->E[b]) + l2 * dtilde(B, n, a, b, a, b);
    for (slong k = 0; k < P->ns; k++)
        P->dinv[P->slow[k]] = 0.0;
    /* A fast pair's diagonal d enters G^{-1} (residual.c) as 1/(w d) with the
     * weight w of its sector pair — λ^{-2} within a sector (|ω| below the
     * sector spacing 2|h|), λ^{-1} across — and the column scaling measures
     * it in units of λ: both inverse norms stay bounded as λ → 0. */
    for (slong b = 0; b < n; b++)
        for (slong a = 0; a < n; a++) {
            slong k = a + n * b;
            if (P->dinv[k] == 0.0)
                continue;
            double w = fabs(P->E[a] - P->E[b]) < fabs(D->h) ? 1.0 / l2 : 1.0 / lambda;
            P->inv_fast = fmax(P->inv_fast, 1.0 / (w * cabs(P->dinv[k])));
            P->inv_fast_scaled = fmax(P->inv_fast_scaled, 1.0 / (w * lambda * cabs(P->dinv[k])));
            P->dinv[k] = 1.0 / P->dinv[k];
        }
    st = slow_block(P, B, lambda);
    /* ‖G C‖ with C the column scaling (1 on P0, λ on Q0): the sector spread
     * of H0, both sides of H1, and the scaled dissipator */
    P->norm_s = (ehi - elo) + 2.0 * (1.0 + lambda) * P->h1norm + dscale + 1.0;
    for (int nu = 0; nu < 2; nu++) {
        free(B[nu].x);
        free(B[nu].s);
        free(B[nu].xs);
        free(B[nu].sdx);
    }
    P->rs = malloc((size_t)P->ns * sizeof(double complex));
    return st;
}

void _ng_prec_apply(double complex *z, const double complex *v, _ng_prec_t P)
{
    slong n = P->n, n2 = n * n, ns = P->ns;
    int m = (int)ns, one = 1, info;
    double complex *vt = P->U == NULL ? z : P->work2;
    /* M^{-1} acts on the unweighted right side: undo the weights w of G */
    memcpy(vt, v, (size_t)n2 * sizeof(double complex));
    _ng_ness_prec_weight(vt, n, P->lambda);
    if (P->sec != NULL) {
        _ng_sectors_to_eigen(P->work, vt, P->sec, (double *)P->work2);
        vt = P->work;
    } else if (P->Ur != NULL) {
        _ng_real_congruence_herm(vt, vt, P->Ur, 0, n, (double *)P->work, (double *)P->work2);
    } else {
        _ng_zgemm(P->work, 'N', vt, 'N', P->U, n);
        _ng_zgemm(vt, 'C', P->U, 'N', P->work, n);
    }
    for (slong k = 0; k < ns; k++)
        P->rs[k] = vt[P->slow[k]];
    for (slong k = 0; k < n2; k++)
        vt[k] *= P->dinv[k];
    /* the slow block of M is λ² K (the border has weight λ² in G's rows) */
    zgetrs_("N", &m, &one, P->Mss, &m, P->ipiv, P->rs, &m, &info, 1);
    for (slong k = 0; k < ns; k++)
        vt[P->slow[k]] = P->rs[k] / P->l2;
    if (P->sec != NULL) {
        _ng_sectors_from_eigen(z, vt, P->sec, (double *)P->work2);
        return;
    }
    if (P->Ur != NULL) {
        _ng_real_congruence_herm(z, vt, P->Ur, 1, n, (double *)P->work, (double *)P->work2);
        return;
    }
    _ng_zgemm(P->work, 'N', vt, 'C', P->U, n);
    _ng_zgemm(z, 'N', P->U, 'N', P->work, n);
}

void _ng_prec_clear(_ng_prec_t P)
{
    free(P->U);
    free(P->Ur);
    if (P->sec != NULL)
        _ng_sectors_clear(P->sec);
    free(P->sec);
    free(P->E);
    free(P->work);
    free(P->work2);
    free(P->dinv);
    free(P->slow);
    free(P->Mss);
    free(P->ipiv);
    free(P->rs);
}
