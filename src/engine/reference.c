/* What the commands that compare with finite-λ data need from the engine,
 * written once (was in gen/: check, ness sweep, the sweep's currents, and
 * the check of observables; series' sum at λ; rho0's Eq. 103). */
#include <string.h>

#include "nessgen/engine.h"

void ng_engine_series_sum_obs(ng_engine_obs_t O, const ng_engine_series_t S, ng_srcptr lambda)
{
    ng_ptr zero = ng_elem_new(S->R);
    ng_elem_zero(zero, S->R);
    ng_engine_obs_addmul(O, S->obs + S->order, S->obs + S->order, zero, S->R);
    for (int m = S->order - 1; m >= 0; m--)
        ng_engine_obs_addmul(O, S->obs + m, O, lambda, S->R);
    ng_elem_free(zero, S->R);
}

void ng_engine_rho0_eq103(ng_ptr g, ng_ptr a, const ng_engine_rho0_t res)
{
    const ng_ring_struct *R = res->R;
    ng_ptr t = ng_elem_new(R);
    ng_elem_zero(g, R);
    for (ulong s = 0; s < 4; s++) {
        ng_srcptr x = ng_vec_srcentry(res->local->diag, s, R);
        if (s == 1 || s == 2)
            ng_elem_sub(g, g, x, R);
        else
            ng_elem_add(g, g, x, R);
    }
    ng_elem_mul(t, ng_vec_entry(res->obs->t, 0, R), ng_vec_entry(res->obs->t, 1, R), R);
    ng_elem_sub(g, g, t, R);
    ng_elem_mul_2exp_si(g, g, -2, R);
    ng_elem_mul_2exp_si(a, ng_vec_entry(res->obs->rho_a, 0, R), -3, R);
    ng_elem_free(t, R);
}

ng_status ng_engine_reference(ng_engine_reference_t ref, ng_model_t M,
                              const ng_engine_opts *opts)
{
    ng_status st;
    memset(ref, 0, sizeof *ref);
    st = ng_engine_series(ref->S, M, 2, opts);
    ref->have_series = 1; /* cleared whatever the status (engine.h) */
    if (st == NG_OK) {
        ref->order = 2;
        for (int m = 0; m <= 2; m++) {
            ref->term[m].S = ref->S;
            ref->term[m].m = m;
        }
        return NG_OK;
    }
    ng_engine_series_clear(ref->S);
    ref->have_series = 0;
    if (st == NG_EINPUT)
        return st;
    ng_error_clear(); /* the series refused: ρ0 alone */
    st = ng_engine_rho0(ref->R0, M, opts);
    ref->have_rho0 = 1;
    ref->order = 0;
    return st;
}

void ng_engine_reference_clear(ng_engine_reference_t ref)
{
    if (ref->have_series)
        ng_engine_series_clear(ref->S);
    if (ref->have_rho0)
        ng_engine_rho0_clear(ref->R0);
    ref->have_series = ref->have_rho0 = 0;
}

const ng_engine_obs_struct *ng_engine_reference_obs(const ng_engine_reference_t ref, int m)
{
    return ref->have_series ? ref->S->obs + m : ref->R0->obs;
}

const ng_ring_struct *ng_engine_reference_ring(const ng_engine_reference_t ref)
{
    return ref->have_series ? ref->S->R : ref->R0->R;
}

void ng_engine_reference_t_d(double *t, const ng_engine_reference_t ref, int m)
{
    const ng_engine_obs_struct *O = ng_engine_reference_obs(ref, 0);
    const ng_ring_struct *R = ng_engine_reference_ring(ref);
    if (m <= ref->order)
        O = ng_engine_reference_obs(ref, m);
    for (int l = 0; l < O->N; l++)
        t[l] = m <= ref->order ? ng_elem_get_d(ng_vec_srcentry(O->t, l, R), R) : 0.0;
}

void ng_engine_reference_expect_fn(ng_string_expect_fn *f, const void **state,
                                   const ng_engine_reference_t ref, int m)
{
    if (ref->have_series) {
        *f = ng_engine_series_expect;
        *state = ref->term + m;
    } else {
        *f = ng_engine_rho0_expect;
        *state = ref->R0;
    }
}
