/* Superoperators assembled as sparse matrices on a basis. */
#include "nessgen/superop.h"

truth_t ng_superop_matrix(ng_sparse_mat_t A, ng_superop_fn map, int project_p0,
                          const ng_named_basis_t B, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    slong n = B->length;
    ng_ptr column = ng_vec_init(n, R);
    ng_op_t X;
    truth_t all = T_TRUE;
    ng_op_init(X, L->N, NG_PAULI, R);
    ng_sparse_mat_clear(A, R); /* outputs are initialised by the caller */
    ng_sparse_mat_init(A, n, n, R);
    for (slong j = 0; j < n; j++) {
        truth_t t;
        map(X, B->ops + j, L);
        if (project_p0)
            ng_kernel_p0(X, X, R);
        t = ng_named_basis_decompose(column, X, B, R);
        if (t == T_FALSE || (t == T_UNKNOWN && all == T_TRUE))
            all = t;
        for (slong i = 0; i < n; i++)
            ng_sparse_mat_push(A, i, j, ng_vec_srcentry(column, i, R), R);
    }
    ng_sparse_mat_finish(A, R);
    ng_op_clear(X, R);
    ng_vec_clear(column, n, R);
    return all;
}
