/* ng_ness_solve: restarted GMRES, right-preconditioned with the secular
 * preconditioner (precond.c), on the bordered system
 *     A ρ := L ρ + Tr(ρ) 1/2^N = 1/2^N,
 * whose unique solution is the NESS with Tr ρ = 1 (Tr L ρ = 0 for every ρ). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "precond.h"

void ng_ness_params_init(ng_ness_params *p, double lambda)
{
    p->lambda = lambda;
    p->tol = 1e-14;
    p->restart = 0; /* by N: ng_ness_restart */
    p->maxit = 600;
    p->basis = NG_NESS_BASIS_AUTO;
    p->progress = NULL;
    p->progress_arg = NULL;
}

/* 40 up to N = 10; from N = 11 on the basis vectors (4^N complex words each)
 * dominate the memory, and GMRES converges within 20 iterations there
 * (16 at N = 11, θ = π/4, λ = 0.01). */
int ng_ness_restart(int N, const ng_ness_params *p)
{
    return p != NULL && p->restart > 0 ? p->restart : N <= 10 ? 40 : 20;
}

double ng_ness_bytes(int N, const ng_ness_params *p)
{
    double n = ldexp(1.0, N), n2 = n * n, ns = (double)_ng_prec_max_slow((slong)n);
    int m = ng_ness_restart(N, p);
    /* in units of n² complex words: the GMRES basis (m + 1); ρ, its low word,
     * the right side, w, z, the residual's scratch (2) and L's (1); the
     * preconditioner's U, two work arrays and the diagonal — during set-up the
     * eight bath matrices instead of the basis.  Then the slow block. */
    return 16.0 * n2 * (fmax(m + 1, 8) + 8 + 4) + 16.0 * ns * ns + 16.0 * ns;
}

ng_status ng_ness_check_size(int N, const ng_ness_params *p, double budget)
{
    double need = ng_ness_bytes(N, p);
    if (N > 14 || need > budget)
        return ng_error(NG_EINPUT,
                        "N = %d is too large: the NESS solver would need about %.3g GiB of "
                        "memory (budget %.3g GiB)",
                        N, need / 1073741824.0, budget / 1073741824.0);
    return NG_OK;
}

typedef struct {
    const ng_ness_model_struct *D;
    double lambda;
    double complex *tmp;
    slong n;
} op_t;

/* w = G z (residual.c) */
static void apply_a(double complex *w, const double complex *z, op_t *A)
{
    _ng_ness_apply_g(w, z, A->lambda, A->D, A->tmp);
}

static double complex dotc(const double complex *x, const double complex *y, slong len)
{
    double complex s = 0.0;
    for (slong k = 0; k < len; k++)
        s += conj(x[k]) * y[k];
    return s;
}

static double nrm(const double complex *x, slong len)
{
    return sqrt(creal(dotc(x, x, len)));
}

/* y += a x, elementwise (so the numbers do not depend on the split), over
 * the cores in n blocks of n: the Gram–Schmidt updates are a sweep over
 * the GMRES basis each, memory-bound at N ≥ 11. */
typedef struct {
    double complex *y;
    const double complex *x;
    double complex a;
    slong n;
} axpy_args;

static void axpy_blocks(slong j0, slong j1, void *p)
{
    const axpy_args *m = p;
    for (slong q = j0 * m->n; q < j1 * m->n; q++)
        m->y[q] += m->a * m->x[q];
}

static void axpy(double complex *y, double complex a, const double complex *x, slong n)
{
    axpy_args m = {y, x, a, n};
    _ng_par_columns(n, axpy_blocks, &m);
}

typedef struct {
    int m;
    slong len;
    double complex **V, *H, *g, *y;
    double *cs;
    double complex *sn;
} krylov_t;

static void progress(const ng_ness_params *p, const char *stage, int it, double r)
{
    if (p->progress != NULL)
        p->progress(p->progress_arg, stage, it, r);
}

/* One GMRES cycle from x, whose residual r = b − G x (computed accurately by
 * the caller, norm beta) is in w; stops at the recurrence residual target or
 * after m steps.  Returns the recurrence estimate. */
static double cycle(double complex *x, double complex *xlo, double beta, double target, op_t *A, _ng_prec_t P,
                    krylov_t *K, double complex *w, double complex *z, int *iters,
                    const ng_ness_params *p, double bnorm)
{
    int m = K->m, j, k;
    slong len = K->len;
    double res;
    for (slong i = 0; i < len; i++)
        K->V[0][i] = w[i] / beta;
    memset(K->g, 0, (size_t)(m + 1) * sizeof(double complex));
    K->g[0] = beta;
    res = beta;
    for (j = 0; j < m && *iters < p->maxit; j++) {
        double complex *h = K->H + (slong)j * (m + 1);
        _ng_prec_apply(z, K->V[j], P);
        apply_a(w, z, A);
        for (int i = 0; i <= j; i++) { /* modified Gram–Schmidt */
            h[i] = dotc(K->V[i], w, len);
            axpy(w, -h[i], K->V[i], A->n);
        }
        h[j + 1] = nrm(w, len);
        if (creal(h[j + 1]) > 0.0)
            for (slong q = 0; q < len; q++)
                K->V[j + 1][q] = w[q] / creal(h[j + 1]);
        for (int i = 0; i < j; i++) { /* previous rotations */
            double complex t = K->cs[i] * h[i] + K->sn[i] * h[i + 1];
            h[i + 1] = -conj(K->sn[i]) * h[i] + K->cs[i] * h[i + 1];
            h[i] = t;
        }
        double a = cabs(h[j]), t = hypot(a, cabs(h[j + 1]));
        K->cs[j] = a == 0.0 ? 0.0 : a / t;
        K->sn[j] = a == 0.0 ? 1.0 : (h[j] / a) * conj(h[j + 1]) / t;
        h[j] = K->cs[j] * h[j] + K->sn[j] * h[j + 1];
        h[j + 1] = 0.0;
        K->g[j + 1] = -conj(K->sn[j]) * K->g[j];
        K->g[j] = K->cs[j] * K->g[j];
        res = cabs(K->g[j + 1]);
        (*iters)++;
        progress(p, "gmres", *iters, res / bnorm);
        if (res <= target || creal(h[j]) == 0.0) {
            j++;
            break;
        }
    }
    for (k = j - 1; k >= 0; k--) { /* back substitution H y = g */
        double complex s = K->g[k];
        for (int i = k + 1; i < j; i++)
            s -= K->H[(slong)i * (m + 1) + k] * K->y[i];
        K->y[k] = s / K->H[(slong)k * (m + 1) + k];
    }
    memset(w, 0, (size_t)len * sizeof(double complex));
    for (k = 0; k < j; k++)
        axpy(w, K->y[k], K->V[k], A->n);
    _ng_prec_apply(z, w, P);
    for (slong q = 0; q < len; q++) { /* x += z in double-double (two-sum) */
        double complex s = x[q] + z[q], bb = s - x[q];
        xlo[q] += (x[q] - (s - bb)) + (z[q] - bb);
        x[q] = s;
    }
    return res;
}

/* The scales of L in double precision.  The solver separates the sectors of
 * H0 by their spacing 2|h| (residual.c, precond.c) and the NESS lives on the
 * second-order rate equation, where λH1 enters squared over that spacing, so
 * the condition grows like r^-2 with r = 2|h| / max(λ‖H1‖, λ²‖L2‖) (tilted
 * Ising, N = 2, λ = 0.01: condition 1.6e5, 1.7e9, 1.7e13 at h = 1e-4, 1e-6,
 * 1e-8).  Below r ≈ 1e-7 (measured at N = 2, 3 with small h and with large c)
 * L0 is lost in the rounding of what the rate block is built from: the
 * uniqueness test then reports a second null vector that is not there, GMRES
 * stalls, or the answer is noise; at h = 1e-300 (r = 1e-298) L0 underflows
 * next to L2 outright.  So r < 8√ε is refused as out of double precision's
 * range; λ² and 1/λ² must also stay normal doubles.  The message names the
 * quantity that is out of scale and the range that works at this λ. */
static ng_status check_scales(const ng_ness_model_t D, double lambda)
{
    double gap = 2.0 * fabs(D->h), s1 = lambda * _ng_dop_norm1_bound(D->h1), s2 = 0.0, big;
    const double r_min = 0x1p-23; /* 8√ε ≈ 1.2e-7, measured: see above */
    if (lambda * lambda < 0x1p-970 || lambda * lambda > 0x1p970)
        return ng_error(NG_EINPUT,
                        "--lambda: lambda = %g is outside the range ness can scale in double "
                        "precision (lambda^2 and 1/lambda^2 must stay normal doubles: about "
                        "1e-146 <= lambda <= 1e146)",
                        lambda);
    for (int nu = 0; nu < 2; nu++)
        s2 += 4.0 * _ng_dop_norm1_bound(D->x[nu]) * _ng_dop_norm1_bound(D->s[nu]);
    s2 *= lambda * lambda;
    if (!isfinite(s1) || !isfinite(s2))
        return ng_error(NG_EINPUT,
                        "ness: at lambda = %g the %s overflows double precision; give "
                        "smaller %s",
                        lambda, isfinite(s1) ? "dissipator lambda^2 L2" : "coupling lambda H1",
                        isfinite(s1) ? "c, d (--c, --d, --cL, ...) or --lambda"
                                     : "couplings (--Jx, --Jy, --Jz, --theta, ...) or --lambda");
    big = fmax(s1, s2);
    if (gap >= r_min * big)
        return NG_OK;
    if (s2 >= s1)
        return ng_error(NG_EINPUT,
                        "ness: h = %g is too small next to the dissipator for double "
                        "precision: lambda^2 ||L2|| = %.3g (the baths' c, d at lambda = %g) against the level "
                        "spacing 2|h| = %.3g of H0; ness needs 2|h| >= 8 sqrt(eps) "
                        "lambda^2 ||L2|| (8 sqrt(eps) = 1.2e-7), i.e. |h| >= %.3g here: give "
                        "smaller c, d (--c, --d, --cL, ...), a smaller --lambda or a larger --h",
                        D->h, s2, lambda, gap, 0.5 * r_min * big);
    return ng_error(NG_EINPUT,
                    "ness: h = %g is too small for double precision: the level spacing "
                    "2|h| of H0 is below 8 sqrt(eps) = 1.2e-7 times lambda ||H1|| = %.3g (the "
                    "couplings at lambda = %g); ness needs |h| >= %.3g here, or smaller "
                    "couplings or --lambda",
                    D->h, s1, lambda, 0.5 * r_min * big);
}

static ng_status check_params(const ng_ness_model_t D, const ng_ness_params *p)
{
    if (!(p->lambda > 0.0) || !isfinite(p->lambda))
        return ng_error(NG_EINPUT, "--lambda: expected a finite number > 0, got %g", p->lambda);
    if (!(p->tol > 0.0) || p->restart < 0 || p->maxit < 1 || p->basis < NG_NESS_BASIS_AUTO ||
        p->basis > NG_NESS_BASIS_SECTOR)
        return ng_error(NG_EINPUT, "ness: tol > 0, restart >= 0, maxit >= 1 and a known "
                                   "basis are required");
    if (D->N > 14)
        return ng_error(NG_EINPUT, "ness: N = %d is too large (needs about %.3g GiB)", D->N,
                        ng_ness_bytes(D->N, p) / 1073741824.0);
    return check_scales(D, p->lambda);
}

ng_status ng_ness_solve(ng_ness_t S, const ng_ness_model_t D, const ng_ness_params *p)
{
    slong n = D->n, len = n * n;
    int m = ng_ness_restart(D->N, p), iters = 0;
    double bnorm, res = INFINITY, prev = INFINITY, lnorm;
    _ng_prec_t P;
    krylov_t K;
    op_t A;
    ng_status st = check_params(D, p);
    if (st != NG_OK)
        return st;
    progress(p, "eigenbasis and slow block", 0, 0.0);
    st = _ng_prec_init(P, D, p->lambda, p->basis);
    if (st != NG_OK) {
        _ng_prec_clear(P);
        return st;
    }
    double complex *b = calloc((size_t)len, sizeof(double complex));
    double complex *w = malloc((size_t)len * sizeof(double complex));
    double complex *z = malloc((size_t)len * sizeof(double complex));
    double complex *extra = malloc((size_t)len * sizeof(double complex));
    double complex *rlo = calloc((size_t)len, sizeof(double complex));
    A = (op_t){D, p->lambda, malloc((size_t)len * sizeof(double complex)), n};
    K.m = m;
    K.len = len;
    K.V = malloc((size_t)(m + 1) * sizeof(double complex *));
    for (int i = 0; i <= m; i++)
        K.V[i] = malloc((size_t)len * sizeof(double complex));
    K.H = calloc((size_t)(m * (m + 1)), sizeof(double complex));
    K.g = malloc((size_t)(m + 1) * sizeof(double complex));
    K.y = malloc((size_t)m * sizeof(double complex));
    K.cs = malloc((size_t)m * sizeof(double));
    K.sn = malloc((size_t)m * sizeof(double complex));

    ng_ness_clear(S);
    S->N = D->N;
    S->n = n;
    S->lambda = p->lambda;
    S->rho = malloc((size_t)len * sizeof(double complex));
    for (slong i = 0; i < n; i++)
        b[i + n * i] = 1.0 / (double)n;
    bnorm = nrm(b, len);
    _ng_prec_apply(S->rho, b, P); /* the secular solution as starting point */
    /* Restarted GMRES as iterative refinement: every restart takes the true
     * residual of G (residual.c, double-double), so the accuracy is not
     * limited by the rounding noise of G in double; the target is a backward
     * error: ‖r‖ ≤ tol (‖GC‖ ‖ρ‖ + ‖b‖). */
    S->converged = 0;
    res = _ng_ness_residual(w, &lnorm, S->rho, rlo, p->lambda, D, z, extra, A.tmp);
    for (int cycles = 0;; cycles++) {
        double target = p->tol * (P->norm_s * nrm(S->rho, len) + bnorm), before = res;
        if (res <= target) {
            S->converged = 1;
            break;
        }
        if (iters >= p->maxit || (cycles > 0 && res > 0.5 * prev))
            break; /* out of iterations, or refinement stagnated */
        cycle(S->rho, rlo, res, 0.5 * target, &A, P, &K, w, z, &iters, p, bnorm);
        prev = before;
        res = _ng_ness_residual(w, &lnorm, S->rho, rlo, p->lambda, D, z, extra, A.tmp);
    }
    S->iterations = iters;
    S->slow_dim = P->ns;
    S->sigma_min_scaled = P->sigma_min_slow / P->slow_norm;
    S->method = "gmres-scaled";
    S->cond_est = P->norm_s * fmax(P->inv_slow, P->inv_fast_scaled);
    for (slong q = 0; q < len; q++)
        S->rho[q] += rlo[q];
    _ng_ness_finish_scaled(S, D, fmax(P->inv_slow, P->inv_fast), res, lnorm);
    for (int i = 0; i <= m; i++)
        free(K.V[i]);
    free(K.V);
    free(K.H);
    free(K.g);
    free(K.y);
    free(K.cs);
    free(K.sn);
    free(A.tmp);
    free(b);
    free(w);
    free(z);
    free(extra);
    free(rlo);
    _ng_prec_clear(P);
    if (!S->converged)
        return ng_error(NG_ECOMPUTE,
                        "ness: GMRES stopped after %d iterations at scaled residual "
                        "%.3g (backward error target %.3g)",
                        iters, res, p->tol);
    return NG_OK;
}
