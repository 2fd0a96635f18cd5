/* Adjoint, Hermitian parts, traces and the Hilbert–Schmidt product. */
#include "nessgen/op.h"

void ng_op_adjoint(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_t T;
    ng_op_init(T, A->nsites, A->basis, R);
    ng_op_fit_length(T, A->length, R);
    for (slong i = 0; i < A->length; i++) {
        ng_string s = A->keys[i].s;
        int im = (int)A->keys[i].im;
        if (A->basis == NG_LADDER)
            s = ng_string_ladder_adjoint(s);
        /* (c i^e S)† = c (−i)^e S† = c i^{3e} S† */
        ng_op_push_phase(T, s, 3 * im, ng_vec_srcentry(A->coeffs, i, R), R);
    }
    ng_op_canonicalise(T, R);
    ng_op_swap(B, T);
    ng_op_clear(T, R);
}

void ng_op_hermitian_parts(ng_op_t X, ng_op_t Y, const ng_op_t A, const ng_ring_t R)
{
    ng_op_t TX, TY;
    if (A->basis != NG_PAULI)
        flint_abort();
    ng_op_init(TX, A->nsites, NG_PAULI, R);
    ng_op_init(TY, A->nsites, NG_PAULI, R);
    for (slong i = 0; i < A->length; i++)
        ng_op_push(A->keys[i].im ? TY : TX, A->keys[i].s, 0,
                   ng_vec_srcentry(A->coeffs, i, R), R);
    ng_op_swap(X, TX);
    ng_op_swap(Y, TY);
    ng_op_clear(TX, R);
    ng_op_clear(TY, R);
}

/* Adds ±c to re or im according to the phase i^k. */
static void accumulate_phase(ng_ptr re, ng_ptr im, ng_srcptr c, int k, const ng_ring_t R)
{
    ng_ptr target = (k & 1) ? im : re;
    if (k & 2)
        ng_elem_sub(target, target, c, R);
    else
        ng_elem_add(target, target, c, R);
}

void ng_op_trace(ng_ptr re, ng_ptr im, const ng_op_t A, const ng_ring_t R)
{
    ng_elem_zero(re, R);
    ng_elem_zero(im, R);
    /* σ^z, σ^x, σ^y, σ^± are traceless: only the identity string survives. */
    for (slong i = 0; i < A->length; i++)
        if (ng_string_is_identity(A->keys[i].s))
            accumulate_phase(re, im, ng_vec_srcentry(A->coeffs, i, R), (int)A->keys[i].im, R);
    ng_elem_mul_2exp_si(re, re, A->nsites, R);
    ng_elem_mul_2exp_si(im, im, A->nsites, R);
}

/* Pauli strings are orthogonal, Tr(S S') = 2^N δ_SS'; both term lists are
 * sorted, so one merge walk finds the matching strings. */
void ng_op_hs_product(ng_ptr re, ng_ptr im, const ng_op_t A, const ng_op_t B,
                      const ng_ring_t R)
{
    ng_ptr t = ng_elem_new(R);
    slong i = 0, j = 0;
    if (A->basis != NG_PAULI || B->basis != NG_PAULI)
        flint_abort();
    ng_elem_zero(re, R);
    ng_elem_zero(im, R);
    while (i < A->length && j < B->length) {
        ng_string a = A->keys[i].s, b = B->keys[j].s;
        if (a.x < b.x || (a.x == b.x && a.z < b.z)) {
            i++;
        } else if (!ng_string_equal(a, b)) {
            j++;
        } else {
            slong j0 = j;
            for (; i < A->length && ng_string_equal(A->keys[i].s, a); i++)
                for (j = j0; j < B->length && ng_string_equal(B->keys[j].s, a); j++) {
                    ng_elem_mul(t, ng_vec_srcentry(A->coeffs, i, R),
                                ng_vec_srcentry(B->coeffs, j, R), R);
                    /* conj(i^ea) i^eb = i^(eb − ea) */
                    accumulate_phase(re, im, t, (int)B->keys[j].im - (int)A->keys[i].im + 4,
                                     R);
                }
        }
    }
    ng_elem_mul_2exp_si(re, re, A->nsites, R);
    ng_elem_mul_2exp_si(im, im, A->nsites, R);
    ng_elem_free(t, R);
}
