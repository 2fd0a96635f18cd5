/* The two-spin study behind `nessgen two-spin`: the derivation for the
 * parameters as given, for equal baths (Eqs. 111–114, K of Eq. 114 and its
 * limits θ = π/2, θ → 0) and at θ = π/2 (Sect. IV B, App. B). */
#include <string.h>

#include "nessgen/two_spin.h"

#include "twospin_internal.h"

ng_status ng_two_spin_model(ng_model_t M, const ng_model_spec *spec,
                            const char *const *overrides, slong prec)
{
    static const char *const unknowns[3] = {"t1", "t2", "g"};
    ng_model_spec *s = ng_model_spec_copy(spec);
    ng_status st = ng_model_spec_set_symbolic_defaults(s);
    ng_model_spec_set_hold_reals(s); /* theta = 1: symbolic, K(1) as a ball at the end */
    if (st == NG_OK)
        st = ng_model_spec_add_symbols(s, unknowns, 3);
    if (st == NG_OK)
        st = ng_model_spec_set(s, "N", "2");
    for (int i = 0; overrides != NULL && overrides[i] != NULL && st == NG_OK; i += 2)
        st = ng_model_spec_set(s, overrides[i], overrides[i + 1]);
    if (st == NG_OK)
        st = ng_model_resolve(M, s, prec);
    ng_model_spec_free(s);
    return st;
}

int ng_two_spin_K(ng_ptr K, const ng_two_spin_t T, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    ng_ptr d = ng_elem_new(R);
    int ok;
    ng_elem_sub(K, T->t1, T->t2, R);
    ok = ng_two_spin_eval_text(d, "tL-tR", M) == NG_OK && ng_elem_div(K, K, d, R);
    ng_elem_free(d, R);
    return ok;
}

static ng_status run_init(ng_two_spin_run_struct *r, const ng_model_spec *spec,
                          const char *const *overrides, slong prec)
{
    ng_status st = ng_two_spin_model(r->M, spec, overrides, prec);
    if (st != NG_OK)
        return st;
    r->resolved = 1;
    st = ng_two_spin_derive(r->T, r->M);
    r->ok = st == NG_OK;
    if (!r->ok)
        snprintf(r->note, sizeof r->note, "%s", ng_error_message());
    return st;
}

static void run_clear(ng_two_spin_run_struct *r)
{
    if (!r->resolved)
        return;
    ng_two_spin_clear(r->T);
    ng_model_clear(r->M);
}

/* K at u_θ = tan(θ/2) = 1 (θ = π/2) and u_θ = 0 (θ → 0). */
static void K_limits(ng_two_spin_study_t S)
{
    const ng_ring_struct *R = S->equal.M->R;
    slong u = ng_ring_param_index(R, "u_theta");
    fmpq_t v;
    if (u < 0)
        return;
    fmpq_init(v);
    for (int k = 0; k < 2; k++) {
        S->K_limit[k] = ng_elem_new(R);
        fmpq_set_si(v, k == 0, 1);
        S->have_K_limit[k] = ng_elem_substitute_fmpq(S->K_limit[k], S->K, u, v, R);
    }
    fmpq_clear(v);
}

static void K_held(ng_two_spin_study_t S, slong prec)
{
    const ng_two_spin_run_struct *r = &S->general;
    const ng_ring_struct *R = r->M->R;
    ng_ptr K;
    if (r->M->nheld == 0 || !r->ok)
        return;
    S->have_K_held = 1;
    K = ng_elem_new(R);
    S->K_held_ok = ng_two_spin_K(K, r->T, r->M) &&
                   ng_model_eval_held(S->K_held, K, r->M, prec, S->K_missing,
                                      sizeof S->K_missing);
    ng_elem_free(K, R);
}

ng_status ng_two_spin_study_init(ng_two_spin_study_t S, const ng_model_spec *spec, slong prec,
                                 slong held_prec)
{
    static const char *const equal[] = {"c", "c", "d", "d", NULL};
    static const char *const flat[] = {"theta", "pi/2", NULL};
    ng_status st;
    memset(S, 0, sizeof *S);
    arb_init(S->K_held);
    st = run_init(&S->general, spec, NULL, prec);
    if (st != NG_OK)
        return st;
    /* a model without c, d or θ simply has no equal or flat run */
    S->have_equal = run_init(&S->equal, spec, equal, prec) == NG_OK;
    run_init(&S->flat, spec, flat, prec);
    S->have_flat = S->flat.resolved;
    if (S->flat.ok) {
        S->flat_diff = ng_elem_new(S->flat.M->R);
        ng_elem_sub(S->flat_diff, S->flat.T->t1, S->flat.T->t2, S->flat.M->R);
    }
    if (S->have_equal) {
        S->K = ng_elem_new(S->equal.M->R);
        S->have_K = ng_two_spin_K(S->K, S->equal.T, S->equal.M);
        if (S->have_K)
            K_limits(S);
    }
    K_held(S, held_prec);
    _ng_two_spin_study_compare(S);
    return NG_OK;
}

void ng_two_spin_study_clear(ng_two_spin_study_t S)
{
    _ng_two_spin_study_compare_clear(S);
    if (S->K != NULL) {
        const ng_ring_struct *R = S->equal.M->R;
        ng_elem_free(S->K, R);
        for (int k = 0; k < 2; k++)
            if (S->K_limit[k] != NULL)
                ng_elem_free(S->K_limit[k], R);
    }
    arb_clear(S->K_held);
    if (S->flat_diff != NULL)
        ng_elem_free(S->flat_diff, S->flat.M->R);
    run_clear(&S->general);
    run_clear(&S->equal);
    run_clear(&S->flat);
}
