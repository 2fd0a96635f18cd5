/* Evaluation into rational functions of named parameters (NG_QQ_PARAMS).
 *
 * Closed parts must be rational (classified exactly); names are the ring's
 * generators; sin, cos, tan of a bare name θ are the rational functions of
 * u = u_θ = tan(θ/2) given by the half-angle substitution:
 *     cos θ = (1 - u²)/(1 + u²),  sin θ = 2u/(1 + u²),  tan θ = 2u/(1 - u²).
 * Products and powers are checked against a work bound first, since
 * ((a+b+c)^100)^100 is a short input. */
#include <stdio.h>
#include <string.h>

#include "expr_internal.h"

typedef fmpz_mpoly_q_struct *rf_ptr;

static slong rf_terms(const fmpz_mpoly_q_t f, const ng_ring_t R)
{
    return fmpz_mpoly_length(fmpz_mpoly_q_numref(f), R->mctx) +
           fmpz_mpoly_length(fmpz_mpoly_q_denref(f), R->mctx);
}

/* Work of a product or a sum of two fractions ~ product of term counts. */
static ng_status check_work(const fmpz_mpoly_q_t a, const fmpz_mpoly_q_t b,
                            const ng_expr *e, const char *what, const ng_ring_t R)
{
    slong ta = rf_terms(a, R), tb = rf_terms(b, R);
    if (ta > NG_EXPR_MAX_PARAM_TERMS || tb > NG_EXPR_MAX_PARAM_TERMS ||
        (double)ta * (double)tb > NG_EXPR_MAX_PARAM_WORK) {
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        return _ng_expr_error(NG_ECOMPUTE, what,
                              "%s is too large to expand as a rational function", t);
    }
    return NG_OK;
}

static ng_status params_rec(rf_ptr res, const ng_expr *e, const ng_ring_t R,
                            const char *what);

static ng_status not_a_parameter(const char *what, const char *name, const ng_ring_t R)
{
    char list[256];
    size_t j = 0;
    list[0] = '\0';
    for (slong i = 0; i < R->nvars && j + 2 < sizeof list; i++)
        j += (size_t)snprintf(list + j, sizeof list - j, "%s%s", i ? ", " : "",
                              R->names[i]);
    return _ng_expr_error(NG_EINPUT, what,
                          "the name '%s' is not a parameter of the ring (parameters: %s)",
                          name, R->nvars ? list : "none");
}

static ng_status params_name(rf_ptr res, const char *name, const ng_ring_t R,
                             const char *what)
{
    slong i = ng_ring_param_index(R, name);
    if (i < 0)
        return not_a_parameter(what, name, R);
    fmpz_mpoly_q_gen(res, i, R->mctx);
    return NG_OK;
}

/* sin, cos or tan of the bare name θ, through u_θ = tan(θ/2). */
static ng_status params_trig(rf_ptr res, const ng_expr *call, const ng_ring_t R,
                             const char *what)
{
    const char *theta = call->arg[0]->name;
    size_t len = strlen(theta);
    char *uname = flint_malloc(len + 3);
    memcpy(uname, "u_", 2);
    memcpy(uname + 2, theta, len + 1);
    ng_status status = params_name(res, uname, R, what);
    flint_free(uname);
    if (status != NG_OK)
        return status;

    fmpz_mpoly_q_t u2, one_plus, one_minus;
    fmpz_mpoly_q_init(u2, R->mctx);
    fmpz_mpoly_q_init(one_plus, R->mctx);
    fmpz_mpoly_q_init(one_minus, R->mctx);
    fmpz_mpoly_q_mul(u2, res, res, R->mctx);
    fmpz_mpoly_q_one(one_plus, R->mctx);
    fmpz_mpoly_q_add(one_plus, one_plus, u2, R->mctx);
    fmpz_mpoly_q_one(one_minus, R->mctx);
    fmpz_mpoly_q_sub(one_minus, one_minus, u2, R->mctx);
    switch (call->func) {
    case NG_FUNC_COS:
        fmpz_mpoly_q_div(res, one_minus, one_plus, R->mctx);
        break;
    case NG_FUNC_SIN:
        fmpz_mpoly_q_add(res, res, res, R->mctx);
        fmpz_mpoly_q_div(res, res, one_plus, R->mctx);
        break;
    default: /* tan; 1 - u² is a nonzero polynomial */
        fmpz_mpoly_q_add(res, res, res, R->mctx);
        fmpz_mpoly_q_div(res, res, one_minus, R->mctx);
        break;
    }
    fmpz_mpoly_q_clear(u2, R->mctx);
    fmpz_mpoly_q_clear(one_plus, R->mctx);
    fmpz_mpoly_q_clear(one_minus, R->mctx);
    return NG_OK;
}

static ng_status divide(rf_ptr res, const fmpz_mpoly_q_t a, const fmpz_mpoly_q_t b,
                        const ng_expr *e, const ng_expr *divisor, const ng_ring_t R,
                        const char *what)
{
    if (fmpz_mpoly_q_is_zero(b, R->mctx)) {
        char t[128], d[128];
        _ng_expr_excerpt(t, sizeof t, e);
        _ng_expr_excerpt(d, sizeof d, divisor);
        return _ng_expr_error(NG_EINPUT, what, "%s divides by zero: %s is identically 0",
                              t, d);
    }
    fmpz_mpoly_q_div(res, a, b, R->mctx);
    return NG_OK;
}

static ng_status params_binary(rf_ptr res, const ng_expr *e, const ng_ring_t R,
                               const char *what)
{
    fmpz_mpoly_q_t b;
    fmpz_mpoly_q_init(b, R->mctx);
    ng_status status = params_rec(res, e->arg[0], R, what);
    if (status == NG_OK)
        status = params_rec(b, e->arg[1], R, what);
    if (status == NG_OK)
        status = check_work(res, b, e, what, R);
    if (status == NG_OK) {
        switch (e->kind) {
        case NG_EXPR_ADD:
            fmpz_mpoly_q_add(res, res, b, R->mctx);
            break;
        case NG_EXPR_SUB:
            fmpz_mpoly_q_sub(res, res, b, R->mctx);
            break;
        case NG_EXPR_MUL:
            fmpz_mpoly_q_mul(res, res, b, R->mctx);
            break;
        default:
            status = divide(res, res, b, e, e->arg[1], R, what);
            break;
        }
    }
    fmpz_mpoly_q_clear(b, R->mctx);
    return status;
}

/* base^|n| by squaring, with the work bound checked before every product. */
static ng_status params_pow(rf_ptr res, const ng_expr *e, const ng_ring_t R,
                            const char *what)
{
    slong n;
    ng_status status = _ng_expr_integer_exponent(&n, e, what);
    if (status == NG_OK)
        status = params_rec(res, e->arg[0], R, what);
    if (status != NG_OK)
        return status;

    fmpz_mpoly_q_t base, acc;
    fmpz_mpoly_q_init(base, R->mctx);
    fmpz_mpoly_q_init(acc, R->mctx);
    fmpz_mpoly_q_swap(base, res, R->mctx);
    fmpz_mpoly_q_one(acc, R->mctx);
    for (ulong m = (ulong)FLINT_ABS(n); m != 0 && status == NG_OK; m >>= 1) {
        if (m & 1) {
            status = check_work(acc, base, e, what, R);
            if (status == NG_OK)
                fmpz_mpoly_q_mul(acc, acc, base, R->mctx);
        }
        if (m > 1 && status == NG_OK) {
            status = check_work(base, base, e, what, R);
            if (status == NG_OK)
                fmpz_mpoly_q_mul(base, base, base, R->mctx);
        }
    }
    if (status == NG_OK && n < 0) {
        fmpz_mpoly_q_one(base, R->mctx);
        status = divide(acc, base, acc, e, e->arg[0], R, what);
    }
    if (status == NG_OK)
        fmpz_mpoly_q_swap(res, acc, R->mctx);
    fmpz_mpoly_q_clear(base, R->mctx);
    fmpz_mpoly_q_clear(acc, R->mctx);
    return status;
}

static ng_status params_closed(rf_ptr res, const ng_expr *e, const ng_ring_t R,
                               const char *what)
{
    ng_expr_domain d;
    ng_status status = _ng_expr_classify(&d, e, what);
    if (status != NG_OK)
        return status;
    if (d != NG_EXPR_RATIONAL) {
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        return _ng_expr_error(NG_EINPUT, what,
                              "%s is irrational, so it cannot enter an exact rational "
                              "function (evaluate with balls instead)",
                              t);
    }
    fmpz_mpoly_q_set_fmpq(res, e->exact, R->mctx);
    return NG_OK;
}

static ng_status params_rec(rf_ptr res, const ng_expr *e, const ng_ring_t R,
                            const char *what)
{
    ng_status status;
    what = _ng_expr_what(e, what);
    if (e->closed)
        return params_closed(res, e, R, what);
    switch (e->kind) {
    case NG_EXPR_NAME:
        return params_name(res, e->name, R, what);
    case NG_EXPR_NEG:
        status = params_rec(res, e->arg[0], R, what);
        if (status == NG_OK)
            fmpz_mpoly_q_neg(res, res, R->mctx);
        return status;
    case NG_EXPR_POW:
        return params_pow(res, e, R, what);
    case NG_EXPR_CALL:
        status = _ng_expr_check_symbolic_call(e, what);
        if (status != NG_OK)
            return status;
        return params_trig(res, e, R, what);
    default:
        return params_binary(res, e, R, what);
    }
}

ng_status _ng_expr_eval_params(fmpz_mpoly_q_t res, const ng_expr *e, const ng_ring_t R)
{
    fmpz_mpoly_q_t t;
    fmpz_mpoly_q_init(t, R->mctx);
    /* Into a temporary: on failure res keeps its value. */
    ng_status status = params_rec(t, e, R, NULL);
    if (status == NG_OK)
        fmpz_mpoly_q_swap(res, t, R->mctx);
    fmpz_mpoly_q_clear(t, R->mctx);
    return status;
}
