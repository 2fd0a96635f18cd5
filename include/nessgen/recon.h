/* Functional reconstruction: rational functions over Q of n variables known
 * only through a black box that evaluates them at rational points, recovered
 * exactly from samples — the technique FiniteFlow (Peraro) and FireFly
 * (Klappert, Lange) use for Feynman-integral reductions, written here for
 * the closed forms of ρ0 (issue 14).
 *
 *   univariate:  Thiele's interpolating continued fraction
 *                  f(x) = a_0 + (x − x_0)/(a_1 + (x − x_1)/(a_2 + …)),
 *                built modulo a word-size prime (FLINT nmod) one sample at a
 *                time and stopped when further samples agree with it (or after
 *                2B + 1 samples when a degree bound B is given); converted to
 *                N/D, made coprime and normalised (lowest nonzero coefficient
 *                of D is 1); the same samples modulo further primes, Chinese
 *                remaindering and rational reconstruction until the rational
 *                coefficients are stable.
 *   multivariate: recursive (dense, one variable at a time): with the other
 *                variables r fixed, the normalised coefficients of f(·, r) in
 *                x_0 are rational functions of r, reconstructed in turn by
 *                the same method over the remaining variables; points r where
 *                f(·, r) has fewer degrees in both N and D (a cancellation)
 *                or a vanishing normaliser are skipped.
 *   verification: the result is evaluated exactly at fresh random points and
 *                compared with the black box; a mismatch (e.g. a degree
 *                bound that is too low) is an NG_ECOMPUTE, never a wrong
 *                answer.  This is a probabilistic certificate (Schwartz–Zippel),
 *                as in FiniteFlow and FireFly, not a proof.
 *
 * Samples of variable v are the rationals (i + 2 + v)/(2i + 5 + 3v),
 * i = 0, 1, … (in (1/3, 1/2): inside |t| < 1, away from u_θ = 0 and 1); a
 * black box may refuse a point (NG_ECOMPUTE: undefined there) and the next
 * one is taken. */
#ifndef NESSGEN_RECON_H
#define NESSGEN_RECON_H

#include <stdio.h>

#include <flint/fmpq.h>

#include "nessgen/error.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

/* values[0 … nout−1] at point[0 … nvars−1].  NG_OK; NG_ECOMPUTE if the
 * functions are undefined there (the point is skipped); anything else stops
 * the reconstruction with that status. */
typedef ng_status (*ng_recon_box)(fmpq *values, const fmpq *point, void *data);

typedef struct {
    slong nvars, nout;
    ng_recon_box box;
    void *data;
    slong *max_degree; /* per variable: bound on deg N and deg D, or −1 (detect) */
    int *even;         /* per variable: the functions depend on its square only */
    slong checks;      /* fresh points for the final verification (default 3) */
    slong max_samples; /* per univariate reconstruction (default 4000) */
    ulong seed;        /* for the fresh points */
    FILE *progress;    /* a line per 200 evaluations, or NULL */
    double max_seconds; /* CPU limit for the estimate below; 0: none (default) */
    /* statistics, filled in by ng_recon_rational */
    slong evaluations; /* black-box calls */
    slong skipped;     /* points where it was undefined, or unlucky */
    slong primes;      /* most primes one univariate reconstruction needed */
    /* the cost estimate (max_seconds > 0), see ng_recon_rational */
    slong *samples;            /* per variable: samples of its probe (−1: none) */
    slong probe_evaluations;   /* black-box calls of the probes */
    double probe_seconds, seconds_per_evaluation, estimated_evaluations,
        estimated_seconds;
    double cpu_stop;           /* internal: process CPU time at which to stop */
} ng_recon_struct;
typedef ng_recon_struct ng_recon_t[1];

void ng_recon_init(ng_recon_t rec, slong nvars, slong nout, ng_recon_box box, void *data);
void ng_recon_clear(ng_recon_t rec);
/* Promise that numerator and denominator of every output have degree ≤ bound
 * in variable var: exactly 2·bound + 1 samples per univariate step instead of
 * early termination.  A wrong bound is caught by the verification. */
void ng_recon_set_max_degree(ng_recon_t rec, slong var, slong bound);

/* Promise that the functions are even in variable var (depend on x² only):
 * they are reconstructed in w = x² from samples x_i (half the samples); the
 * fresh points (of both signs) check the promise.  Degree bounds then count
 * degrees in w. */
void ng_recon_set_even(ng_recon_t rec, slong var);

/* res: rec->nout elements of R (NG_QQ_PARAMS), where variable i of the black
 * box is parameter vars[i] of R.  NG_ECOMPUTE if a fresh point disagrees,
 * if too many points are undefined, or a degree exceeds max_samples; other
 * statuses of the black box are passed on.  res is left zero on failure.
 *
 * Cost estimate (rec->max_seconds > 0), before the work: with two or more
 * variables, one univariate reconstruction per variable v ("probe", the
 * others at their first sample point) gives the samples s_v it needs
 * (its degrees: s_v ≈ deg num + deg den + 3) and the CPU time per
 * evaluation t; the recursion then needs about
 *     E = s_0 + (s_0 − 1) s_1 + … + (s_0 − 1) ⋯ (s_{n−2} − 1) s_{n−1}
 * evaluations (each point of level k is a univariate reconstruction of
 * level k − 1, which one agreeing sample ends instead of two), and
 * probes + E·t seconds above max_seconds is NG_ELIMIT with those figures,
 * before the reconstruction starts (measured: E within 10 % of the
 * evaluations made, for two to nine names).  The probes themselves stop at
 * max_seconds, and after each probe the estimate so far (the names not yet
 * probed counted as one sample each: a lower bound) is checked, so a request
 * far over the limit is refused without probing the remaining names (their
 * samples stay −1); with one variable there is no probe (it would be the whole
 * work) and the reconstruction stops with NG_ELIMIT at max_seconds of CPU.
 * With several, an accepted estimate (probes + E·t ≤ max_seconds) is
 * enforced the same way at twice max_seconds, so an estimate that was too
 * low cannot run away.  t is measured, so
 * whether a borderline request passes depends on the machine; the results
 * never do. */
ng_status ng_recon_rational(ng_ptr res, ng_recon_t rec, const slong *vars,
                            const ng_ring_t R);

/* The i-th sample point of variable v (see above). */
void ng_recon_sample_point(fmpq_t x, slong v, slong i);

#ifdef __cplusplus
}
#endif

#endif
