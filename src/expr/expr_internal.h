/* Internal to src/expr: the node layout shared by the parser, the printer and
 * the evaluators, the limits that keep hostile input cheap, and the helpers
 * the files of this folder call in one another. */
#ifndef NG_EXPR_INTERNAL_H
#define NG_EXPR_INTERNAL_H

#include <calcium/ca.h>

#include "nessgen/expr.h"

/* Input limits: a parameter is a short formula, so anything beyond these is a
 * mistake (or a fuzzer) and is refused before it can cost time or memory. */
#define NG_EXPR_MAX_LENGTH 4096 /* characters of input */
#define NG_EXPR_MAX_DEPTH 200   /* nesting of parentheses, signs and powers */
#define NG_EXPR_MAX_EXP10 10000 /* |e| expanded in a decimal 1e<e>; beyond, 10^e */

/* Exact-evaluation limits.  Past them the exact analysis gives up: the
 * classification reports NG_ECOMPUTE, while ball evaluation carries on with
 * plain interval arithmetic.
 *   MAX_BITS        size of one exact intermediate
 *   MAX_CA_ARG_BITS rational argument of sqrt, log, ... (Calcium factors it)
 *   MAX_CA_TERMS    terms of a Calcium field element
 *   MAX_CA_GENS     generators of a Calcium field
 *   MAX_CA_DEGREE   algebraic degree Calcium may build (qqbar arithmetic,
 *                   used by its rationality test, explodes beyond)
 *   MAX_ROOT        q in x^(p/q) evaluated exactly */
#define NG_EXPR_MAX_BITS (WORD(1) << 18)
#define NG_EXPR_MAX_CA_ARG_BITS 4096
#define NG_EXPR_MAX_CA_TERMS 2048
#define NG_EXPR_MAX_CA_GENS 12
#define NG_EXPR_MAX_CA_DEGREE 32
#define NG_EXPR_MAX_ROOT 32
/* Working precision for reducing a huge argument of sin/cos/tan modulo π
 * (balls; 2^20 bits hold arguments up to about 10^315000). */
#define NG_EXPR_MAX_REDUCTION_BITS (WORD(1) << 20)
#define NG_EXPR_MAX_QQBAR_WORK                                                           \
    16384 /* degree x bits of a number Calcium may                                       \
             convert to qqbar (see decide.c) */

/* Rational functions (NG_QQ_PARAMS): cap the product of term counts an
 * operation may create, and the exponent of a power. */
#define NG_EXPR_MAX_PARAM_TERMS 20000
#define NG_EXPR_MAX_PARAM_WORK 4000000
#define NG_EXPR_MAX_PARAM_POW 10000

typedef enum {
    NG_EXPR_NUM,  /* rational literal (exact holds its value) */
    NG_EXPR_NAME, /* free name */
    NG_EXPR_PI,
    NG_EXPR_NEG,
    NG_EXPR_ADD,
    NG_EXPR_SUB,
    NG_EXPR_MUL,
    NG_EXPR_DIV,
    NG_EXPR_POW,
    NG_EXPR_CALL
} ng_expr_kind;

typedef enum {
    NG_FUNC_SQRT,
    NG_FUNC_EXP,
    NG_FUNC_LOG,
    NG_FUNC_SIN,
    NG_FUNC_COS,
    NG_FUNC_TAN,
    NG_FUNC_TANH,
    NG_FUNC_ATANH,
    NG_FUNC_COUNT
} ng_expr_func;

/* What the exact analysis (Calcium) has established about a node. */
typedef enum {
    NG_EXACT_NONE, /* not analysed */
    NG_EXACT_DONE  /* well defined: the domain conditions of this node and all
                      nodes below were proved; `rational` says what is known */
} ng_exact_state;

struct ng_expr_struct {
    ng_expr_kind kind;
    ng_expr_func func; /* NG_EXPR_CALL */
    ng_expr *arg[2];   /* operands: arg[0] only for NEG and CALL */
    char *name;        /* NAME: the name; NUM: the literal as typed, or NULL */
    int closed;        /* no free name occurs below */
    char *text;        /* text as parsed (trimmed), or synthesised on demand */
    char *what;        /* what the input is called in messages ("--theta") */

    /* Cache of the exact analysis.  Expressions are not shared between
     * threads while being classified or evaluated. */
    ng_exact_state exact_state;
    truth_t rational;   /* T_TRUE: `exact` holds the value */
    int rational_final; /* `rational` was decided with full effort */
    int gave_up;        /* the exact analysis of this node gave up */
    fmpq_t exact;
};

/* Outcome of an internal evaluation step: OK, undefined (NG_EINPUT, message
 * set), or cannot complete (message set; classification reports
 * NG_ECOMPUTE, ball evaluation may fall back or retry). */
typedef enum { NG_STEP_OK, NG_STEP_UNDEFINED, NG_STEP_GIVE_UP } ng_step;

/* node.c */
ng_expr *_ng_expr_new(ng_expr_kind kind);
const char *_ng_expr_func_name(ng_expr_func f);
int _ng_expr_func_lookup(ng_expr_func *f, const char *name, size_t len);
char *_ng_strdup(const char *s);

/* text.c: a short, printable form of a node for messages. */
void _ng_expr_excerpt(char *buf, size_t size, const ng_expr *e);
/* Records a message prefixed by "what: " (when what is not NULL). */
ng_status _ng_expr_error(ng_status code, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes a byte string for a message: quoted, escaped, shortened. */
void _ng_expr_quote_bytes(char *buf, size_t size, const char *s, size_t len);
/* Messages shared by the exact and the ball evaluators. */
ng_step _ng_expr_fail_undefined(const char *what, const ng_expr *e, const char *why);
ng_step _ng_expr_fail_div_zero(const char *what, const ng_expr *e,
                               const ng_expr *divisor);
ng_step _ng_expr_fail_undecided(const char *what, const ng_expr *e,
                                const char *condition);

/* exact.c: exact analysis of a closed node with Calcium; fills the cache. */
ng_step _ng_expr_analyse(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx);
/* A Calcium context with the limits above. */
void _ng_ca_ctx_init(ca_ctx_t ctx);
/* Analyses the closed subtrees of any node, reporting only undefined values. */
ng_step _ng_expr_analyse_closed_parts(ng_expr *e, const char *what);
/* Decides rationality of a closed node with full effort. */
ng_status _ng_expr_classify_closed(ng_expr *e, const char *what);
/* Classification with a `what` inherited from an enclosing expression. */
ng_status _ng_expr_classify(ng_expr_domain *d, const ng_expr *e, const char *what);
static inline int _ng_expr_known_rational(const ng_expr *e)
{
    return e->exact_state == NG_EXACT_DONE && e->rational == T_TRUE;
}

/* exact.c: the memory a Calcium number takes, in bits; -1 when its field is
 * past the limits above. */
slong _ng_ca_size_bits(const ca_t x, ca_ctx_t ctx);

/* decide.c: decisions at a bounded cost.  A bound on the algebraic degree
 * of a field (saturating past NG_EXPR_MAX_CA_DEGREE); whether Calcium's
 * qqbar fallback is affordable for x; zero test; sign (T_TRUE when decided,
 * *sign in {-1, 0, 1}); sign of x - c. */
slong _ng_ca_field_degree_bound(ca_field_srcptr K, ca_ctx_t ctx);
int _ng_ca_qqbar_cheap(const ca_t x, ca_ctx_t ctx);
truth_t _ng_ca_is_zero(const ca_t x, ca_ctx_t ctx);
truth_t _ng_ca_sign(int *sign, const ca_t x, ca_ctx_t ctx);
truth_t _ng_ca_cmp_si(int *cmp, const ca_t x, slong c, ca_ctx_t ctx);
/* transcendence.c: rationality with the classical transcendence theorems
 * added to Calcium's own test. */
truth_t _ng_ca_check_is_rational(const ca_t x, ca_ctx_t ctx);

/* ball.c, params.c */
ng_status _ng_expr_eval_ball(arb_t res, const ng_expr *e, slong prec);
ng_status _ng_expr_eval_params(fmpz_mpoly_q_t res, const ng_expr *e, const ng_ring_t R);

/* symbols.c: the rules shared by ng_expr_symbols and the params evaluator. */
ng_status _ng_expr_integer_exponent(slong *n, const ng_expr *pow, const char *what);
const char *_ng_expr_first_name(const ng_expr *e);
ng_status _ng_expr_check_symbolic_call(const ng_expr *call, const char *what);

static inline const char *_ng_expr_what(const ng_expr *e, const char *outer)
{
    return e->what != NULL ? e->what : outer;
}

/* FLINT 2.9 has no fmpz_cmpabs_ui. */
static inline int _ng_fmpz_cmpabs_ui(const fmpz_t x, ulong c)
{
    fmpz_t t;
    fmpz_init_set_ui(t, c);
    int r = fmpz_cmpabs(x, t);
    fmpz_clear(t);
    return r;
}

static inline int _ng_expr_is_trig(ng_expr_func f)
{
    return f == NG_FUNC_SIN || f == NG_FUNC_COS || f == NG_FUNC_TAN;
}

#endif
