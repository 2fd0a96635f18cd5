/* ρ0 with free names (issue 14, results.h): the observables as exact
 * rational functions of the names (θ through u_theta = tan(θ/2)),
 * reconstructed by ng_engine_rho0_closed; K_N = (t_1 − t_N)/(t_L − t_R) with
 * its limits θ → 0 (u_θ → 0) and θ → π/2 (u_θ → 1); Eq. 150 decided as an
 * identity of rational functions. */
#include <string.h>

#include "nessgen/results.h"

/* K_N = (t_1 − t_N)/(t_L − t_R) (Eq. 114 for N = 2) and its limits. */
static void derive_K(ng_rho0_closed_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    slong u = ng_ring_param_index(R, "u_theta");
    ng_ptr d = ng_elem_new(R);
    ng_elem_sub(d, M->t[0], M->t[1], R);
    ng_elem_sub(r->K, ng_vec_entry(r->C->obs->t, 0, R),
                ng_vec_entry(r->C->obs->t, M->N - 1, R), R);
    r->have_K = ng_elem_div(r->K, r->K, d, R);
    for (int i = 0; i < 2 && r->have_K && u >= 0; i++) {
        fmpq_t v;
        fmpq_init(v);
        fmpq_set_si(v, i, 1);
        r->K_limit_ok[i] = ng_elem_substitute_fmpq(r->K_limit[i], r->K, u, v, R);
        fmpq_clear(v);
    }
    ng_elem_free(d, R);
}

static void derive_eq150(ng_rho0_closed_result_t r, const ng_model_t M)
{
    if (M->N < 3)
        return;
    r->have_eq150 = ng_engine_eq150(r->lhs, r->rhs, r->C->obs, M, M->R);
    r->eq150_identity = r->have_eq150 && ng_elem_equal(r->lhs, r->rhs, M->R) == T_TRUE;
}

ng_status ng_rho0_closed_result_compute(ng_rho0_closed_result_t r, const ng_model_t M,
                                        const ng_engine_opts *opts)
{
    const ng_ring_struct *R = M->R;
    ng_status st;
    memset(r, 0, sizeof *r);
    r->R = R;
    r->K = ng_elem_new(R);
    r->lhs = ng_elem_new(R);
    r->rhs = ng_elem_new(R);
    r->K_limit[0] = ng_elem_new(R);
    r->K_limit[1] = ng_elem_new(R);
    st = ng_engine_rho0_closed(r->C, M, opts, NULL);
    if (st != NG_OK)
        return st;
    derive_K(r, M);
    derive_eq150(r, M);
    return NG_OK;
}

void ng_rho0_closed_result_clear(ng_rho0_closed_result_t r)
{
    const ng_ring_struct *R = r->R;
    ng_engine_closed_struct *C = r->C;
    ng_elem_free(r->K, R);
    ng_elem_free(r->lhs, R);
    ng_elem_free(r->rhs, R);
    ng_elem_free(r->K_limit[0], R);
    ng_elem_free(r->K_limit[1], R);
    ng_engine_closed_clear(C);
}
