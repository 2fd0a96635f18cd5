/* Sparse matrices: triplets, sorted and merged into compressed rows. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/mat.h"

void ng_sparse_mat_init(ng_sparse_mat_t A, slong r, slong c, const ng_ring_t R)
{
    (void)R;
    memset(A, 0, sizeof(ng_sparse_mat_struct));
    A->r = r;
    A->c = c;
}

void ng_sparse_mat_clear(ng_sparse_mat_t A, const ng_ring_t R)
{
    for (slong k = 0; k < A->nnz; k++)
        ng_elem_clear(ng_vec_entry(A->values, k, R), R);
    flint_free(A->values);
    flint_free(A->rows);
    flint_free(A->cols);
    flint_free(A->row_start);
}

void ng_sparse_mat_push(ng_sparse_mat_t A, slong i, slong j, ng_srcptr v, const ng_ring_t R)
{
    if (A->nnz == A->alloc) {
        A->alloc = 2 * A->alloc + 16;
        A->rows = flint_realloc(A->rows, A->alloc * sizeof(slong));
        A->cols = flint_realloc(A->cols, A->alloc * sizeof(slong));
        A->values = flint_realloc(A->values, A->alloc * ng_ring_elem_size(R));
    }
    A->rows[A->nnz] = i;
    A->cols[A->nnz] = j;
    ng_elem_init(ng_vec_entry(A->values, A->nnz, R), R);
    ng_elem_set(ng_vec_entry(A->values, A->nnz, R), v, R);
    A->nnz++;
}

typedef struct {
    slong row, col, index;
} triplet;

static int triplet_cmp(const void *a, const void *b)
{
    const triplet *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

void ng_sparse_mat_finish(ng_sparse_mat_t A, const ng_ring_t R)
{
    size_t sz = ng_ring_elem_size(R);
    triplet *t = flint_malloc(FLINT_MAX(A->nnz, 1) * sizeof(triplet));
    char *values = flint_malloc(FLINT_MAX(A->nnz, 1) * sz);
    slong n = 0;
    for (slong k = 0; k < A->nnz; k++)
        t[k] = (triplet){A->rows[k], A->cols[k], k};
    qsort(t, A->nnz, sizeof(triplet), triplet_cmp);
    for (slong k = 0; k < A->nnz; k++) {
        ng_ptr v = ng_vec_entry(A->values, t[k].index, R);
        if (n > 0 && A->rows[n - 1] == t[k].row && A->cols[n - 1] == t[k].col) {
            ng_elem_add(values + (n - 1) * sz, values + (n - 1) * sz, v, R);
            ng_elem_clear(v, R);
            continue;
        }
        A->rows[n] = t[k].row;
        A->cols[n] = t[k].col;
        memcpy(values + n * sz, v, sz);
        n++;
    }
    flint_free(A->values);
    A->values = values;
    A->nnz = 0;
    for (slong k = 0; k < n; k++) { /* drop exact zeros */
        ng_ptr v = values + k * sz;
        if (ng_elem_is_exact_zero(v, R)) {
            ng_elem_clear(v, R);
            continue;
        }
        A->rows[A->nnz] = A->rows[k];
        A->cols[A->nnz] = A->cols[k];
        if (A->nnz != k)
            memcpy(values + A->nnz * sz, v, sz);
        A->nnz++;
    }
    A->alloc = FLINT_MAX(n, 1);
    A->row_start = flint_realloc(A->row_start, (A->r + 1) * sizeof(slong));
    for (slong i = 0, k = 0; i <= A->r; i++) {
        while (k < A->nnz && A->rows[k] < i)
            k++;
        A->row_start[i] = k;
    }
    flint_free(t);
}

void ng_sparse_mat_to_dense(ng_mat_t B, const ng_sparse_mat_t A, const ng_ring_t R)
{
    ng_mat_t T;
    ng_mat_init(T, A->r, A->c, R);
    for (slong k = 0; k < A->nnz; k++)
        ng_elem_set(ng_mat_entry(T, A->rows[k], A->cols[k], R),
                    ng_vec_srcentry(A->values, k, R), R);
    ng_mat_swap(B, T);
    ng_mat_clear(T, R);
}

void ng_sparse_mat_mul_vec(ng_ptr y, const ng_sparse_mat_t A, ng_srcptr x, const ng_ring_t R)
{
    for (slong i = 0; i < A->r; i++) {
        ng_ptr yi = ng_vec_entry(y, i, R);
        ng_elem_zero(yi, R);
        for (slong k = A->row_start[i]; k < A->row_start[i + 1]; k++)
            ng_elem_addmul(yi, ng_vec_srcentry(A->values, k, R),
                           ng_vec_srcentry(x, A->cols[k], R), R);
    }
}
