/* The whole of Sect. IV C as `nessgen hierarchy` reports it: Eqs. 121–124 and
 * the window equations on a 4-site chain, the telescoped sum for N = 3 … nsum,
 * Eq. 150 with the paper's bath, the second route through the spin current,
 * and which parameters the derived equations contain. */
#include <string.h>

#include "nessgen/hierarchy.h"

/* Eqs. 121–124 on the 4-site chain C (bond (2,3), 1-based). */
static ng_status derive_ple(ng_hier_derivation_t D, const ng_hier_chain_t C)
{
    const ng_ring_struct *R = C->M->R;
    ng_named_basis_t B2;
    ng_ptr co = ng_vec_init(6, R);
    ng_hier_bond_t E;
    ng_hier_unknowns_t U;
    ng_status st, st2;
    D->eq121 = ng_vec_init(6, R);
    st = ng_hier_ple_component(D->eq121, 1, 2, 0, C->t, C->L);
    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    D->eq121_factorises = ng_p0l1_ple_bond(co, 1, C->t, B2, C->L);
    ng_named_basis_clear(B2, R);
    ng_vec_clear(co, 6, R);
    D->eq122 = ng_p0l1_ple_edges_vanish(C->t, C->L);
    D->eq123 = ng_p0l1_ple_one_site_vanish(C->t, C->L);
    D->eq124 = ng_hier_check_locality(&D->eq124_pairs, C->L);
    /* Eq. 121 as terms: the bond equation of L_I(l,l+1) without unknowns */
    ng_hier_unknowns_init(U);
    st2 = ng_hier_bond_init(E, 1, 2, 0, U, C->t, C->L);
    if (st2 == NG_OK)
        st2 = ng_hier_bond_terms(D->eq121_terms, E, NG_HIER_RHOB, C->t, NG_HIER_FROM_BOND,
                                 C->L);
    ng_hier_bond_clear(E, R);
    return st != NG_OK ? st : st2;
}

/* Eqs. 143–149 on the N-site chain, as coefficients and as expectation values. */
static ng_status derive_sum(ng_hier_derivation_t D, const ng_model_spec *spec, int N)
{
    ng_status st = ng_hier_chain_init(D->cs[N], spec, N, 0);
    if (st != NG_OK)
        return st;
    st = ng_hier_sum_init(D->sum[N], D->cs[N]->t, D->cs[N]->L);
    D->sum_ready[N] = 1;
    if (st != NG_OK)
        return st;
    ng_hier_sum_rhs_terms(D->rhs[N], D->sum[N], 0, D->cs[N]->M->R);
    ng_hier_sum_rhs_terms(D->rhs_e[N], D->sum[N], 1, D->cs[N]->M->R);
    return NG_OK;
}

/* Eq. 150 with the bath coupling of the same form (α_1^z = −α_zz t_L). */
static ng_status derive_paper_bath(ng_hier_derivation_t D)
{
    ng_status st = ng_hier_chain_init(D->cp, NULL, NG_HIER_COMPARE_N, 1);
    if (st != NG_OK)
        return st;
    st = ng_hier_sum_init(D->sum_p, D->cp->t, D->cp->L);
    D->sum_p_ready = 1;
    if (st == NG_OK)
        ng_hier_sum_rhs_terms(D->rhs_p, D->sum_p, 1, D->cp->M->R);
    return st;
}

/* Route 2: J0 = i[P0 H1, O] = k Δ on the generic chain of NG_HIER_COMPARE_N sites. */
static void derive_route2(ng_hier_derivation_t D)
{
    const ng_hier_chain_struct *C = D->cs[NG_HIER_COMPARE_N];
    const ng_ring_struct *R = C->M->R;
    int N = C->M->N;
    ng_op_t O;
    ng_op_init(D->J0, N, NG_PAULI, R);
    ng_op_init(D->Jn, N, NG_PAULI, R);
    ng_op_init(D->D, N, NG_PAULI, R);
    ng_op_init(D->L2O, N, NG_PAULI, R);
    ng_op_init(O, N, NG_PAULI, R);
    D->k = ng_elem_new(R);
    ng_hier_current_balance(D->J0, D->Jn, C->L);
    ng_hier_sum_violation_op(D->D, D->sum[NG_HIER_COMPARE_N], N, R);
    D->route_ok = ng_hier_route_relation(D->k, D->J0, D->D, R);
    ng_hier_spin_current(O, N, R);
    ng_hier_l2_adjoint(D->L2O, O, C->L);
    ng_op_clear(O, R);
}

/* Generic α: the parameters in the ρ^B, ρ^A, ρ^C window equations, and
 * whether α_xx, α_yy enter them only through α_+. */
static void derive_symbols(ng_hier_derivation_t D)
{
    const ng_ring_struct *R = D->c4->M->R;
    int *used = flint_calloc(FLINT_MAX(R->nvars, 1), sizeof(int));
    D->generic_only_sum = 1;
    for (int w = 0; w < 3; w++)
        for (int c = 0; c < 3; c++) {
            ng_hier_terms_symbols(used, D->win[w]->comp[c], R);
            D->generic_only_sum &=
                ng_hier_terms_only_via_alpha_plus(D->win[w]->comp[c], R);
        }
    D->symbols[0] = '\0';
    for (slong v = 0; v < R->nvars; v++)
        if (used[v]) {
            strncat(D->symbols, D->symbols[0] ? ", " : "", 500 - strlen(D->symbols));
            strncat(D->symbols, R->names[v], 500 - strlen(D->symbols));
        }
    flint_free(used);
}

ng_status ng_hier_derivation_init(ng_hier_derivation_t D, const ng_model_spec *spec,
                                  int nsum)
{
    ng_status st;
    memset(D, 0, sizeof *D);
    ng_hier_terms_init(D->eq121_terms);
    for (int N = 0; N <= NG_HIER_NMAX_SUM; N++) {
        ng_hier_terms_init(D->rhs[N]);
        ng_hier_terms_init(D->rhs_e[N]);
    }
    ng_hier_terms_init(D->rhs_p);
    if (nsum < NG_HIER_COMPARE_N || nsum > NG_HIER_NMAX_SUM)
        return ng_error(NG_EINPUT,
                        "hierarchy: the sums are derived for N = 3..n with "
                        "%d <= n <= %d, got n = %d",
                        NG_HIER_COMPARE_N, NG_HIER_NMAX_SUM, nsum);
    D->nsum = nsum;
    st = ng_hier_chain_init(D->c4, spec, 4, 0);
    if (st != NG_OK)
        return st;
    st = derive_ple(D, D->c4);
    for (int w = 0; w < 3 && st == NG_OK; w++, D->nwin++)
        st = ng_hier_window_init(D->win[w], (ng_hier_window_kind)w, D->c4);
    for (int N = 3; N <= nsum && st == NG_OK; N++)
        st = derive_sum(D, spec, N);
    if (st == NG_OK && spec == NULL)
        st = derive_paper_bath(D);
    if (st == NG_OK)
        derive_route2(D);
    if (st == NG_OK)
        derive_symbols(D);
    return st;
}

void ng_hier_derivation_clear(ng_hier_derivation_t D)
{
    if (D->k != NULL) {
        const ng_ring_struct *R = D->cs[NG_HIER_COMPARE_N]->M->R;
        ng_op_clear(D->J0, R);
        ng_op_clear(D->Jn, R);
        ng_op_clear(D->D, R);
        ng_op_clear(D->L2O, R);
        ng_elem_free(D->k, R);
        D->k = NULL;
    }
    if (D->cp->ready) {
        ng_hier_terms_clear(D->rhs_p, D->cp->M->R);
        if (D->sum_p_ready)
            ng_hier_sum_clear(D->sum_p, D->cp->M->R);
        D->sum_p_ready = 0;
        ng_hier_chain_clear(D->cp);
    }
    for (int N = 3; N <= D->nsum; N++) {
        if (!D->cs[N]->ready)
            continue;
        ng_hier_terms_clear(D->rhs[N], D->cs[N]->M->R);
        ng_hier_terms_clear(D->rhs_e[N], D->cs[N]->M->R);
        if (D->sum_ready[N])
            ng_hier_sum_clear(D->sum[N], D->cs[N]->M->R);
        D->sum_ready[N] = 0;
        ng_hier_chain_clear(D->cs[N]);
    }
    if (D->c4->ready) {
        const ng_ring_struct *R = D->c4->M->R;
        for (int w = 0; w < D->nwin; w++)
            ng_hier_window_clear(D->win[w], R);
        D->nwin = 0;
        if (D->eq121 != NULL)
            ng_vec_clear(D->eq121, 6, R);
        D->eq121 = NULL;
        ng_hier_terms_clear(D->eq121_terms, R);
        ng_hier_chain_clear(D->c4);
    }
}
