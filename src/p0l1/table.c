/* The tables P0 L_I b_i, P0 L_E b_i on a basis of Ker L0 (Eqs. 87–95). */
#include <math.h>

#include "nessgen/p0l1.h"

void ng_p0l1_table_init(ng_p0l1_table_t T, slong n, const ng_ring_t R)
{
    T->n = n;
    T->li = ng_vec_init(n * n, R);
    T->le = ng_vec_init(n * n, R);
}

/* Two dense n × n tables over R, n = dim Ker L0 = C(2N, N), and the basis:
 * a lower bound (each entry's polynomial data comes on top), so a refusal
 * based on it is never wrong. */
double ng_p0l1_table_bytes(int N, const ng_ring_t R)
{
    double n = floor(exp(lgamma(2.0 * N + 1.0) - 2.0 * lgamma(N + 1.0)) + 0.5);
    return ng_kernel_basis_bytes(N, R) + 2.0 * n * n * (double)ng_ring_elem_size(R);
}

void ng_p0l1_table_clear(ng_p0l1_table_t T, const ng_ring_t R)
{
    ng_vec_clear(T->li, T->n * T->n, R);
    ng_vec_clear(T->le, T->n * T->n, R);
}

typedef void (*superop_fn)(ng_op_t, const ng_op_t, const ng_superop_ctx_t);

/* row_i = coefficients of P0 L b_i in B */
static truth_t fill_rows(ng_ptr rows, superop_fn apply, const ng_named_basis_t B,
                         const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    truth_t all = T_TRUE;
    ng_op_t X;
    ng_op_init(X, L->N, NG_PAULI, R);
    for (slong i = 0; i < B->length; i++) {
        truth_t t;
        apply(X, B->ops + i, L);
        ng_kernel_p0(X, X, R);
        t = ng_named_basis_decompose(ng_vec_entry(rows, i * B->length, R), X, B, R);
        if (t != T_TRUE)
            all = t;
    }
    ng_op_clear(X, R);
    return all;
}

ng_status ng_p0l1_table_compute(ng_p0l1_table_t T, const ng_named_basis_t B,
                                const ng_superop_ctx_t L)
{
    if (fill_rows(T->li, ng_superop_li, B, L) != T_TRUE ||
        fill_rows(T->le, ng_superop_le, B, L) != T_TRUE)
        return ng_error(NG_ECOMPUTE, "P0 L1 table: a result could not be certified to "
                                     "lie in the span of the basis (raise --prec)");
    return NG_OK;
}
