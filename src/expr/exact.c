/* Exact analysis of closed expressions with Calcium (ca_t).
 *
 * Every node is evaluated to an exact Calcium number while the domain of
 * each operation is proved: a divisor is nonzero, sqrt's argument is
 * nonnegative, log's positive, atanh's in (-1, 1), tan's cosine nonzero, a
 * non-integer power has a nonnegative base.  Because all inputs are real and
 * every operation is applied inside its real domain, every value is real.
 * What is learnt is cached in the nodes (exact_state, rational, exact), so
 * later classifications and ball evaluations reuse it.
 *
 * Sizes are measured after every step and exponents checked before powers,
 * so a hostile input (9^9^9, (1+pi)^10^6) gives up instead of exhausting the
 * memory; giving up is not an error for ball evaluation, which then relies on
 * interval arithmetic alone. */
#include <calcium/ca_field.h>

#include "expr_internal.h"

void _ng_ca_ctx_init(ca_ctx_t ctx)
{
    ca_ctx_init(ctx);
    ca_ctx_set_option(ctx, CA_OPT_QQBAR_DEG_LIMIT, NG_EXPR_MAX_CA_DEGREE);
}

/* ---- sizes ------------------------------------------------------------- */

static slong mpoly_size_bits(slong *terms, const fmpz_mpoly_t p,
                             const fmpz_mpoly_ctx_t mctx)
{
    slong len = fmpz_mpoly_length(p, mctx);
    *terms += len;
    return len * (FLINT_ABS(fmpz_mpoly_max_bits(p)) + 1);
}

/* Read through antic's inline accessors: libantic itself is not linked. */
static slong nf_elem_size_bits(const nf_elem_t a, const nf_t nf)
{
    if (nf->flag & NF_LINEAR)
        return (slong)(fmpz_bits(LNF_ELEM_NUMREF(a)) + fmpz_bits(LNF_ELEM_DENREF(a)));
    if (nf->flag & NF_QUADRATIC)
        return FLINT_ABS(_fmpz_vec_max_bits(QNF_ELEM_NUMREF(a), 3)) * 3 +
               (slong)fmpz_bits(QNF_ELEM_DENREF(a));
    const fmpq_poly_struct *p = NF_ELEM(a);
    return p->length * (FLINT_ABS(_fmpz_vec_max_bits(p->coeffs, p->length)) + 1) +
           (slong)fmpz_bits(p->den);
}

/* An estimate of the memory a Calcium number takes, in bits; -1 if it lives
 * in a field with too many generators or has too many terms. */
slong _ng_ca_size_bits(const ca_t x, ca_ctx_t ctx)
{
    if (CA_IS_SPECIAL(x))
        return 0;
    if (CA_IS_QQ(x, ctx))
        return (slong)(fmpz_bits(CA_FMPQ_NUMREF(x)) + fmpz_bits(CA_FMPQ_DENREF(x)));

    ca_field_srcptr K = CA_FIELD(x, ctx);
    if (CA_FIELD_LENGTH(K) > NG_EXPR_MAX_CA_GENS)
        return -1;
    if (!CA_FIELD_IS_NF(K) && _ng_ca_field_degree_bound(K, ctx) > NG_EXPR_MAX_CA_DEGREE)
        return -1;
    if (CA_FIELD_IS_NF(K))
        return nf_elem_size_bits(CA_NF_ELEM(x), CA_FIELD_NF(K));
    const fmpz_mpoly_ctx_struct *mctx = CA_FIELD_MCTX(K, ctx);
    slong terms = 0;
    slong bits = mpoly_size_bits(&terms, fmpz_mpoly_q_numref(CA_MPOLY_Q(x)), mctx) +
                 mpoly_size_bits(&terms, fmpz_mpoly_q_denref(CA_MPOLY_Q(x)), mctx);
    return terms > NG_EXPR_MAX_CA_TERMS ? -1 : bits;
}

static int ca_too_big(const ca_t x, ca_ctx_t ctx)
{
    slong bits = _ng_ca_size_bits(x, ctx);
    return bits < 0 || bits > NG_EXPR_MAX_BITS;
}

/* ---- messages ---------------------------------------------------------- */

static ng_step give_up(const char *what, const ng_expr *e, const char *why)
{
    char t[128];
    _ng_expr_excerpt(t, sizeof t, e);
    _ng_expr_error(NG_ECOMPUTE, what, "cannot evaluate %s exactly: %s", t, why);
    return NG_STEP_GIVE_UP;
}

/* For a domain condition: T_TRUE holds, T_FALSE is undefined, T_UNKNOWN gives
 * up naming the condition. */
static ng_step require(truth_t t, const char *what, const ng_expr *e, const char *why,
                       const char *condition)
{
    if (t == T_TRUE)
        return NG_STEP_OK;
    if (t == T_FALSE)
        return _ng_expr_fail_undefined(what, e, why);
    return _ng_expr_fail_undecided(what, e, condition);
}

/* ---- comparisons ------------------------------------------------------- */

/* want > 0: x > c; want < 0: x < c; want = 0: x >= c. */
static truth_t check_cmp_si(const ca_t x, slong c, int want, ca_ctx_t ctx)
{
    int cmp;
    if (_ng_ca_cmp_si(&cmp, x, c, ctx) != T_TRUE)
        return T_UNKNOWN;
    if (want > 0)
        return cmp > 0 ? T_TRUE : T_FALSE;
    if (want < 0)
        return cmp < 0 ? T_TRUE : T_FALSE;
    return cmp >= 0 ? T_TRUE : T_FALSE;
}

static truth_t check_gt_si(const ca_t x, slong c, ca_ctx_t ctx)
{
    return check_cmp_si(x, c, 1, ctx);
}

static truth_t check_lt_si(const ca_t x, slong c, ca_ctx_t ctx)
{
    return check_cmp_si(x, c, -1, ctx);
}

static truth_t check_ge_si(const ca_t x, slong c, ca_ctx_t ctx)
{
    return check_cmp_si(x, c, 0, ctx);
}

static truth_t truth_and(truth_t a, truth_t b)
{
    if (a == T_FALSE || b == T_FALSE)
        return T_FALSE;
    return (a == T_TRUE && b == T_TRUE) ? T_TRUE : T_UNKNOWN;
}

/* ---- the cache --------------------------------------------------------- */

/* Number fields decide rationality cheaply; generic fields are left to a
 * full-effort classification of the root (rational_final stays 0). */
static void record(ng_expr *e, const ca_t x, ca_ctx_t ctx)
{
    e->exact_state = NG_EXACT_DONE;
    if (e->rational_final)
        return;
    if (CA_IS_QQ(x, ctx)) {
        fmpq_set(e->exact, CA_FMPQ(x));
        e->rational = T_TRUE;
        e->rational_final = 1;
    } else if (CA_FIELD_IS_NF(CA_FIELD(x, ctx))) {
        if (nf_elem_is_rational(CA_NF_ELEM(x), CA_FIELD_NF(CA_FIELD(x, ctx))) &&
            ca_get_fmpq(e->exact, x, ctx))
            e->rational = T_TRUE;
        else
            e->rational = T_FALSE;
        e->rational_final = 1;
    }
}

/* ---- operations -------------------------------------------------------- */

/* Analyses both operands; an undefined one wins over one given up, and the
 * second is analysed even when the first gives up so that its cache fills. */
static ng_step analyse_pair(ca_t x, ca_t y, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    ng_step s0 = _ng_expr_analyse(x, e->arg[0], what, ctx);
    if (s0 == NG_STEP_UNDEFINED)
        return s0;
    ng_step s1 = _ng_expr_analyse(y, e->arg[1], what, ctx);
    if (s1 != NG_STEP_OK)
        return s1;
    return s0;
}

static ng_step analyse_arith(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    ca_t y;
    ca_init(y, ctx);
    ng_step s = analyse_pair(res, y, e, what, ctx);
    if (s == NG_STEP_OK) {
        switch (e->kind) {
        case NG_EXPR_ADD:
            ca_add(res, res, y, ctx);
            break;
        case NG_EXPR_SUB:
            ca_sub(res, res, y, ctx);
            break;
        case NG_EXPR_MUL:
            ca_mul(res, res, y, ctx);
            break;
        default: {
            truth_t z = _ng_ca_is_zero(y, ctx);
            if (z == T_TRUE)
                s = _ng_expr_fail_div_zero(what, e, e->arg[1]);
            else if (z == T_UNKNOWN)
                s = require(T_UNKNOWN, what, e, "", "the divisor is zero");
            else
                ca_div(res, res, y, ctx);
            break;
        }
        }
    }
    ca_clear(y, ctx);
    return s;
}

/* x^n by squaring, checking the size after each product: Calcium would
 * otherwise expand (1+pi)^n for any n. */
static ng_step pow_generic(ca_t res, const ca_t x, const fmpz_t n, const char *what,
                           const ng_expr *e, ca_ctx_t ctx)
{
    ca_t base, acc;
    ng_step s = NG_STEP_OK;
    if (fmpz_bits(n) > 20)
        return give_up(what, e, "the exponent is too large");
    ulong m = fmpz_get_ui(n);
    ca_init(base, ctx);
    ca_init(acc, ctx);
    ca_set(base, x, ctx);
    ca_one(acc, ctx);
    while (m != 0 && s == NG_STEP_OK) {
        if (m & 1) {
            ca_mul(acc, acc, base, ctx);
            if (ca_too_big(acc, ctx))
                s = give_up(what, e, "the result is too large");
        }
        m >>= 1;
        if (m != 0 && s == NG_STEP_OK) {
            ca_mul(base, base, base, ctx);
            if (ca_too_big(base, ctx))
                s = give_up(what, e, "the result is too large");
        }
    }
    if (s == NG_STEP_OK)
        ca_swap(res, acc, ctx);
    ca_clear(base, ctx);
    ca_clear(acc, ctx);
    return s;
}

/* x^n for an integer n; x is nonzero when n < 0 (checked by the caller).
 * Powers are computed here, never by ca_pow_fmpz: past a small exponent
 * Calcium keeps 2^65536 as a formal power, not as the integer. */
static ng_step pow_integer(ca_t res, const ca_t x, const fmpz_t n, const char *what,
                           const ng_expr *e, ca_ctx_t ctx)
{
    ng_step s = NG_STEP_OK;
    fmpz_t m;
    if (fmpz_is_zero(n)) {
        ca_one(res, ctx);
        return s;
    }
    fmpz_init(m);
    fmpz_abs(m, n);
    if (CA_IS_QQ(x, ctx)) {
        const fmpz *p = CA_FMPQ_NUMREF(x), *q = CA_FMPQ_DENREF(x);
        /* Sizes grow linearly in |n|; 0, 1 and -1 stay small for any n. */
        slong size = (slong)FLINT_MAX(fmpz_bits(p), fmpz_bits(q)) - 1;
        if (size > 0 && fmpz_cmp_si(m, NG_EXPR_MAX_BITS / size) > 0) {
            s = give_up(what, e, "the result is too large");
        } else {
            fmpq_t r;
            fmpq_init(r);
            if (fmpz_is_one(q) && fmpz_cmpabs(p, q) <= 0) /* 0, 1, -1 */
                fmpq_set_si(r,
                            fmpz_is_zero(p)                       ? 0
                            : (fmpz_sgn(p) < 0 && fmpz_is_odd(n)) ? -1
                                                                  : 1,
                            1);
            else
                _fmpq_pow_si(fmpq_numref(r), fmpq_denref(r), p, q, fmpz_get_si(n));
            ca_set_fmpq(res, r, ctx);
            fmpq_clear(r);
        }
    } else {
        s = pow_generic(res, x, m, what, e, ctx);
        if (s == NG_STEP_OK && fmpz_sgn(n) < 0)
            ca_inv(res, res, ctx);
    }
    fmpz_clear(m);
    return s;
}

/* x^q for a rational, non-integer q: x must be nonnegative. */
static ng_step pow_rational(ca_t res, const ca_t x, const fmpq_t q, const char *what,
                            const ng_expr *e, ca_ctx_t ctx)
{
    truth_t zero = _ng_ca_is_zero(x, ctx);
    if (zero == T_TRUE) {
        if (fmpq_sgn(q) > 0) {
            ca_zero(res, ctx);
            return NG_STEP_OK;
        }
        return _ng_expr_fail_div_zero(what, e, e->arg[0]);
    }
    truth_t pos = check_gt_si(x, 0, ctx);
    if (pos == T_FALSE && zero == T_FALSE)
        return _ng_expr_fail_undefined(what, e,
                                       "a non-integer power needs a nonnegative base");
    ng_step s =
        require(pos == T_TRUE ? T_TRUE : T_UNKNOWN, what, e, "", "the base is positive");
    if (s != NG_STEP_OK)
        return s;
    slong size = _ng_ca_size_bits(x, ctx);
    if (fmpz_cmp_si(fmpq_denref(q), NG_EXPR_MAX_ROOT) > 0 || size < 0 ||
        fmpz_bits(fmpq_numref(q)) > 20 ||
        _ng_fmpz_cmpabs_ui(fmpq_numref(q),
                           (ulong)(NG_EXPR_MAX_BITS / FLINT_MAX(size, 1))) > 0)
        return give_up(what, e, "the exponent is too large");
    if (!_ng_ca_qqbar_cheap(x, ctx))
        return give_up(what, e, "the algebraic base is too complicated");
    ca_pow_fmpq(res, x, q, ctx);
    return NG_STEP_OK;
}

/* x^y for an exponent not known to be rational: a positive base, or zero
 * with a positive exponent. */
static ng_step pow_real(ca_t res, const ca_t x, const ca_t y, const char *what,
                        const ng_expr *e, ca_ctx_t ctx)
{
    truth_t zero = _ng_ca_is_zero(x, ctx);
    if (zero == T_TRUE) {
        ng_step s =
            require(check_gt_si(y, 0, ctx), what, e, "0 to a power that is not positive",
                    "the exponent is positive");
        if (s == NG_STEP_OK)
            ca_zero(res, ctx);
        return s;
    }
    truth_t pos = check_gt_si(x, 0, ctx);
    if (pos == T_FALSE && zero == T_FALSE && _ng_ca_qqbar_cheap(y, ctx) &&
        ca_check_is_integer(y, ctx) == T_FALSE)
        return _ng_expr_fail_undefined(what, e,
                                       "a non-integer power needs a nonnegative base");
    ng_step s =
        require(pos == T_TRUE ? T_TRUE : T_UNKNOWN, what, e, "", "the base is positive");
    if (s == NG_STEP_OK)
        ca_pow(res, x, y, ctx);
    return s;
}

static ng_step analyse_pow(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    ca_t y;
    ca_init(y, ctx);
    ng_step s = analyse_pair(res, y, e, what, ctx);
    const ng_expr *ex = e->arg[1];
    if (s == NG_STEP_OK && _ng_expr_known_rational(ex) &&
        fmpz_is_one(fmpq_denref(ex->exact))) {
        const fmpz *n = fmpq_numref(ex->exact);
        if (fmpz_sgn(n) < 0) {
            truth_t z = _ng_ca_is_zero(res, ctx);
            if (z == T_TRUE)
                s = _ng_expr_fail_div_zero(what, e, e->arg[0]);
            else if (z == T_UNKNOWN)
                s = require(T_UNKNOWN, what, e, "", "the base is zero");
        }
        if (s == NG_STEP_OK)
            s = pow_integer(res, res, n, what, e, ctx);
    } else if (s == NG_STEP_OK && _ng_expr_known_rational(ex)) {
        s = pow_rational(res, res, ex->exact, what, e, ctx);
    } else if (s == NG_STEP_OK) {
        s = pow_real(res, res, y, what, e, ctx);
    }
    ca_clear(y, ctx);
    return s;
}

/* tanh x = (e^{2x} - 1)/(e^{2x} + 1); the denominator is positive. */
static void ca_tanh_via_exp(ca_t res, const ca_t x, ca_ctx_t ctx)
{
    ca_t t, u;
    ca_init(t, ctx);
    ca_init(u, ctx);
    ca_mul_si(t, x, 2, ctx);
    ca_exp(t, t, ctx);
    ca_sub_ui(u, t, 1, ctx);
    ca_add_ui(t, t, 1, ctx);
    ca_div(res, u, t, ctx);
    ca_clear(t, ctx);
    ca_clear(u, ctx);
}

/* atanh x = log((1 + x)/(1 - x))/2 for -1 < x < 1. */
static void ca_atanh_via_log(ca_t res, const ca_t x, ca_ctx_t ctx)
{
    ca_t t, u;
    ca_init(t, ctx);
    ca_init(u, ctx);
    ca_add_ui(t, x, 1, ctx);
    ca_ui_sub(u, 1, x, ctx);
    ca_div(t, t, u, ctx);
    ca_log(t, t, ctx);
    ca_div_ui(res, t, 2, ctx);
    ca_clear(t, ctx);
    ca_clear(u, ctx);
}

static ng_step tan_checked(ca_t res, const ca_t x, const char *what, const ng_expr *e,
                           ca_ctx_t ctx)
{
    ca_t c;
    ca_init(c, ctx);
    ca_cos(c, x, ctx);
    truth_t z = _ng_ca_is_zero(c, ctx);
    ng_step s = require(z == T_FALSE ? T_TRUE : (z == T_TRUE ? T_FALSE : T_UNKNOWN), what,
                        e, "the cosine of its argument is 0", "the cosine is zero");
    if (s == NG_STEP_OK) {
        ca_sin(res, x, ctx);
        ca_div(res, res, c, ctx);
    }
    ca_clear(c, ctx);
    return s;
}

static ng_step analyse_call(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    ng_step s = _ng_expr_analyse(res, e->arg[0], what, ctx);
    if (s != NG_STEP_OK)
        return s;
    /* Calcium factors rational arguments (sqrt, log): keep them small. */
    if (CA_IS_QQ(res, ctx) && _ng_ca_size_bits(res, ctx) > NG_EXPR_MAX_CA_ARG_BITS)
        return give_up(what, e, "the argument is too large");

    switch (e->func) {
    case NG_FUNC_SQRT:
        s = require(check_ge_si(res, 0, ctx), what, e,
                    "sqrt needs a nonnegative argument", "the argument is nonnegative");
        /* The square root of an algebraic number is computed as a qqbar. */
        if (s == NG_STEP_OK && !_ng_ca_qqbar_cheap(res, ctx))
            s = give_up(what, e, "the algebraic argument is too complicated");
        if (s == NG_STEP_OK)
            ca_sqrt(res, res, ctx);
        return s;
    case NG_FUNC_LOG:
        s = require(check_gt_si(res, 0, ctx), what, e, "log needs a positive argument",
                    "the argument is positive");
        if (s == NG_STEP_OK)
            ca_log(res, res, ctx);
        return s;
    case NG_FUNC_ATANH:
        s = require(truth_and(check_gt_si(res, -1, ctx), check_lt_si(res, 1, ctx)), what,
                    e, "atanh needs an argument strictly between -1 and 1",
                    "the argument lies strictly between -1 and 1");
        if (s == NG_STEP_OK)
            ca_atanh_via_log(res, res, ctx);
        return s;
    case NG_FUNC_TAN:
        return tan_checked(res, res, what, e, ctx);
    case NG_FUNC_EXP:
        ca_exp(res, res, ctx);
        return s;
    case NG_FUNC_SIN:
        ca_sin(res, res, ctx);
        return s;
    case NG_FUNC_COS:
        ca_cos(res, res, ctx);
        return s;
    case NG_FUNC_TANH:
        ca_tanh_via_exp(res, res, ctx);
        return s;
    default:
        return give_up(what, e, "unknown function");
    }
}

static ng_step compute(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    switch (e->kind) {
    case NG_EXPR_NUM:
        ca_set_fmpq(res, e->exact, ctx);
        return NG_STEP_OK;
    case NG_EXPR_PI:
        ca_pi(res, ctx);
        return NG_STEP_OK;
    case NG_EXPR_NEG: {
        ng_step s = _ng_expr_analyse(res, e->arg[0], what, ctx);
        if (s == NG_STEP_OK)
            ca_neg(res, res, ctx);
        return s;
    }
    case NG_EXPR_ADD:
    case NG_EXPR_SUB:
    case NG_EXPR_MUL:
    case NG_EXPR_DIV:
        return analyse_arith(res, e, what, ctx);
    case NG_EXPR_POW:
        return analyse_pow(res, e, what, ctx);
    case NG_EXPR_CALL:
        return analyse_call(res, e, what, ctx);
    default:
        return give_up(what, e, "it contains a free name");
    }
}

ng_step _ng_expr_analyse(ca_t res, ng_expr *e, const char *what, ca_ctx_t ctx)
{
    what = _ng_expr_what(e, what);
    if (_ng_expr_known_rational(e)) {
        ca_set_fmpq(res, e->exact, ctx);
        return NG_STEP_OK;
    }
    ng_step s = compute(res, e, what, ctx);
    if (s == NG_STEP_OK && ca_is_unknown(res, ctx))
        s = give_up(what, e, "Calcium could not evaluate it");
    else if (s == NG_STEP_OK && CA_IS_SPECIAL(res))
        s = _ng_expr_fail_undefined(what, e, "its value is infinite");
    else if (s == NG_STEP_OK && ca_too_big(res, ctx))
        s = give_up(what, e, "it is too large");
    if (s == NG_STEP_OK)
        record(e, res, ctx);
    else if (s == NG_STEP_GIVE_UP)
        e->gave_up = 1;
    return s;
}

static ng_step analyse_closed_parts_rec(ng_expr *e, const char *what, ca_ctx_t ctx)
{
    what = _ng_expr_what(e, what);
    if (e->closed && (e->exact_state == NG_EXACT_DONE || e->gave_up))
        return NG_STEP_OK; /* analysed before: defined, or beyond exactness */
    if (e->closed) {
        ca_t x;
        ca_init(x, ctx);
        ng_step s = _ng_expr_analyse(x, e, what, ctx);
        ca_clear(x, ctx);
        return s == NG_STEP_UNDEFINED ? s : NG_STEP_OK;
    }
    for (int i = 0; i < 2; i++)
        if (e->arg[i] != NULL &&
            analyse_closed_parts_rec(e->arg[i], what, ctx) != NG_STEP_OK)
            return NG_STEP_UNDEFINED;
    return NG_STEP_OK;
}

ng_step _ng_expr_analyse_closed_parts(ng_expr *e, const char *what)
{
    ca_ctx_t ctx;
    _ng_ca_ctx_init(ctx);
    ng_step s = analyse_closed_parts_rec(e, what, ctx);
    ca_ctx_clear(ctx);
    return s;
}

ng_status _ng_expr_classify_closed(ng_expr *e, const char *what)
{
    ng_status status = NG_OK;
    ca_ctx_t ctx;
    ca_t x;

    what = _ng_expr_what(e, what);
    if (e->rational_final && (e->exact_state == NG_EXACT_DONE || e->gave_up))
        return NG_OK;

    _ng_ca_ctx_init(ctx);
    ca_init(x, ctx);
    ng_step s = _ng_expr_analyse(x, e, what, ctx);
    if (s == NG_STEP_UNDEFINED) {
        status = NG_EINPUT;
    } else if (s == NG_STEP_GIVE_UP) {
        /* Beyond exact arithmetic (9^9^9, a domain condition Calcium cannot
         * prove): a real number, for balls, which check the domain again
         * (DESIGN §3: undecidable is never an error). */
        ng_error_clear();
        e->rational = T_UNKNOWN;
        e->rational_final = 1;
    } else if (!e->rational_final) {
        truth_t t = _ng_ca_check_is_rational(x, ctx);
        if (t == T_TRUE && !ca_get_fmpq(e->exact, x, ctx))
            t = T_UNKNOWN;
        /* T_UNKNOWN (pi + exp(1), cos(1)*tanh(2/3)): not known to be
         * rational, so a real number, held by balls. */
        e->rational = t;
        e->rational_final = 1;
    }
    ca_clear(x, ctx);
    ca_ctx_clear(ctx);
    return status;
}
