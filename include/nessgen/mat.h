/* Matrices over a ring: dense (for kernels and solves on small spaces, e.g.
 * Ker(P0 L1 P0) of Eq. 96) and sparse (superoperators assembled on a basis).
 *
 * Elimination is written once for all domains.  Exact rings always decide a
 * pivot; balls pick the entry whose enclosure is farthest from zero and give
 * up (T_UNKNOWN) when every candidate contains zero without being zero, so the
 * caller raises the precision and retries. */
#ifndef NESSGEN_MAT_H
#define NESSGEN_MAT_H

#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    slong r, c;
    ng_ptr entries; /* row-major */
} ng_mat_struct;
typedef ng_mat_struct ng_mat_t[1];

void ng_mat_init(ng_mat_t A, slong r, slong c, const ng_ring_t R);
void ng_mat_clear(ng_mat_t A, const ng_ring_t R);
void ng_mat_set(ng_mat_t B, const ng_mat_t A, const ng_ring_t R);
void ng_mat_swap(ng_mat_t A, ng_mat_t B);

static inline ng_ptr ng_mat_entry(const ng_mat_t A, slong i, slong j, const ng_ring_t R)
{
    return ng_vec_entry(A->entries, i * A->c + j, R);
}

void ng_mat_zero(ng_mat_t A, const ng_ring_t R);
void ng_mat_one(ng_mat_t A, const ng_ring_t R);
void ng_mat_mul(ng_mat_t C, const ng_mat_t A, const ng_mat_t B, const ng_ring_t R);
truth_t ng_mat_is_zero(const ng_mat_t A, const ng_ring_t R);

/* Reduced row echelon form in place; *rank and the pivot columns (an array of
 * at least A->c entries).  T_UNKNOWN if balls could not decide a pivot. */
truth_t ng_mat_rref(slong *rank, slong *pivots, ng_mat_t A, const ng_ring_t R);
/* Columns of X span the right kernel of A: X (initialised, any shape) is
 * replaced by an A->c × nullity matrix, one column per free variable with that
 * variable set to 1.  As everywhere here, outputs are initialised by the
 * caller and resized by the call. */
truth_t ng_mat_nullspace(ng_mat_t X, const ng_mat_t A, const ng_ring_t R);
/* Solves A X = B for square nonsingular A; T_FALSE if A is singular. */
truth_t ng_mat_solve(ng_mat_t X, const ng_mat_t A, const ng_mat_t B, const ng_ring_t R);

/* Text, one row per line (flint_malloc'd). */
char *ng_mat_get_str(const ng_mat_t A, slong digits, const ng_ring_t R);

/* Sparse matrices in compressed-row form, built from (row, col, value)
 * triplets; duplicates are summed and exact zeros dropped. */
typedef struct {
    slong r, c, nnz, alloc;
    slong *rows, *cols; /* triplets until ng_sparse_mat_finish, then CSR: */
    slong *row_start;   /* r + 1 offsets into cols/values, after finish */
    ng_ptr values;
} ng_sparse_mat_struct;
typedef ng_sparse_mat_struct ng_sparse_mat_t[1];

void ng_sparse_mat_init(ng_sparse_mat_t A, slong r, slong c, const ng_ring_t R);
void ng_sparse_mat_clear(ng_sparse_mat_t A, const ng_ring_t R);
void ng_sparse_mat_push(ng_sparse_mat_t A, slong i, slong j, ng_srcptr v, const ng_ring_t R);
void ng_sparse_mat_finish(ng_sparse_mat_t A, const ng_ring_t R);
void ng_sparse_mat_to_dense(ng_mat_t B, const ng_sparse_mat_t A, const ng_ring_t R);
/* y = A x for vectors of A->c and A->r elements. */
void ng_sparse_mat_mul_vec(ng_ptr y, const ng_sparse_mat_t A, ng_srcptr x, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
