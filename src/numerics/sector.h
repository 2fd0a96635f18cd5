/* The sector basis of the secular preconditioner (sector.c, internal). */
#ifndef NG_NUMERICS_SECTOR_H
#define NG_NUMERICS_SECTOR_H

#include "internal.h"

/* Sectors |s| = k of H0 = h Σσ^z, numbered by position in "sector order"
 * (sector 0 first, states ascending within a sector). */
typedef struct {
    slong n;
    int nsec;              /* N + 1 */
    slong off[66];         /* sector k holds positions off[k] .. off[k+1] − 1 */
    slong uoff[66];        /* its block U_k starts at U + uoff[k] */
    slong *perm;           /* perm[i]: the state at position i */
    slong *pos;            /* pos[s]: the position of state s */
    double *U;             /* U_k: eigenvectors of H_eff on sector k (columns) */
    double lambda;
    ng_dop_t sw;           /* the Schrieffer–Wolff generator S (Eq. in sector.c) */
} _ng_sectors_struct;
typedef _ng_sectors_struct _ng_sectors_t[1];

/* Whether the sector basis applies (real H, H0 diagonal and constant on
 * sectors) and, for basis NG_NESS_BASIS_AUTO, pays: N >= NG_SECTOR_MIN_N and
 * λ‖V_od‖₁ ≤ NG_SECTOR_MAX_RATIO · 2|h|. */
int _ng_sectors_applicable(const ng_ness_model_t D, double lambda, int basis);
/* Builds S, H_eff and its eigenvectors; E[i] the eigenvalue of position i. */
ng_status _ng_sectors_init(_ng_sectors_t Q, const ng_ness_model_t D, double lambda, double *E);
void _ng_sectors_clear(_ng_sectors_t Q);
/* out = W† A W (W the sector eigenbasis, S not applied), in sector order.
 * Scratch a: 2n² doubles, b: n² doubles. */
void _ng_sectors_transform(double complex *out, const ng_dop_t A, const _ng_sectors_t Q,
                           double *a, double *b);
/* out = W† (v + λ[S, v]) W for the Hermitian part of v (to the eigenbasis),
 * in sector order; v is kept; a: scratch of 2n² doubles; none aliased. */
void _ng_sectors_to_eigen(double complex *out, const double complex *v, const _ng_sectors_t Q,
                          double *a);
/* z = z' − λ[S, z'] with z' = W v W† (back to the computational basis) for
 * the Hermitian part of v, which is overwritten; a: 2n² doubles. */
void _ng_sectors_from_eigen(double complex *z, double complex *v, const _ng_sectors_t Q,
                            double *a);

#endif
