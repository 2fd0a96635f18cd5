/* Internal to src/recon: Thiele's continued fraction modulo a prime, and the
 * univariate reconstruction over Q that the multivariate recursion calls. */
#ifndef NESSGEN_RECON_INTERNAL_H
#define NESSGEN_RECON_INTERNAL_H

#include <flint/nmod_poly.h>

#include "nessgen/recon.h"

/* f(x) = a_0 + (x − x_0)/(a_1 + (x − x_1)/(a_2 + …)) over Z/pZ. */
typedef struct {
    nmod_t mod;
    slong len, alloc;
    mp_limb_t *x, *a;
} _ng_thiele;

void _ng_thiele_init(_ng_thiele *T, mp_limb_t p);
void _ng_thiele_clear(_ng_thiele *T);
/* Does the continued fraction take the value y at x (finite, len > 0)? */
int _ng_thiele_agrees(const _ng_thiele *T, mp_limb_t x, mp_limb_t y);
/* Appends the point by inverse differences; 0 (nothing appended) if an
 * inverse difference is infinite there. */
int _ng_thiele_add(_ng_thiele *T, mp_limb_t x, mp_limb_t y);
/* The fraction as num/den, coprime, with the lowest nonzero coefficient of
 * den equal to 1 (its index in *j0). */
void _ng_thiele_get_fraction(nmod_poly_t num, nmod_poly_t den, slong *j0,
                             const _ng_thiele *T);

/* x (a rational with denominator prime to p) modulo p; 0 if it is not. */
int _ng_fmpq_get_nmod(mp_limb_t *r, const fmpq_t x, nmod_t mod);

/* FLINT 2.9 has no _fmpq_vec_set / _fmpq_vec_equal. */
static inline void _ng_fmpq_vec_set(fmpq *y, const fmpq *x, slong n)
{
    for (slong i = 0; i < n; i++)
        fmpq_set(y + i, x + i);
}

static inline int _ng_fmpq_vec_equal(const fmpq *y, const fmpq *x, slong n)
{
    for (slong i = 0; i < n; i++)
        if (!fmpq_equal(y + i, x + i))
            return 0;
    return 1;
}

/* One univariate rational function over Q, normalised as above. */
typedef struct {
    slong dn, dd, j0;
    fmpq *num, *den; /* dn + 1 and dd + 1 coefficients, den[j0] = 1 */
} _ng_ratfun;

void _ng_ratfun_clear(_ng_ratfun *f);

typedef ng_status (*_ng_recon_sampler)(fmpq *values, const fmpq_t x, void *data);

/* Reconstructs nout functions of one variable (sample sequence of variable
 * var) from the sampler.  bound ≥ 0: 2·bound + 1 samples per function;
 * otherwise stop after `agree` consecutive samples that agree. */
typedef struct {
    slong nout, var, bound, agree, max_samples;
    int even; /* the functions depend on x² only: out is in w = x² */
    _ng_recon_sampler f;
    void *data;
    _ng_ratfun *out;                    /* nout results (allocated by the call) */
    slong evaluations, skipped, primes; /* statistics */
} _ng_uni;

ng_status _ng_recon_univariate(_ng_uni *U);
void _ng_uni_clear(_ng_uni *U);

#endif
