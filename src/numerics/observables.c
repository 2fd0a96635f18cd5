/* Expectation values Tr(Pρ) of Pauli strings and the local observables of
 * DESIGN §1 ("Local temperature") and Eq. 150. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

double ng_ness_expect(const double complex *rho, int N, ng_string P)
{
    /* Tr(Pρ) = Σ_t ⟨t|P ρ|t⟩ = Σ_t i^{|x∧z|} (−1)^{|z∧t|} ρ_{t, t⊕x}... written with
     * P|t⟩ = ph(t)|t⊕x⟩:  Tr(Pρ) = Σ_t ph(t) ρ_{t, t⊕x}. */
    static const double complex ipow[4] = {1.0, I, -1.0, -I};
    slong n = WORD(1) << N;
    double complex ph = ipow[__builtin_popcountll(P.x & P.z) & 3], sum = 0.0;
    for (slong t = 0; t < n; t++) {
        double complex v = rho[t + n * (t ^ (slong)P.x)];
        sum += __builtin_parityll(P.z & (uint64_t)t) ? -v : v;
    }
    return creal(ph * sum);
}

double ng_ness_expect_str(const double complex *rho, int N, const char *letters)
{
    ng_string s;
    int ns;
    if (ng_string_set_str(&s, &ns, letters, NG_PAULI) != 0 || ns != N)
        return NAN;
    return ng_ness_expect(rho, N, s);
}

/* ⟨Π_k σ^{a_k}_{l_k}⟩ for up to three (letter, 0-based site) pairs. */
static double corr(const double complex *rho, int N, int a1, int l1, int a2, int l2, int a3,
                   int l3)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l1, a1);
    if (a2 != NG_S0)
        ng_string_set_letter(&s, l2, a2);
    if (a3 != NG_S0)
        ng_string_set_letter(&s, l3, a3);
    return ng_ness_expect(rho, N, s);
}

/* ⟨ρ^A_{l,l+1}⟩ (Eq. 79) with an optional σ^z at site zs (−1: none), 0-based. */
static double rho_a(const double complex *rho, int N, int l, int zs)
{
    int az = zs >= 0 ? NG_SZ : NG_S0;
    return corr(rho, N, NG_SX, l, NG_SX, l + 1, az, zs) +
           corr(rho, N, NG_SY, l, NG_SY, l + 1, az, zs);
}

void ng_ness_obs_init(ng_ness_obs_t O, const double complex *rho, const ng_ness_model_t D)
{
    int N = D->N;
    double sum = 0.0;
    O->N = N;
    O->t = malloc((size_t)N * sizeof(double));
    O->T = malloc((size_t)N * sizeof(double));
    O->rhoA = malloc((size_t)(N - 1) * sizeof(double));
    O->rhoB = malloc((size_t)(N - 1) * sizeof(double));
    O->zA = malloc((size_t)(N > 2 ? N - 2 : 1) * sizeof(double));
    O->Az = malloc((size_t)(N > 2 ? N - 2 : 1) * sizeof(double));
    for (int l = 0; l < N; l++) {
        O->t[l] = -corr(rho, N, NG_SZ, l, NG_S0, 0, NG_S0, 0);
        O->T[l] = fabs(O->t[l]) < 1.0 ? D->h / atanh(O->t[l]) : NAN;
    }
    for (int l = 0; l + 1 < N; l++) {
        O->rhoA[l] = rho_a(rho, N, l, -1);
        O->rhoB[l] = corr(rho, N, NG_SX, l, NG_SY, l + 1, NG_S0, 0) -
                     corr(rho, N, NG_SY, l, NG_SX, l + 1, NG_S0, 0); /* Eq. 80 */
    }
    for (int l = 1; l + 1 < N; l++) { /* the paper's site l+1 = 2..N−1 */
        O->zA[l - 1] = rho_a(rho, N, l, l - 1);
        O->Az[l - 1] = rho_a(rho, N, l - 1, l + 1);
        sum += O->zA[l - 1] - O->Az[l - 1];
    }
    /* Eq. 150 in the model-independent form of Eq. 149 (see numerics.h). */
    O->eq150_lhs = O->t[N - 1] - O->t[0];
    O->eq150_rhs = D->alpha_plus != 0.0
                       ? (D->alpha_zz * sum + D->alpha_z[0] * O->rhoA[0] -
                          D->alpha_z[1] * O->rhoA[N - 2]) / D->alpha_plus
                       : NAN;
}

void ng_ness_obs_clear(ng_ness_obs_t O)
{
    free(O->t);
    free(O->T);
    free(O->rhoA);
    free(O->rhoB);
    free(O->zA);
    free(O->Az);
}

ng_status ng_ness_dense_from_op(double complex *res, const ng_op_t A, const ng_ring_t R)
{
    ng_dop_t d;
    ng_status st = _ng_dop_init_from_op(d, A, A->nsites, R);
    slong n = WORD(1) << A->nsites;
    if (st == NG_OK) {
        for (slong k = 0; k < n * n; k++)
            res[k] = 0.0;
        _ng_dop_add_dense(res, d, 1.0);
    }
    _ng_dop_clear(d);
    return st;
}

double ng_ness_fit_order(const double *lambda, const double *err, slong n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    slong m = 0;
    for (slong i = 0; i < n; i++) {
        if (!(err[i] > 0.0) || !(lambda[i] > 0.0))
            continue;
        double x = log(lambda[i]), y = log(err[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        m++;
    }
    if (m < 2 || m * sxx - sx * sx == 0.0)
        return NAN;
    return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}
