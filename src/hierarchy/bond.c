/* Bond equations: the two-site projections of P0 L1 (ρ_PLE + ρ_a) (Eqs. 125,
 * 130, 134, 136), expanded in the Eq. 81 basis. */
#include <string.h>

#include "nessgen/hierarchy.h"

/* res = Σ_parts L_part(rho). */
static void apply_parts(ng_op_t res, const ng_op_t rho, uint64_t bonds, int baths,
                        const ng_superop_ctx_t L)
{
    ng_op_t T;
    ng_op_init(T, L->N, NG_PAULI, L->R);
    ng_op_zero(res, L->R);
    res->nsites = L->N;
    for (int b = 0; b + 1 < L->N; b++) {
        if (!(bonds >> b & 1))
            continue;
        ng_superop_li_bond(T, rho, b, L);
        ng_op_add(res, res, T, L->R);
    }
    for (int nu = 0; nu < 2; nu++) {
        if (!(baths >> nu & 1))
            continue;
        ng_superop_le_bath(T, rho, nu, L);
        ng_op_add(res, res, T, L->R);
    }
    ng_op_clear(T, L->R);
}

/* coeffs (6) of Tr_{m≠l,l+1} P0 X in the Eq. 81 basis: with the Eq. 129
 * normalisation P_(l,l+1) X = Y ⊗ (σ^0/2)^{⊗(N−2)} and Y = Tr_{rest} X. */
static truth_t project_two_site(ng_ptr coeffs, const ng_op_t X, int l,
                                const ng_named_basis_t B2, const ng_ring_t R)
{
    ng_op_t P, Y;
    truth_t t;
    ng_op_init(P, X->nsites, NG_PAULI, R);
    ng_op_init(Y, 2, NG_PAULI, R);
    ng_kernel_p0(P, X, R);
    ng_op_partial_trace(Y, P, UINT64_C(3) << l, R);
    t = ng_named_basis_decompose(coeffs, Y, B2, R);
    ng_op_clear(P, R);
    ng_op_clear(Y, R);
    return t;
}

ng_status ng_hier_bond_init(ng_hier_bond_t E, int l, uint64_t bonds, int baths,
                            ng_hier_unknowns_t U, ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_named_basis_t B2;
    ng_op_t rho, X;
    truth_t ok = T_TRUE;

    E->l = l;
    E->bonds = bonds;
    E->baths = baths;
    E->window_text = NULL;
    ng_hier_unknowns_init(E->U);
    memcpy(E->U, U, sizeof(ng_hier_unknowns_struct));
    ng_hier_unknowns_init(U);
    E->image = ng_vec_init(6 * FLINT_MAX(E->U->length, 1), R);
    E->ple = ng_vec_init(6, R);
    if (l < 0 || l + 1 >= L->N)
        return ng_error(NG_EINPUT, "hierarchy: bond (%d,%d) outside a chain of %d sites",
                        l + 1, l + 2, L->N);

    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    ng_op_init(rho, L->N, NG_PAULI, R);
    ng_op_init(X, L->N, NG_PAULI, R);
    if (t != NULL) {
        ng_product_local_equilibrium(rho, t, L->N, R);
        apply_parts(X, rho, bonds, baths, L);
        if (project_two_site(E->ple, X, l, B2, R) != T_TRUE)
            ok = T_FALSE;
    }
    for (slong i = 0; i < E->U->length && ok == T_TRUE; i++) {
        apply_parts(X, E->U->ops + i, bonds, baths, L);
        ok = project_two_site(ng_vec_entry(E->image, 6 * i, R), X, l, B2, R);
    }
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
    ng_named_basis_clear(B2, R);
    if (ok != T_TRUE)
        return ng_error(NG_ECOMPUTE, "hierarchy: a two-site projection at bond (%d,%d) "
                                     "left the span of the Eq. 81 basis", l + 1, l + 2);
    return NG_OK;
}

void ng_hier_bond_clear(ng_hier_bond_t E, const ng_ring_t R)
{
    ng_vec_clear(E->image, 6 * FLINT_MAX(E->U->length, 1), R);
    ng_vec_clear(E->ple, 6, R);
    ng_hier_unknowns_clear(E->U, R);
    flint_free(E->window_text);
}

int ng_hier_bond_contributes(const ng_hier_bond_t E, slong i, const ng_ring_t R)
{
    for (int j = 0; j < 6; j++)
        if (!ng_elem_is_exact_zero(ng_vec_srcentry(E->image, 6 * i + j, R), R))
            return 1;
    return 0;
}

/* Every Pauli string on the sites of mask, as an operator on N sites. */
static void string_on_mask(ng_op_t S, uint64_t code, uint64_t mask, int N, const ng_ring_t R)
{
    ng_string s = {0, 0};
    ng_op_zero(S, R);
    S->nsites = N;
    for (int site = 0; site < N; site++) {
        if (!(mask >> site & 1))
            continue;
        ng_string_set_letter(&s, site, (int)(code & 3));
        code >>= 2;
    }
    ng_op_push_si(S, s, 0, 1, R);
    ng_op_canonicalise(S, R);
}

ng_status ng_hier_ple_component(ng_ptr coeffs, int l, uint64_t bonds, int baths, ng_srcptr t,
                                const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_named_basis_t B2;
    ng_op_t rho, X;
    truth_t ok;
    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    ng_op_init(rho, L->N, NG_PAULI, R);
    ng_op_init(X, L->N, NG_PAULI, R);
    ng_product_local_equilibrium(rho, t, L->N, R);
    apply_parts(X, rho, bonds, baths, L);
    ok = project_two_site(coeffs, X, l, B2, R);
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
    ng_named_basis_clear(B2, R);
    return ok == T_TRUE ? NG_OK
                        : ng_error(NG_ECOMPUTE, "hierarchy: P_(l,l+1) P0 L1 rho_PLE left the "
                                                "Eq. 81 span");
}

/* P_(l,l+1) P0 (part) vanishes on every string of the sites of mask. */
static truth_t vanishes_on_mask(int l, uint64_t bonds, int baths, uint64_t mask,
                                const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t S, X, P;
    truth_t res = T_TRUE;
    int n = __builtin_popcountll(mask);
    ng_op_init(S, L->N, NG_PAULI, R);
    ng_op_init(X, L->N, NG_PAULI, R);
    ng_op_init(P, L->N, NG_PAULI, R);
    for (uint64_t code = 0; code < (UINT64_C(1) << (2 * n)) && res == T_TRUE; code++) {
        string_on_mask(S, code, mask, L->N, R);
        apply_parts(X, S, bonds, baths, L);
        ng_kernel_p0(X, X, R);
        ng_op_project_sites(P, X, UINT64_C(3) << l, R);
        res = ng_op_is_zero(P, R);
    }
    ng_op_clear(S, R);
    ng_op_clear(X, R);
    ng_op_clear(P, R);
    return res;
}

truth_t ng_hier_check_locality(slong *nchecked, const ng_superop_ctx_t L)
{
    int N = L->N;
    truth_t res = T_TRUE;
    *nchecked = 0;
    if (N < 4)
        return T_FALSE;
    for (int l = 0; l + 1 < N && res == T_TRUE; l++) {
        uint64_t pair = UINT64_C(3) << l;
        for (int m = 0; m + 1 < N && res == T_TRUE; m++) {
            if (!(m + 1 < l || l + 1 < m))
                continue; /* Eq. 124 is about bonds that do not touch (l, l+1) */
            res = vanishes_on_mask(l, UINT64_C(1) << m, 0, pair | (UINT64_C(3) << m), L);
            (*nchecked)++;
        }
        for (int nu = 0; nu < 2 && res == T_TRUE; nu++) {
            int e = nu == 0 ? 0 : N - 1;
            if (e == l || e == l + 1)
                continue;
            res = vanishes_on_mask(l, 0, 1 << nu, pair | (UINT64_C(1) << e), L);
            (*nchecked)++;
        }
    }
    return res;
}
