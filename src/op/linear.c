/* Linear operations on operators. */
#include "nessgen/op.h"

static void append_scaled(ng_op_t T, const ng_op_t A, ng_srcptr c, int k,
                          const ng_ring_t R)
{
    ng_ptr t = ng_elem_new(R);
    for (slong i = 0; i < A->length; i++) {
        ng_srcptr a = ng_vec_srcentry(A->coeffs, i, R);
        if (c != NULL) {
            ng_elem_mul(t, a, c, R);
            a = t;
        }
        ng_op_push_phase(T, A->keys[i].s, (int)A->keys[i].im + k, a, R);
    }
    ng_elem_free(t, R);
}

/* T = c1·i^k1·A + c2·i^k2·B (c == NULL means 1; B may be NULL). */
static void combine(ng_op_t C, const ng_op_t A, ng_srcptr c1, int k1, const ng_op_t B,
                    ng_srcptr c2, int k2, const ng_ring_t R)
{
    ng_op_t T;
    /* the wider operand fixes the chain length, as in ng_op_mul */
    ng_op_init(T, B != NULL ? FLINT_MAX(A->nsites, B->nsites) : A->nsites, A->basis, R);
    ng_op_fit_length(T, A->length + (B ? B->length : 0), R);
    append_scaled(T, A, c1, k1, R);
    if (B != NULL)
        append_scaled(T, B, c2, k2, R);
    ng_op_canonicalise(T, R);
    ng_op_swap(C, T);
    ng_op_clear(T, R);
}

void ng_op_neg(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    combine(B, A, NULL, 2, NULL, NULL, 0, R);
}

void ng_op_add(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R)
{
    combine(C, A, NULL, 0, B, NULL, 0, R);
}

void ng_op_sub(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R)
{
    combine(C, A, NULL, 0, B, NULL, 2, R);
}

void ng_op_scalar_mul(ng_op_t B, const ng_op_t A, ng_srcptr c, const ng_ring_t R)
{
    combine(B, A, c, 0, NULL, NULL, 0, R);
}

void ng_op_scalar_mul_si(ng_op_t B, const ng_op_t A, slong c, const ng_ring_t R)
{
    ng_ptr t = ng_elem_new(R);
    ng_elem_set_si(t, c, R);
    combine(B, A, t, 0, NULL, NULL, 0, R);
    ng_elem_free(t, R);
}

void ng_op_mul_i_pow(ng_op_t B, const ng_op_t A, int k, const ng_ring_t R)
{
    combine(B, A, NULL, k, NULL, NULL, 0, R);
}

void ng_op_addmul(ng_op_t C, const ng_op_t A, ng_srcptr c, const ng_ring_t R)
{
    combine(C, C, NULL, 0, A, c, 0, R);
}
