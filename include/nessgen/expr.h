/* Parameter expressions: `3/2`, `0.25`, `1e-3`, `pi/4`, `sqrt(2)/2`,
 * `tanh(2/3)`, `cos(theta)^2`, free names.  Parsed once into a tree, then
 * evaluated into whichever ring (ring.h) is the tightest that holds them:
 *
 *   - decimals and scientific notation are exact rationals;
 *   - a closed expression is classified exactly with Calcium (ca_t): cos(pi/4)^2
 *     is the rational 1/2, cos(pi/2) is exactly 0, tanh(2/3) is irrational;
 *   - a free name makes the expression symbolic; sin, cos, tan of a bare free
 *     name θ become rational functions of the symbol u_θ = tan(θ/2)
 *     (cos θ = (1−u²)/(1+u²), sin θ = 2u/(1+u²)), so they stay exact.
 *
 * `nan`, `inf` and `infinity` (any case) are refused by the parser: they
 * are not real numbers.
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
    NG_EXPR_REAL,     /* a closed real number not proved rational (balls) */
    NG_EXPR_SYMBOLIC  /* involves free names */
} ng_expr_domain;

/* Parses text; on error returns NG_EINPUT with a message naming the column
 * and what was expected, e.g. "1 + * 2": "column 5: expected a number, a
 * name or '('". `what` names the input in messages (e.g. "--theta").
 * Limits: at most 4096 characters, nesting depth 200, decimal exponents
 * |e| <= 10000 (past them: NG_EINPUT).  `e` is not a constant (a name);
 * function names are reserved.  *e is NULL on failure.
 *
 * Classification and evaluation cache what they prove inside the nodes, so
 * one expression must not be classified or evaluated from two threads at
 * once (copies may). */
ng_status ng_expr_parse(ng_expr **e, const char *text, const char *what);
/* A plain decimal number only ("-12.5e3", JSON's number syntax), exactly, of
 * any length (the caller bounds it): model files read their numbers so.  An
 * exponent beyond 10000 (here and in ng_expr_parse) stays the power 10^e,
 * as if typed so: exact while exact arithmetic holds it, else a real number. */
ng_status ng_expr_parse_number(ng_expr **e, const char *text, const char *what);
void ng_expr_free(ng_expr *e);
ng_expr *ng_expr_copy(const ng_expr *e);
/* The text the expression was parsed from (or built as, for composites). */
const char *ng_expr_text(const ng_expr *e);
/* The expression in LaTeX math (flint_malloc'd): "pi/4" as \frac{\pi}{4},
 * "sqrt(2)/2" as \frac{\sqrt{2}}{2}, names as ring generators print them
 * (theta as \theta, tL as t_{L}), functions as \tanh\left(…\right). */
char *ng_expr_get_latex(const ng_expr *e);
/* A parameter name in the ring's LaTeX notation, as the one generator of a
 * ring prints it (theta → \theta, tL → t_{L}, alpha_xz → \alpha_{xz},
 * YbarL → \bar{Y}_{L}); flint_malloc'd. */
char *ng_param_name_latex(const char *name);

/* Building derived quantities from given ones (the model's cos²θ, tanh(h/T)…);
 * each takes ownership of its arguments, also when it fails: it returns NULL
 * for a NULL argument, an unknown op or function name, or q = 0, so a chain
 * of builders needs one NULL check.  Parsed parts keep their `what` for
 * messages; composite text gets only the parentheses the grammar needs. */
ng_expr *ng_expr_rational(slong p, ulong q);
ng_expr *ng_expr_binary(char op, ng_expr *a, ng_expr *b); /* op: + - * / ^ */
ng_expr *ng_expr_neg(ng_expr *a);
ng_expr *ng_expr_call(const char *func, ng_expr *a);

/* Does the free name occur in e?  And e with every occurrence of the free
 * name replaced by a copy of value (a new expression; NULL if e or value
 * is NULL). */
int ng_expr_has_name(const ng_expr *e, const char *name);
ng_expr *ng_expr_substitute(const ng_expr *e, const char *name, const ng_expr *value);

/* Exact classification: the tightest domain that can be *decided* (ring.h).
 * NG_EXPR_RATIONAL only when rationality is proved; NG_EXPR_REAL for a
 * closed value proved irrational with Calcium plus the classical theorems
 * (pi, e^a, log a, sin a, ... for algebraic a are transcendental: tanh(2/3),
 * cos(1), pi/4) *and* for one whose rationality cannot be decided
 * (pi + exp(1), cos(1)*tanh(2/3), cos(pi/7)*sin(pi/7), values too large for
 * exact arithmetic such as 9^9^9): undecidable is never an error, such a
 * number goes into balls.  NG_EINPUT for an undefined value (division by
 * zero, log of 0, sqrt of a negative) where Calcium proves it; ball
 * evaluation checks what Calcium could not.  For a symbolic expression the
 * closed parts are checked for undefined values. */
ng_status ng_expr_classify(ng_expr_domain *d, const ng_expr *e);
/* The exact value of a NG_EXPR_RATIONAL expression. */
ng_status ng_expr_get_fmpq(fmpq_t res, const ng_expr *e);

/* Symbols an expression needs in an NG_QQ_PARAMS ring: bare free names, and
 * "u_<name>" for a name under sin/cos/tan.  Appends new names (flint_malloc'd)
 * to *names; NG_EINPUT if a name is used in a way no rational function holds
 * (e.g. exp(a), or both a and cos(a)). */
ng_status ng_expr_symbols(char ***names, slong *n, const ng_expr *e);

/* Evaluates into R: NG_QQ needs a rational expression; NG_BALL a closed one
 * (at R->prec; the ball is guaranteed to contain the value, and is an exact
 * point where the value is proved rational, e.g. cos(pi/2) = 0); NG_QQ_PARAMS
 * accepts rational and symbolic ones whose symbols are R's parameters.
 * Irrational closed values cannot go into exact rings: NG_EINPUT then.
 * NG_BALL gives NG_ECOMPUTE when no enclosure is found up to 16 times
 * R->prec (overflow, an undecidable domain condition); NG_QQ_PARAMS when a
 * power or product would be too large to expand.  On failure res is
 * unchanged. */
ng_status ng_expr_eval(ng_ptr res, const ng_expr *e, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
