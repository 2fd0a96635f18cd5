/* The eigen route (engine.h): certified eigenpairs of P0 H1 P0 by sector
 * (sym_eig.c), the rate matrix of Eq. 47 (rates.c), its certified stationary
 * populations (stationary.c), and the local entries of
 * ρ0 = Σ_a p_a |E_a⟩⟨E_a| (Eqs. 45–47). */
#include <time.h>

#include "internal.h"

/* Seconds of CPU time, for the progress lines of long runs. */
static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* ⟨s|ρ0|s'⟩ = Σ_a V_sa p_a V_s'a within each sector, for s' = s and the
 * nearest-neighbour hops s' = s ⊕ b_l: one dot product each, O(N 2^N
 * C(N, N/2)) in all instead of the products V diag(p) Vᵀ. */
static void local_from_eigen(ng_engine_local_t L, const arb_mat_struct *V, arb_srcptr p,
                             const _ng_hilbert *H, const ng_ring_t R, slong prec)
{
    arb_t t;
    arb_init(t);
    for (int k = 0; k <= H->N; k++) {
        slong d = H->sec_dim[k];
        arb_mat_t VP;
        arb_mat_init(VP, d, d);
        for (slong i = 0; i < d; i++)
            for (slong a = 0; a < d; a++)
                arb_mul(arb_mat_entry(VP, i, a), arb_mat_entry(V + k, i, a),
                        p + H->sec_off[k] + a, prec);
        for (slong i = 0; i < d; i++) {
            ulong s = H->states[H->sec_off[k] + i];
            arb_dot(t, NULL, 0, VP->rows[i], 1, V[k].rows[i], 1, d, prec);
            ng_elem_set_arb(ng_vec_entry(L->diag, s, R), t, R);
            for (int l = 0; l + 1 < H->N; l++) {
                ulong s2 = s ^ (UWORD(3) << l);
                if (_ng_sector(s2) != k)
                    continue;
                arb_dot(t, NULL, 0, VP->rows[i], 1, V[k].rows[H->pos[s2]], 1, d, prec);
                ng_elem_set_arb(ng_vec_entry(L->hop_re, _ng_local_hop(L, s, l), R), t, R);
                ng_elem_zero(ng_vec_entry(L->hop_im, _ng_local_hop(L, s, l), R), R);
            }
        }
        arb_mat_clear(VP);
    }
    arb_clear(t);
}

/* Whether some rate between adjacent sectors is not exactly 0: exact zeros
 * come from exactly vanishing bath data (c = 0, x^x = x^y = 0), never from
 * cancellation, so this is the zero pattern of DESIGN §3, not a small ball. */
static int rates_couple_sectors(const _ng_rate_blocks *W, const _ng_hilbert *H)
{
    for (int k = 0; k < H->N; k++)
        if (!arb_mat_is_zero(W->up + k) || !arb_mat_is_zero(W->down + k))
            return 1;
    return 0;
}

ng_status _ng_engine_rho0_eigen(ng_engine_rho0_t res, const ng_model_t M, slong prec,
                                int *retry, const ng_engine_opts *opts)
{
    _ng_hilbert H;
    _ng_terms T;
    ng_op_t H1;
    arb_ptr *E;
    arb_mat_struct *V;
    _ng_rate_blocks W;
    arb_ptr p;
    ng_status st = NG_OK;
    int N = M->N;

    *retry = 0;
    _ng_hilbert_init(&H, N);
    ng_op_init(H1, N, NG_PAULI, M->R);
    ng_model_h1(H1, M);
    _ng_terms_init(&T, H1, M->R);
    _ng_eigensystem_init(&E, &V, &H);
    _ng_rate_blocks_init(&W, &H);
    p = _arb_vec_init(H.dim);

    res->route = NG_ENGINE_EIGEN;
    res->prec = prec;
    res->dim_p1 = H.dim;
    if (!_ng_engine_eigensystem(E, V, &T, &H, prec, opts->progress)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the levels of P0 H1 P0 cannot be separated at %ld bits "
                                   "(degenerate, or nearly so)", (long)prec);
        goto cleanup;
    }
    /* progress weights: CPU at N = 10 (1.6 s): eigenpairs 35 %, rate matrix
     * 50 %, rate equation 14 %, observables 1 % */
    _ng_engine_progress(opts, 0.35, "eigenpairs of P0 H1 P0");
    res->have_spacing = 0;
    for (int k = 0; k <= N; k++)
        _ng_engine_min_gap(res->spacing, &res->have_spacing, E[k], H.sec_dim[k], prec);
    _ng_rate_blocks_assemble(&W, M, V, &H, prec, opts, 0.35, 0.85);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  rate matrix done (%.2f s CPU); rate equation\n",
                cpu_seconds());
    if (!rates_couple_sectors(&W, &H)) {
        st = ng_error(NG_ENOTUNIQUE,
                      "rho0 is not unique: neither bath can flip a spin (every rate between "
                      "magnetisation sectors of Eq. 47 is exactly 0), so the population of "
                      "every sector is conserved at zeroth order");
        goto cleanup;
    }
    if (!_ng_stationary(p, &W, &H, prec)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the rate equation (Eq. 47) cannot be solved at %ld bits",
                      (long)prec);
        goto cleanup;
    }
    if (opts->progress != NULL)
        fprintf(opts->progress, "  rate equation solved (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 0.99, "rate equation (Eq. 47)");
    local_from_eigen(res->local, V, p, &H, res->R, prec);
    _ng_obs_from_local(res->obs, res->local, &H, res->R);
    if (opts->keep_state)
        _ng_engine_state_from_eigen(res, V, p, N, prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  observables done (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 1.0, "observables");

cleanup:
    _ng_eigensystem_clear(E, V, &H);
    _ng_rate_blocks_clear(&W);
    _arb_vec_clear(p, H.dim);
    _ng_terms_clear(&T, M->R);
    ng_op_clear(H1, M->R);
    _ng_hilbert_clear(&H);
    return st;
}
