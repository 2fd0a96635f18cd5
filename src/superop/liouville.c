/* L0, L1 and its parts: Hamiltonian flows −i[H, ρ] (Eqs. 17–18, 85–86, 117, 119). */
#include "nessgen/superop.h"

void ng_superop_l0(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_hamiltonian_flow(res, L->h0, rho, L->R);
}

void ng_superop_l1(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_hamiltonian_flow(res, L->h1, rho, L->R);
}

void ng_superop_li(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_hamiltonian_flow(res, L->hi, rho, L->R);
}

void ng_superop_li_bond(ng_op_t res, const ng_op_t rho, int l, const ng_superop_ctx_t L)
{
    ng_op_hamiltonian_flow(res, L->bond + l, rho, L->R);
}

void ng_superop_le_bath(ng_op_t res, const ng_op_t rho, int nu, const ng_superop_ctx_t L)
{
    ng_op_hamiltonian_flow(res, L->he[nu], rho, L->R);
}

void ng_superop_le(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_t T;
    ng_op_init(T, rho->nsites, NG_PAULI, L->R);
    ng_superop_le_bath(T, rho, NG_LEFT, L);
    ng_superop_le_bath(res, rho, NG_RIGHT, L);
    ng_op_add(res, res, T, L->R);
    ng_op_clear(T, L->R);
}
