/* Evaluation into a ring: the tightest exact domain or certified balls. */
#include "expr_internal.h"

static ng_status eval_qq(fmpq_t res, const ng_expr *e)
{
    ng_expr_domain d;
    char t[128];
    ng_status status = ng_expr_classify(&d, e);
    if (status != NG_OK)
        return status;
    _ng_expr_excerpt(t, sizeof t, e);
    if (d == NG_EXPR_SYMBOLIC)
        return _ng_expr_error(NG_EINPUT, e->what,
                              "%s contains the free name '%s'; an exact rational needs "
                              "a number",
                              t, _ng_expr_first_name(e));
    if (d == NG_EXPR_REAL)
        return _ng_expr_error(NG_EINPUT, e->what,
                              "%s is irrational, so it has no exact rational value "
                              "(evaluate with balls instead)",
                              t);
    fmpq_set(res, e->exact);
    return NG_OK;
}

ng_status ng_expr_eval(ng_ptr res, const ng_expr *e, const ng_ring_t R)
{
    if (e == NULL)
        return ng_error(NG_EINPUT, "no expression given");
    switch (R->kind) {
    case NG_QQ:
        return eval_qq((fmpq *)res, e);
    case NG_QQ_PARAMS:
        return _ng_expr_eval_params(res, e, R); /* Q(params): an fmpz_mpoly_q */
    default: {
        arb_t y;
        arb_init(y);
        ng_status status = _ng_expr_eval_ball(y, e, R->prec);
        if (status == NG_OK)
            arb_swap((arb_struct *)res, y);
        arb_clear(y);
        return status;
    }
    }
}
