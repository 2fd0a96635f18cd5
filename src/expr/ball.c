/* Ball evaluation of closed expressions: a rigorous enclosure at a working
 * precision.
 *
 * The exact analysis runs first.  It proves the domain of every operation
 * (so, e.g., sqrt of an argument proved nonnegative may use arb_sqrtpos even
 * when the argument's ball straddles zero) and makes every subexpression it
 * proved rational exact, so cos(pi/2) is the point 0, not a tiny ball.
 * Where it gave up (too large, undecidable), the ball arithmetic itself must
 * certify each domain condition, and says so when it cannot. */
#include "expr_internal.h"

static ng_step ball_rec(arb_t res, const ng_expr *e, const char *what, slong wp);

static int proved(const ng_expr *e)
{
    return e->exact_state == NG_EXACT_DONE;
}

static ng_step ball_binary(arb_t res, const ng_expr *e, const char *what, slong wp)
{
    arb_t y;
    arb_init(y);
    ng_step s = ball_rec(res, e->arg[0], what, wp);
    if (s == NG_STEP_OK)
        s = ball_rec(y, e->arg[1], what, wp);
    if (s == NG_STEP_OK) {
        switch (e->kind) {
        case NG_EXPR_ADD:
            arb_add(res, res, y, wp);
            break;
        case NG_EXPR_SUB:
            arb_sub(res, res, y, wp);
            break;
        case NG_EXPR_MUL:
            arb_mul(res, res, y, wp);
            break;
        default:
            /* An exact zero ball is a proof that the divisor is 0. */
            if (arb_is_zero(y))
                s = _ng_expr_fail_div_zero(what, e, e->arg[1]);
            else if (arb_contains_zero(y))
                s = _ng_expr_fail_undecided(what, e, "the divisor is zero");
            else
                arb_div(res, res, y, wp);
            break;
        }
    }
    arb_clear(y);
    return s;
}

/* x^n; for huge n (only reachable when x is not exact) through exp(n log|x|),
 * which costs one logarithm instead of bits(n) squarings. */
static ng_step ball_pow_fmpz(arb_t res, const arb_t x, const fmpz_t n, const char *what,
                             const ng_expr *e, slong wp)
{
    if (fmpz_sgn(n) < 0 && arb_contains_zero(x)) {
        if (arb_is_zero(x))
            return _ng_expr_fail_div_zero(what, e, e->arg[0]);
        return _ng_expr_fail_undecided(what, e, "the base is zero");
    }
    if (fmpz_bits(n) <= 64) {
        arb_pow_fmpz(res, x, n, wp);
        return NG_STEP_OK;
    }
    if (arb_is_zero(x)) {
        arb_zero(res);
        return NG_STEP_OK;
    }
    if (arb_contains_zero(x))
        return _ng_expr_fail_undecided(what, e, "the base is zero");
    int negative = arb_is_negative(x) && fmpz_is_odd(n);
    arb_t t;
    arb_init(t);
    arb_abs(t, x);
    arb_log(t, t, wp);
    arb_mul_fmpz(t, t, n, wp);
    arb_exp(res, t, wp);
    if (negative)
        arb_neg(res, res);
    arb_clear(t);
    return NG_STEP_OK;
}

/* x^q, q rational and not an integer: x must be nonnegative. */
static ng_step ball_pow_fmpq(arb_t res, const arb_t x, const fmpq_t q, const char *what,
                             const ng_expr *e, slong wp)
{
    if (arb_is_zero(x)) {
        if (fmpq_sgn(q) > 0) {
            arb_zero(res);
            return NG_STEP_OK;
        }
        return _ng_expr_fail_div_zero(what, e, e->arg[0]);
    }
    if (arb_is_positive(x)) {
        if (fmpz_bits(fmpq_numref(q)) <= 64) {
            arb_pow_fmpq(res, x, q, wp);
        } else { /* as in ball_pow_fmpz: one logarithm, not bits(p) squarings */
            arb_t t;
            arb_init(t);
            arb_log(t, x, wp);
            arb_mul_fmpz(t, t, fmpq_numref(q), wp);
            arb_div_fmpz(t, t, fmpq_denref(q), wp);
            arb_exp(res, t, wp);
            arb_clear(t);
        }
        return NG_STEP_OK;
    }
    if (arb_is_negative(x))
        return _ng_expr_fail_undefined(what, e,
                                       "a non-integer power needs a nonnegative base");
    return _ng_expr_fail_undecided(what, e, "the base is positive");
}

static ng_step ball_pow(arb_t res, const ng_expr *e, const char *what, slong wp)
{
    const ng_expr *ex = e->arg[1];
    ng_step s = ball_rec(res, e->arg[0], what, wp);
    if (s != NG_STEP_OK)
        return s;
    if (_ng_expr_known_rational(ex)) {
        if (fmpz_is_one(fmpq_denref(ex->exact)))
            return ball_pow_fmpz(res, res, fmpq_numref(ex->exact), what, e, wp);
        return ball_pow_fmpq(res, res, ex->exact, what, e, wp);
    }
    arb_t y;
    arb_init(y);
    s = ball_rec(y, ex, what, wp);
    if (s == NG_STEP_OK) {
        if (arb_is_zero(res) && arb_is_positive(y))
            arb_zero(res);
        else if (arb_is_zero(res) && arb_is_nonpositive(y))
            s = _ng_expr_fail_undefined(what, e, "0 to a power that is not positive");
        else if (arb_is_positive(res))
            arb_pow(res, res, y, wp);
        else
            /* A negative base needs an integer exponent, which a ball cannot
             * prove. */
            s = _ng_expr_fail_undecided(what, e, "the base is positive");
    }
    arb_clear(y);
    return s;
}

static int arb_lt_si(const arb_t x, slong c)
{
    arb_t t;
    arb_init(t);
    arb_set_si(t, c);
    int r = arb_lt(x, t);
    arb_clear(t);
    return r;
}

static int arb_gt_si(const arb_t x, slong c)
{
    arb_t t;
    arb_init(t);
    arb_set_si(t, c);
    int r = arb_gt(x, t);
    arb_clear(t);
    return r;
}

static ng_step ball_atanh(arb_t res, const arb_t x, const char *what, const ng_expr *e,
                          slong wp)
{
    if (arb_gt_si(x, -1) && arb_lt_si(x, 1)) {
        arb_atanh(res, x, wp);
        return NG_STEP_OK;
    }
    arb_t t, one;
    arb_init(t);
    arb_init(one);
    arb_abs(t, x);
    arb_one(one);
    int outside = arb_ge(t, one); /* |x| >= 1 throughout the ball */
    arb_clear(t);
    arb_clear(one);
    if (outside)
        return _ng_expr_fail_undefined(
            what, e, "atanh needs an argument strictly between -1 and 1");
    return _ng_expr_fail_undecided(what, e,
                                   "the argument lies strictly between -1 and 1");
}

static ng_step ball_call_at(arb_t res, const ng_expr *e, const char *what, slong wp);

static ng_step ball_tan(arb_t res, const arb_t x, const char *what, const ng_expr *e,
                        slong wp)
{
    arb_t c;
    arb_init(c);
    arb_cos(c, x, wp);
    int straddles = arb_contains_zero(c);
    arb_clear(c);
    if (straddles)
        return _ng_expr_fail_undecided(what, e, "the cosine is zero");
    arb_tan(res, x, wp);
    return NG_STEP_OK;
}

/* sin, cos, tan of an argument near 2^k reduce it modulo π: its last bits
 * matter, so it is evaluated again with k more bits (1e999 needs ~3300).
 * Past NG_EXPR_MAX_REDUCTION_BITS the evaluation gives up, naming the
 * precision it would need. */
static ng_step trig_argument(arb_t res, slong *wp_arg, const ng_expr *e, const char *what,
                             slong wp)
{
    slong k;
    *wp_arg = wp;
    if (!arb_is_finite(res)) {
        /* 10^(10^100000): beyond arb_exp's range, so beyond any precision the
         * reduction could use; sin of it would be the useless [0 +/- 1]. */
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        _ng_expr_error(NG_ECOMPUTE, what,
                       "cannot evaluate %s: its argument cannot be bounded with ball "
                       "arithmetic at %ld bits of precision (it is beyond Arb's range), so "
                       "it cannot be reduced modulo pi",
                       t, (long)wp);
        return NG_STEP_GIVE_UP;
    }
    k = arf_abs_bound_lt_2exp_si(arb_midref(res));
    if (k <= 0)
        return NG_STEP_OK;
    if (k > WORD_MAX / 4) { /* arf_abs_bound_lt_2exp_si saturates */
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        _ng_expr_error(NG_ECOMPUTE, what,
                       "cannot evaluate %s: its argument exceeds 2^(2^60), and reducing it "
                       "modulo pi would need more bits of precision than that (at most %ld "
                       "are used)",
                       t, (long)NG_EXPR_MAX_REDUCTION_BITS);
        return NG_STEP_GIVE_UP;
    }
    if (k > NG_EXPR_MAX_REDUCTION_BITS - wp) {
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        _ng_expr_error(NG_ECOMPUTE, what,
                       "cannot evaluate %s: its argument is about 2^%ld, and reducing it "
                       "modulo pi would need about %ld bits of precision (at most %ld are "
                       "used)",
                       t, (long)k, (long)(k + wp), (long)NG_EXPR_MAX_REDUCTION_BITS);
        return NG_STEP_GIVE_UP;
    }
    *wp_arg = wp + k + 16;
    return ball_rec(res, e->arg[0], what, *wp_arg);
}

static ng_step ball_call(arb_t res, const ng_expr *e, const char *what, slong wp)
{
    ng_step s = ball_rec(res, e->arg[0], what, wp);
    if (s != NG_STEP_OK)
        return s;
    if (_ng_expr_is_trig(e->func)) {
        slong wp_arg;
        s = trig_argument(res, &wp_arg, e, what, wp);
        if (s != NG_STEP_OK)
            return s;
        if (wp_arg > wp) {
            s = ball_call_at(res, e, what, wp_arg);
            arb_set_round(res, res, wp);
            return s;
        }
    }
    return ball_call_at(res, e, what, wp);
}

/* The function of e applied to its argument's value res, at wp. */
static ng_step ball_call_at(arb_t res, const ng_expr *e, const char *what, slong wp)
{
    ng_step s = NG_STEP_OK;
    switch (e->func) {
    case NG_FUNC_SQRT:
        if (arb_is_nonnegative(res) || proved(e)) {
            /* Valid even for a ball reaching below 0 once x >= 0 is proved. */
            arb_sqrtpos(res, res, wp);
            return s;
        }
        if (arb_is_negative(res))
            return _ng_expr_fail_undefined(what, e, "sqrt needs a nonnegative argument");
        return _ng_expr_fail_undecided(what, e, "the argument is nonnegative");
    case NG_FUNC_LOG:
        if (arb_is_positive(res)) {
            arb_log(res, res, wp);
            return s;
        }
        if (arb_is_nonpositive(res))
            return _ng_expr_fail_undefined(what, e, "log needs a positive argument");
        return _ng_expr_fail_undecided(what, e, "the argument is positive");
    case NG_FUNC_ATANH:
        return ball_atanh(res, res, what, e, wp);
    case NG_FUNC_TAN:
        return ball_tan(res, res, what, e, wp);
    case NG_FUNC_EXP:
        arb_exp(res, res, wp);
        return s;
    case NG_FUNC_SIN:
        arb_sin(res, res, wp);
        return s;
    case NG_FUNC_COS:
        arb_cos(res, res, wp);
        return s;
    case NG_FUNC_TANH:
        arb_tanh(res, res, wp);
        return s;
    default:
        return _ng_expr_fail_undecided(what, e, "the function is known");
    }
}

static ng_step ball_rec(arb_t res, const ng_expr *e, const char *what, slong wp)
{
    what = _ng_expr_what(e, what);
    if (_ng_expr_known_rational(e)) {
        arb_set_fmpq(res, e->exact, wp);
        return NG_STEP_OK;
    }
    switch (e->kind) {
    case NG_EXPR_NUM:
        arb_set_fmpq(res, e->exact, wp);
        return NG_STEP_OK;
    case NG_EXPR_PI:
        arb_const_pi(res, wp);
        return NG_STEP_OK;
    case NG_EXPR_NEG: {
        ng_step s = ball_rec(res, e->arg[0], what, wp);
        arb_neg(res, res);
        return s;
    }
    case NG_EXPR_ADD:
    case NG_EXPR_SUB:
    case NG_EXPR_MUL:
    case NG_EXPR_DIV:
        return ball_binary(res, e, what, wp);
    case NG_EXPR_POW:
        return ball_pow(res, e, what, wp);
    case NG_EXPR_CALL:
        return ball_call(res, e, what, wp);
    default:
        return _ng_expr_fail_undefined(what, e, "it contains a free name");
    }
}

/* Proves domains and makes rational parts exact, where Calcium can. */
static ng_step analyse_for_balls(ng_expr *e)
{
    if (e->exact_state == NG_EXACT_DONE || e->gave_up)
        return NG_STEP_OK;
    ca_ctx_t ctx;
    ca_t x;
    _ng_ca_ctx_init(ctx);
    ca_init(x, ctx);
    ng_step s = _ng_expr_analyse(x, e, NULL, ctx);
    ca_clear(x, ctx);
    ca_ctx_clear(ctx);
    return s == NG_STEP_UNDEFINED ? s : NG_STEP_OK;
}

ng_status _ng_expr_eval_ball(arb_t res, const ng_expr *e, slong prec)
{
    enum { ATTEMPTS = 5 }; /* working precision up to 16 times the target */
    const char *what = e->what;
    char t[128];

    if (!e->closed) {
        _ng_expr_excerpt(t, sizeof t, e);
        return _ng_expr_error(NG_EINPUT, what,
                              "%s contains the free name '%s'; a ball needs a number", t,
                              _ng_expr_first_name(e));
    }
    if (analyse_for_balls((ng_expr *)e) == NG_STEP_UNDEFINED)
        return NG_EINPUT;
    if (_ng_expr_known_rational(e)) {
        arb_set_fmpq(res, e->exact, prec);
        return NG_OK;
    }

    arb_t y;
    arb_init(y);
    ng_status status = NG_ECOMPUTE;
    slong wp = FLINT_MAX(prec, 2) + 32;
    for (int i = 0; i < ATTEMPTS; i++, wp *= 2) {
        ng_step s = ball_rec(y, e, what, wp);
        if (s == NG_STEP_UNDEFINED) {
            status = NG_EINPUT;
            break;
        }
        if (s == NG_STEP_OK && !arb_is_finite(y)) {
            _ng_expr_excerpt(t, sizeof t, e);
            _ng_expr_error(NG_ECOMPUTE, what,
                           "cannot enclose %s: it overflows or loses all accuracy at "
                           "%ld bits",
                           t, wp);
        } else if (s == NG_STEP_OK &&
                   (arb_rel_accuracy_bits(y) >= prec || i == ATTEMPTS - 1)) {
            /* Sharp enough, or as sharp as the attempts allow (sin of a huge
             * argument): the ball is a valid enclosure either way. */
            arb_set_round(res, y, prec);
            status = NG_OK;
            break;
        }
    }
    arb_clear(y);
    return status;
}
