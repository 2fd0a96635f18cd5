/* P0 L1 on the product of local equilibrium states (Eqs. 101–102, 115–123). */
#include "nessgen/p0l1.h"

void ng_product_local_equilibrium(ng_op_t rho, ng_srcptr t, int N, const ng_ring_t R)
{
    ng_op_t site;
    ng_ptr c = ng_elem_new(R);
    ng_string id = {0, 0};
    ng_op_init(site, N, NG_PAULI, R);
    ng_op_one(rho, N, R);
    for (int l = 0; l < N; l++) {
        ng_string z = {0, UINT64_C(1) << l};
        ng_op_zero(site, R);
        ng_elem_one(c, R);
        ng_elem_mul_2exp_si(c, c, -1, R);
        ng_op_push(site, id, 0, c, R);
        ng_elem_mul_2exp_si(c, ng_vec_srcentry(t, l, R), -1, R);
        ng_elem_neg(c, c, R);
        ng_op_push(site, z, 0, c, R);
        ng_op_canonicalise(site, R);
        ng_op_mul(rho, rho, site, R);
    }
    ng_op_clear(site, R);
    ng_elem_free(c, R);
}

static uint64_t bond_mask(int l)
{
    return UINT64_C(3) << l;
}

truth_t ng_p0l1_ple_bond(ng_ptr coeffs, int l, ng_srcptr t, const ng_named_basis_t B2,
                         const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    int N = L->N;
    ng_op_t rho, X, Y, rest, F;
    ng_ptr t_rest = ng_vec_init(N, R);
    truth_t factorises, in_span;

    ng_op_init(rho, N, NG_PAULI, R);
    ng_op_init(X, N, NG_PAULI, R);
    ng_op_init(Y, 2, NG_PAULI, R);
    ng_op_init(rest, N, NG_PAULI, R);
    ng_op_init(F, N, NG_PAULI, R);
    ng_product_local_equilibrium(rho, t, N, R);
    ng_superop_li_bond(X, rho, l, L);
    ng_kernel_p0(X, X, R);

    /* Y = Tr_{m≠l,l+1} X; the remaining factor is ρ_PLE with σ^0 at l, l+1 */
    ng_op_partial_trace(Y, X, bond_mask(l), R);
    for (int m = 0; m < N; m++)
        if (m != l && m != l + 1)
            ng_elem_set(ng_vec_entry(t_rest, m, R), ng_vec_srcentry(t, m, R), R);
    ng_product_local_equilibrium(rest, t_rest, N, R);
    ng_op_scalar_mul_si(rest, rest, 4, R); /* the σ^0/2 ⊗ σ^0/2 at l, l+1 become σ^0 */
    ng_op_embed(F, Y, bond_mask(l), N, R);
    ng_op_mul(F, F, rest, R);
    factorises = ng_op_equal(F, X, R);
    in_span = ng_named_basis_decompose(coeffs, Y, B2, R);

    ng_op_clear(rho, R);
    ng_op_clear(X, R);
    ng_op_clear(Y, R);
    ng_op_clear(rest, R);
    ng_op_clear(F, R);
    ng_vec_clear(t_rest, N, R);
    if (factorises == T_FALSE || in_span == T_FALSE)
        return T_FALSE;
    return factorises == T_TRUE && in_span == T_TRUE ? T_TRUE : T_UNKNOWN;
}

static truth_t conjoin(truth_t a, truth_t b)
{
    if (a == T_FALSE || b == T_FALSE)
        return T_FALSE;
    return a == T_TRUE && b == T_TRUE ? T_TRUE : T_UNKNOWN;
}

truth_t ng_p0l1_ple_edges_vanish(ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t rho, X;
    truth_t res = T_TRUE;
    ng_op_init(rho, L->N, NG_PAULI, R);
    ng_op_init(X, L->N, NG_PAULI, R);
    ng_product_local_equilibrium(rho, t, L->N, R);
    for (int nu = 0; nu < 2; nu++) {
        ng_superop_le_bath(X, rho, nu, L);
        ng_kernel_p0(X, X, R);
        res = conjoin(res, ng_op_is_zero(X, R));
    }
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
    return res;
}

truth_t ng_p0l1_ple_one_site_vanish(ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t rho, X, Y;
    truth_t res = T_TRUE;
    ng_op_init(rho, L->N, NG_PAULI, R);
    ng_op_init(X, L->N, NG_PAULI, R);
    ng_op_init(Y, L->N, NG_PAULI, R);
    ng_product_local_equilibrium(rho, t, L->N, R);
    ng_superop_l1(X, rho, L);
    ng_kernel_p0(X, X, R);
    for (int l = 0; l < L->N; l++) {
        ng_op_project_sites(Y, X, UINT64_C(1) << l, R);
        res = conjoin(res, ng_op_is_zero(Y, R));
    }
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
    ng_op_clear(Y, R);
    return res;
}
