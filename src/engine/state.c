/* ρ0 kept after the run, for the expectation of any Pauli string
 * (ng_engine_rho0_expect): the eigen route keeps its certified eigenvectors
 * V_k and V_k diag(p) of each sector, ρ0 = Σ_a p_a |E_a⟩⟨E_a|; the commutant
 * route its sector blocks.  ρ0 conserves the magnetisation, so only strings
 * whose flips stay inside a sector (as many spins up as down flipped) see it:
 *   Tr(P ρ0) = Σ_s i^{ph(s)} ⟨s|ρ0|s ⊕ x⟩ = Σ_s i^{ph(s)} Σ_a (V_k)_{s a} p_a (V_k)_{s⊕x,
 * a}, one weighted dot product per state of the sector: O(Σ_k C(N,k)²) per string, the
 * size of V itself, instead of the O(Σ_k C(N,k)³) of forming ρ0's blocks; V is handed
 * over by the route, so keeping ρ0 costs no memory beyond the run's own peak. */
#include "internal.h"

struct _ng_engine_state_struct {
    _ng_hilbert H;
    slong prec;
    arb_mat_struct *V;      /* eigen route, per sector; NULL otherwise */
    arb_ptr p;              /* eigen route: populations, indexed like H.states */
    ng_mat_struct *re, *im; /* commutant route, per sector, over the result's ring */
};

static _ng_engine_state *state_new(int N)
{
    _ng_engine_state *S = flint_calloc(1, sizeof(_ng_engine_state));
    _ng_hilbert_init(&S->H, N);
    return S;
}

void _ng_engine_state_from_eigen(ng_engine_rho0_t res, arb_mat_struct *V, arb_srcptr p,
                                 int N, slong prec)
{
    _ng_engine_state *S = state_new(N);
    S->prec = prec;
    S->V = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    S->p = _arb_vec_init(S->H.dim);
    _arb_vec_set(S->p, p, S->H.dim);
    for (int k = 0; k <= N; k++) {
        arb_mat_init(S->V + k, 0, 0);
        arb_mat_swap(S->V + k,
                     V + k); /* V is left empty, as _ng_eigensystem_clear allows */
    }
    _ng_engine_state_clear(res);
    res->state = S;
}

void _ng_engine_state_from_blocks(ng_engine_rho0_t res, ng_mat_struct **re,
                                  ng_mat_struct **im, int N)
{
    _ng_engine_state *S = state_new(N);
    S->re = *re;
    S->im = *im;
    *re = *im = NULL;
    _ng_engine_state_clear(res);
    res->state = S;
}

void _ng_engine_state_clear(ng_engine_rho0_t res)
{
    _ng_engine_state *S = res->state;
    if (S == NULL)
        return;
    if (S->V != NULL) {
        for (int k = 0; k <= S->H.N; k++)
            arb_mat_clear(S->V + k);
        _arb_vec_clear(S->p, S->H.dim);
    }
    flint_free(S->V);
    _ng_blocks_clear(S->re, S->im, S->H.N, res->R);
    _ng_hilbert_clear(&S->H);
    flint_free(S);
    res->state = NULL;
}

/* Re Tr(P ρ0) from the eigenvectors: only even phases survive (ρ0 is real
 * symmetric on this route, and Tr(Pρ0) is real). */
static void expect_eigen(ng_ptr val, ng_string P, const _ng_engine_state *S,
                         const ng_ring_t R)
{
    const _ng_hilbert *H = &S->H;
    int k0 = __builtin_popcountll(P.x & P.z) & 3;
    arb_t acc, t;
    arb_ptr row = _arb_vec_init(H->sec_dim[H->N / 2]); /* the largest sector */
    arb_init(acc);
    arb_init(t);
    for (slong s = 0; s < H->dim; s++) {
        ulong s2 = (ulong)s ^ P.x;
        int k = _ng_sector(s), ph = (k0 + 2 * __builtin_popcountll(P.z & (ulong)s)) & 3;
        slong d = H->sec_dim[k];
        if (_ng_sector(s2) != k || (ph & 1))
            continue;
        /* ⟨s|ρ0|s2⟩ = Σ_a V_{s a} p_a V_{s2 a} */
        for (slong a = 0; a < d; a++)
            arb_mul(row + a, S->V[k].rows[H->pos[s]] + a, S->p + H->sec_off[k] + a,
                    S->prec);
        arb_dot(t, NULL, 0, row, 1, S->V[k].rows[H->pos[s2]], 1, d, S->prec);
        (ph == 0 ? arb_add : arb_sub)(acc, acc, t, S->prec);
    }
    ng_elem_set_arb(val, acc, R);
    _arb_vec_clear(row, H->sec_dim[H->N / 2]);
    arb_clear(acc);
    arb_clear(t);
}

static void expect_blocks(ng_ptr val, ng_string P, const _ng_engine_state *S,
                          const ng_ring_t R)
{
    const _ng_hilbert *H = &S->H;
    int k0 = __builtin_popcountll(P.x & P.z) & 3;
    ng_ptr one = ng_elem_new(R), im = ng_elem_new(R), tmp = ng_elem_new(R);
    ng_elem_one(one, R);
    ng_elem_zero(val, R);
    for (slong s = 0; s < H->dim; s++) {
        ulong s2 = (ulong)s ^ P.x;
        int k = _ng_sector(s), ph = (k0 + 2 * __builtin_popcountll(P.z & (ulong)s)) & 3;
        slong i = H->pos[s], j = H->pos[s2];
        if (_ng_sector(s2) != k)
            continue;
        _ng_cplx_addmul_phase(val, im, one, ph, ng_mat_entry(S->re + k, i, j, R),
                              ng_mat_entry(S->im + k, i, j, R), tmp, R);
    }
    ng_elem_free(one, R);
    ng_elem_free(im, R);
    ng_elem_free(tmp, R);
}

void ng_engine_rho0_expect(ng_ptr val, ng_string P, const void *rho0)
{
    const ng_engine_rho0_struct *res = rho0;
    const _ng_engine_state *S = res->state;
    if (S == NULL)
        flint_abort(); /* a caller's bug: opts.keep_state was not set */
    if (S->V != NULL)
        expect_eigen(val, P, S, res->R);
    else
        expect_blocks(val, P, S, res->R);
}
