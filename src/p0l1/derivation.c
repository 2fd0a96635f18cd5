/* The derivation behind `nessgen table p0l1`: the P0 L1 table on Ker L0
 * (Eqs. 87–95) and P0 L1 on the product of local equilibrium states
 * (Eqs. 101–102, 121–123), as one result object for the writers. */
#include <stdio.h>

#include "nessgen/p0l1.h"

ng_status ng_p0l1_spec_add_site_symbols(ng_model_spec *spec, int N)
{
    char **names = flint_malloc(sizeof(char *) * FLINT_MAX(N, 1));
    ng_status st;
    for (int l = 0; l < N; l++) {
        names[l] = flint_malloc(16);
        snprintf(names[l], 16, "t%d", l + 1);
    }
    st = ng_model_spec_add_symbols(spec, (const char *const *)names, N);
    for (int l = 0; l < N; l++)
        flint_free(names[l]);
    flint_free(names);
    return st;
}

/* t_l as the ring's symbol "t<l>"; 0 if the ring has none. */
static int site_symbols(ng_ptr t, int N, const ng_ring_t R)
{
    for (int l = 0; l < N; l++) {
        char name[16];
        slong i;
        snprintf(name, sizeof name, "t%d", l + 1);
        i = ng_ring_param_index(R, name);
        if (i < 0)
            return 0;
        ng_elem_gen(ng_vec_entry(t, l, R), i, R);
    }
    return 1;
}

static ng_status compute(ng_p0l1_derivation_t D, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = D->M->R;
    int N = D->M->N;
    ng_status st = ng_p0l1_table_compute(D->T, D->B, L);
    if (st != NG_OK)
        return st;
    D->bonds_ok = T_TRUE;
    for (int l = 0; l + 1 < N; l++) {
        truth_t f = ng_p0l1_ple_bond(ng_vec_entry(D->bonds, 6 * l, R), l, D->t, D->B2, L);
        if (f != T_TRUE)
            D->bonds_ok = f;
    }
    D->edges_vanish = ng_p0l1_ple_edges_vanish(D->t, L);
    D->one_site_vanish = ng_p0l1_ple_one_site_vanish(D->t, L);
    if (N == 2) { /* Eq. 101 */
        ng_op_t rho;
        ng_op_init(rho, 2, NG_PAULI, R);
        ng_product_local_equilibrium(rho, D->t, 2, R);
        ng_named_basis_decompose(D->ple_coeffs, rho, D->B, R);
        ng_op_clear(rho, R);
    }
    return NG_OK;
}

ng_status ng_p0l1_derivation_init(ng_p0l1_derivation_t D, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    int N = M->N;
    ng_superop_ctx_t L;
    ng_status st;
    D->M = M;
    ng_named_basis_init(D->B);
    ng_named_basis_init(D->B2);
    ng_kernel_basis_two_spin(D->B2, R);
    if (N == 2)
        ng_kernel_basis_two_spin(D->B, R);
    else
        ng_kernel_basis(D->B, N, R);
    ng_p0l1_table_init(D->T, D->B->length, R);
    D->t = ng_vec_init(N, R);
    D->bonds = ng_vec_init(6 * (N - 1), R);
    D->ple_coeffs = ng_vec_init(D->B->length, R);
    D->alpha_plus = ng_elem_new(R);
    D->delta_alpha_z = ng_elem_new(R);
    D->bonds_ok = D->edges_vanish = D->one_site_vanish = T_UNKNOWN;
    if (!ng_ring_is_exact(R))
        return ng_error(NG_EINPUT, "the P0 L1 table is derived exactly; give rational values "
                                   "or symbols (e.g. --tL tL instead of --TL 3/2)");
    if (!site_symbols(D->t, N, R))
        return ng_error(NG_EINPUT, "the P0 L1 table needs the site symbols t1..t%d in the "
                                   "model's ring", N);
    ng_model_alpha_plus(D->alpha_plus, M);
    ng_model_delta_alpha_z(D->delta_alpha_z, M);
    ng_superop_ctx_init(L, M);
    st = compute(D, L);
    ng_superop_ctx_clear(L);
    return st;
}

void ng_p0l1_derivation_clear(ng_p0l1_derivation_t D)
{
    const ng_ring_struct *R = D->M->R;
    int N = D->M->N;
    ng_elem_free(D->alpha_plus, R);
    ng_elem_free(D->delta_alpha_z, R);
    ng_vec_clear(D->ple_coeffs, D->B->length, R);
    ng_vec_clear(D->bonds, 6 * (N - 1), R);
    ng_vec_clear(D->t, N, R);
    ng_p0l1_table_clear(D->T, R);
    ng_named_basis_clear(D->B, R);
    ng_named_basis_clear(D->B2, R);
}
