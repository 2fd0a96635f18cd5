/* The model's operators, built once for all superoperator applications. */
#include "nessgen/superop.h"

void ng_superop_ctx_init(ng_superop_ctx_t L, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    int N = M->N;
    L->M = M;
    L->R = R;
    L->N = N;
    ng_op_init(L->h0, N, NG_PAULI, R);
    ng_op_init(L->hi, N, NG_PAULI, R);
    ng_op_init(L->h1, N, NG_PAULI, R);
    ng_model_h0(L->h0, M);
    ng_model_hi(L->hi, M);
    ng_model_h1(L->h1, M);
    L->bond = flint_malloc(sizeof(ng_op_struct) * FLINT_MAX(N - 1, 1));
    for (int l = 0; l + 1 < N; l++) {
        ng_op_init(L->bond + l, N, NG_PAULI, R);
        ng_model_bond(L->bond + l, M, l);
    }
    for (int nu = 0; nu < 2; nu++) {
        ng_op_init(L->he[nu], N, NG_PAULI, R);
        ng_op_init(L->x[nu], N, NG_PAULI, R);
        ng_op_init(L->s[nu], N, NG_PAULI, R);
        ng_op_init(L->sdag[nu], N, NG_PAULI, R);
        ng_model_he(L->he[nu], M, nu);
        ng_model_x(L->x[nu], M, nu);
        ng_model_s(L->s[nu], M, nu);
        ng_op_adjoint(L->sdag[nu], L->s[nu], R);
    }
}

void ng_superop_ctx_clear(ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_clear(L->h0, R);
    ng_op_clear(L->hi, R);
    ng_op_clear(L->h1, R);
    for (int l = 0; l + 1 < L->N; l++)
        ng_op_clear(L->bond + l, R);
    flint_free(L->bond);
    for (int nu = 0; nu < 2; nu++) {
        ng_op_clear(L->he[nu], R);
        ng_op_clear(L->x[nu], R);
        ng_op_clear(L->s[nu], R);
        ng_op_clear(L->sdag[nu], R);
    }
}
