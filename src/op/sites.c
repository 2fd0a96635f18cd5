/* Restrictions to sets of sites: P_(S) (Eq. 129 convention) and partial traces. */
#include "nessgen/op.h"

static uint64_t compress_bits(uint64_t v, uint64_t mask)
{
    uint64_t r = 0;
    int k = 0;
    for (int l = 0; l < 64; l++)
        if ((mask >> l) & 1)
            r |= ((v >> l) & 1) << k++;
    return r;
}

static uint64_t expand_bits(uint64_t v, uint64_t mask)
{
    uint64_t r = 0;
    int k = 0;
    for (int l = 0; l < 64; l++)
        if ((mask >> l) & 1)
            r |= ((v >> k++) & 1) << l;
    return r;
}

/* Keeps strings supported in mask, each multiplied by 2^scale_exp, with sites
 * compressed to 0..popcount(mask)−1 when relabel is set. */
static void restrict_to(ng_op_t B, const ng_op_t A, uint64_t mask, int relabel,
                        slong scale_exp, const ng_ring_t R)
{
    ng_op_t T;
    ng_ptr t = ng_elem_new(R);
    if (A->basis != NG_PAULI)
        flint_abort();
    ng_op_init(T, relabel ? __builtin_popcountll(mask) : A->nsites, NG_PAULI, R);
    for (slong i = 0; i < A->length; i++) {
        ng_string s = A->keys[i].s;
        if ((ng_string_support(s) & ~mask) != 0)
            continue;
        if (relabel) {
            s.x = compress_bits(s.x, mask);
            s.z = compress_bits(s.z, mask);
        }
        ng_elem_mul_2exp_si(t, ng_vec_srcentry(A->coeffs, i, R), scale_exp, R);
        ng_op_push(T, s, A->keys[i].im, t, R);
    }
    ng_op_canonicalise(T, R);
    ng_op_swap(B, T);
    ng_op_clear(T, R);
    ng_elem_free(t, R);
}

void ng_op_project_sites(ng_op_t B, const ng_op_t A, uint64_t mask, const ng_ring_t R)
{
    restrict_to(B, A, mask, 0, 0, R);
}

void ng_op_partial_trace(ng_op_t B, const ng_op_t A, uint64_t mask, const ng_ring_t R)
{
    uint64_t all = A->nsites == 64 ? ~UINT64_C(0) : (UINT64_C(1) << A->nsites) - 1;
    restrict_to(B, A, mask & all, 1, A->nsites - __builtin_popcountll(mask & all), R);
}

void ng_op_embed(ng_op_t B, const ng_op_t A, uint64_t mask, int nsites, const ng_ring_t R)
{
    ng_op_t T;
    if (A->basis != NG_PAULI)
        flint_abort();
    ng_op_init(T, nsites, NG_PAULI, R);
    for (slong i = 0; i < A->length; i++) {
        ng_string s = {expand_bits(A->keys[i].s.x, mask), expand_bits(A->keys[i].s.z, mask)};
        ng_op_push(T, s, A->keys[i].im, ng_vec_srcentry(A->coeffs, i, R), R);
    }
    ng_op_canonicalise(T, R);
    ng_op_swap(B, T);
    ng_op_clear(T, R);
}
