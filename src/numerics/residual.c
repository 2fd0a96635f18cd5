/* The scaled bordered system of ng_ness_solve and its residual in
 * double-double.
 *
 * L = L0 + λL1 + λ²L2 has blocks of size 1, λ and λ² between the magnetisation
 * sectors of H0 = hΣσ^z (P0: pairs (s,t) with |s| = |t|; Q0: the rest), and
 * the NESS has Q0ρ = O(λ).  Weighting the rows,
 *     G ρ := w ⊙ (L ρ) + Tr(ρ) 1/2^N = 1/2^N,   w_st = λ^{-2} on P0, λ^{-1} on Q0,
 * makes every block O(1) once the Q0 columns are measured in units of λ: as
 * λ → 0, G tends to the block-triangular operator of the perturbation theory
 * (Q0L0Q0; P0L1P0 on its range; the rate equation on Im P1, Eqs. 45–47), so
 * its conditioning stays bounded.
 *
 * What does not stay bounded is the rounding noise of Lρ in double: the
 * commutator with H0 + λH1 leaves ε‖ρ‖ and ελ‖ρ‖ in the P0 rows, which the
 * weight λ^{-2} turns into ε/λ² and ε/λ.  So the residual that drives the
 * refinement (each GMRES restart) is computed here with the Hamiltonian part
 * in double-double: every product f·ρ is exact (Dekker), the sums carry their
 * rounding errors.  λ·f is rounded once and used on both sides, so what is
 * evaluated exactly is the commutator with a Hamiltonian perturbed by ε‖λH1‖,
 * a structured perturbation the NESS is well-conditioned to.  L2 needs no
 * extra precision (its noise ελ² is weighted by at most λ^{-2}).
 *
 * ρ itself is a double-double ρ_hi + ρ_lo: rounding ρ to double moves the
 * O(1) coherences within a sector by ε, which P0L1P0 turns into a residual
 * ελ/λ² — a floor no refinement could pass, though the forward error of the
 * rounding is only ε. */
#include <math.h>
#include <string.h>

#include "internal.h"

/* Two-sum and Dekker's product are exact only if no a·b + c is contracted
 * into an fma behind their back: the project builds with -ffp-contract=off
 * (meson.build), and clang is told here too. */
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

static inline double weight(slong s, slong t, double il, double il2)
{
    return __builtin_popcountll((unsigned long long)s) ==
                   __builtin_popcountll((unsigned long long)t)
               ? il2
               : il;
}

void _ng_ness_apply_g(double complex *res, const double complex *rho, double lambda,
                      const ng_ness_model_t D, double complex *tmp)
{
    slong n = D->n;
    double il = 1.0 / lambda, il2 = il * il;
    double complex tr = 0.0;
    _ng_ness_apply_l(res, rho, lambda, D, tmp);
    for (slong i = 0; i < n; i++)
        tr += rho[i + n * i];
    for (slong t = 0; t < n; t++)
        for (slong s = 0; s < n; s++)
            res[s + n * t] *= weight(s, t, il, il2);
    for (slong i = 0; i < n; i++)
        res[i + n * i] += tr / (double)n;
}

void _ng_ness_prec_weight(double complex *v, slong n, double lambda)
{
    double l2 = lambda * lambda;
    for (slong t = 0; t < n; t++)
        for (slong s = 0; s < n; s++)
            v[s + n * t] *= weight(s, t, lambda, l2);
}

/* (h, l) += p + e, with the rounding error of h + p kept in l (two-sum). */
static inline void acc(double *h, double *l, double p, double e)
{
    double s = *h + p, bb = s - *h;
    *l += ((*h - (s - bb)) + (p - bb)) + e;
    *h = s;
}

/* The rounding error of a·b, exactly: Dekker's product with Veltkamp's
 * split (no fma: without -mfma, fma() is a library call per product, and the
 * result is the same exact number either way). */
static inline void split(double a, double *hi, double *lo)
{
    double t = 134217729.0 * a; /* 2^27 + 1 */
    *hi = t - (t - a);
    *lo = a - *hi;
}

static inline double prod_err(double a, double ah, double al, double b, double bh, double bl,
                              double p)
{
    (void)a;
    (void)b;
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/* (h, l) += g ρ exactly (up to the final rounding of l), complex. */
static inline void acc_prod(double *h, double *l, double complex g, double complex r)
{
    double a = creal(g), b = cimag(g), c = creal(r), d = cimag(r), p;
    double ah, al, bh, bl, ch, cl, dh, dl;
    split(a, &ah, &al);
    split(b, &bh, &bl);
    split(c, &ch, &cl);
    split(d, &dh, &dl);
    p = a * c;
    acc(h, l, p, prod_err(a, ah, al, c, ch, cl, p));
    p = b * d;
    acc(h, l, -p, -prod_err(b, bh, bl, d, dh, dl, p));
    p = a * d;
    acc(h + 1, l + 1, p, prod_err(a, ah, al, d, dh, dl, p));
    p = b * c;
    acc(h + 1, l + 1, p, prod_err(b, bh, bl, c, ch, cl, p));
}

/* (h, l) += g ρ_lo, the low word of a double-double ρ: one rounding suffices. */
static inline void acc_low(double *h, double *l, double complex g, double complex r)
{
    double complex p = g * r;
    (void)h;
    l[0] += creal(p);
    l[1] += cimag(p);
}

typedef struct {
    double *hi, *lo;
    const ng_dop_struct *A;
    const double complex *rho, *rlo;
    double complex c;
    int right;
} dd_args;

static void dd_cols(slong j0, slong j1, void *p)
{
    const dd_args *m = p;
    const ng_dop_struct *A = m->A;
    slong n = A->n;
    for (slong j = j0; j < j1; j++) {
        double *h = m->hi + 2 * n * j, *l = m->lo + 2 * n * j;
        for (slong k = 0; k < A->nmasks; k++) {
            slong x = (slong)A->xmask[k];
            const double complex *f = A->f + k * n;
            if (m->right) { /* (ρA)_{i,j} = ρ_{i,j⊕x} f(j) */
                double complex g = m->c * f[j];
                const double complex *col = m->rho + n * (j ^ x), *clo = m->rlo + n * (j ^ x);
                if (g != 0.0)
                    for (slong i = 0; i < n; i++) {
                        acc_prod(h + 2 * i, l + 2 * i, g, col[i]);
                        acc_low(h + 2 * i, l + 2 * i, g, clo[i]);
                    }
            } else { /* (Aρ)_{s⊕x,j} += f(s) ρ_{s,j} */
                const double complex *col = m->rho + n * j, *clo = m->rlo + n * j;
                for (slong s = 0; s < n; s++) {
                    double complex g = m->c * f[s];
                    acc_prod(h + 2 * (s ^ x), l + 2 * (s ^ x), g, col[s]);
                    acc_low(h + 2 * (s ^ x), l + 2 * (s ^ x), g, clo[s]);
                }
            }
        }
    }
}

/* (hi, lo) += c A ρ (left) or c ρ A (right) for ρ = ρ_hi + ρ_lo; the
 * products with ρ_hi exact.  Columns split over the cores (parallel.c). */
static void dd_mul(double *hi, double *lo, const ng_dop_t A, const double complex *rho,
                   const double complex *rlo, double complex c, int right)
{
    dd_args m = {hi, lo, A, rho, rlo, c, right};
    _ng_par_columns(A->n, dd_cols, &m);
}

double _ng_ness_residual(double complex *r, double *lnorm, const double complex *rho,
                         const double complex *rlo, double lambda, const ng_ness_model_t D,
                         double complex *lo, double complex *l2part, double complex *tmp)
{
    slong n = D->n, n2 = n * n;
    double il = 1.0 / lambda, il2 = il * il, l2 = lambda * lambda, rn = 0.0, ln = 0.0;
    double *h = (double *)r, *l = (double *)lo;
    double complex tr = 0.0;
    memset(r, 0, (size_t)n2 * sizeof(double complex));
    memset(lo, 0, (size_t)n2 * sizeof(double complex));
    dd_mul(h, l, D->h0, rho, rlo, -I, 0);
    dd_mul(h, l, D->h0, rho, rlo, I, 1);
    dd_mul(h, l, D->h1, rho, rlo, -I * lambda, 0);
    dd_mul(h, l, D->h1, rho, rlo, I * lambda, 1);
    /* L2 of ρ_lo (about ε ‖ρ‖, weighted at most by 1) is below the target */
    _ng_ness_apply_l2(l2part, rho, D, tmp);
    for (slong i = 0; i < n; i++)
        tr += rho[i + n * i] + rlo[i + n * i];
    for (slong t = 0; t < n; t++)
        for (slong s = 0; s < n; s++) {
            slong k = s + n * t;
            double w = weight(s, t, il, il2), v[2];
            double complex lr = l2 * l2part[k];
            for (int q = 0; q < 2; q++) { /* w (hi + lo + λ² L2ρ), real and imaginary */
                double hq = h[2 * k + q], p = hq * w, hh, hl, wh, wl, e;
                split(hq, &hh, &hl);
                split(w, &wh, &wl);
                e = prod_err(hq, hh, hl, w, wh, wl, p);
                double x = q ? cimag(lr) : creal(lr);
                double lq = l[2 * k + q] + x; /* L2 part: double suffices */
                v[q] = -(p + (e + lq * w));
                ln += (hq + lq) * (hq + lq);
            }
            r[k] = v[0] + I * v[1];
        }
    for (slong i = 0; i < n; i++)
        r[i + n * i] += (1.0 - tr) / (double)n;
    for (slong k = 0; k < n2; k++)
        rn += creal(r[k]) * creal(r[k]) + cimag(r[k]) * cimag(r[k]);
    if (lnorm != NULL)
        *lnorm = sqrt(ln);
    return sqrt(rn);
}
