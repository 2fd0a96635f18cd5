/* Appendix A: P1 L1 (Q0L0Q0)^{-1} L1 P1 = 0 (Eq. 44), decided on Ker L0 with
 * the operator-level maps of superop.h and the exact Im P1 of pert.h. */
#include "internal.h"
#include "nessgen/pert.h"

ng_status ng_engine_check_eq44(truth_t *holds, slong *dim_p1, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    ng_named_basis_t B;
    ng_superop_ctx_t L;
    ng_pert_t P;
    ng_sparse_mat_t S;
    ng_mat_t A, AV, W;
    ng_status st;
    truth_t t;

    *holds = T_UNKNOWN;
    if (!ng_ring_is_exact(M->R) || M->N > 6)
        return ng_error(NG_EINPUT, "Eq. 44 check: needs an exact model and N <= 6");
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, M->N, R);
    if (st != NG_OK) {
        ng_named_basis_clear(B, R);
        return st;
    }
    ng_superop_ctx_init(L, M);
    st = ng_pert_init(P, B, L);
    if (st == NG_OK) {
        *dim_p1 = P->dim_p1;
        ng_sparse_mat_init(S, 0, 0, R);
        ng_mat_init(A, 0, 0, R);
        ng_mat_init(AV, 0, 0, R);
        t = ng_superop_matrix(S, ng_superop_second_order, 1, B, L);
        ng_sparse_mat_to_dense(A, S, R);
        ng_mat_mul(AV, A, P->V, R);
        /* P1 x = 0 ⇔ ⟨v_a, x⟩ = 0 for the columns v_a of V (orthogonal basis B) */
        ng_mat_init(W, P->V->c, AV->c, R);
        for (slong a = 0; a < P->V->c; a++)
            for (slong j = 0; j < AV->c; j++) {
                ng_ptr w = ng_mat_entry(W, a, j, R);
                ng_ptr tmp = ng_elem_new(R);
                ng_elem_zero(w, R);
                for (slong i = 0; i < AV->r; i++) {
                    ng_elem_mul(tmp, ng_mat_entry(P->V, i, a, R), ng_vec_srcentry(P->gram, i, R), R);
                    ng_elem_addmul(w, tmp, ng_mat_entry(AV, i, j, R), R);
                }
                ng_elem_free(tmp, R);
            }
        *holds = t == T_TRUE ? ng_mat_is_zero(W, R) : T_UNKNOWN;
        ng_mat_clear(A, R);
        ng_mat_clear(AV, R);
        ng_mat_clear(W, R);
        ng_sparse_mat_clear(S, R);
        ng_pert_clear(P);
    }
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, R);
    return st;
}
