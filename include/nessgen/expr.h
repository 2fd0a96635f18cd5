/* Parameter expressions: `3/2`, `0.25`, `1e-3`, `pi/4`, `sqrt(2)/2`,
 * `tanh(2/3)`, `cos(theta)^2`, free names.  Parsed once into a tree, then
 * evaluated into whichever ring (DESIGN §3) is the tightest that holds them:
 *
 *   - decimals and scientific notation are exact rationals;
 *   - a closed expression is classified exactly with Calcium (ca_t): cos(pi/4)^2
 *     is the rational 1/2, cos(pi/2) is exactly 0, tanh(2/3) is irrational;
 *   - a free name makes the expression symbolic; sin, cos, tan of a bare free
 *     name θ become rational functions of the symbol u_θ = tan(θ/2)
 *     (cos θ = (1−u²)/(1+u²), sin θ = 2u/(1+u²)), so they stay exact.
 *
 * Grammar: sums, products, quotients, unary minus, `^` with an integer
 * exponent (any real exponent for closed expressions), parentheses, the
 * constant `pi`, and the functions sqrt exp log sin cos tan tanh atanh. */
#ifndef NESSGEN_EXPR_H
#define NESSGEN_EXPR_H

#include "nessgen/error.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_expr_struct ng_expr;

typedef enum {
    NG_EXPR_RATIONAL, /* a rational number, known exactly */
    NG_EXPR_REAL,     /* a closed real number that is not (provably) rational */
    NG_EXPR_SYMBOLIC  /* involves free names */
} ng_expr_domain;

/* Parses text; on error returns NG_EINPUT with a message naming the column
 * and what was expected, e.g. "1 + * 2": "column 5: expected a number, a
 * name or '('". `what` names the input in messages (e.g. "--theta"). */
ng_status ng_expr_parse(ng_expr **e, const char *text, const char *what);
void ng_expr_free(ng_expr *e);
ng_expr *ng_expr_copy(const ng_expr *e);
/* The text the expression was parsed from (or built as, for composites). */
const char *ng_expr_text(const ng_expr *e);

/* Building derived quantities from given ones (the model's cos²θ, tanh(h/T)…);
 * each takes ownership of its arguments. */
ng_expr *ng_expr_rational(slong p, ulong q);
ng_expr *ng_expr_binary(char op, ng_expr *a, ng_expr *b); /* op: + - * / ^ */
ng_expr *ng_expr_neg(ng_expr *a);
ng_expr *ng_expr_call(const char *func, ng_expr *a);

/* Exact classification.  NG_ECOMPUTE if Calcium cannot decide, NG_EINPUT for
 * an undefined value (division by zero, log of 0, sqrt of a negative). */
ng_status ng_expr_classify(ng_expr_domain *d, const ng_expr *e);
/* The exact value of a NG_EXPR_RATIONAL expression. */
ng_status ng_expr_get_fmpq(fmpq_t res, const ng_expr *e);

/* Symbols an expression needs in an NG_QQ_PARAMS ring: bare free names, and
 * "u_<name>" for a name under sin/cos/tan.  Appends new names (flint_malloc'd)
 * to *names; NG_EINPUT if a name is used in a way no rational function holds
 * (e.g. exp(a), or both a and cos(a)). */
ng_status ng_expr_symbols(char ***names, slong *n, const ng_expr *e);

/* Evaluates into R: NG_QQ needs a rational expression; NG_BALL a closed one
 * (at R->prec; the ball is guaranteed to contain the value); NG_QQ_PARAMS
 * accepts rational and symbolic ones whose symbols are R's parameters.
 * Irrational closed values cannot go into exact rings: NG_EINPUT then. */
ng_status ng_expr_eval(ng_ptr res, const ng_expr *e, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
