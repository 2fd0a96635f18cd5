/* ρ0's result beyond the engine's observables, and the report of `nessgen
 * rho0` (results.h): the --observable values, the λ² coefficients of the
 * currents, J_ν^[2] = ⟨D_ν†(H0)⟩_ρ0, with the contact law h Γ_ν (t_e − t_ν)
 * they equal (observable.h), and Eq. 103's g for two spins. */
#include <string.h>

#include "nessgen/results.h"

/* J^[2] from ρ0 alone: the bath terms (bond currents need ρ1). */
static ng_status currents_compute(ng_rho0_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = r->res->R;
    slong n = ng_currents_nraw(M->N);
    ng_currents_ctx_t C;
    ng_ptr raw = ng_vec_init(n, R);
    ng_status st;
    ng_currents_ctx_init(C, M);
    st = ng_currents_raw_baths(raw, C->C, M->R, ng_engine_rho0_expect, r->res, R);
    if (st == NG_OK)
        ng_current_values_order(r->J, raw, 0, 2, R);
    ng_vec_clear(raw, n, R);
    ng_currents_ctx_clear(C);
    return st;
}

/* The contact law J_ν^[2] = h Γ_ν (t_e − t_ν), t_e = t_1 or t_N. */
static void contact_law(ng_rho0_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = r->res->R;
    ng_ptr g = ng_elem_new(M->R), t = ng_elem_new(R);
    for (int nu = 0; nu < 2; nu++) {
        ng_ptr gn = ng_vec_entry(r->gamma, nu, R), w = ng_vec_entry(r->newton, nu, R);
        ng_currents_contact_rate(g, M, nu);
        ng_elem_set_other_ring(gn, g, M->R, R);
        ng_elem_set_other_ring(t, M->t[nu], M->R, R);
        ng_elem_sub(w, ng_vec_srcentry(r->res->obs->t, nu == 0 ? 0 : M->N - 1, R), t, R);
        ng_elem_mul(w, w, gn, R);
        ng_elem_set_other_ring(t, M->h, M->R, R);
        ng_elem_mul(w, w, t, R);
    }
    ng_elem_free(g, M->R);
    ng_elem_free(t, R);
}

ng_status ng_rho0_result_compute(ng_rho0_result_t r, ng_model_t M, ng_engine_opts *opts,
                                 const ng_user_obs_t U, slong digits)
{
    ng_status st;
    const ng_ring_struct *R;
    memset(r, 0, sizeof *r);
    r->U = U;
    opts->keep_state = 1; /* ρ0 for --observable and the currents */
    st = ng_engine_rho0(r->res, M, opts);
    if (st != NG_OK)
        return st;
    if (r->res->state == NULL) /* a route that did not keep ρ0 (internal.h) */
        return ng_error(NG_ECOMPUTE, "the route taken did not keep rho0 for the "
                                     "observables and currents");
    R = r->res->R;
    r->prec = FLINT_MAX(r->res->prec, 4 * digits + 64);
    r->have_extras = 1;
    ng_current_values_init(r->J, M->N, R);
    r->gamma = ng_vec_init(2, R);
    r->newton = ng_vec_init(2, R);
    r->have_eq103 = M->N == 2;
    r->g = ng_elem_new(R);
    r->a = ng_elem_new(R);
    st = ng_obs_values_eval(r->vals, U, M->N, ng_engine_rho0_expect, r->res, R, r->prec);
    if (st == NG_OK)
        st = currents_compute(r, M);
    contact_law(r, M);
    if (r->have_eq103)
        ng_engine_rho0_eq103(r->g, r->a, r->res);
    return st;
}

void ng_rho0_result_clear(ng_rho0_result_t r)
{
    ng_engine_rho0_struct *res = r->res;
    const ng_ring_struct *R = res->R;
    if (r->have_extras) {
        ng_obs_values_clear(r->vals);
        ng_current_values_clear(r->J, R);
        ng_vec_clear(r->gamma, 2, R);
        ng_vec_clear(r->newton, 2, R);
        ng_elem_free(r->g, R);
        ng_elem_free(r->a, R);
    }
    r->have_extras = 0;
    ng_engine_rho0_clear(res);
}
