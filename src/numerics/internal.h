/* Internal helpers of the numerics module: BLAS/LAPACK entry points (Fortran
 * ABI, hidden string lengths passed explicitly) and double-operator kernels. */
#ifndef NG_NUMERICS_INTERNAL_H
#define NG_NUMERICS_INTERNAL_H

#include <stddef.h>

#include "nessgen/numerics.h"
/* after every FLINT header: complex.h defines the macro I */
#include <complex.h>

void zgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double complex *alpha, const double complex *a, const int *lda,
            const double complex *b, const int *ldb, const double complex *beta,
            double complex *c, const int *ldc, size_t lta, size_t ltb);
void zheev_(const char *jobz, const char *uplo, const int *n, double complex *a,
            const int *lda, double *w, double complex *work, const int *lwork, double *rwork,
            int *info, size_t ljobz, size_t luplo);
void zheevd_(const char *jobz, const char *uplo, const int *n, double complex *a,
             const int *lda, double *w, double complex *work, const int *lwork, double *rwork,
             const int *lrwork, int *iwork, const int *liwork, int *info, size_t ljobz,
             size_t luplo);
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t lta,
            size_t ltb);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t ljobz, size_t luplo);
void zgetrf_(const int *m, const int *n, double complex *a, const int *lda, int *ipiv,
             int *info);
void zgetrs_(const char *trans, const int *n, const int *nrhs, const double complex *a,
             const int *lda, const int *ipiv, double complex *b, const int *ldb, int *info,
             size_t ltrans);
void zgecon_(const char *norm, const int *n, const double complex *a, const int *lda,
             const double *anorm, double *rcond, double complex *work, double *rwork,
             int *info, size_t lnorm);

/* The hot loops of the matrix-free products (dop.c, residual.c), compiled
 * for several x86 vector widths and chosen when the library is loaded
 * (GCC's target_clones, an ifunc).  Each element is computed by the same
 * IEEE operations in the same order whatever the width (no reductions, and
 * -ffp-contract=off keeps FMA out), so the numbers do not depend on the CPU. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define NG_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define NG_VECTOR_CLONES
#endif

/* C = op(A) op(B) for square n × n column-major matrices; ta, tb: 'N' or 'C'. */
void _ng_zgemm(double complex *C, char ta, const double complex *A, char tb,
               const double complex *B, slong n);
/* C = op(A) op(B), real, C m × n (column-major, leading dimensions given). */
void _ng_dgemm(char ta, char tb, int m, int n, int k, const double *A, int lda,
               const double *B, int ldb, double *C, int ldc);
/* out = Uᵀ V U (back = 0) or U V Uᵀ (back = 1) for a real orthogonal n × n U and
 * a complex V: real and imaginary parts side by side, two real products
 * (half the flops of the complex ones).  out may alias V; a, b: scratch of
 * 2n² doubles each. */
void _ng_real_congruence(double complex *out, const double complex *V, const double *U,
                         int back, slong n, double *a, double *b);
/* The same for the Hermitian part of V (V itself if Hermitian) in half the
 * flops: Re V = A symmetric and Im V = B antisymmetric, so C = A + B is one
 * real matrix, and Uᵀ C U = Uᵀ A U + Uᵀ B U splits again into its symmetric
 * and antisymmetric parts, the real and imaginary parts of the result.
 * a, b: scratch of n² doubles each. */
void _ng_real_congruence_herm(double complex *out, const double complex *V, const double *U,
                              int back, slong n, double *a, double *b);
/* The real matrix C = Re V_h + Im V_h of the Hermitian part V_h of V, read
 * through a permutation: a_ij = C_{perm i, perm j} (perm NULL: identity). */
void _ng_herm_pack(double *a, const double complex *V, const slong *perm, slong n);
/* Its inverse for a congruence of C: out_{perm i, perm j} = (a_ij + a_ji)/2
 * + i (a_ij − a_ji)/2, the symmetric and antisymmetric parts. */
void _ng_herm_unpack(double complex *out, const double *a, const slong *perm, slong n);
/* Eigenvectors of a real symmetric d × d matrix in place (LAPACK dsyevd,
 * lower triangle), eigenvalues ascending in e; returns LAPACK's info. */
int _ng_dsyevd(double *a, double *e, slong d);
/* 1-norm of an n × n matrix. */
double _ng_znorm1(const double complex *A, slong n);

/* body(lo, hi, arg) over column ranges covering [0, n), one thread per
 * range (parallel.c); deterministic whatever the thread count. */
void _ng_par_columns(slong n, void (*body)(slong lo, slong hi, void *arg), void *arg);

ng_status _ng_dop_init_from_op(ng_dop_t A, const ng_op_t op, int N, const ng_ring_t R);
void _ng_dop_init_zero(ng_dop_t A, int N);
void _ng_dop_clear(ng_dop_t A);
/* No phase has an imaginary part. */
int _ng_dop_is_real(const ng_dop_t A);
/* ‖A‖₁ ≤ Σ_k max_s |f_k(s)| (each flip mask is a permutation times a diagonal) */
double _ng_dop_norm1_bound(const ng_dop_t A);
/* out += c A ρ and out += c ρ A (ρ, out: n × n column-major). */
void _ng_dop_mul_left(double complex *out, const ng_dop_t A, const double complex *rho,
                      double complex c);
void _ng_dop_mul_right(double complex *out, const double complex *rho, const ng_dop_t A,
                       double complex c);
/* M += c A as a dense n × n matrix. */
void _ng_dop_add_dense(double complex *M, const ng_dop_t A, double complex c);

/* res = L ρ with caller scratch tmp (n × n). */
void _ng_ness_apply_l(double complex *res, const double complex *rho, double lambda,
                      const ng_ness_model_t D, double complex *tmp);
/* res = Σ_ν D_ν ρ (L2 without λ²), scratch tmp. */
void _ng_ness_apply_l2(double complex *res, const double complex *rho,
                       const ng_ness_model_t D, double complex *tmp);
/* The scaled bordered system of ng_ness_solve (residual.c):
 * res = G ρ = w ⊙ Lρ + Tr(ρ) 1/2^N, w = λ^{-2} within a magnetisation sector,
 * λ^{-1} across. */
void _ng_ness_apply_g(double complex *res, const double complex *rho, double lambda,
                      const ng_ness_model_t D, double complex *tmp);
/* v ⊙= 1/w (the weights undone before the preconditioner). */
void _ng_ness_prec_weight(double complex *v, slong n, double lambda);
/* r = 1/2^N − G ρ for ρ = rho + rlo (double-double), the Hamiltonian part
 * in double-double; returns ‖r‖_HS
 * and sets *lnorm = ‖Lρ‖_HS (unweighted, same accuracy).  Scratch: lo,
 * l2part, tmp (n × n each). */
double _ng_ness_residual(double complex *r, double *lnorm, const double complex *rho,
                         const double complex *rlo, double lambda, const ng_ness_model_t D,
                         double complex *lo, double complex *l2part, double complex *tmp);
/* Honesty figures of a solution already in S->rho (Hermitises, normalises). */
void _ng_ness_finish(ng_ness_t S, const ng_ness_model_t D, double norm_a, double norm_inv);
/* The same for the scaled solver: S->rho is the rounded double-double
 * solution whose residuals (residual.c) are given; inv_g ≈ ‖G^{-1}‖. */
void _ng_ness_finish_scaled(ng_ness_t S, const ng_ness_model_t D, double inv_g,
                            double scaled_residual, double lnorm);
double _ng_elem_get_d(int *ok, ng_srcptr x, const ng_ring_t R);

#endif
