/* Honesty figures of a computed NESS: the solution is Hermitised and
 * normalised (trace 1 enforced), then the residual ‖Lρ‖ of what is returned
 * is measured, and the forward error is estimated as κ · backward error. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void ng_ness_init(ng_ness_t S)
{
    S->N = 0;
    S->n = 0;
    S->rho = NULL;
    S->iterations = 0;
    S->converged = 0;
    S->slow_dim = 0;
    S->sigma_min_scaled = NAN;
    S->scaled_residual = NAN;
    S->min_eigenvalue = NAN;
    S->method = "";
}

void ng_ness_clear(ng_ness_t S)
{
    free(S->rho);
    S->rho = NULL;
}

static double frobenius(const double complex *A, slong len)
{
    double s = 0.0;
    for (slong k = 0; k < len; k++)
        s += creal(A[k]) * creal(A[k]) + cimag(A[k]) * cimag(A[k]);
    return sqrt(s);
}

/* Smallest eigenvalue of the Hermitian ρ (N ≤ NG_NESS_EIG_MAX_N), else NaN. */
static double smallest_eigenvalue(const double complex *rho, int N, slong n)
{
    int m = (int)n, lwork = -1, info;
    double complex q, *a, *work;
    double *w, *rwork, res;
    if (N > NG_NESS_EIG_MAX_N)
        return NAN;
    a = malloc((size_t)(n * n) * sizeof(double complex));
    w = malloc((size_t)n * sizeof(double));
    rwork = malloc((size_t)(3 * n) * sizeof(double));
    memcpy(a, rho, (size_t)(n * n) * sizeof(double complex));
    zheev_("N", "L", &m, a, &m, w, &q, &lwork, rwork, &info, 1, 1);
    lwork = (int)creal(q);
    work = malloc((size_t)lwork * sizeof(double complex));
    zheev_("N", "L", &m, a, &m, w, work, &lwork, rwork, &info, 1, 1);
    res = info == 0 ? w[0] : NAN;
    free(work);
    free(a);
    free(w);
    free(rwork);
    return res;
}

/* ρ ← (ρ + ρ†)/2, then Tr ρ = 1; records what was removed. */
static void hermitise_normalise(ng_ness_t S, slong n)
{
    double complex tr = 0.0;
    double herm = 0.0;
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i <= j; i++) {
            double complex a = S->rho[i + n * j], b = conj(S->rho[j + n * i]);
            herm += (i == j ? 1.0 : 2.0) * cabs(a - b) * cabs(a - b);
            S->rho[i + n * j] = 0.5 * (a + b);
            S->rho[j + n * i] = conj(S->rho[i + n * j]);
        }
    S->hermiticity = 0.5 * sqrt(herm);
    for (slong i = 0; i < n; i++)
        tr += S->rho[i + n * i];
    S->trace_error = cabs(tr - 1.0);
    for (slong k = 0; k < n * n; k++)
        S->rho[k] /= creal(tr);
}

static int digits_of(double rel)
{
    return rel >= 1.0 ? 0 : rel <= 1e-16 ? 16 : (int)floor(-log10(rel));
}

void _ng_ness_finish(ng_ness_t S, const ng_ness_model_t D, double norm_a, double norm_inv)
{
    slong n = D->n, n2 = n * n;
    double complex *lr, *tmp;
    double eta, rel;
    hermitise_normalise(S, n);
    lr = malloc((size_t)n2 * sizeof(double complex));
    tmp = malloc((size_t)n2 * sizeof(double complex));
    _ng_ness_apply_l(lr, S->rho, S->lambda, D, tmp);
    S->residual = frobenius(lr, n2);
    S->residual_l2 = S->residual / (S->lambda * S->lambda);
    S->min_eigenvalue = smallest_eigenvalue(S->rho, D->N, n);
    S->cond_est = norm_a * norm_inv;
    /* backward error of the bordered system A ρ = 1/2^N with ‖1/2^N‖ = 2^{−N/2} */
    eta = S->residual / (norm_a * frobenius(S->rho, n2) + 1.0 / sqrt((double)n));
    rel = S->cond_est * fmax(eta, DBL_EPSILON);
    S->rel_error_est = rel;
    S->trusted_digits = digits_of(rel);
    free(lr);
    free(tmp);
}

void _ng_ness_finish_scaled(ng_ness_t S, const ng_ness_model_t D, double inv_g,
                            double scaled_residual, double lnorm)
{
    slong n = D->n, n2 = n * n;
    double rel;
    hermitise_normalise(S, n);
    S->scaled_residual = scaled_residual;
    S->residual = lnorm;
    S->residual_l2 = lnorm / (S->lambda * S->lambda);
    S->min_eigenvalue = smallest_eigenvalue(S->rho, D->N, n);
    /* δρ = G^{-1} r: forward error of the double-double solution from its
     * accurate residual; plus κ ε for the model's operators rounded to double
     * (a relative perturbation ε of the scaled system), which also covers
     * the final rounding of ρ */
    rel = inv_g * scaled_residual / frobenius(S->rho, n2) + S->cond_est * DBL_EPSILON;
    S->rel_error_est = rel;
    S->trusted_digits = digits_of(rel);
}
