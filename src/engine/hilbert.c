/* The Hilbert space by magnetisation sector, and Pauli strings acting on it. */
#include "internal.h"

void _ng_hilbert_init(_ng_hilbert *H, int N)
{
    slong dim = WORD(1) << N;
    slong *fill = flint_calloc(N + 1, sizeof(slong));
    H->N = N;
    H->dim = dim;
    H->sec_dim = flint_calloc(N + 1, sizeof(slong));
    H->sec_off = flint_calloc(N + 2, sizeof(slong));
    H->states = flint_malloc(dim * sizeof(ulong));
    H->pos = flint_malloc(dim * sizeof(slong));
    for (slong s = 0; s < dim; s++)
        H->sec_dim[_ng_sector(s)]++;
    for (int k = 0; k < N + 1; k++)
        H->sec_off[k + 1] = H->sec_off[k] + H->sec_dim[k];
    for (slong s = 0; s < dim; s++) {
        int k = _ng_sector(s);
        H->pos[s] = fill[k];
        H->states[H->sec_off[k] + fill[k]++] = s;
    }
    flint_free(fill);
}

void _ng_hilbert_clear(_ng_hilbert *H)
{
    flint_free(H->sec_dim);
    flint_free(H->sec_off);
    flint_free(H->states);
    flint_free(H->pos);
}

void _ng_terms_init(_ng_terms *T, const ng_op_t A, const ng_ring_t R)
{
    T->len = A->length;
    T->R = R;
    T->x = flint_malloc(FLINT_MAX(A->length, 1) * sizeof(ulong));
    T->z = flint_malloc(FLINT_MAX(A->length, 1) * sizeof(ulong));
    T->k = flint_malloc(FLINT_MAX(A->length, 1) * sizeof(int));
    T->c = ng_vec_init(A->length, R);
    for (slong j = 0; j < A->length; j++) {
        T->x[j] = A->keys[j].s.x;
        T->z[j] = A->keys[j].s.z;
        T->k[j] = (int)((A->keys[j].im + __builtin_popcountll(T->x[j] & T->z[j])) & 3);
        ng_elem_set(ng_vec_entry(T->c, j, R), ng_vec_srcentry(A->coeffs, j, R), R);
    }
}

void _ng_terms_clear(_ng_terms *T, const ng_ring_t R)
{
    flint_free(T->x);
    flint_free(T->z);
    flint_free(T->k);
    ng_vec_clear(T->c, T->len, R);
}

void _ng_acb_set_phase(acb_t z, const arb_t c, int k)
{
    switch (k & 3) {
    case 0:
        arb_set(acb_realref(z), c);
        arb_zero(acb_imagref(z));
        break;
    case 1:
        arb_zero(acb_realref(z));
        arb_set(acb_imagref(z), c);
        break;
    case 2:
        arb_neg(acb_realref(z), c);
        arb_zero(acb_imagref(z));
        break;
    default:
        arb_zero(acb_realref(z));
        arb_neg(acb_imagref(z), c);
    }
}

/* i^k (a + ib) = (u + iv) with (u, v) = (a, b), (−b, a), (−a, −b), (b, −a). */
void _ng_cplx_addmul_phase(ng_ptr yre, ng_ptr yim, ng_srcptr c, int k, ng_srcptr a,
                           ng_srcptr b, ng_ptr tmp, const ng_ring_t R)
{
    ng_srcptr u = (k & 1) ? b : a, v = (k & 1) ? a : b;
    int su = (k == 1 || k == 2) ? -1 : 1, sv = (k == 2 || k == 3) ? -1 : 1;
    if (!ng_elem_is_exact_zero(u, R)) {
        ng_elem_mul(tmp, c, u, R);
        (su > 0 ? ng_elem_add : ng_elem_sub)(yre, yre, tmp, R);
    }
    if (!ng_elem_is_exact_zero(v, R)) {
        ng_elem_mul(tmp, c, v, R);
        (sv > 0 ? ng_elem_add : ng_elem_sub)(yim, yim, tmp, R);
    }
}

void _ng_blocks_init(ng_mat_struct **re, ng_mat_struct **im, const _ng_hilbert *H,
                     const ng_ring_t R)
{
    *re = flint_malloc((H->N + 1) * sizeof(ng_mat_struct));
    *im = flint_malloc((H->N + 1) * sizeof(ng_mat_struct));
    for (int k = 0; k <= H->N; k++) {
        ng_mat_init(*re + k, H->sec_dim[k], H->sec_dim[k], R);
        ng_mat_init(*im + k, H->sec_dim[k], H->sec_dim[k], R);
    }
}

void _ng_blocks_clear(ng_mat_struct *re, ng_mat_struct *im, int N, const ng_ring_t R)
{
    if (re == NULL)
        return;
    for (int k = 0; k <= N; k++) {
        ng_mat_clear(re + k, R);
        ng_mat_clear(im + k, R);
    }
    flint_free(re);
    flint_free(im);
}

void _ng_engine_op_to_acb(acb_mat_t A, const _ng_terms *T, slong dim, slong prec,
                          const ng_ring_t R)
{
    arb_t c;
    acb_t z;
    arb_init(c);
    acb_init(z);
    acb_mat_zero(A);
    for (slong j = 0; j < T->len; j++) {
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, R), prec, R);
        for (slong s = 0; s < dim; s++) {
            _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
            acb_add(acb_mat_entry(A, s ^ T->x[j], s), acb_mat_entry(A, s ^ T->x[j], s), z,
                    prec);
        }
    }
    arb_clear(c);
    acb_clear(z);
}
