/* Dense complex-rational matrices for tests: the independent second route
 * for everything the sparse operator code computes on a few sites.
 *
 * A string on N sites becomes the Kronecker product of its 2×2 letters, site 1
 * first, so site l (0-based) is bit N−1−l of a row/column index.  Entries are
 * exact (re, im) pairs of fmpq.  The 2×2 letters are written out from their
 * textbook definitions: σ^x, σ^y, σ^z as usual, σ^± = (σ^x ± iσ^y)/2
 * (paper Eq. 78), i.e. σ^+ = |↑⟩⟨↓| = [[0,1],[0,0]].  Nothing here calls the
 * string or operator code except to read an operator's terms. */
#ifndef NG_DENSE_H
#define NG_DENSE_H

#include <stdio.h>

#include "nessgen/op.h"

typedef struct {
    slong n; /* rows = columns */
    fmpq *re, *im;
} ng_dense_struct;
typedef ng_dense_struct ng_dense_t[1];

#define NG_DRE(M, r, c) ((M)->re + (r) * (M)->n + (c))
#define NG_DIM(M, r, c) ((M)->im + (r) * (M)->n + (c))

static inline void ng_dense_init(ng_dense_t M, slong n)
{
    M->n = n;
    M->re = _fmpq_vec_init(n * n);
    M->im = _fmpq_vec_init(n * n);
}

static inline void ng_dense_clear(ng_dense_t M)
{
    _fmpq_vec_clear(M->re, M->n * M->n);
    _fmpq_vec_clear(M->im, M->n * M->n);
}

static inline void ng_dense_swap(ng_dense_t A, ng_dense_t B)
{
    ng_dense_struct t = *A;
    *A = *B;
    *B = t;
}

/* C = A·B (aliasing allowed). */
static inline void ng_dense_mul(ng_dense_t C, const ng_dense_t A, const ng_dense_t B)
{
    slong n = A->n;
    ng_dense_t T;
    ng_dense_init(T, n);
    for (slong r = 0; r < n; r++)
        for (slong c = 0; c < n; c++)
            for (slong k = 0; k < n; k++) {
                fmpq_addmul(NG_DRE(T, r, c), NG_DRE(A, r, k), NG_DRE(B, k, c));
                fmpq_submul(NG_DRE(T, r, c), NG_DIM(A, r, k), NG_DIM(B, k, c));
                fmpq_addmul(NG_DIM(T, r, c), NG_DRE(A, r, k), NG_DIM(B, k, c));
                fmpq_addmul(NG_DIM(T, r, c), NG_DIM(A, r, k), NG_DRE(B, k, c));
            }
    ng_dense_swap(C, T);
    ng_dense_clear(T);
}

/* C = A ⊗ B (C must not alias). */
static inline void ng_dense_kron(ng_dense_t C, const ng_dense_t A, const ng_dense_t B)
{
    slong m = B->n;
    ng_dense_clear(C);
    ng_dense_init(C, A->n * m);
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++)
            for (slong p = 0; p < m; p++)
                for (slong q = 0; q < m; q++) {
                    fmpq *re = NG_DRE(C, r * m + p, c * m + q);
                    fmpq *im = NG_DIM(C, r * m + p, c * m + q);
                    fmpq_mul(re, NG_DRE(A, r, c), NG_DRE(B, p, q));
                    fmpq_submul(re, NG_DIM(A, r, c), NG_DIM(B, p, q));
                    fmpq_mul(im, NG_DRE(A, r, c), NG_DIM(B, p, q));
                    fmpq_addmul(im, NG_DIM(A, r, c), NG_DRE(B, p, q));
                }
}

/* C = A + i^k·c·B with c rational (aliasing allowed; C is resized). */
static inline void ng_dense_addmul(ng_dense_t C, const ng_dense_t A, const ng_dense_t B,
                                   const fmpq_t c, int k)
{
    fmpq_t br, bi;
    fmpq_init(br);
    fmpq_init(bi);
    if (C != A && C->n != A->n) {
        ng_dense_clear(C);
        ng_dense_init(C, A->n);
    }
    for (slong e = 0; e < A->n * A->n; e++) {
        /* i^k (x + iy): k = 1 → −y + ix, k = 2 → −x − iy, k = 3 → y − ix */
        switch (k & 3) {
        case 0:
            fmpq_set(br, B->re + e), fmpq_set(bi, B->im + e);
            break;
        case 1:
            fmpq_neg(br, B->im + e), fmpq_set(bi, B->re + e);
            break;
        case 2:
            fmpq_neg(br, B->re + e), fmpq_neg(bi, B->im + e);
            break;
        default:
            fmpq_set(br, B->im + e), fmpq_neg(bi, B->re + e);
        }
        fmpq_mul(br, br, c);
        fmpq_mul(bi, bi, c);
        fmpq_add(C->re + e, A->re + e, br);
        fmpq_add(C->im + e, A->im + e, bi);
    }
    fmpq_clear(br);
    fmpq_clear(bi);
}

/* C = i^k·c·A (aliasing allowed). */
static inline void ng_dense_scalar_mul(ng_dense_t C, const ng_dense_t A, const fmpq_t c,
                                       int k)
{
    ng_dense_t Z;
    ng_dense_init(Z, A->n);
    ng_dense_addmul(Z, Z, A, c, k);
    ng_dense_swap(C, Z);
    ng_dense_clear(Z);
}

static inline void ng_dense_sub(ng_dense_t C, const ng_dense_t A, const ng_dense_t B)
{
    fmpq_t one;
    fmpq_init(one);
    fmpq_set_si(one, -1, 1);
    ng_dense_addmul(C, A, B, one, 0);
    fmpq_clear(one);
}

static inline int ng_dense_equal(const ng_dense_t A, const ng_dense_t B)
{
    if (A->n != B->n)
        return 0;
    for (slong e = 0; e < A->n * A->n; e++)
        if (!fmpq_equal(A->re + e, B->re + e) || !fmpq_equal(A->im + e, B->im + e))
            return 0;
    return 1;
}

static inline int ng_dense_is_zero(const ng_dense_t A)
{
    for (slong e = 0; e < A->n * A->n; e++)
        if (!fmpq_is_zero(A->re + e) || !fmpq_is_zero(A->im + e))
            return 0;
    return 1;
}

/* C = A† (aliasing allowed). */
static inline void ng_dense_adjoint(ng_dense_t C, const ng_dense_t A)
{
    ng_dense_t T;
    ng_dense_init(T, A->n);
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++) {
            fmpq_set(NG_DRE(T, c, r), NG_DRE(A, r, c));
            fmpq_neg(NG_DIM(T, c, r), NG_DIM(A, r, c));
        }
    ng_dense_swap(C, T);
    ng_dense_clear(T);
}

static inline void ng_dense_trace(fmpq_t re, fmpq_t im, const ng_dense_t A)
{
    fmpq_zero(re);
    fmpq_zero(im);
    for (slong r = 0; r < A->n; r++) {
        fmpq_add(re, re, NG_DRE(A, r, r));
        fmpq_add(im, im, NG_DIM(A, r, r));
    }
}

/* One site: letter 0..3 of the given basis (see pauli.h for the numbering). */
static inline void ng_dense_letter(ng_dense_t M, int letter, ng_basis basis)
{
    ng_dense_clear(M);
    ng_dense_init(M, 2);
    switch (letter) {
    case 0: /* σ^0 */
        fmpq_one(NG_DRE(M, 0, 0));
        fmpq_one(NG_DRE(M, 1, 1));
        break;
    case 3: /* σ^z */
        fmpq_one(NG_DRE(M, 0, 0));
        fmpq_set_si(NG_DRE(M, 1, 1), -1, 1);
        break;
    case 1:
        if (basis == NG_PAULI) { /* σ^x */
            fmpq_one(NG_DRE(M, 0, 1));
            fmpq_one(NG_DRE(M, 1, 0));
        } else { /* σ^+ */
            fmpq_one(NG_DRE(M, 0, 1));
        }
        break;
    default:
        if (basis == NG_PAULI) { /* σ^y = [[0, −i], [i, 0]] */
            fmpq_set_si(NG_DIM(M, 0, 1), -1, 1);
            fmpq_one(NG_DIM(M, 1, 0));
        } else { /* σ^- */
            fmpq_one(NG_DRE(M, 1, 0));
        }
    }
}

/* The 2^N × 2^N matrix of a string on N sites. */
static inline void ng_dense_string(ng_dense_t M, ng_string s, int nsites, ng_basis basis)
{
    ng_dense_t L, T;
    ng_dense_init(L, 1);
    ng_dense_init(T, 1);
    ng_dense_clear(M);
    ng_dense_init(M, 1);
    fmpq_one(M->re);
    for (int l = 0; l < nsites; l++) {
        int x = (s.x >> l) & 1, z = (s.z >> l) & 1;
        ng_dense_letter(L, x ? (z ? 2 : 1) : (z ? 3 : 0), basis);
        ng_dense_kron(T, M, L);
        ng_dense_swap(M, T);
    }
    ng_dense_clear(L);
    ng_dense_clear(T);
}

/* Σ_k c_k i^{e_k} S_k for an operator over NG_QQ. */
static inline void ng_dense_from_op(ng_dense_t M, const ng_op_t A, const ng_ring_t Rq)
{
    ng_dense_t S;
    ng_dense_init(S, 1);
    ng_dense_clear(M);
    ng_dense_init(M, WORD(1) << A->nsites);
    for (slong i = 0; i < A->length; i++) {
        ng_dense_string(S, A->keys[i].s, A->nsites, A->basis);
        ng_dense_addmul(M, M, S, (const fmpq *)ng_vec_srcentry(A->coeffs, i, Rq),
                        (int)A->keys[i].im);
    }
    ng_dense_clear(S);
}

/* Splits a full index into its kept-site bits (renumbered in site order) and
 * its traced-site bits. */
static inline void ng_dense_split_index(slong *kept, slong *traced, slong r, int nsites,
                                        uint64_t mask)
{
    *kept = *traced = 0;
    for (int l = 0; l < nsites; l++) {
        slong bit = (r >> (nsites - 1 - l)) & 1;
        if ((mask >> l) & 1)
            *kept = 2 * *kept + bit;
        else
            *traced = 2 * *traced + bit;
    }
}

/* C = Tr_{sites outside mask} A, on popcount(mask ∩ sites) sites in site order. */
static inline void ng_dense_partial_trace(ng_dense_t C, const ng_dense_t A, int nsites,
                                          uint64_t mask)
{
    int k = 0;
    for (int l = 0; l < nsites; l++)
        k += (mask >> l) & 1;
    ng_dense_clear(C);
    ng_dense_init(C, WORD(1) << k);
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++) {
            slong rk, rt, ck, ct;
            ng_dense_split_index(&rk, &rt, r, nsites, mask);
            ng_dense_split_index(&ck, &ct, c, nsites, mask);
            if (rt != ct)
                continue;
            fmpq_add(NG_DRE(C, rk, ck), NG_DRE(C, rk, ck), NG_DRE(A, r, c));
            fmpq_add(NG_DIM(C, rk, ck), NG_DIM(C, rk, ck), NG_DIM(A, r, c));
        }
}

static inline void ng_dense_print(const char *label, const ng_dense_t A)
{
    fprintf(stderr, "%s (%ld x %ld, entries (re, im)):\n", label, (long)A->n, (long)A->n);
    for (slong r = 0; r < A->n; r++) {
        for (slong c = 0; c < A->n; c++) {
            char *re = fmpq_get_str(NULL, 10, NG_DRE(A, r, c));
            char *im = fmpq_get_str(NULL, 10, NG_DIM(A, r, c));
            fprintf(stderr, " (%s, %s)", re, im);
            flint_free(re);
            flint_free(im);
        }
        fprintf(stderr, "\n");
    }
}

#endif
