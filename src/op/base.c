/* Operator storage: life cycle, appending terms, sort-and-merge. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/op.h"

void ng_op_init(ng_op_t A, int nsites, ng_basis basis, const ng_ring_t R)
{
    (void)R;
    A->keys = NULL;
    A->coeffs = NULL;
    A->length = A->alloc = 0;
    A->nsites = nsites;
    A->basis = basis;
}

void ng_op_clear(ng_op_t A, const ng_ring_t R)
{
    for (slong i = 0; i < A->length; i++)
        ng_elem_clear(ng_vec_entry(A->coeffs, i, R), R);
    flint_free(A->keys);
    flint_free(A->coeffs);
}

void ng_op_fit_length(ng_op_t A, slong len, const ng_ring_t R)
{
    if (len <= A->alloc)
        return;
    len = FLINT_MAX(len, 2 * A->alloc);
    A->keys = flint_realloc(A->keys, len * sizeof(ng_key));
    A->coeffs = flint_realloc(A->coeffs, len * ng_ring_elem_size(R));
    A->alloc = len;
}

void ng_op_zero(ng_op_t A, const ng_ring_t R)
{
    for (slong i = 0; i < A->length; i++)
        ng_elem_clear(ng_vec_entry(A->coeffs, i, R), R);
    A->length = 0;
}

void ng_op_set(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    if (B == A)
        return;
    ng_op_zero(B, R);
    ng_op_fit_length(B, A->length, R);
    for (slong i = 0; i < A->length; i++) {
        B->keys[i] = A->keys[i];
        ng_elem_init(ng_vec_entry(B->coeffs, i, R), R);
        ng_elem_set(ng_vec_entry(B->coeffs, i, R), ng_vec_srcentry(A->coeffs, i, R), R);
    }
    B->length = A->length;
    B->nsites = A->nsites;
    B->basis = A->basis;
}

void ng_op_swap(ng_op_t A, ng_op_t B)
{
    ng_op_struct t = *A;
    *A = *B;
    *B = t;
}

void ng_op_push(ng_op_t A, ng_string s, unsigned int im, ng_srcptr c, const ng_ring_t R)
{
    ng_op_fit_length(A, A->length + 1, R);
    A->keys[A->length].s = s;
    A->keys[A->length].im = im;
    ng_elem_init(ng_vec_entry(A->coeffs, A->length, R), R);
    ng_elem_set(ng_vec_entry(A->coeffs, A->length, R), c, R);
    A->length++;
}

void ng_op_push_phase(ng_op_t A, ng_string s, int k, ng_srcptr c, const ng_ring_t R)
{
    ng_op_push(A, s, k & 1, c, R);
    if (k & 2) {
        ng_ptr last = ng_vec_entry(A->coeffs, A->length - 1, R);
        ng_elem_neg(last, last, R);
    }
}

void ng_op_push_si(ng_op_t A, ng_string s, unsigned int im, slong c, const ng_ring_t R)
{
    ng_ptr t = ng_elem_new(R);
    ng_elem_set_si(t, c, R);
    ng_op_push(A, s, im, t, R);
    ng_elem_free(t, R);
}

typedef struct {
    ng_key key;
    slong index;
} keyed_index;

static int key_cmp(const ng_key *a, const ng_key *b)
{
    if (a->s.x != b->s.x)
        return a->s.x < b->s.x ? -1 : 1;
    if (a->s.z != b->s.z)
        return a->s.z < b->s.z ? -1 : 1;
    return (int)a->im - (int)b->im;
}

static int keyed_index_cmp(const void *a, const void *b)
{
    return key_cmp(&((const keyed_index *)a)->key, &((const keyed_index *)b)->key);
}

/* FLINT's structs hold no pointers into themselves, so elements move by memcpy. */
void ng_op_canonicalise(ng_op_t A, const ng_ring_t R)
{
    slong n = A->length, out = 0;
    size_t sz = ng_ring_elem_size(R);
    keyed_index *order = flint_malloc(FLINT_MAX(n, 1) * sizeof(keyed_index));
    char *coeffs = flint_malloc(FLINT_MAX(n, 1) * sz);

    for (slong i = 0; i < n; i++) {
        order[i].key = A->keys[i];
        order[i].index = i;
    }
    qsort(order, n, sizeof(keyed_index), keyed_index_cmp);
    for (slong j = 0; j < n; j++) {
        ng_ptr src = ng_vec_entry(A->coeffs, order[j].index, R);
        if (out > 0 && key_cmp(&A->keys[out - 1], &order[j].key) == 0) {
            ng_elem_add(coeffs + (out - 1) * sz, coeffs + (out - 1) * sz, src, R);
            ng_elem_clear(src, R);
        } else {
            A->keys[out] = order[j].key;
            memcpy(coeffs + out * sz, src, sz);
            out++;
        }
    }
    flint_free(order);
    flint_free(A->coeffs);
    A->coeffs = coeffs;
    /* keys still has its old capacity (>= n) and coeffs holds max(n, 1):
     * n is what both can hold.  (Claiming 1 when n = 0 and keys is still
     * NULL made the next push write through NULL.) */
    A->alloc = n;
    A->length = 0;
    for (slong i = 0; i < out; i++) {
        ng_ptr c = coeffs + i * sz;
        if (ng_elem_is_exact_zero(c, R)) {
            ng_elem_clear(c, R);
            continue;
        }
        A->keys[A->length] = A->keys[i];
        if (A->length != i)
            memcpy(coeffs + A->length * sz, c, sz);
        A->length++;
    }
}

int ng_op_set_term_str(ng_op_t A, const char *s, ng_basis basis, ng_srcptr c,
                       const ng_ring_t R)
{
    ng_string str;
    int nsites;
    if (ng_string_set_str(&str, &nsites, s, basis) != 0)
        return -1;
    ng_op_zero(A, R);
    A->nsites = nsites;
    A->basis = basis;
    ng_op_push(A, str, 0, c, R);
    ng_op_canonicalise(A, R);
    return 0;
}

void ng_op_one(ng_op_t A, int nsites, const ng_ring_t R)
{
    ng_string id = {0, 0};
    ng_op_zero(A, R);
    A->nsites = nsites;
    A->basis = NG_PAULI;
    ng_op_push_si(A, id, 0, 1, R);
}
