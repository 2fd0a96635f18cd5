/* Coefficient rings: the three number domains behind one interface.
 *
 *   NG_QQ         exact rationals                         (fmpq)
 *   NG_QQ_PARAMS  rational functions of named parameters  (fmpz_mpoly_q)
 *   NG_BALL       real balls at a working precision       (arb)
 *
 * Every algorithm above this layer is written once against ng_elem_* and
 * dispatches here.  Elements are opaque blocks of ng_ring_elem_size(R) bytes;
 * vectors are contiguous blocks (ng_vec_*).  Outputs come first, the ring last,
 * and aliasing of outputs with inputs is allowed throughout. */
#ifndef NESSGEN_RING_H
#define NESSGEN_RING_H

#include <stdio.h>

#include <arb.h>
#include <calcium/calcium.h>
#include <calcium/fmpz_mpoly_q.h>
#include <flint/fmpq.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { NG_QQ, NG_QQ_PARAMS, NG_BALL } ng_ring_kind;

typedef struct {
    ng_ring_kind kind;
    slong prec;   /* NG_BALL: working precision in bits */
    slong nvars;  /* NG_QQ_PARAMS: number of named parameters */
    char **names; /* NG_QQ_PARAMS: their names */
    fmpz_mpoly_ctx_t mctx;
} ng_ring_struct;
typedef ng_ring_struct ng_ring_t[1];

typedef void *ng_ptr;
typedef const void *ng_srcptr;

void ng_ring_init_qq(ng_ring_t R);
void ng_ring_init_ball(ng_ring_t R, slong prec);
/* Names are copied; nvars may be 0 (then it is Q written as Q()). */
void ng_ring_init_params(ng_ring_t R, const char *const *names, slong nvars);
void ng_ring_clear(ng_ring_t R);
/* Index of a parameter name, or -1. */
slong ng_ring_param_index(const ng_ring_t R, const char *name);
const char *ng_ring_kind_name(const ng_ring_t R);
int ng_ring_is_exact(const ng_ring_t R);

void ng_elem_init(ng_ptr x, const ng_ring_t R);
void ng_elem_clear(ng_ptr x, const ng_ring_t R);
void ng_elem_swap(ng_ptr x, ng_ptr y, const ng_ring_t R);
void ng_elem_set(ng_ptr y, ng_srcptr x, const ng_ring_t R);
void ng_elem_zero(ng_ptr x, const ng_ring_t R);
void ng_elem_one(ng_ptr x, const ng_ring_t R);
void ng_elem_set_si(ng_ptr x, slong c, const ng_ring_t R);
void ng_elem_set_fmpq(ng_ptr x, const fmpq_t c, const ng_ring_t R);
/* Only for NG_BALL; the ball is rounded to the ring's precision. */
void ng_elem_set_arb(ng_ptr x, const arb_t c, const ng_ring_t R);
/* The i-th parameter of NG_QQ_PARAMS. */
void ng_elem_gen(ng_ptr x, slong i, const ng_ring_t R);

void ng_elem_neg(ng_ptr y, ng_srcptr x, const ng_ring_t R);
void ng_elem_add(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R);
void ng_elem_sub(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R);
void ng_elem_mul(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R);
/* z += x*y */
void ng_elem_addmul(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R);
void ng_elem_mul_si(ng_ptr y, ng_srcptr x, slong c, const ng_ring_t R);
void ng_elem_mul_fmpq(ng_ptr y, ng_srcptr x, const fmpq_t c, const ng_ring_t R);
/* y = x * 2^e */
void ng_elem_mul_2exp_si(ng_ptr y, ng_srcptr x, slong e, const ng_ring_t R);
void ng_elem_div_si(ng_ptr y, ng_srcptr x, slong c, const ng_ring_t R);
/* z = x / y.  Returns 1 on success; 0 when y is zero or (balls) may be zero,
 * and then z is left undefined. */
int ng_elem_div(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R);
void ng_elem_pow_ui(ng_ptr y, ng_srcptr x, ulong e, const ng_ring_t R);

/* Decisions: T_TRUE / T_FALSE, or T_UNKNOWN for a ball that contains zero
 * without being exactly zero. */
truth_t ng_elem_is_zero(ng_srcptr x, const ng_ring_t R);
truth_t ng_elem_equal(ng_srcptr x, ng_srcptr y, const ng_ring_t R);
/* Structural zero: exactly the zero element (no decision involved). */
int ng_elem_is_exact_zero(ng_srcptr x, const ng_ring_t R);
/* Sign of a real value: -1, 0, 1; returns 0 on success, -1 if undecidable
 * (ball contains zero but is not zero, or a non-constant rational function). */
int ng_elem_sgn(int *sign, ng_srcptr x, const ng_ring_t R);
/* 1 if x is a rational constant (always for NG_QQ; for NG_QQ_PARAMS if it
 * involves no parameter; for balls if it is an exact dyadic point). */
int ng_elem_get_fmpq(fmpq_t c, ng_srcptr x, const ng_ring_t R);
/* An enclosure at precision prec; NG_QQ_PARAMS only for constants (returns 0
 * otherwise). */
int ng_elem_get_arb(arb_t y, ng_srcptr x, slong prec, const ng_ring_t R);
/* The value (a ball's midpoint) as the nearest double, for the double-precision
 * layers (full-Liouvillian numerics, plots); NaN if x is not a constant. */
double ng_elem_get_d(ng_srcptr x, const ng_ring_t R);
/* For NG_BALL: does the ball contain the rational c?  Exact rings: equality. */
int ng_elem_contains_fmpq(ng_srcptr x, const fmpq_t c, const ng_ring_t R);

/* Evaluation of a rational function at rational values of the parameters
 * (vals[i] for parameter i; NG_QQ: x itself): 1 on success, 0 if the
 * denominator vanishes there (or for balls).  A ring homomorphism. */
int ng_elem_evaluate_fmpq(fmpq_t res, ng_srcptr x, const fmpq *vals, const ng_ring_t R);
/* y = x with parameter var set to val, canonical; 0 (y undefined) if the
 * denominator vanishes identically there.  Other rings and var < 0: y = x. */
int ng_elem_substitute_fmpq(ng_ptr y, ng_srcptr x, slong var, const fmpq_t val,
                            const ng_ring_t R);
/* The numerator and denominator of a rational function as elements (canonical:
 * coprime, denominator with positive leading coefficient); other rings: x, 1. */
void ng_elem_numerator(ng_ptr y, ng_srcptr x, const ng_ring_t R);
void ng_elem_denominator(ng_ptr y, ng_srcptr x, const ng_ring_t R);
/* The numerator (den = 0) or the denominator (den = 1) of x ∈ Q(params),
 * canonical as above, as len integer terms c_k · Π_v x_v^e[k·nvars + v]:
 * returns len and sets *coeffs (len entries, free with _fmpz_vec_clear) and
 * *exps (len·nvars entries, free with flint_free).  Other rings: 0 terms.
 * Used by the code emitters, which evaluate the polynomials themselves. */
slong ng_elem_get_terms(fmpz **coeffs, ulong **exps, ng_srcptr x, int den,
                        const ng_ring_t R);
/* Degrees of numerator and denominator of x in parameter var (0 for constants
 * and other rings); returns the larger. */
slong ng_elem_degree(slong *deg_num, slong *deg_den, ng_srcptr x, slong var, const ng_ring_t R);

/* The shape of a rational function (constants of every ring: no parameter,
 * one term, or none for zero, over a denominator of one term).
 * used[v] = 1 for the parameters x involves (used has R->nvars entries). */
void ng_elem_used_params(int *used, ng_srcptr x, const ng_ring_t R);
/* Numbers of terms of numerator and denominator (either pointer may be NULL). */
void ng_elem_nterms(slong *num, slong *den, ng_srcptr x, const ng_ring_t R);
/* 1 if the denominator is a constant (always for Q and balls). */
int ng_elem_is_polynomial(ng_srcptr x, const ng_ring_t R);
/* y = ∂x/∂(parameter var); zero for other rings and var out of range.
 * Aliasing allowed. */
void ng_elem_derivative(ng_ptr y, ng_srcptr x, slong var, const ng_ring_t R);
/* y (in R) = x (in RX): the same ring; Q or balls into balls at R's
 * precision; a rational constant into Q or Q(params); Q(params) into
 * Q(params) of other names, each parameter to the one of the same name.
 * Returns 0 (y undefined) when x has no image: a non-constant into Q or
 * balls, a parameter R does not have, a ball into an exact ring. */
int ng_elem_set_other_ring(ng_ptr y, ng_srcptr x, const ng_ring_t RX, const ng_ring_t R);

/* Text forms, freshly allocated with flint_malloc (free with flint_free).
 * Plain: "3/2", "(2*a + b)/c", "[0.5 +/- 1.2e-20]" with `digits` digits for
 * balls.  LaTeX: "\frac{3}{2}", "\frac{2 a + b}{c}". */
char *ng_elem_get_str(ng_srcptr x, slong digits, const ng_ring_t R);
char *ng_elem_get_latex(ng_srcptr x, slong digits, const ng_ring_t R);
/* The same with numerator and denominator of a rational function factored
 * over Z, as products of powers (easier to read; other domains as above). */
char *ng_elem_get_str_factored(ng_srcptr x, slong digits, const ng_ring_t R);
char *ng_elem_get_latex_factored(ng_srcptr x, slong digits, const ng_ring_t R);
/* 1 if the printed form of x is a sum (a polynomial with several terms), so it
 * needs brackets as a factor; quotients, rationals and balls print atomically. */
int ng_elem_is_sum(ng_srcptr x, const ng_ring_t R);
/* x at the parameter values vals[i] (balls, for the i with known[i] != 0):
 * 1 with a ball containing the value, 0 if x uses a parameter not known
 * (missing[i] = 1 for those, when missing is not NULL) or its denominator is
 * not certified nonzero at prec.  Other rings: as ng_elem_get_arb. */
int ng_elem_eval_arb(arb_t res, int *missing, ng_srcptr x, arb_srcptr vals, const int *known,
                     slong prec, const ng_ring_t R);
/* The decimal, with `places` digits after the point, that the true value
 * inside the ball x rounds to (to nearest, halves away from zero), or NULL
 * when the ball straddles a rounding boundary (or is not finite).  The text
 * depends on the true value only, never on the ball's midpoint and radius:
 * what generated documents print.  "-0.25" is never "-0.00":
 * a value that rounds to 0 prints unsigned. */
char *ng_arb_get_str_rounded(const arb_t x, slong places);
/* LaTeX of x with the rule above for balls; a ball that does not decide its
 * rounding falls back to ng_elem_get_latex's "x \pm r"; exact rings as
 * ng_elem_get_latex. */
char *ng_elem_get_latex_rounded(ng_srcptr x, slong places, const ng_ring_t R);
/* For balls: midpoint and radius as decimal strings (flint_malloc'd). */
void ng_elem_get_mid_rad(char **mid, char **rad, ng_srcptr x, slong digits,
                         const ng_ring_t R);
/* Randomised element for tests: small rationals, small rational functions,
 * or exact-rational balls (so a ball result can be checked for containment). */
void ng_elem_randtest(ng_ptr x, flint_rand_t state, const ng_ring_t R);

static inline size_t ng_ring_elem_size(const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        return sizeof(fmpq);
    case NG_QQ_PARAMS:
        return sizeof(fmpz_mpoly_q_struct);
    default:
        return sizeof(arb_struct);
    }
}

/* Vectors: contiguous arrays of n elements. */
ng_ptr ng_vec_init(slong n, const ng_ring_t R);
void ng_vec_clear(ng_ptr v, slong n, const ng_ring_t R);
ng_ptr ng_vec_grow(ng_ptr v, slong old_n, slong new_n, const ng_ring_t R);

static inline ng_ptr ng_vec_entry(ng_ptr v, slong i, const ng_ring_t R)
{
    return (char *)v + (size_t)i * ng_ring_elem_size(R);
}

static inline ng_srcptr ng_vec_srcentry(ng_srcptr v, slong i, const ng_ring_t R)
{
    return (const char *)v + (size_t)i * ng_ring_elem_size(R);
}

/* A scratch element on the heap (ring element sizes are only known at run time). */
ng_ptr ng_elem_new(const ng_ring_t R);
void ng_elem_free(ng_ptr x, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
