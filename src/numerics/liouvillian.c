/* L ρ = −i[H0 + λH1, ρ] + λ² Σ_ν D_ν ρ (Eqs. 15–19) with
 * D_ν ρ = −[X, Sρ] − [ρS†, X] = −XSρ + SρX − ρS†X + XρS† (Eq. 7). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void _ng_ness_apply_l(double complex *res, const double complex *rho, double lambda,
                      const ng_ness_model_t D, double complex *tmp)
{
    slong n = D->n, n2 = n * n;
    double l2 = lambda * lambda;
    memset(res, 0, (size_t)n2 * sizeof(double complex));
    _ng_dop_mul_left(res, D->h0, rho, -I);
    _ng_dop_mul_right(res, rho, D->h0, I);
    _ng_dop_mul_left(res, D->h1, rho, -I * lambda);
    _ng_dop_mul_right(res, rho, D->h1, I * lambda);
    for (int nu = 0; nu < 2; nu++) {
        _ng_dop_mul_left(res, D->xs[nu], rho, -l2);
        _ng_dop_mul_right(res, rho, D->sdagx[nu], -l2);
        memset(tmp, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_mul_left(tmp, D->s[nu], rho, 1.0);
        _ng_dop_mul_right(res, tmp, D->x[nu], l2);
        memset(tmp, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_mul_left(tmp, D->x[nu], rho, 1.0);
        _ng_dop_mul_right(res, tmp, D->sdag[nu], l2);
    }
}

void _ng_ness_apply_l2(double complex *res, const double complex *rho,
                       const ng_ness_model_t D, double complex *tmp)
{
    slong n2 = D->n * D->n;
    memset(res, 0, (size_t)n2 * sizeof(double complex));
    for (int nu = 0; nu < 2; nu++) {
        _ng_dop_mul_left(res, D->xs[nu], rho, -1.0);
        _ng_dop_mul_right(res, rho, D->sdagx[nu], -1.0);
        memset(tmp, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_mul_left(tmp, D->s[nu], rho, 1.0);
        _ng_dop_mul_right(res, tmp, D->x[nu], 1.0);
        memset(tmp, 0, (size_t)n2 * sizeof(double complex));
        _ng_dop_mul_left(tmp, D->x[nu], rho, 1.0);
        _ng_dop_mul_right(res, tmp, D->sdag[nu], 1.0);
    }
}

void ng_ness_apply_liouvillian(double complex *res, const double complex *rho, double lambda,
                               const ng_ness_model_t D)
{
    double complex *tmp = malloc((size_t)(D->n * D->n) * sizeof(double complex));
    _ng_ness_apply_l(res, rho, lambda, D, tmp);
    free(tmp);
}
