/* The series' result beyond the engine's terms (results.h): the
 * --observable values of each ρ_m, the currents' coefficients of λ^p
 * (p = 1 .. order + 1: J^[p] needs ρ_{p−2}, ρ_{p−3}, the bond currents ρ_{p−1},
 * ρ_{p−2}; observable.h), with --lambda both at the sum, and the λ range of
 * the truncated sum. */
#include <math.h>
#include <string.h>

#include "nessgen/results.h"

ng_status ng_series_parse_lambda(ng_ptr lambda, const char *text, const ng_ring_t R)
{
    ng_expr *e;
    arb_t a;
    ng_status st;
    int ok;
    if (strchr(text, ',') != NULL)
        return ng_error(NG_EINPUT, "--lambda: expected one value (ness takes lists), got %s",
                        text);
    if ((st = ng_expr_parse(&e, text, "--lambda")) != NG_OK)
        return st;
    arb_init(a);
    st = ng_expr_eval(lambda, e, R);
    ok = st == NG_OK && ng_elem_get_arb(a, lambda, R->prec, R) && arb_is_positive(a);
    arb_clear(a);
    ng_expr_free(e);
    if (st != NG_OK)
        return st;
    return ok ? NG_OK : ng_error(NG_EINPUT, "--lambda: expected a number > 0, got %s", text);
}

/* The truncation error of Σ_{m ≤ order} λ^m t_m is about the next term,
 * λ^{order+1} T_{order+1} with T_k = max_l |t_{k,l}|, and T_{order+1} is
 * extrapolated from the growth of the computed terms: T_order times the
 * larger of the last two ratios T_k / T_{k−1} (the ratios grow — the series
 * is asymptotic; tilted Ising N = 8: T_k ≈ 0.8, 0.7, 20, 1.7e4, 1.7e8,
 * 1.8e11 for k = 0..5).  NaN for order 0 (no growth to read). */
void ng_series_truncation_compute(ng_series_truncation *r, const ng_engine_series_t S,
                                  slong digits)
{
    int m = S->order;
    for (int k = 0; k <= m; k++) {
        r->tmax[k] = 0.0;
        for (int l = 0; l < S->obs[k].N; l++)
            r->tmax[k] = fmax(r->tmax[k],
                              fabs(ng_elem_get_d(ng_vec_srcentry(S->obs[k].t, l, S->R), S->R)));
    }
    r->next = r->lambda_max = NAN;
    if (m >= 1 && r->tmax[m - 1] > 0.0) {
        double ratio = r->tmax[m] / r->tmax[m - 1];
        if (m >= 2 && r->tmax[m - 2] > 0.0)
            ratio = fmax(ratio, r->tmax[m - 1] / r->tmax[m - 2]);
        r->next = r->tmax[m] * ratio;
        if (r->next > 0.0)
            r->lambda_max = pow(pow(10.0, -(double)digits) / r->next, 1.0 / (m + 1));
    }
}

/* Σ_m λ^m raw_m by Horner's rule, into the currents at λ. */
static void currents_at_sum(ng_series_result_t r, ng_srcptr raw, slong n)
{
    const ng_ring_struct *R = r->S->R;
    ng_ptr rs = ng_vec_init(n, R), t = ng_elem_new(R);
    for (slong k = 0; k < n; k++) {
        ng_ptr y = ng_vec_entry(rs, k, R);
        for (int m = r->S->order; m >= 0; m--) {
            ng_elem_mul(t, y, r->lambda, R);
            ng_elem_add(y, t, ng_vec_srcentry(raw, m * n + k, R), R);
        }
    }
    ng_current_values_init(r->sum_J, r->S->obs[0].N, R);
    ng_current_values_at(r->sum_J, rs, r->lambda, R);
    ng_vec_clear(rs, n, R);
    ng_elem_free(t, R);
}

static ng_status extras_compute(ng_series_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = r->S->R;
    int N = M->N, order = r->S->order;
    slong n = ng_currents_nraw(N);
    ng_currents_ctx_t C;
    ng_ptr raw = ng_vec_init(n * (order + 1), R);
    ng_status st = NG_OK;
    ng_currents_ctx_init(C, M);
    r->vals = flint_malloc((order + 1) * sizeof(ng_obs_values_struct));
    r->J = flint_malloc((order + 1) * sizeof(ng_current_values_struct));
    r->have_extras = 1;
    for (int m = 0; m <= order; m++) {
        ng_engine_series_term tm = {r->S, m};
        ng_status s1 = ng_obs_values_eval(r->vals + m, r->U, N, ng_engine_series_expect, &tm,
                                          R, r->S->prec);
        ng_status s2 = ng_currents_raw(ng_vec_entry(raw, m * n, R), C->C, M->R,
                                       ng_engine_series_expect, &tm, R);
        if (st == NG_OK)
            st = s1 != NG_OK ? s1 : s2;
        ng_current_values_init(r->J + m, N, R);
        ng_current_values_order(r->J + m, raw, order, m + 1, R);
    }
    if (r->have_sum) {
        ng_obs_values_copy(r->sum_vals, r->vals + order);
        for (int m = order - 1; m >= 0; m--)
            ng_obs_values_horner(r->sum_vals, r->vals + m, r->lambda);
        currents_at_sum(r, raw, n);
    }
    ng_vec_clear(raw, n * (order + 1), R);
    ng_currents_ctx_clear(C);
    return st;
}

ng_status ng_series_result_compute(ng_series_result_t r, ng_model_t M, int order,
                                   ng_engine_opts *opts, const ng_user_obs_t U,
                                   const char *lambda, slong digits)
{
    ng_status st;
    memset(r, 0, sizeof *r);
    r->U = U;
    opts->keep_state = 1; /* the terms ρ_m for --observable and the currents */
    st = ng_engine_series(r->S, M, order, opts);
    if (st != NG_OK)
        return st;
    if (lambda != NULL) {
        r->lambda_text = strcpy(flint_malloc(strlen(lambda) + 1), lambda);
        r->lambda = ng_elem_new(r->S->R);
        if ((st = ng_series_parse_lambda(r->lambda, lambda, r->S->R)) != NG_OK)
            return st;
        r->have_sum = 1;
        ng_engine_obs_init(r->sum, M->N, r->S->R);
        ng_engine_series_sum_obs(r->sum, r->S, r->lambda);
    }
    r->odd_symmetric = ng_engine_odd_symmetry(M) == T_TRUE;
    ng_series_truncation_compute(&r->trunc, r->S, digits);
    return extras_compute(r, M);
}

void ng_series_result_clear(ng_series_result_t r)
{
    ng_engine_series_struct *S = r->S;
    const ng_ring_struct *R = S->R;
    for (int m = 0; r->have_extras && m <= S->order; m++) {
        ng_obs_values_clear(r->vals + m);
        ng_current_values_clear(r->J + m, R);
    }
    flint_free(r->vals);
    flint_free(r->J);
    if (r->have_sum) {
        ng_engine_obs_clear(r->sum, R);
        if (r->have_extras) {
            ng_obs_values_clear(r->sum_vals);
            ng_current_values_clear(r->sum_J, R);
        }
    }
    if (r->lambda != NULL)
        ng_elem_free(r->lambda, R);
    flint_free(r->lambda_text);
    r->have_extras = r->have_sum = 0;
    r->vals = NULL;
    r->J = NULL;
    r->lambda = NULL;
    r->lambda_text = NULL;
    ng_engine_series_clear(S);
}
