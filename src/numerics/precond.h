/* The secular preconditioner of ng_ness_solve (internal). */
#ifndef NG_NUMERICS_PRECOND_H
#define NG_NUMERICS_PRECOND_H

#include "sector.h"

typedef struct {
    slong n, ns;
    double complex *U;      /* eigenvectors of H_S (columns); NULL if real */
    double *Ur;             /* the same when H_S is real symmetric, else NULL */
    _ng_sectors_struct *sec; /* instead of U, Ur: the sector basis (sector.c) */
    double *E;              /* eigenvalues (ascending unless sec) */
    double complex *dinv;   /* 1/diagonal for fast pairs, 0 for slow ones */
    slong *slow;            /* slow pairs as a + n b */
    double complex *Mss;    /* LU of the scaled bordered slow block K */
    int *ipiv;
    double complex *work, *work2, *rs;
    double lambda, l2;
    double rcond_slow;      /* 1-norm reciprocal condition of K */
    double sigma_min_slow;  /* estimated smallest singular value of K */
    double slow_norm;       /* ‖K‖_1 */
    double inv_slow;        /* estimate of ‖K^{-1}‖ */
    double inv_fast;        /* max over fast pairs of 1/|w d| (G^{-1}) */
    double inv_fast_scaled; /* the same in units of the column scaling */
    double h1norm;          /* ‖H1‖_1 */
    double norm_s;          /* bound on ‖G C‖ */
} _ng_prec_struct;
typedef _ng_prec_struct _ng_prec_t[1];

slong _ng_prec_max_slow(slong n);
ng_status _ng_prec_init(_ng_prec_t P, const ng_ness_model_t D, double lambda, int basis);
/* z = M^{-1} v; z and v may not alias P's scratch. */
void _ng_prec_apply(double complex *z, const double complex *v, _ng_prec_t P);
void _ng_prec_clear(_ng_prec_t P);

#endif
