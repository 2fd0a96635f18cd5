/* Classification: rational, real, or symbolic — the tightest domain of
 * DESIGN §3 that holds an expression — and the exact rational value. */
#include "expr_internal.h"

ng_status _ng_expr_classify(ng_expr_domain *d, const ng_expr *e, const char *what)
{
    /* The cache lives in the nodes: classification is logically const. */
    ng_expr *m = (ng_expr *)e;

    if (e == NULL)
        return _ng_expr_error(NG_EINPUT, what, "no expression given");
    what = _ng_expr_what(e, what);
    if (!e->closed) {
        /* Undefined closed parts (a + 1/0) are reported now, not at use. */
        if (_ng_expr_analyse_closed_parts(m, what) == NG_STEP_UNDEFINED)
            return NG_EINPUT;
        *d = NG_EXPR_SYMBOLIC;
        return NG_OK;
    }
    ng_status status = _ng_expr_classify_closed(m, what);
    if (status != NG_OK)
        return status;
    *d = (e->rational == T_TRUE) ? NG_EXPR_RATIONAL : NG_EXPR_REAL;
    return NG_OK;
}

ng_status ng_expr_classify(ng_expr_domain *d, const ng_expr *e)
{
    return _ng_expr_classify(d, e, NULL);
}

ng_status ng_expr_get_fmpq(fmpq_t res, const ng_expr *e)
{
    ng_expr_domain d;
    ng_status status = ng_expr_classify(&d, e);
    if (status != NG_OK)
        return status;
    if (d != NG_EXPR_RATIONAL) {
        char t[128];
        _ng_expr_excerpt(t, sizeof t, e);
        if (d == NG_EXPR_SYMBOLIC)
            return _ng_expr_error(NG_EINPUT, e->what,
                                  "%s contains the free name '%s', so it has no "
                                  "rational value",
                                  t, _ng_expr_first_name(e));
        return _ng_expr_error(NG_EINPUT, e->what, "%s is irrational", t);
    }
    fmpq_set(res, e->exact);
    return NG_OK;
}
