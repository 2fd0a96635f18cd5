/* `nessgen ness sweep`: the full-Liouvillian NESS at a list of λ against the
 * weak-coupling series t = t^(0) + λ t^(1) + λ² t^(2) + O(λ³) (Eq. 20 ff.) of
 * the certified engine, and the heat current J_L = λ² (J^[2] + λ J^[3] +
 * λ² J^[4]) + O(λ⁵) against its coefficients (J^[2] = ⟨D_L†(H0)⟩_ρ0).  Each
 * added term should raise the order of the deviation in λ by about one,
 * until the double-precision floor; the fitted orders say whether it does.
 * The reference is computed once (ng_engine_reference: the series, or ρ0
 * alone where the series is refused). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nessgen/pert.h"

ng_status ng_ness_dense_rho0(double complex *rho0, const ng_model_t M)
{
    ng_named_basis_t B;
    ng_superop_ctx_t L;
    ng_pert_t P;
    ng_op_t op;
    ng_status st;
    ng_ptr coords;
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, M->N, M->R);
    if (st != NG_OK) {
        ng_named_basis_clear(B, M->R);
        return st;
    }
    ng_superop_ctx_init(L, M);
    st = ng_pert_init(P, B, L);
    if (st == NG_OK) {
        coords = ng_vec_init(B->length, M->R);
        st = ng_pert_rho0(coords, P);
        if (st == NG_OK) {
            ng_op_init(op, M->N, NG_PAULI, M->R);
            ng_pert_coords_to_op(op, coords, P);
            st = ng_ness_dense_from_op(rho0, op, M->R);
            ng_op_clear(op, M->R);
        }
        ng_vec_clear(coords, B->length, M->R);
        ng_pert_clear(P);
    }
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, M->R);
    return st;
}

/* J_L^[2+m], m ≤ E->order, from the raw current expectations of ρ_0..ρ_order
 * (ng_current_values_order); ρ0 alone gives J^[2] from the bath terms. */
static ng_status current_coefficients(double *J, const ng_engine_reference_t E, ng_model_t M)
{
    ng_superop_ctx_t L;
    ng_currents_t C;
    const ng_ring_struct *R = ng_engine_reference_ring(E);
    slong n = ng_currents_nraw(M->N);
    ng_ptr raw = ng_vec_init(3 * n, R);
    ng_current_values_t V;
    ng_status st = NG_OK;
    ng_superop_ctx_init(L, M);
    ng_currents_init(C, L);
    for (int m = 0; m <= E->order && st == NG_OK; m++) {
        ng_string_expect_fn f;
        const void *state;
        ng_engine_reference_expect_fn(&f, &state, E, m);
        st = E->order == 2 ? ng_currents_raw(ng_vec_entry(raw, m * n, R), C, M->R, f, state, R)
                           : ng_currents_raw_baths(raw, C, M->R, f, state, R);
    }
    ng_current_values_init(V, M->N, R);
    for (int p = 2; p <= 2 + E->order && st == NG_OK; p++) {
        ng_current_values_order(V, raw, E->order, p, R);
        J[p - 2] = ng_elem_get_d(ng_vec_srcentry(V->J, 0, R), R);
    }
    ng_current_values_clear(V, R);
    ng_vec_clear(raw, 3 * n, R);
    ng_currents_clear(C, M->R);
    ng_superop_ctx_clear(L);
    return st;
}

ng_status ng_ness_sweep_init(ng_ness_sweep_t W, ng_model_t M)
{
    ng_engine_opts opts;
    ng_engine_reference_t E;
    ng_status st;
    slong len = (WORD(1) << M->N) * (WORD(1) << M->N);
    memset(W, 0, sizeof *W);
    W->N = M->N;
    for (int m = 0; m < 3; m++)
        W->tm[m] = calloc((size_t)M->N, sizeof(double));
    W->t = calloc((size_t)(M->N * NG_NESS_SWEEP_MAX), sizeof(double));
    W->t_err = calloc((size_t)(M->N * NG_NESS_SWEEP_MAX), sizeof(double));
    ng_engine_opts_init(&opts);
    opts.digits = 17;
    opts.keep_state = 1;
    st = ng_engine_reference(E, M, &opts);
    W->order = st == NG_OK ? E->order : -1;
    for (int m = 0; m <= W->order; m++)
        ng_engine_reference_t_d(W->tm[m], E, m);
    W->source = W->order == 2 ? "rho0 + lambda rho1 + lambda^2 rho2 (engine.h, certified)"
                              : "rho0 (engine.h; the series needs simple levels)";
    if (st == NG_OK)
        st = current_coefficients(W->J, E, M);
    ng_engine_reference_clear(E);
    if (st == NG_OK && M->N <= NG_NESS_DENSE_MAX_N) {
        W->rho0 = malloc((size_t)len * sizeof(double complex));
        if (ng_ness_dense_rho0(W->rho0, M) != NG_OK) { /* optional: the column is left out */
            free(W->rho0);
            W->rho0 = NULL;
        }
        ng_error_clear();
    }
    return st;
}

void ng_ness_sweep_clear(ng_ness_sweep_t W)
{
    for (int m = 0; m < 3; m++)
        free(W->tm[m]);
    free(W->rho0);
    free(W->t);
    free(W->t_err);
    W->rho0 = NULL;
}

double ng_ness_sweep_series(const ng_ness_sweep_t W, int order, int l, double lambda)
{
    double s = 0.0, p = 1.0;
    for (int m = 0; m <= order; m++, p *= lambda)
        s += p * W->tm[m][l - 1];
    return s;
}

/* max_l |t_l − Σ_{m ≤ order} λ^m t_l^(m)| */
static double series_error(const ng_ness_sweep_t W, const double *t, int order, double lam)
{
    double e = 0.0;
    for (int l = 0; l < W->N; l++)
        e = fmax(e, fabs(t[l] - ng_ness_sweep_series(W, order, l + 1, lam)));
    return e;
}

static double hs_distance(const double complex *a, const double complex *b, slong len)
{
    double s = 0.0;
    for (slong k = 0; k < len; k++) {
        double complex d = a[k] - b[k];
        s += creal(d) * creal(d) + cimag(d) * cimag(d);
    }
    return sqrt(s);
}

/* J_L/λ² against its partial sums J^[2] + … + λ^m J^[2+m], the balance
 * |J_L + J_R|/λ² and the bond currents' spread max_l |j_l − J_L|/λ². */
static void add_currents(ng_ness_sweep_t W, int k, double lam, const ng_current_values_d *V)
{
    double l2 = lam * lam, y = V->J[0] / l2, s = 0.0, p = 1.0;
    W->JL[k] = y;
    for (int m = 0; m <= W->order; m++, p *= lam) {
        s += p * W->J[m];
        W->Jerr[m][k] = fabs(y - s);
    }
    W->Jsum[k] = fabs(V->sum) / l2;
    W->Jbond[k] = 0.0;
    for (int l = 0; l + 2 < V->N; l++)
        W->Jbond[k] = fmax(W->Jbond[k], fabs(V->j[l] - V->J[0]) / l2);
}

void ng_ness_sweep_add(ng_ness_sweep_t W, const ng_ness_point_t X)
{
    int k = W->n++;
    double lam = X->S->lambda;
    W->lambda[k] = lam;
    for (int m = 0; m <= W->order; m++)
        W->err[m][k] = series_error(W, X->O->t, m, lam);
    W->err_rho0[k] = W->rho0 != NULL ? hs_distance(X->S->rho, W->rho0, X->S->n * X->S->n) : NAN;
    W->eq150_gap[k] = fabs(X->O->eq150_lhs - X->O->eq150_rhs);
    W->iterations[k] = X->S->iterations;
    W->digits[k] = X->S->trusted_digits;
    memcpy(W->t + k * W->N, X->O->t, (size_t)W->N * sizeof(double));
    memcpy(W->t_err + k * W->N, X->E->t, (size_t)W->N * sizeof(double));
    add_currents(W, k, lam, &X->V);
}

double ng_ness_sweep_fit(const ng_ness_sweep_t W, const double *err)
{
    double l2[NG_NESS_SWEEP_MAX], e2[NG_NESS_SWEEP_MAX];
    int m = 0;
    for (int k = 0; k < W->n; k++)
        if (W->lambda[k] <= NG_NESS_SWEEP_FIT_MAX) {
            l2[m] = W->lambda[k];
            e2[m++] = err[k];
        }
    return m >= 3 ? ng_ness_fit_order(l2, e2, m) : ng_ness_fit_order(W->lambda, err, W->n);
}
