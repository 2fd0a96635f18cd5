/* The bath superoperators D_ν (Eq. 7 with Eq. 13) and L2 = D_L + D_R (Eq. 19). */
#include "nessgen/superop.h"

/* D_ν ρ = −[X, Sρ] − [ρS†, X] */
void ng_superop_dissipator(ng_op_t res, const ng_op_t rho, int nu, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t a, b, c;
    ng_op_init(a, rho->nsites, NG_PAULI, R);
    ng_op_init(b, rho->nsites, NG_PAULI, R);
    ng_op_init(c, rho->nsites, NG_PAULI, R);
    ng_op_mul(a, L->s[nu], rho, R);
    ng_op_commutator(b, L->x[nu], a, R);
    ng_op_mul(a, rho, L->sdag[nu], R);
    ng_op_commutator(c, a, L->x[nu], R);
    ng_op_add(b, b, c, R);
    ng_op_neg(res, b, R);
    ng_op_clear(a, R);
    ng_op_clear(b, R);
    ng_op_clear(c, R);
}

void ng_superop_l2(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_t T;
    ng_op_init(T, rho->nsites, NG_PAULI, L->R);
    ng_superop_dissipator(T, rho, NG_LEFT, L);
    ng_superop_dissipator(res, rho, NG_RIGHT, L);
    ng_op_add(res, res, T, L->R);
    ng_op_clear(T, L->R);
}

void ng_superop_full(ng_op_t res, const ng_op_t rho, ng_srcptr lambda,
                     const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t acc, T;
    ng_ptr lambda2 = ng_elem_new(R);
    ng_op_init(acc, rho->nsites, NG_PAULI, R);
    ng_op_init(T, rho->nsites, NG_PAULI, R);
    ng_elem_mul(lambda2, lambda, lambda, R);
    ng_superop_l0(acc, rho, L);
    ng_superop_l1(T, rho, L);
    ng_op_addmul(acc, T, lambda, R);
    ng_superop_l2(T, rho, L);
    ng_op_addmul(acc, T, lambda2, R);
    ng_op_swap(res, acc);
    ng_op_clear(acc, R);
    ng_op_clear(T, R);
    ng_elem_free(lambda2, R);
}
